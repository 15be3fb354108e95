"""What events offers on a city's pages: its calendar and its feed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.links import CityLink


def city_links(cities: Sequence[Any], user: Any, full: bool) -> dict[int, list[CityLink]]:
    """On the city page: the city's event calendar and its calendar feed (nothing on the home page)."""
    section = _("Events")
    if not full:
        return {}
    return {city.pk: [CityLink(section, _("Events calendar"), reverse("events:calendar") + "?city=" + city.slug),
                      CityLink(section, _("Calendar feed (iCalendar)"),
                               reverse("events:feed-city", args=[city.slug]))]
            for city in cities}
