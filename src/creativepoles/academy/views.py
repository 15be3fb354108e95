"""Academy pages: the call, applying, reviewing, the selection with its reasons, teams. Thin: services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from creativepoles.academy import services
from creativepoles.academy.forms import (
    AnnounceForm,
    ApplicationForm,
    ConflictForm,
    EditionForm,
    OverrideForm,
    ReviewForm,
    TeamForm,
)
from creativepoles.academy.models import Application, Edition, Review, Status, Team
from creativepoles.analysis import selection as opt
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import ADD, CHANGE, CONTROL, EVIDENCE, VIEW, can, could, get_object_for, targets

REASONS = {
    opt.BY_SCORE: gettext_lazy("Selected: among the highest scores the rules allow."),
    opt.BY_MINIMUM: gettext_lazy("Selected to meet the country minimum, although a higher score was left out."),
    opt.COUNTRY_FULL: gettext_lazy("Not selected: the country's maximum is reached."),
    opt.BELOW_CUTOFF: gettext_lazy("Not selected: the places went to higher scores or to meet country minimums."),
    "override": gettext_lazy("Decided by the manager (see the reason)."),
    "promoted": gettext_lazy("Selected from the waiting list when a place became free."),
}
CAUSES = {
    "applications": gettext_lazy("too few applications from this country"),
    "capacity": gettext_lazy("the country minimums together exceed the places"),
}


def edition_list(request: HttpRequest) -> HttpResponse:
    """The editions the user may see, newest first."""
    editions = Edition.objects.for_user(request.user).select_related("city")
    return render(request, "academy/edition_list.html", {"editions": editions,
                                                          "can_add": could(request.user, ADD, Edition)})


def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The call in the reader's language, the deadline in the host city's time, and what the user can do."""
    edition = get_object_for(request.user, VIEW, Edition.objects.select_related("city"), pk=pk)
    mine = None
    if request.user.is_authenticated:
        mine = Application.objects.filter(edition=edition, applicant=request.user).first()
    return render(request, "academy/edition_detail.html", {
        "edition": edition, "call_text": edition.call_text(translation.get_language() or "en"),
        "is_open": edition.is_open(timezone.now()), "mine": mine, "manages": can(request.user, CONTROL, edition),
        "can_change": can(request.user, CHANGE, edition),
        "venue": services.venue_link(edition, request.user),
    })


@login_required
def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply to an open call."""
    edition = get_object_for(request.user, VIEW, Edition.objects.select_related("city"), pk=pk)
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply(request.user, edition, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your application is in. A confirmation is on its way by e-mail."))
            return HttpResponseRedirect(application.get_absolute_url())
    return render(request, "academy/application_form.html", {"form": form, "edition": edition},
                  status=400 if request.method == "POST" else 200)


def _application(request: HttpRequest, pk: int, action: str = VIEW) -> Application:
    return get_object_for(request.user, action, Application.objects.select_related("edition__city", "applicant"),
                          pk=pk)


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An application as its applicant, its reviewers or the edition's managers may see it."""
    application = _application(request, pk)
    edition = application.edition
    manages = can(request.user, CONTROL, application)
    reviews = list(application.reviews.all()) if manages else []
    my_review = application.reviews.filter(reviewer=request.user).first() if request.user.is_authenticated else None
    return render(request, "academy/application_detail.html", {
        "application": application, "edition": edition, "manages": manages, "reviews": reviews,
        "my_review": my_review, "is_open": edition.is_open(timezone.now()),
        "owns": application.applicant_id == request.user.pk, "override_form": OverrideForm(),
        "spread": services.disagreement(application, reviews) if manages else None,
        "reason": REASONS.get(application.reason, ""),
    })


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an application until the deadline."""
    application = _application(request, pk, CHANGE)
    form = ApplicationForm(request.POST or None, request.FILES or None, instance=Application.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_application(request.user, application, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Application saved."))
            return HttpResponseRedirect(application.get_absolute_url())
    return render(request, "academy/application_form.html", {"form": form, "edition": application.edition,
                                                             "application": application},
                  status=400 if request.method == "POST" else 200)


def _post_action(request: HttpRequest, pk: int, action: str, run: Any, done: str) -> HttpResponse:
    application = _application(request, pk, action)
    try:
        run(application)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return HttpResponseRedirect(application.get_absolute_url())


@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an application."""
    return _post_action(request, pk, CHANGE, lambda a: services.withdraw(request.user, a),
                        _("The application is withdrawn."))


@require_POST
def application_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Decline a place: it goes to the next on the waiting list."""
    return _post_action(request, pk, CHANGE, lambda a: services.decline(request.user, a),
                        _("You declined the place. Thank you for telling us."))


@require_POST
def application_override(request: HttpRequest, pk: int) -> HttpResponse:
    """Override the selection for one applicant, with the reason recorded."""
    form = OverrideForm(request.POST)
    if not form.is_valid():
        application = _application(request, pk, CONTROL)
        messages.error(request, _("Choose a decision and say why."))
        return HttpResponseRedirect(application.get_absolute_url())
    data = form.cleaned_data
    return _post_action(request, pk, CONTROL,
                        lambda a: services.override(request.user, a, data["status"], data["reason"]),
                        _("The decision is recorded with its reason."))


def application_file(request: HttpRequest, pk: int) -> FileResponse:
    """The portfolio file, only to those who may see the application."""
    application = _application(request, pk, EVIDENCE)
    if not application.portfolio_file:
        raise Http404
    return FileResponse(application.portfolio_file.open("rb"), as_attachment=True, filename="portfolio.pdf")


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """The reviewer's assignments (never an application they conflict with) and their conflict declarations."""
    reviews = (Review.objects.for_user(request.user, CHANGE)
               .select_related("application__edition__city").order_by("submitted_at", "pk"))
    return render(request, "academy/review_list.html", {"reviews": reviews})


@login_required
def review_form(request: HttpRequest, pk: int) -> HttpResponse:
    """Score an assigned application by the rubric."""
    review = get_object_for(request.user, CHANGE, Review.objects.select_related("application__edition"), pk=pk)
    rubric = review.application.edition.criteria()
    initial = {f"score_{k}": v for k, v in (review.scores or {}).items()} | {"comment": review.comment}
    form = ReviewForm(request.POST or None, rubric=rubric, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.score_review(request.user, review, form.scores(), form.cleaned_data["comment"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Scores saved."))
            return HttpResponseRedirect(reverse_reviews())
    return render(request, "academy/review_form.html", {"form": form, "review": review,
                                                        "application": review.application},
                  status=400 if request.method == "POST" else 200)


def reverse_reviews() -> str:
    from django.urls import reverse

    return reverse("academy:review-list")


@login_required
def conflict_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer declares a conflict of interest; matching assignments are withdrawn at once."""
    edition = get_object_for(request.user, VIEW, Edition.objects.select_related("city"), pk=pk)
    assigned = Application.objects.for_user(request.user).filter(edition=edition, reviews__reviewer_id=request.user.pk)
    form = ConflictForm(request.POST or None, applications=assigned)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflict(request.user, edition, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Conflict declared: you no longer review the applications it concerns."))
            return HttpResponseRedirect(reverse_reviews())
    return render(request, "academy/conflict_form.html", {"form": form, "edition": edition},
                  status=400 if request.method == "POST" else 200)


def _managed(request: HttpRequest, pk: int) -> Edition:
    return get_object_for(request.user, CONTROL, Edition.objects.select_related("city"), pk=pk)


def edition_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """All applications with their reviews, scores and disagreement flags."""
    edition = _managed(request, pk)
    applications = list(edition.applications.select_related("home_city").prefetch_related(
        "reviews").order_by("-score", "name"))
    rows = [(a, list(a.reviews.all()), services.disagreement(a, list(a.reviews.all()))) for a in applications]
    return render(request, "academy/edition_manage.html", {"edition": edition, "rows": rows})


@require_POST
def edition_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign reviewers automatically (two per application, balanced, no conflicts)."""
    edition = _managed(request, pk)
    result = services.assign_reviewers(request.user, edition)
    messages.success(request, _("%(assigned)s assignments made; %(missing)s missing for want of reviewers "
                                "without a conflict.") % result)
    return HttpResponseRedirect(f"/academy/{edition.pk}/manage/")


def edition_selection(request: HttpRequest, pk: int) -> HttpResponse:
    """The selection: who is in, the waiting list, and why; rules that fail; run, override and announce."""
    edition = _managed(request, pk)
    if request.method == "POST":
        try:
            services.run_selection(request.user, edition)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Selection computed."))
        return HttpResponseRedirect(f"/academy/{edition.pk}/selection/")
    rows = list(edition.applications.exclude(status=Status.WITHDRAWN).order_by("status", "waiting_rank", "-score"))
    rules = {r["country"]: r for r in edition.country_rules}
    counts: dict[str, int] = {}
    for a in rows:
        if a.status == Status.SELECTED:
            counts[a.country] = counts.get(a.country, 0) + 1
    return render(request, "academy/edition_selection.html", {
        "edition": edition, "is_open": edition.is_open(timezone.now()),
        "selected": [(a, REASONS.get(a.reason, "")) for a in rows if a.status == Status.SELECTED],
        "waiting": [(a, REASONS.get(a.reason, "")) for a in rows if a.status == Status.WAITING],
        "others": [(a, REASONS.get(a.reason, "")) for a in rows
                   if a.status not in (Status.SELECTED, Status.WAITING)],
        "shortfalls": [{**s, "cause_text": CAUSES.get(s["cause"], "")} for s in edition.shortfalls],
        "rules": [(c, r.get("minimum", 0), r.get("maximum"), counts.get(c, 0)) for c, r in sorted(rules.items())],
        "announce_form": AnnounceForm(),
    })


@require_POST
def edition_announce(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the outcome e-mails (a relaxed selection needs its recorded reason)."""
    edition = _managed(request, pk)
    form = AnnounceForm(request.POST)
    reason = form.cleaned_data["relaxation_reason"] if form.is_valid() else ""
    try:
        told = services.announce_selection(request.user, edition, reason)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(n)s applicants are being told by e-mail.") % {"n": told})
    return HttpResponseRedirect(f"/academy/{edition.pk}/selection/")


def edition_teams(request: HttpRequest, pk: int) -> HttpResponse:
    """The participants' teams across countries; the managers form them."""
    edition = get_object_for(request.user, VIEW, Edition.objects.select_related("city"), pk=pk)
    manages = can(request.user, CONTROL, edition)
    if request.method == "POST":
        if not manages:
            raise Http404
        try:
            services.form_teams(request.user, edition)
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(f"/academy/{edition.pk}/teams/")
    teams = Team.objects.for_user(request.user).filter(edition=edition).prefetch_related("members")
    return render(request, "academy/edition_teams.html", {"edition": edition, "teams": teams, "manages": manages})


@login_required
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's project: title, brief, outcome and feedback."""
    team = get_object_for(request.user, CHANGE, Team.objects.select_related("edition"), pk=pk)
    form = TeamForm(request.POST or None, instance=Team.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_team(request.user, team, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Team saved."))
            return HttpResponseRedirect(f"/academy/{team.edition_id}/teams/")
    return render(request, "academy/team_form.html", {"form": form, "team": team},
                  status=400 if request.method == "POST" else 200)


def _edition_form(request: HttpRequest, edition: Edition | None) -> HttpResponse:
    from creativepoles.spaces.services.venues import venue_choices

    action = ADD if edition is None else CHANGE
    cities = targets(request.user, action, Edition, "city", City.objects.all())
    form = EditionForm(request.POST or None, cities=cities, venues=venue_choices(request.user), edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            if edition is None:
                edition = services.create_edition(request.user, **form.data_for_service())
            else:
                services.update_edition(request.user, edition, **form.data_for_service())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Edition saved."))
            return HttpResponseRedirect(edition.get_absolute_url())
    return render(request, "academy/edition_form.html", {"form": form, "edition": edition},
                  status=400 if request.method == "POST" else 200)


@login_required
def edition_create(request: HttpRequest) -> HttpResponse:
    """Open a new edition in a city the user runs."""
    if not could(request.user, ADD, Edition):
        raise PermissionDenied
    return _edition_form(request, None)


@login_required
def edition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an edition's call, dates, places, rubric and rules."""
    edition = get_object_for(request.user, CHANGE, Edition.objects.select_related("city"), pk=pk)
    return _edition_form(request, Edition.objects.get(pk=edition.pk))
