"""Shared fixtures: three users as in every test module — one with rights, one of another city,
one outsider — plus the programme manager."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.core.demo import ensure_user
from creativepoles.core.models import City, Membership, Organisation, OrganisationKind, Role


def make_city(slug: str, name: str, country: str = "LT", lat: str = "55.7", lon: str = "21.1") -> City:
    """A city with plausible facts."""
    return City.objects.create(
        slug=slug, name=name, name_en=name, country=country, latitude=lat, longitude=lon,
        population=100000, time_zone="Europe/Vilnius",
    )


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """Two cities with one organisation each; an editor per city, a manager, an outsider."""
    klaipeda = make_city("klaipeda", "Klaipėda")
    tartu = make_city("tartu", "Tartu", country="EE", lat="58.37", lon="26.72")
    lead = make_city("brandenburg", "Brandenburg", country="DE", lat="52.41", lon="12.53")
    k_org = Organisation.objects.create(name="Klaipėda agency", kind=OrganisationKind.DEVELOPMENT_AGENCY, city=klaipeda)
    k_hidden = Organisation.objects.create(
        name="Klaipėda private", kind=OrganisationKind.COMPANY, city=klaipeda, is_public=False
    )
    t_org = Organisation.objects.create(name="Tartu city", kind=OrganisationKind.MUNICIPALITY, city=tartu)
    lead_org = Organisation.objects.create(name="Lead university", kind=OrganisationKind.UNIVERSITY, city=lead,
                                           coordinates_network=True)
    editor = ensure_user("editor@klaipeda.test")
    other = ensure_user("editor@tartu.test")
    outsider = ensure_user("outsider@example.test")
    manager = ensure_user("manager@lead.test")
    Membership.objects.create(user=editor, organisation=k_org, role=Role.CITY_EDITOR)
    Membership.objects.create(user=other, organisation=t_org, role=Role.CITY_EDITOR)
    Membership.objects.create(user=manager, organisation=lead_org, role=Role.PROGRAMME_MANAGER)
    return {
        "klaipeda": klaipeda, "tartu": tartu, "lead": lead,
        "k_org": k_org, "k_hidden": k_hidden, "t_org": t_org, "lead_org": lead_org,
        "editor": editor, "other": other, "outsider": outsider, "manager": manager,
    }


@pytest.fixture
def api() -> Any:
    """A DRF test client (imported here so Django-free test folders can still load this file)."""
    from rest_framework.test import APIClient

    return APIClient()



@pytest.fixture(autouse=True)
def _english() -> Any:
    """Each test starts in English: a request in Lithuanian leaves the language active in this thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Rate limits live in the cache: failed logins of one test must not lock out the next (same IP)."""
    from django.core.cache import cache

    cache.clear()
