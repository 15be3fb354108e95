"""Writes to campaigns (with their link to the partner's budget lines) and to the marketing and events concept."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, require
from creativepoles.events.models import Campaign, ConceptStatus, ConceptVersion, RegistrationStatus
from creativepoles.programme.models import BudgetLine

CAMPAIGN_FIELDS = ("city", "theme", "starts_on", "ends_on", "budget", "channels", "reach_target", "reach_achieved",
                   "registrations_target", "attendance_target", "status")
CONCEPT_FIELDS = ("title", *ConceptVersion.SECTIONS)


def _check_campaign(campaign: Campaign) -> None:
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        raise DomainError(_("The campaign cannot end before it starts."), "ends_on")
    try:
        campaign.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from None


def _link_budget_lines(campaign: Campaign, lines: Iterable[Any] | None) -> None:
    """Only budget lines of partners in the campaign's city can pay for it."""
    if lines is None:
        return
    chosen = list(lines)
    ids = [line.pk if isinstance(line, BudgetLine) else line for line in chosen]
    found = list(BudgetLine.objects.filter(pk__in=ids, partner__organisation__city_id=campaign.city_id))
    if len(found) != len(set(ids)):
        raise DomainError(_("Choose budget lines of partners in the campaign's city."), "budget_lines")
    campaign.budget_lines.set(found)


@transaction.atomic
def create_campaign(actor: Any, budget_lines: Iterable[Any] | None = None, **data: Any) -> Campaign:
    """Start a campaign in a city the actor edits."""
    campaign = Campaign(**{k: v for k, v in data.items() if k in CAMPAIGN_FIELDS})
    require(actor, ADD, campaign, _("You cannot add campaigns in this city."), "city")
    _check_campaign(campaign)
    campaign.save()
    _link_budget_lines(campaign, budget_lines)
    record_audit(actor, "create_campaign", campaign, {"theme": campaign.theme})
    return campaign


@transaction.atomic
def update_campaign(actor: Any, campaign: Campaign, budget_lines: Iterable[Any] | None = None,
                    **data: Any) -> Campaign:
    """Change a campaign's plan, reach or status."""
    require(actor, CHANGE, campaign, _("You cannot change campaigns of this city."), "city")
    changes = apply_changes(campaign, data, CAMPAIGN_FIELDS)
    require(actor, CHANGE, campaign, _("You cannot move campaigns to this city."), "city")
    _check_campaign(campaign)
    campaign.save()
    _link_budget_lines(campaign, budget_lines)
    if changes:
        record_audit(actor, "update_campaign", campaign, changes)
    return campaign


def campaign_results(campaigns: Iterable[Campaign]) -> dict[int, dict[str, int]]:
    """Registrations and attendance of each campaign, counted from its events (never typed), in one query."""
    from creativepoles.events.models import Registration

    ids = [c.pk for c in campaigns]
    rows = (Registration.objects.filter(event__campaign_id__in=ids).values("event__campaign_id")
            .annotate(registrations=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
                      attendance=Count("pk", filter=Q(checked_in_at__isnull=False))))
    out = {pk: {"registrations": 0, "attendance": 0} for pk in ids}
    for row in rows:
        out[row["event__campaign_id"]] = {"registrations": row["registrations"], "attendance": row["attendance"]}
    return out


def budget_share(campaign: Campaign) -> Decimal:
    """The sum of the linked budget lines, to compare with the campaign's budget."""
    return sum((line.amount for line in campaign.budget_lines.all()), Decimal("0"))


@transaction.atomic
def create_concept_version(actor: Any, **data: Any) -> ConceptVersion:
    """Write a new draft version of the concept, numbered after the last one."""
    last = ConceptVersion.objects.order_by("-number").first()
    version = ConceptVersion(number=(last.number + 1) if last else 1,
                             **{k: v for k, v in data.items() if k in CONCEPT_FIELDS})
    require(actor, ADD, version, _("Only the programme managers write the concept."))
    try:
        version.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from None
    version.save()
    record_audit(actor, "create_concept_version", version, {"number": version.number})
    return version


@transaction.atomic
def approve_concept_version(actor: Any, version: ConceptVersion) -> ConceptVersion:
    """The programme manager approves a version of the concept."""
    require(actor, CHANGE, version, _("Only the programme managers approve the concept."))
    if version.status == ConceptStatus.APPROVED:
        raise DomainError(_("This version is already approved."))
    version.status = ConceptStatus.APPROVED
    version.approved_on = timezone.localdate()
    version.approved_by = actor
    version.save(update_fields=["status", "approved_on", "approved_by"])
    record_audit(actor, "approve_concept_version", version, {"number": version.number})
    return version


def concept_diff(old: ConceptVersion, new: ConceptVersion) -> list[tuple[str, list[tuple[str, str]]]]:
    """A readable diff, section by section: lines marked added (+), removed (-) or kept ( ), changed sections only."""
    out = []
    for name in CONCEPT_FIELDS:
        before, after = str(getattr(old, name)).splitlines(), str(getattr(new, name)).splitlines()
        if before == after:
            continue
        lines = [(line[:1], line[2:]) for line in difflib.ndiff(before, after) if not line.startswith("?")]
        out.append((str(getattr(ConceptVersion._meta.get_field(name), "verbose_name", name)), lines))
    return out
