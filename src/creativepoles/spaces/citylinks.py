"""What spaces offers on a city's pages: its sites as the user may see them and the public catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.links import CityLink
from creativepoles.spaces.models import Site

# A city page lists this many sites; the catalogue and the inventory hold the rest.
SHOWN = 8


def city_links(cities: Sequence[Any], user: Any, full: bool) -> dict[int, list[CityLink]]:
    """The public catalogue of each city (a headline link) and, on the city page, the sites the user may see."""
    section = _("Vacant sites")
    result = {city.pk: [CityLink(section, _("Public catalogue of sites"),
                                 reverse("spaces:public-sites", args=[city.slug]), headline=True)]
              for city in cities}
    if not full:
        return result
    by_city = {city.pk: city for city in cities}
    sites = (Site.objects.for_user(user).alive().filter(city__in=list(by_city)).order_by("city_id", "name")
             .only("pk", "name", "city_id"))
    counts: dict[int, int] = {}
    for site in sites:
        counts[site.city_id] = counts.get(site.city_id, 0) + 1
        if counts[site.city_id] <= SHOWN:
            result[site.city_id].append(CityLink(section, site.name, site.get_absolute_url()))
    for city_id, count in counts.items():
        if count > SHOWN:
            result[city_id].append(CityLink(section, _("All sites of the city"),
                                            reverse("spaces:site-list") + "?city=" + by_city[city_id].slug))
    return result
