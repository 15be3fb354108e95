"""The OpenStreetMap extract the demo and the tests share is package data with its licence notice."""

from __future__ import annotations

import osmium

from creativepoles.replication.extracts import DATA, HELSINKI


def test_it_ships_the_helsinki_extract_with_its_odbl_notice() -> None:
    notice = (DATA / "README.md").read_text(encoding="utf-8")
    assert "Open Database License" in notice and "© OpenStreetMap contributors" in notice
    header = osmium.io.Reader(str(HELSINKI), osmium.osm.osm_entity_bits.NOTHING).header()
    box = header.box()
    assert round(box.bottom_left.lon, 4) == 24.9352 and round(box.top_right.lat, 4) == 60.1791
