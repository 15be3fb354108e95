"""Campaigns of the cities and the network's marketing and events concept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import ADD, CHANGE, can, could, get_object_for
from creativepoles.events.forms import CampaignForm, ConceptForm
from creativepoles.events.models import Campaign, ConceptStatus, ConceptVersion, Event
from creativepoles.events.services import campaigns as services


def campaign_list(request: HttpRequest) -> HttpResponse:
    """Campaigns by city with their reach and the registrations and attendance their events counted."""
    campaigns = list(Campaign.objects.for_user(request.user).select_related("city").order_by("city__name",
                                                                                             "-starts_on"))
    results = services.campaign_results(campaigns)
    for campaign in campaigns:
        campaign.results = results[campaign.pk]  # type: ignore[attr-defined]
    return render(request, "events/campaign_list.html", {
        "campaigns": campaigns, "can_add": could(request.user, ADD, Campaign),
    })


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign: plan, budget and its budget lines, KPIs against targets, its events."""
    campaign = get_object_or_404(Campaign.objects.for_user(request.user).select_related("city"), pk=pk)
    return render(request, "events/campaign_detail.html", {
        "campaign": campaign, "results": services.campaign_results([campaign])[campaign.pk],
        "lines": campaign.budget_lines.select_related("partner__organisation", "period"),
        "lines_total": services.budget_share(campaign),
        "events": Event.objects.for_user(request.user).filter(campaign=campaign).select_related("city").order_by(
            "starts_at"),
        "can_edit": can(request.user, CHANGE, campaign),
    })


@login_required
def campaign_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Plan a campaign, or change one of the user's city."""
    campaign = get_object_for(request.user, CHANGE, Campaign.objects.all(), pk=pk) if pk else None
    if campaign is None and not could(request.user, ADD, Campaign):
        raise PermissionDenied
    form = CampaignForm(request.POST or None, instance=campaign, cities=City.objects.editable_by(request.user,
                                                                                                Campaign))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        lines = data.pop("budget_lines", None)
        try:
            if campaign is None:
                campaign = services.create_campaign(request.user, budget_lines=lines, **data)
            else:
                services.update_campaign(request.user, campaign, budget_lines=lines, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The campaign is saved."))
            return HttpResponseRedirect(campaign.get_absolute_url())
    return render(request, "events/campaign_form.html", {"form": form, "campaign": campaign},
                  status=400 if form.errors else 200)


def concept(request: HttpRequest) -> HttpResponse:
    """The approved concept and every version."""
    versions = list(ConceptVersion.objects.for_user(request.user))
    approved = next((v for v in versions if v.status == ConceptStatus.APPROVED), None)
    return render(request, "events/concept.html", {
        "versions": versions, "approved": approved, "can_add": could(request.user, ADD, ConceptVersion),
    })


def concept_version(request: HttpRequest, pk: int) -> HttpResponse:
    """One version, and its differences from the version before it (or the one chosen)."""
    version = get_object_or_404(ConceptVersion.objects.for_user(request.user), pk=pk)
    against_id = request.GET.get("against", "")
    earlier = ConceptVersion.objects.filter(number__lt=version.number).order_by("-number")
    other = (ConceptVersion.objects.filter(pk=int(against_id)).first() if against_id.isdigit() else None) \
        or earlier.first()
    return render(request, "events/concept_version.html", {
        "version": version, "other": other, "diff": services.concept_diff(other, version) if other else [],
        "can_approve": can(request.user, CHANGE, version) and version.status != ConceptStatus.APPROVED,
    })


@login_required
def concept_create(request: HttpRequest) -> HttpResponse:
    """Write a new version, starting from the latest."""
    if not could(request.user, ADD, ConceptVersion):
        raise PermissionDenied
    latest = ConceptVersion.objects.order_by("-number").first()
    initial = {name: getattr(latest, name) for name in ("title", *ConceptVersion.SECTIONS)} if latest else {}
    form = ConceptForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.create_concept_version(request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return HttpResponseRedirect(version.get_absolute_url())
    return render(request, "events/concept_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def concept_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme manager approves a version."""
    version = get_object_for(request.user, CHANGE, ConceptVersion.objects.all(), pk=pk)
    try:
        services.approve_concept_version(request.user, version)
        messages.success(request, _("The version is approved."))
    except DomainError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(reverse("events:concept-version", args=[version.pk]))
