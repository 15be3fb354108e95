"""Indicator counters and links the spaces module offers to the rest of the platform."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from creativepoles.core import links
from creativepoles.programme import registry
from creativepoles.programme.registry import Window
from creativepoles.spaces.models.sites import SiteStatus

# Sites selected or further along: those that get technical documentation.
DOCUMENTED = (SiteStatus.SELECTED, SiteStatus.IN_PREPARATION, SiteStatus.PILOT, SiteStatus.OCCUPIED)



def count_method_cities(window: Window) -> Mapping[int | None, Decimal]:
    """Per city 1 when it ran an assessment method in the window: the pre-investment methodology is in use there."""
    from creativepoles.spaces.models import AssessmentRun

    runs = AssessmentRun.objects.filter(city_id__in=window.city_ids)
    if window.start:
        runs = runs.filter(created_at__date__gte=window.start)
    if window.end:
        runs = runs.filter(created_at__date__lte=window.end)
    return {city_id: Decimal(1) for city_id in runs.values_list("city_id", flat=True).distinct()}


def count_dossier_sites(window: Window) -> Mapping[int | None, Decimal]:
    """Sites selected or further along (those that get technical documentation), per city.

    With a window, the sites that reached that stage within it (by their status history)."""
    from creativepoles.spaces.models import Site, SiteStatusChange

    rows: Any
    if window.start or window.end:
        moves = SiteStatusChange.objects.filter(new_status__in=DOCUMENTED, site__deleted_at__isnull=True,
                                                site__city_id__in=window.city_ids)
        if window.start:
            moves = moves.filter(changed_at__date__gte=window.start)
        if window.end:
            moves = moves.filter(changed_at__date__lte=window.end)
        rows = moves.values("site__city_id").annotate(n=Count("site", distinct=True)).values_list("site__city_id", "n")
    else:
        rows = (Site.objects.alive().filter(city_id__in=window.city_ids, status__in=DOCUMENTED)
                .values("city_id").annotate(n=Count("pk")).values_list("city_id", "n"))
    return {city_id: Decimal(n) for city_id, n in rows}


def site_links(ids: list[int], user: Any) -> dict[int, tuple[str, str]]:
    """Names and pages of the sites the user may see, by id."""
    from creativepoles.spaces.models import Site

    return {s.pk: (s.name, s.get_absolute_url()) for s in Site.objects.for_user(user).alive().filter(pk__in=ids)}


def register() -> None:
    """Register the spaces counters and the site links."""
    links.register("spaces.site", site_links)
    registry.register("spaces.method_cities", _("Cities using the pre-investment methodology"), "spaces",
                      count_method_cities)
    registry.register("spaces.dossier_sites", _("Sites with technical documentation"), "spaces",
                      count_dossier_sites)
