"""`poles add-city` and core.services.add_city: a city outside the partner network, refused bad input and actors."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import AuditEntry, City
from creativepoles.core.services import add_city


@pytest.fixture
def helsinki(db: Any) -> City:
    """Helsinki, added through the command as a replicating city would be."""
    call_command("add-city", "helsinki", "--name", "Helsinki", "--name-en", "Helsinki", "--country", "FI",
                 "--lat", "60.1699", "--lon", "24.9384", "--time-zone", "Europe/Helsinki",
                 "--population", "674500", "--nuts3", "FI1B1", stdout=StringIO())
    return City.objects.get(slug="helsinki")


def test_it_adds_a_city_outside_the_network(helsinki: City) -> None:
    assert not helsinki.is_partner
    assert (helsinki.country, helsinki.nuts3, helsinki.latitude) == ("FI", "FI1B1", Decimal("60.169900"))
    assert AuditEntry.objects.filter(verb="add_city", object_id=str(helsinki.pk)).exists()


def test_it_refuses_bad_cities(helsinki: City) -> None:
    base = ["--name", "X", "--name-en", "X", "--lat", "60", "--lon", "24"]
    with pytest.raises(CommandError, match="slug"):
        call_command("add-city", "helsinki", *base, "--country", "FI", "--time-zone", "Europe/Helsinki")
    with pytest.raises(CommandError, match="country"):
        call_command("add-city", "espoo", *base, "--country", "FIN", "--time-zone", "Europe/Helsinki")
    with pytest.raises(CommandError, match="time_zone"):
        call_command("add-city", "espoo", *base, "--country", "FI", "--time-zone", "Mars/Olympus")
    with pytest.raises(DomainError) as caught:
        add_city("espoo", "Espoo", "Espoo", "FI", "north", "24", "Europe/Helsinki")
    assert caught.value.field == "latitude"
    assert City.objects.filter(slug="espoo").count() == 0


def test_it_lets_only_programme_managers_add_cities(world: dict[str, Any]) -> None:
    for actor in (world["editor"], world["other"], world["outsider"], AnonymousUser()):
        with pytest.raises(NotInScope):
            add_city("espoo", "Espoo", "Espoo", "FI", "60.2", "24.65", "Europe/Helsinki", actor=actor)
    assert not City.objects.filter(slug="espoo").exists()
    city = add_city("espoo", "Espoo", "Espoo", "fi", "60.2054911", "24.65", "Europe/Helsinki", actor=world["manager"])
    assert (city.country, city.latitude, city.is_partner) == ("FI", Decimal("60.205491"), False)
    assert AuditEntry.objects.get(verb="add_city", object_id=str(city.pk)).actor == world["manager"]
