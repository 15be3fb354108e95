"""What learning offers on a city's pages: its good-practice cases."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from creativepoles.core.links import CityLink
from creativepoles.learning.models import Case


def city_links(cities: Sequence[Any], user: Any, full: bool) -> dict[int, list[CityLink]]:
    """On a city's page, the city's good-practice cases the user may see; nothing for the home page's headlines
    (the learning catalogue is one for the whole network, reached from the menu)."""
    if not full:
        return {}
    section = _("Good practice")
    result: dict[int, list[CityLink]] = {city.pk: [] for city in cities}
    cases = Case.objects.for_user(user).filter(city__in=[c.pk for c in cities]).only("pk", "title", "city_id")
    for case in cases:
        result[case.city_id].append(CityLink(section, case.title, case.get_absolute_url()))
    return result
