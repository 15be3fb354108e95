"""What events offers on a city's pages: its calendar and its feed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.links import CityLink


def city_links(cities: Sequence[Any], user: Any, full: bool) -> dict[int, list[CityLink]]:
    """The city's event calendar (a headline link) and, on the city page, its calendar feed."""
    section = _("Events")
    result = {}
    for city in cities:
        rows = [CityLink(section, _("Events calendar"), reverse("events:calendar") + "?city=" + city.slug,
                         headline=True)]
        if full:
            rows.append(CityLink(section, _("Calendar feed (iCalendar)"), reverse("events:feed-city",
                                                                                    args=[city.slug])))
        result[city.pk] = rows
    return result
