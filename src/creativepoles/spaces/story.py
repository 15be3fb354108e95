"""The spaces part of a city's story: vacant sites near the creative hotspots, each with its dossier and
pre-investment figure. The hotspots are the atlas's, asked through atlas.services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.analysis.finance import FinanceError
from creativepoles.atlas.services.hotspots import near_hotspots
from creativepoles.core.formatting import format_amount
from creativepoles.core.story import StoryItem, StoryStep
from creativepoles.spaces.models import Site
from creativepoles.spaces.services.preinvestment import parameters_for, site_preinvestment

# The story names this many sites one by one; the step's link lists them all.
SHOWN = 10


def near_hotspot_sites(sites: Iterable[Site]) -> list[Site]:
    """The given sites that lie within settings.SITES_NEAR_HOTSPOT_M of a public hotspot of their city.

    One hotspot computation per city, none per site: the list page and the story call this with the same
    scoped sites, so the story's count is the number of rows the list shows."""
    by_city: dict[int, list[Site]] = {}
    cities: dict[int, Any] = {}
    for site in sites:
        by_city.setdefault(site.city_id, []).append(site)
        cities[site.city_id] = site.city
    radius = float(settings.SITES_NEAR_HOTSPOT_M)
    kept: set[int] = set()
    for city_id, found in by_city.items():
        flags = near_hotspots(cities[city_id], [(float(s.longitude), float(s.latitude)) for s in found], radius)
        kept.update(s.pk for s, near in zip(found, flags, strict=True) if near)
    return [s for found in by_city.values() for s in found if s.pk in kept]


def story_steps(city: Any, user: Any) -> list[StoryStep]:
    """Sites the user may see within walking distance of a hotspot, with their dossier and pre-investment."""
    sites = near_hotspot_sites(Site.objects.for_user(user).alive().filter(city=city).select_related("city")
                               .order_by("name"))
    params = parameters_for(city)
    items = []
    for site in sites[:SHOWN]:
        try:
            figures = site_preinvestment(site, params)
        except FinanceError:
            figures = None  # parameters the model refuses: the dossier explains why
        detail = (_("public pre-investment %(amount)s") % {
            "amount": format_amount(figures.public_pre_investment, params.currency)}
            if figures is not None else _("no pre-investment figure yet (floor area missing)"))
        items.append(StoryItem(site.name, site.get_absolute_url(), detail,
                               ((_("dossier"), reverse("spaces:site-dossier", args=[site.pk])),)))
    return [StoryStep(
        position=20, kind="site", label=_("vacant sites near them"), count=len(sites),
        url=reverse("spaces:site-list") + f"?city={city.slug}&near=hotspots",
        explanation=_("Candidate buildings within %(metres)s m of a hotspot's firms; each has a dossier with its "
                      "assessment and the pre-investment case at the city's parameters.") % {
            "metres": f"{float(settings.SITES_NEAR_HOTSPOT_M):.0f}"},
        items=tuple(items))]
