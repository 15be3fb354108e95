"""One region–city hierarchy: a partner city inside a partner region is counted once, with the region."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from creativepoles.core.demo import load_demos
from creativepoles.core.models import City, counted_population

pytestmark = pytest.mark.django_db


def make(slug: str, population: int | None, part_of: City | None = None) -> City:
    return City.objects.create(slug=slug, name=slug, name_en=slug, country="SE", latitude=58, longitude=15,
                               population=population, time_zone="Europe/Stockholm", part_of=part_of)


def test_it_counts_a_city_inside_a_listed_region_once() -> None:
    region = make("region", 470000)
    inside = make("inside", 167000, part_of=region)
    other = make("other", 97000)
    assert counted_population([region, inside, other]) == 470000 + 97000
    # Without its region in the list, the city's own inhabitants count.
    assert counted_population([inside, other]) == 167000 + 97000
    assert counted_population([make("unknown", None)]) == 0


def test_it_refuses_a_city_inside_itself() -> None:
    region = make("region", 1)
    city = make("city", 1, part_of=region)
    region.part_of = city
    with pytest.raises(ValidationError) as caught:
        region.full_clean()
    assert "part_of" in caught.value.message_dict


def test_it_does_not_count_linkoping_twice_on_the_demo_pages(client: Client) -> None:
    load_demos()
    linkoping, ostsam = City.objects.get(slug="linkoping"), City.objects.get(slug="ostsam")
    assert linkoping.part_of == ostsam and linkoping.name_en == "Linköping"
    partners = City.objects.filter(is_partner=True)
    expected = sum(c.population for c in partners) - linkoping.population
    home: Any = client.get("/").context
    assert home["figures"]["population"] == expected
    listing: Any = client.get("/cities/")
    # The list also holds the demo's city outside the network (Helsinki, onboarded): its total counts every row.
    listed = sum(c.population or 0 for c in City.objects.all()) - linkoping.population
    assert City.objects.filter(is_partner=False).exists() and listing.context["total_population"] == listed
    assert 'data-inside="linkoping"' in listing.content.decode()
    detail = client.get(linkoping.get_absolute_url()).content.decode()
    assert ostsam.get_absolute_url() in detail


def test_it_names_the_containing_region_in_the_api(client: Client) -> None:
    load_demos(["core"])
    rows = {row["slug"]: row for row in client.get("/api/cities/?page_size=50").json()["results"]}
    assert rows["linkoping"]["part_of"] == "ostsam" and rows["ostsam"]["part_of"] is None
