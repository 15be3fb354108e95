"""Partners, indicators, charter, pilots and the money history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core import links
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City, Organisation
from creativepoles.core.permissions import ADD, targets
from creativepoles.programme import figures
from creativepoles.programme.forms import IndicatorValueForm, SignatoryForm
from creativepoles.programme.models import (
    CostCategory,
    Indicator,
    IndicatorValue,
    Partner,
    PilotProject,
    Project,
    Signatory,
)
from creativepoles.programme.services import indicators as indicator_services
from creativepoles.programme.services import records


def figures_cities(project: Project) -> Any:
    """The project's partner cities as a queryset."""
    return City.objects.filter(organisations__partnerships__project=project).distinct().order_by("name_en")


def _project(request: HttpRequest, acronym: str) -> Project:
    return get_object_or_404(Project.objects.for_user(request.user), acronym=acronym)


@login_required
def partner_detail(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """A partner's budget by category and period against spending, and its co-financing."""
    project = _project(request, acronym)
    partner = get_object_or_404(Partner.objects.for_user(request.user), pk=pk, project=project)
    money = figures.partner_money(project, Partner.objects.filter(pk=partner.pk))[0]
    return render(request, "programme/partner_detail.html", {
        "project": project, "partner": partner, "m": money, "categories": CostCategory.choices,
        "warn": settings.SPENDING_WARN_PERCENT, "over": settings.SPENDING_ALERT_PERCENT,
        "reports": partner.reports.select_related("period"),
        "history": partner.budget_lines.model.history.filter(partner_id=partner.pk)
        .select_related("history_user").order_by("-history_date")[:30],
    })


@login_required
def indicators(request: HttpRequest, acronym: str) -> HttpResponse:
    """Indicators against targets, per city, with manual values where no module counts."""
    project = _project(request, acronym)
    progress = figures.indicator_progress(project)
    cities = [c for c, _v in progress[0].per_city] if progress else []
    return render(request, "programme/indicators.html", {"project": project, "progress": progress, "cities": cities})


@login_required
def indicator_value_add(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """Record a manual value with evidence for an indicator no module counts."""
    project = _project(request, acronym)
    indicator = get_object_or_404(Indicator.objects.for_user(request.user), pk=pk, project=project)
    form = IndicatorValueForm(request.POST or None, request.FILES or None)
    # Only the cities where this user may record values are offered (an editor: their own city).
    form.fields["city"].queryset = targets(  # type: ignore[attr-defined]
        request.user, ADD, IndicatorValue, "city",
        City.objects.filter(organisations__partnerships__project=project).distinct())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            indicator_services.record_value(request.user, indicator, data["city"], data["value"],
                                            data["recorded_on"], data["note"], data["evidence_url"],
                                            data.get("evidence"))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Value recorded."))
            return HttpResponseRedirect(reverse("programme:indicators", args=[acronym]))
    return render(request, "programme/indicator_value_form.html",
                  {"project": project, "indicator": indicator, "form": form},
                  status=400 if request.method == "POST" else 200)


def charter(request: HttpRequest, acronym: str) -> HttpResponse:
    """The charter's current text, signing status per partner city, signatories and commitments."""
    project = _project(request, acronym)
    version = project.charter_versions.order_by("-version").first()
    signatories = list(version.signatories.select_related("city", "organisation")) if version else []
    signed = {s.city_id: s for s in signatories if s.is_mayor}
    cities = City.objects.filter(organisations__partnerships__project=project).distinct().order_by("name_en")
    form = None
    signable = targets(request.user, ADD, Signatory, "city", cities)
    if request.method == "POST" and not (version and signable.exists()):
        raise PermissionDenied
    if version and signable.exists():
        form = SignatoryForm(request.POST or None, request.FILES or None)
        form.fields["city"].queryset = signable  # type: ignore[attr-defined]
        form.fields["organisation"].queryset = Organisation.objects.alive().filter(  # type: ignore[attr-defined]
            city__in=signable)
        if request.method == "POST" and form.is_valid():
            try:
                records.add_signatory(request.user, version, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Signature recorded."))
                return HttpResponseRedirect(reverse("programme:charter", args=[acronym]))
    return render(request, "programme/charter.html", {
        "project": project, "version": version, "signatories": signatories,
        "status": [(c, signed.get(c.pk)) for c in cities], "form": form,
        "commitments": version.commitments.select_related("owner") if version else [],
        "versions": project.charter_versions.all(),
    })


def pilots(request: HttpRequest, acronym: str) -> HttpResponse:
    """The pilot projects with their milestones."""
    project = _project(request, acronym)
    rows = list(PilotProject.objects.for_user(request.user).filter(project=project).select_related("city")
                .prefetch_related("milestones"))
    sites = links.links("spaces.site", [p.site_id for p in rows], request.user)
    return render(request, "programme/pilots.html", {
        "project": project, "pilots": [(p, sites.get(p.site_id or 0)) for p in rows], "today": dt.date.today(),
        # Offered to those who may start a pilot in at least one of the project's cities.
        "can_add": targets(request.user, ADD, PilotProject, "city", figures_cities(project)).exists(),
    })
