"""The site list's `near=hotspots` filter: sites within settings.SITES_NEAR_HOTSPOT_M of a public hotspot's firms,
scoped like the rest of the list."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from creativepoles.atlas.models import Firm
from creativepoles.spaces.models import Site

pytestmark = pytest.mark.django_db


def _hotspot(city: Any, lat: float = 55.7, lon: float = 21.1, firms: int = 15) -> None:
    """A block of design studios within a few metres: a hotspot at DBSCAN's default reach and minimum."""
    Firm.objects.bulk_create([Firm(city=city, registry_id=f"h{lat}-{i}", name=f"Studio {i}", nace="74.10",
                                   group="design", latitude=lat + i * 1e-5, longitude=lon) for i in range(firms)])


def _site(city: Any, name: str, lat: str, published: bool = True) -> Site:
    return Site.objects.create(city=city, name=name, latitude=Decimal(lat), longitude=Decimal("21.1"),
                               is_published=published)


def _listed(client: Client, query: str) -> set[str]:
    html = client.get("/spaces/" + query).content.decode()
    return {site.name for site in Site.objects.all() if f'data-site="{site.pk}"' in html}


def test_it_lists_only_sites_within_the_named_distance_of_a_hotspot(world: dict[str, Any], settings: Any) -> None:
    city = world["klaipeda"]
    _hotspot(city)
    _site(city, "Next door", "55.7030")  # about 330 m north of the block's end
    _site(city, "Across town", "55.7300")  # about 3 km away
    _site(city, "Hidden hall", "55.7010", published=False)
    client = Client()
    assert _listed(client, "?city=klaipeda&near=hotspots") == {"Next door"}
    assert _listed(client, "?city=klaipeda") == {"Next door", "Across town"}
    # The city's members see its unpublished sites near the hotspot too; the filter keeps the list's scope.
    client.force_login(world["editor"])
    assert _listed(client, "?city=klaipeda&near=hotspots") == {"Next door", "Hidden hall"}
    settings.SITES_NEAR_HOTSPOT_M = 100.0
    assert _listed(client, "?city=klaipeda&near=hotspots") == {"Hidden hall"}


def test_it_finds_no_site_near_hotspots_without_a_city_or_without_hotspots(world: dict[str, Any]) -> None:
    city = world["klaipeda"]
    _hotspot(city, firms=4)  # below DBSCAN's minimum of ten: no hotspot
    _site(city, "Next door", "55.7005")
    client = Client()
    assert _listed(client, "?city=klaipeda&near=hotspots") == set()
    _hotspot(city, lat=55.7001)
    assert _listed(client, "?city=klaipeda&near=hotspots") == {"Next door"}
    assert _listed(client, "?near=hotspots") == set()
    assert client.get("/spaces/?near=nowhere&city=abc").status_code == 200
