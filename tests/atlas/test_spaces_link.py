"""Across apps: a Klaipėda site's accessibility counts register firms once a register is loaded, read through
core.enterprises (spaces never imports the atlas), and says where its creative firms came from."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from creativepoles.atlas.services.register import import_register
from creativepoles.spaces.models import Accessibility, PointOfInterest
from creativepoles.spaces.services.accessibility import compute_accessibility
from creativepoles.spaces.services.sites import create_site

pytestmark = pytest.mark.django_db
HEADER = "registry_id,name,nace,latitude,longitude,sole_trader\n"


def test_a_klaipeda_site_counts_register_firms_once_the_register_is_loaded(world: dict[str, Any], tmp_path: Any,
                                                                         client: Any) -> None:
    k = world["klaipeda"]
    site = create_site(world["editor"], city=k, name="Port store", latitude=Decimal("55.7100"),
                       longitude=Decimal("21.1300"), is_published=True)
    PointOfInterest.objects.create(city=k, osm_type="node", osm_id=1, category="creative", kind="architect",
                                   name="Architects", latitude=Decimal("55.7101"), longitude=Decimal("21.1301"))
    compute_accessibility(k)
    row = Accessibility.objects.get(site=site)
    assert (row.creative_within, row.creative_source) == (1, "osm")
    assert "OpenStreetMap" in client.get(f"/spaces/sites/{site.pk}/").content.decode()

    path = tmp_path / "register.csv"
    path.write_text(HEADER + "1,Pixel studio,62.01,55.7105,21.1305,\n2,Sole designer,74.10,55.7095,21.1295,yes\n"
                    "3,Bakery,10.71,55.7100,21.1302,\n4,Far studio,62.01,55.7400,21.2000,\n", encoding="utf-8")
    assert import_register(world["editor"], k, path).ok
    compute_accessibility(k)
    row.refresh_from_db()
    # Two creative register firms lie within 1 km (the bakery is not creative, the far studio is 5 km away);
    # OpenStreetMap's architect no longer counts, or the same firm could be counted twice.
    assert (row.creative_within, row.creative_source) == (2, "register")
    assert "business register" in client.get(f"/spaces/sites/{site.pk}/").content.decode()
    # Tartu has no register: its sites keep counting OpenStreetMap offices.
    tartu_site = create_site(world["other"], city=world["tartu"], name="Depot", latitude=Decimal("58.37"),
                             longitude=Decimal("26.72"))
    compute_accessibility(world["tartu"])
    assert Accessibility.objects.get(site=tartu_site).creative_source == "osm"
