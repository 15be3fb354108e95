"""Sites in Klaipėda and Tartu on top of the shared `world` fixture."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from creativepoles.spaces.services.sites import create_site


@pytest.fixture
def sites(world: dict[str, Any]) -> dict[str, Any]:
    """Three Klaipėda sites with different strengths and one Tartu site."""
    editor, other = world["editor"], world["other"]
    k = world["klaipeda"]
    big = create_site(editor, city=k, name="Big poor mill", latitude=Decimal("55.70"), longitude=Decimal("21.15"),
                      gross_floor_area_m2=Decimal("5000"), condition="poor", ownership="private",
                      is_published=True)
    central = create_site(editor, city=k, name="Central good hall", latitude=Decimal("55.703"),
                          longitude=Decimal("21.144"), gross_floor_area_m2=Decimal("1500"), condition="good",
                          ownership="municipal", owner_contact="Owner: +370 600 00000")
    small = create_site(editor, city=k, name="Small fair shed", latitude=Decimal("55.72"), longitude=Decimal("21.10"),
                        gross_floor_area_m2=Decimal("800"), condition="fair", ownership="state")
    tartu = create_site(other, city=world["tartu"], name="Tartu depot", latitude=Decimal("58.37"),
                        longitude=Decimal("26.70"), gross_floor_area_m2=Decimal("2000"), condition="fair",
                        is_published=True)
    return {**world, "big": big, "central": central, "small": small, "tartu_site": tartu}
