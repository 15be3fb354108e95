"""Indicator counters the spaces module offers to the programme's registry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from creativepoles.programme import registry


def count_methods(project: Any, city: Any = None) -> Decimal:
    """Assessment methods defined (the pre-investment methodology exists once one is in use)."""
    from creativepoles.spaces.models import Method

    methods = Method.objects.filter(runs__isnull=False)
    if city is not None:
        methods = methods.filter(city=city)
    return Decimal(min(1, methods.distinct().count())) if city is None else Decimal(methods.distinct().count())


def count_dossier_sites(project: Any, city: Any = None) -> Decimal:
    """Sites selected or further along: those that get technical documentation."""
    from creativepoles.spaces.models import Site, SiteStatus

    sites = Site.objects.alive().filter(status__in=[SiteStatus.SELECTED, SiteStatus.IN_PREPARATION,
                                                    SiteStatus.PILOT, SiteStatus.OCCUPIED])
    if city is not None:
        sites = sites.filter(city=city)
    return Decimal(sites.count())


def site_link(site_id: int, user: Any) -> tuple[str, str] | None:
    """Name and page of a site the user may see, for the programme's pilot projects."""
    from creativepoles.spaces.models import Site

    site = Site.objects.for_user(user).alive().filter(pk=site_id).first()
    return (site.name, site.get_absolute_url()) if site else None


def register() -> None:
    """Register the spaces counters and the site lookup."""
    registry.register_site_lookup(site_link)
    registry.register("spaces.methods", _("Pre-investment methodology in use"), "spaces", count_methods)
    registry.register("spaces.dossier_sites", _("Sites with technical documentation"), "spaces",
                      count_dossier_sites)
