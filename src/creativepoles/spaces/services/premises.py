"""What other modules may read of a site as premises: its name and the rent a tenant would pay."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from creativepoles.analysis.money import to_cents
from creativepoles.spaces.models import Site
from creativepoles.spaces.services.preinvestment import parameters_for


@dataclass(frozen=True)
class PremisesRent:
    """A site's monthly rent for an area: from its asking rent, else the city's affordable rent."""

    site_id: int
    name: str
    city_id: int
    rent_m2_month: Decimal
    monthly: Decimal
    from_asking_rent: bool


def premises_rent(site_id: int, area_m2: Decimal) -> PremisesRent | None:
    """The rent for `area_m2` of a site (None when the site does not exist or was deleted)."""
    site = Site.objects.alive().select_related("city").filter(pk=site_id).first()
    if site is None:
        return None
    if site.asking_rent_m2_month is not None:
        rate, asking = Decimal(site.asking_rent_m2_month), True
    else:
        # Creative workspace is let at the affordable rent of the city's pre-investment parameters.
        rate, asking = Decimal(parameters_for(site.city).affordable_rent_m2_month), False
    return PremisesRent(site.pk, site.name, site.city_id, rate, to_cents(rate * area_m2), asking)


def premises_choices(user: Any, city_id: int | None) -> list[tuple[int, str]]:
    """Sites of a city the user may see, as (id, name), to offer as a plan's premises."""
    sites = Site.objects.for_user(user).alive()
    if city_id is not None:
        sites = sites.filter(city_id=city_id)
    return list(sites.order_by("name").values_list("pk", "name")[:200])
