"""What replication offers on a city's pages: to the network's managers, the city's onboarding and its report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from creativepoles.core.links import CityLink
from creativepoles.core.permissions import ADD, VIEW, could
from creativepoles.replication.models import Onboarding


def city_links(cities: Sequence[Any], user: Any, full: bool) -> dict[int, list[CityLink]]:
    """The onboarding of each onboarded city, for those who may see it (one query, none on the home page)."""
    result: dict[int, list[CityLink]] = {city.pk: [] for city in cities}
    if not full or not could(user, ADD, Onboarding):
        return result
    section = _("Onboarding")
    runs = Onboarding.objects.for_user(user, VIEW).filter(city__in=[c.pk for c in cities]).only("pk", "city_id")
    for run in runs:
        result[run.city_id].append(CityLink(section, _("Onboarding report"), run.get_absolute_url()))
    return result
