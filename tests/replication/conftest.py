"""A partner city with sites and a method to copy; helpers that write generated registers to tmp."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from creativepoles.replication.synthetic import write_register
from creativepoles.spaces.models import Site
from creativepoles.spaces.services.assessment import create_method

# The Helsinki extract's box (replication/data/README.md); the city hall lies inside it.
BBOX = [24.9352, 60.1642, 24.9534, 60.1791]
FACTS: dict[str, Any] = {"slug": "helsinki", "name": "Helsinki", "name_en": "Helsinki", "country": "FI",
                         "lat": "60.1699", "lon": "24.9384", "time_zone": "Europe/Helsinki", "bbox": BBOX}
CRITERIA = [
    {"code": "area", "source_field": "gross_floor_area_m2", "weight": "0.3"},
    {"code": "centre", "source_field": "centre_m", "weight": "0.3"},
    {"code": "stops", "source_field": "stops_within", "weight": "0.2"},
    {"code": "public", "source_field": "public_ownership", "weight": "0.2"},
]


@pytest.fixture
def partner(world: dict[str, Any]) -> dict[str, Any]:
    """Klaipėda (a partner) with three sites and the method 'Creative reuse potential' to copy."""
    k = world["klaipeda"]
    for i, area in enumerate(("800", "1500", "300")):
        Site.objects.create(city=k, name=f"Hall {i}", latitude=Decimal("55.7") + Decimal(i) / 1000,
                            longitude=Decimal("21.1"), gross_floor_area_m2=Decimal(area), is_published=True)
    method = create_method(world["manager"], k, "Creative reuse potential", CRITERIA)
    return {**world, "method": method}


def register(tmp_path: Path, count: int = 50, bad_line: str | None = None) -> Path:
    """A generated register in the extract's box; `bad_line` is appended as a broken row."""
    path = write_register(tmp_path / "register.csv", BBOX, count, seed="tests", prefix="T")
    if bad_line is not None:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(bad_line + "\n")
    return path
