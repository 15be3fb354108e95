"""Pilot projects and their milestones: add and change them (city editors for their city, managers for all)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import ADD, CHANGE, get_object_for, targets
from creativepoles.programme.forms import MilestoneForm, PilotForm
from creativepoles.programme.models import Milestone, PilotProject, Project
from creativepoles.programme.services import records


def _project(request: HttpRequest, acronym: str) -> Project:
    return get_object_or_404(Project.objects.for_user(request.user), acronym=acronym)


def _cities(request: HttpRequest, project: Project, action: str) -> Any:
    """The partner cities where this user may run pilots."""
    cities = City.objects.filter(organisations__partnerships__project=project).distinct().order_by("name_en")
    return targets(request.user, action, PilotProject, "city", cities)


def _changes(form: Any) -> dict[str, Any]:
    """The form's values for a service; a file field is passed only when a new file was uploaded."""
    data = dict(form.cleaned_data)
    for name in ("evidence",):
        if name in data and name not in form.files:
            data.pop(name)
    return data


def _form_page(request: HttpRequest, project: Project, form: Any, heading: str, back: str) -> HttpResponse:
    return render(request, "programme/record_form.html",
                  {"project": project, "form": form, "heading": heading, "back": back},
                  status=400 if request.method == "POST" else 200)


@login_required
def pilot_create(request: HttpRequest, acronym: str) -> HttpResponse:
    """Start a pilot in one of the cities the user may write."""
    project = _project(request, acronym)
    cities = _cities(request, project, ADD)
    if not cities.exists():
        raise PermissionDenied
    form = PilotForm(request.POST or None, request.FILES or None)
    form.fields["city"].queryset = cities  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            records.add_pilot(request.user, project, **_changes(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Pilot project saved."))
            return HttpResponseRedirect(reverse("programme:pilots", args=[acronym]))
    return _form_page(request, project, form, _("New pilot project"), reverse("programme:pilots", args=[acronym]))


@login_required
def pilot_edit(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """Change a pilot: status, budget, description, site and evidence."""
    project = _project(request, acronym)
    pilot = get_object_for(request.user, CHANGE, PilotProject.objects.filter(project=project), pk=pk)
    form = PilotForm(request.POST or None, request.FILES or None,
                     instance=PilotProject.objects.get(pk=pilot.pk))
    form.fields["city"].queryset = _cities(request, project, CHANGE)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            records.update_pilot(request.user, pilot, **_changes(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Pilot project saved."))
            return HttpResponseRedirect(reverse("programme:pilots", args=[acronym]))
    return _form_page(request, project, form, _("Edit pilot project"), reverse("programme:pilots", args=[acronym]))


@login_required
def milestone_edit(request: HttpRequest, acronym: str, pk: int, milestone: int | None = None) -> HttpResponse:
    """Add a milestone to a pilot, or change one (reschedule it, mark it done)."""
    project = _project(request, acronym)
    pilot = get_object_for(request.user, CHANGE, PilotProject.objects.filter(project=project), pk=pk)
    instance = get_object_or_404(Milestone, pk=milestone, pilot=pilot) if milestone is not None else None
    form = MilestoneForm(request.POST or None, instance=Milestone.objects.get(pk=instance.pk) if instance else None)
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                records.add_milestone(request.user, pilot, **form.cleaned_data)
            else:
                records.update_milestone(request.user, instance, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Milestone saved."))
            return HttpResponseRedirect(reverse("programme:pilots", args=[acronym]))
    heading = _("New milestone") if instance is None else _("Edit milestone")
    return _form_page(request, project, form, f"{heading} · {pilot.title}",
                      reverse("programme:pilots", args=[acronym]))
