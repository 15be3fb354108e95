"""What the programme offers on a city's pages: partner organisations, pilot projects, the charter signature."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from creativepoles.core.links import CityLink
from creativepoles.core.models import Organisation
from creativepoles.programme.models import Partner, PilotProject, Signatory


def city_links(cities: Sequence[Any], user: Any, full: bool) -> dict[int, list[CityLink]]:
    """Partner organisations, pilots and the mayor's charter signature of each city (city pages only)."""
    result: dict[int, list[CityLink]] = {city.pk: [] for city in cities}
    if not full:
        return result
    ids = list(result)
    visible = Organisation.objects.for_user(user).alive()
    partners = (Partner.objects.for_user(user).filter(organisation__city__in=ids, organisation__in=visible)
                .select_related("organisation", "project").order_by("organisation__name"))
    seen: set[int] = set()
    for partner in partners:
        organisation = partner.organisation
        if organisation.pk not in seen:
            seen.add(organisation.pk)
            result[organisation.city_id].append(
                CityLink(_("Partner organisations"), str(organisation), organisation.get_absolute_url()))
    for pilot in PilotProject.objects.for_user(user).filter(city__in=ids).select_related("project"):
        result[pilot.city_id].append(CityLink(
            _("Pilot projects"), pilot.title,
            reverse("programme:pilots", args=[pilot.project.acronym]) + f"#pilot-{pilot.pk}"))
    signed = (Signatory.objects.for_user(user).filter(city__in=ids, is_mayor=True)
              .select_related("charter__project").order_by("city_id", "-signed_on"))
    for signatory in signed:
        if any(link.section == _("Charter") for link in result[signatory.city_id]):
            continue  # the latest signature is enough here; the charter page lists every one
        label = _("Signed by %(person)s on %(date)s") % {
            "person": signatory.person, "date": formats.date_format(signatory.signed_on)}
        result[signatory.city_id].append(CityLink(
            _("Charter"), label, reverse("programme:charter", args=[signatory.charter.project.acronym])))
    return result
