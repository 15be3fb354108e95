"""Bad geometry and utilities are refused with field errors, never a 500; a moved site is measured again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from creativepoles.spaces.models import Accessibility
from creativepoles.spaces.services.accessibility import compute_accessibility
from creativepoles.spaces.services.sites import update_site

pytestmark = pytest.mark.django_db
BAD_GEOMETRIES: list[Any] = [
    {"type": "Polygon", "coordinates": [[["a", "b"], [1, 2], [2, 3], ["a", "b"]]]},
    {"type": "Polygon", "coordinates": [[[21.1, 55.7], [21.2, 55.7]]]},
    {"type": "Polygon", "coordinates": "nope"},
    {"type": "Point", "coordinates": [500, 95]},
    {"type": "LineString", "coordinates": [[1, 2], [3, 4]]},
    [1, 2, 3],
]


@pytest.mark.parametrize("geometry", BAD_GEOMETRIES)
def test_it_refuses_bad_geometry_with_a_field_error(sites: dict[str, Any], geometry: Any) -> None:
    api = APIClient()
    api.force_authenticate(sites["editor"])
    response = api.patch(f"/api/spaces/sites/{sites['big'].pk}/", {"geometry": geometry}, format="json")
    assert response.status_code == 400
    assert "geometry" in response.json()


def test_it_refuses_utilities_that_are_not_texts(sites: dict[str, Any]) -> None:
    api = APIClient()
    api.force_authenticate(sites["editor"])
    response = api.patch(f"/api/spaces/sites/{sites['big'].pk}/", {"utilities": [1, {"x": 2}]}, format="json")
    assert response.status_code == 400


def test_it_derives_the_footprint_from_a_polygon(sites: dict[str, Any]) -> None:
    ring = [[21.1, 55.7], [21.1016, 55.7], [21.1016, 55.7009], [21.1, 55.7009], [21.1, 55.7]]
    site = update_site(sites["editor"], sites["big"], geometry={"type": "Polygon", "coordinates": [ring]})
    # About 100 m × 100 m at this latitude.
    assert Decimal("9000") < site.footprint_m2 < Decimal("11000")


def test_it_measures_a_moved_site_again(sites: dict[str, Any]) -> None:
    compute_accessibility(sites["klaipeda"])
    before = Accessibility.objects.get(site=sites["big"]).centre_m
    update_site(sites["editor"], sites["big"], latitude=Decimal("55.71"))
    # Measured again at once for the new position, not left stale nor missing until the next assessment.
    after = Accessibility.objects.get(site=sites["big"]).centre_m
    assert after != pytest.approx(before, abs=1.0)
    compute_accessibility(sites["klaipeda"], [sites["big"]])
    assert Accessibility.objects.get(site=sites["big"]).centre_m == pytest.approx(after)
