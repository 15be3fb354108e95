"""Training packages and sessions: the catalogue, a package, sessions with participants, the feedback link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.permissions import ADD, CHANGE, VIEW, can, could, get_object_for
from creativepoles.learning.forms import FeedbackForm, MaterialForm, PackageForm, SessionForm
from creativepoles.learning.models import (
    Case,
    Course,
    PackageMaterial,
    Participant,
    TrainingPackage,
    TrainingSession,
    session_summary,
)
from creativepoles.learning.services import packages as services


def index(request: HttpRequest) -> HttpResponse:
    """The learning catalogue: packages, the course, the latest sessions the user may see, the library."""
    packages = TrainingPackage.objects.for_user(request.user).select_related("organisation__city")[:100]
    return render(request, "learning/index.html", {
        "packages": packages, "courses": Course.objects.for_user(request.user),
        "sessions": TrainingSession.objects.for_user(request.user).select_related("package", "city")[:20],
        "cases": Case.objects.for_user(request.user).select_related("city")[:6],
        "can_record": could(request.user, ADD, TrainingSession),
        "can_add_package": could(request.user, ADD, TrainingPackage),
    })


def package_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One package version: outcomes, modules, materials, trainers' organisation, other versions."""
    package = get_object_or_404(TrainingPackage.objects.for_user(request.user).select_related("organisation"), pk=pk)
    versions = TrainingPackage.objects.for_user(request.user).filter(family=package.family_id).exclude(pk=package.pk)
    return render(request, "learning/package_detail.html", {
        "package": package, "modules": package.modules.all(), "versions": versions,
        "materials": PackageMaterial.objects.for_user(request.user).filter(package=package),
        "can_change": can(request.user, CHANGE, package), "material_form": MaterialForm(),
    })


@login_required
def package_create(request: HttpRequest) -> HttpResponse:
    """Start a package: its first version is a draft of an organisation the user may add packages for."""
    if not could(request.user, ADD, TrainingPackage):
        raise PermissionDenied
    form = PackageForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            package = services.create_package(request.user, trainers=[request.user], **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Package saved as a draft."))
            return HttpResponseRedirect(package.get_absolute_url())
    return render(request, "learning/package_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def material_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a file to a package version the user may change."""
    package = get_object_for(request.user, CHANGE, TrainingPackage.objects.all(), pk=pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_material(request.user, package, form.cleaned_data["title"], form.cleaned_data["file"])
        except DomainError as error:
            add_domain_error(form, error)
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, _("File added."))
    return HttpResponseRedirect(package.get_absolute_url())


@login_required
@require_POST
def package_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Publish a draft version, or start the next version of a package."""
    if action not in ("publish", "new-version"):
        raise Http404
    package = get_object_for(request.user, CHANGE, TrainingPackage.objects.all(), pk=pk)
    try:
        if action == "publish":
            services.publish_package(request.user, package)
            messages.success(request, _("Package published."))
        else:
            package = services.new_version(request.user, package)
            messages.success(request, _("New draft version started."))
    except DomainError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(package.get_absolute_url())


def material(request: HttpRequest, pk: int, material_pk: int) -> FileResponse:
    """Serve a material through its policy (public with a published package, else its organisation)."""
    package = get_object_or_404(TrainingPackage.objects.for_user(request.user), pk=pk)
    item = get_object_or_404(PackageMaterial.objects.for_user(request.user).filter(package=package), pk=material_pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=(item.file.name or "material").rsplit("/", 1)[-1])


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    """Sessions of the user's cities and those they train."""
    sessions = TrainingSession.objects.for_user(request.user).select_related("package", "city")
    city = request.GET.get("city", "")
    if city:
        sessions = sessions.filter(city__slug=city)
    sessions = sessions[:300]
    return render(request, "learning/session_list.html", {
        "sessions": sessions, "can_record": could(request.user, ADD, TrainingSession)})


@login_required
def session_form(request: HttpRequest) -> HttpResponse:
    """Record a held session (the hours count toward the city's indicator)."""
    if not could(request.user, ADD, TrainingSession):
        raise PermissionDenied
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data["counted_participants"] = data.get("counted_participants") or 0
            session = services.record_session(request.user, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Session recorded."))
            return HttpResponseRedirect(session.get_absolute_url())
    return render(request, "learning/session_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A session: hours, counts and ratings; its participants only to its trainers (and the managers)."""
    session = get_object_for(request.user, VIEW, TrainingSession.objects.select_related("package", "city"), pk=pk)
    participants = Participant.objects.for_user(request.user).filter(session=session)
    can_change = can(request.user, CHANGE, session)
    return render(request, "learning/session_detail.html", {
        "session": session, "summary": session_summary(session), "participants": participants,
        "can_change": can_change,
        "feedback_link": request.build_absolute_uri(session.feedback_url()) if can_change else "",
    })


@login_required
@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Register a participant and record who attended."""
    session = get_object_for(request.user, CHANGE, TrainingSession.objects.all(), pk=pk)
    try:
        name = request.POST.get("name", "").strip()
        if name:
            services.add_participant(request.user, session, name[:200])
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit() and len(v) < 18}
        counted = request.POST.get("counted", "")
        services.mark_attendance(request.user, session, present,
                                 int(counted) if counted.isdigit() and len(counted) < 9 else None)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Attendance saved."))
    return HttpResponseRedirect(reverse("learning:session-detail", args=[session.pk]))


def feedback(request: HttpRequest, token: str) -> HttpResponse:
    """The feedback link participants get after a session: a rating from 1 to 5 and a comment."""
    session = get_object_or_404(TrainingSession.objects.select_related("package"), feedback_token=token)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(token, form.cleaned_data["rating"], form.cleaned_data["comment"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return render(request, "learning/feedback.html", {"session": session, "thanks": True})
    return render(request, "learning/feedback.html", {"session": session, "form": form},
                  status=400 if request.method == "POST" else 200)
