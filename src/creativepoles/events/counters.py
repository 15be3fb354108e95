"""Indicators the events module reports to the programme: campaign cities and the approved concept."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from creativepoles.core import links
from creativepoles.programme import registry
from creativepoles.programme.registry import Window


def count_campaign_cities(window: Window) -> Mapping[int | None, Decimal]:
    """Per city 1 when it completed a campaign (ending within the window): "event campaigns in all partner cities"."""
    from creativepoles.events.models import Campaign, CampaignStatus

    done = Campaign.objects.filter(city_id__in=window.city_ids, status=CampaignStatus.COMPLETED)
    if window.start:
        done = done.filter(ends_on__gte=window.start)
    if window.end:
        done = done.filter(ends_on__lte=window.end)
    return {city_id: Decimal(1) for city_id in done.values_list("city_id", flat=True).distinct()}


def count_concept(window: Window) -> Mapping[int | None, Decimal]:
    """1 for the project when a version of the concept was approved (within the window): one for the network."""
    from creativepoles.events.models import ConceptStatus, ConceptVersion

    approved = ConceptVersion.objects.filter(status=ConceptStatus.APPROVED)
    if window.start:
        approved = approved.filter(approved_on__gte=window.start)
    if window.end:
        approved = approved.filter(approved_on__lte=window.end)
    return {None: Decimal(1 if approved.exists() else 0)}


def event_links(ids: list[int], user: object) -> dict[int, tuple[str, str]]:
    """Names and pages of the events the user may see, by id."""
    from creativepoles.events.models import Event

    return {e.pk: (e.title, e.get_absolute_url()) for e in Event.objects.for_user(user).filter(pk__in=ids)}


def register() -> None:
    """Register the events counters and the event links."""
    links.register("events.event", event_links)
    registry.register("events.campaign_cities", _("Partner cities with a completed event campaign"), "events",
                      count_campaign_cities)
    registry.register("events.marketing_concept", _("International marketing and events concept approved"),
                      "events", count_concept, additive=False,
                      not_additive_reason=_("One concept serves the whole network; cities do not each have one."))
