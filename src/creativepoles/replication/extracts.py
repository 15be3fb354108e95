"""OpenStreetMap extracts shipped with the platform (see data/README.md for their licence)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# Central Helsinki: the demo onboards it as a city outside the network, and tests import real OSM data from it.
HELSINKI = DATA / "helsinki.osm.pbf"
