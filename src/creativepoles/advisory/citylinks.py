"""What advisory offers on a city's pages: its advisory centres and, for those who may see them, its sessions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.links import CityLink
from creativepoles.core.models import Organisation, OrganisationKind


def city_links(cities: Sequence[Any], user: Any, full: bool) -> dict[int, list[CityLink]]:
    """On the city page: the advisory centres the user may see and the consultation sessions' list."""
    result: dict[int, list[CityLink]] = {city.pk: [] for city in cities}
    if not full:
        return result  # nothing for the home page: no headline, no query
    section = _("Advisory centres")
    by_city = {city.pk: city for city in cities}
    centres = (Organisation.objects.for_user(user).alive()
               .filter(kind=OrganisationKind.ADVISORY_CENTRE, city__in=list(by_city)).order_by("name"))
    for centre in centres:
        result[centre.city_id].append(CityLink(section, str(centre), centre.get_absolute_url()))
    if getattr(user, "is_authenticated", False):
        for city_id, city in by_city.items():
            result[city_id].append(CityLink(section, _("Consultation sessions in the city"),
                                            reverse("advisory:session-list") + "?city=" + city.slug))
    return result
