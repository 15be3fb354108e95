"""Indicator counters the spaces module offers to the programme's registry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from creativepoles.programme import registry


def count_methods(project: Any, city: Any = None) -> Decimal:
    """Assessment methods defined (the pre-investment methodology exists once one is in use)."""
    from creativepoles.spaces.models import Method

    methods = Method.objects.filter(runs__isnull=False)
    if city is not None:
        methods = methods.filter(city=city)
    return Decimal(min(1, methods.distinct().count())) if city is None else Decimal(methods.distinct().count())


def count_methods_by_city(project: Any, cities: list[Any]) -> dict[int, Decimal]:
    """Methods with at least one run, per city, in one query."""
    from creativepoles.spaces.models import Method

    rows = (Method.objects.filter(runs__isnull=False, city__in=[c.pk for c in cities])
            .values("city").annotate(n=Count("pk", distinct=True)).values_list("city", "n"))
    return {city_id: Decimal(n) for city_id, n in rows}


def count_dossier_sites(project: Any, city: Any = None) -> Decimal:
    """Sites selected or further along: those that get technical documentation."""
    from creativepoles.spaces.models import Site, SiteStatus

    sites = Site.objects.alive().filter(status__in=[SiteStatus.SELECTED, SiteStatus.IN_PREPARATION,
                                                    SiteStatus.PILOT, SiteStatus.OCCUPIED])
    if city is not None:
        sites = sites.filter(city=city)
    return Decimal(sites.count())


def count_dossier_sites_by_city(project: Any, cities: list[Any]) -> dict[int, Decimal]:
    """Sites selected or further along, per city, in one query."""
    from creativepoles.spaces.models import Site, SiteStatus

    rows = (Site.objects.alive().filter(status__in=[SiteStatus.SELECTED, SiteStatus.IN_PREPARATION, SiteStatus.PILOT,
                                                    SiteStatus.OCCUPIED], city__in=[c.pk for c in cities])
            .values("city").annotate(n=Count("pk")).values_list("city", "n"))
    return {city_id: Decimal(n) for city_id, n in rows}


def site_link(site_id: int, user: Any) -> tuple[str, str] | None:
    """Name and page of a site the user may see, for the programme's pilot projects."""
    from creativepoles.spaces.models import Site

    site = Site.objects.for_user(user).alive().filter(pk=site_id).first()
    return (site.name, site.get_absolute_url()) if site else None


def register() -> None:
    """Register the spaces counters and the site lookup."""
    registry.register_site_lookup(site_link)
    registry.register("spaces.methods", _("Pre-investment methodology in use"), "spaces", count_methods,
                      count_methods_by_city)
    registry.register("spaces.dossier_sites", _("Sites with technical documentation"), "spaces",
                      count_dossier_sites, count_dossier_sites_by_city)
