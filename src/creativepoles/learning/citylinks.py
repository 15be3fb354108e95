"""What learning offers on a city's pages: its training sessions (for members) and its good-practice cases."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.links import CityLink
from creativepoles.learning.models import Case


def city_links(cities: Sequence[Any], user: Any, full: bool) -> dict[int, list[CityLink]]:
    """The learning catalogue (a headline link) and, on the city page, the city's cases the user may see."""
    section = _("Learning")
    result = {city.pk: [CityLink(section, _("Training and the online course"), reverse("learning:index"),
                                 headline=True)] for city in cities}
    if not full:
        return result
    cases = Case.objects.for_user(user).filter(city__in=[c.pk for c in cities]).only("pk", "title", "city_id")
    for case in cases:
        result[case.city_id].append(CityLink(section, case.title, case.get_absolute_url()))
    return result
