"""Tests for creativepoles.analysis.geo against published projection values and brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from creativepoles.analysis.geo import (
    Accessibility,
    GeoError,
    accessibility,
    from_laea,
    polygon_area_m2,
    to_laea,
)

GRS80 = Geod(ellps="GRS80")


def test_it_maps_the_projection_origin_to_the_false_origin() -> None:
    # EPSG Geodetic Parameter Dataset, CRS 3035 "ETRS89-extended / LAEA Europe": natural origin
    # 52 N 10 E, false easting 4,321,000 m, false northing 3,210,000 m.
    x, y = to_laea([10.0], [52.0])
    assert x[0] == pytest.approx(4_321_000.0, abs=1e-6)
    assert y[0] == pytest.approx(3_210_000.0, abs=1e-6)


def test_it_reproduces_the_iogp_lambert_azimuthal_equal_area_example() -> None:
    # IOGP Publication 373-7-2, Geomatics Guidance Note 7 part 2, "Coordinate Conversions and
    # Transformations including Formulas", Lambert Azimuthal Equal Area (EPSG method 9820)
    # worked example for ETRS89 / LAEA Europe: 50 N 5 E -> E = 3,962,799.45 m, N = 2,999,718.85 m.
    x, y = to_laea([5.0], [50.0])
    assert x[0] == pytest.approx(3_962_799.45, abs=0.005)
    assert y[0] == pytest.approx(2_999_718.85, abs=0.005)


@settings(deadline=None)
@given(st.floats(-10, 40), st.floats(35, 71))
def test_it_round_trips_through_the_projection(lon: float, lat: float) -> None:
    x, y = to_laea([lon], [lat])
    lon2, lat2 = from_laea(x, y)
    # PROJ inverts the authalic latitude with a series: 1e-7 degrees is about a centimetre.
    assert lon2[0] == pytest.approx(lon, abs=1e-7)
    assert lat2[0] == pytest.approx(lat, abs=1e-7)


def test_it_rejects_bad_coordinates() -> None:
    with pytest.raises(GeoError, match="range"):
        to_laea([200.0], [0.0])
    with pytest.raises(GeoError, match="NaN"):
        to_laea([np.nan], [0.0])
    with pytest.raises(GeoError, match="shapes"):
        to_laea([1.0, 2.0], [0.0])


def test_it_measures_areas_like_the_ellipsoid() -> None:
    # LAEA is equal-area, so the planar area must equal the geodesic area on GRS80.
    square = [(21.10, 55.70), (21.12, 55.70), (21.12, 55.71), (21.10, 55.71)]
    lons, lats = zip(*square, strict=True)
    geodesic, _ = GRS80.polygon_area_perimeter(lons, lats)
    assert polygon_area_m2(square) == pytest.approx(abs(geodesic), rel=1e-6)


def test_it_subtracts_holes_from_areas() -> None:
    outer = [(14.3, 51.7), (14.4, 51.7), (14.4, 51.8), (14.3, 51.8)]
    hole = [(14.32, 51.72), (14.34, 51.72), (14.34, 51.74), (14.32, 51.74)]
    with_hole = polygon_area_m2(outer, [hole])
    assert with_hole == pytest.approx(polygon_area_m2(outer) - polygon_area_m2(hole), rel=1e-9)


def test_it_rejects_degenerate_polygons() -> None:
    with pytest.raises(GeoError):
        polygon_area_m2([(0.0, 0.0), (1.0, 1.0)])


def _brute_force(sites: np.ndarray, pois: np.ndarray, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Nearest distance and count within radius by explicit pairwise distances."""
    d = np.hypot(sites[:, None, 0] - pois[None, :, 0], sites[:, None, 1] - pois[None, :, 1])
    return d.min(axis=1), (d <= radius).sum(axis=1)


def test_it_matches_brute_force_accessibility() -> None:
    rng = np.random.default_rng(42)
    # Around Klaipeda: 0.1 degrees is a few kilometres, so radii of 400 m and 1 km matter.
    site_lon, site_lat = rng.uniform(21.05, 21.2, 300), rng.uniform(55.65, 55.75, 300)
    poi_lon, poi_lat = rng.uniform(21.05, 21.2, 900), rng.uniform(55.65, 55.75, 900)
    cats = rng.choice(["transit", "culture", "creative"], 900)
    result = accessibility(
        site_lon,
        site_lat,
        poi_lon,
        poi_lat,
        cats,
        radii_m={"transit": 400, "culture": 1000, "creative": 1000, "education": 1000},
        centre_lonlat=(21.1312, 55.7127),
    )
    sx, sy = to_laea(site_lon, site_lat)
    px, py = to_laea(poi_lon, poi_lat)
    sites = np.column_stack((sx, sy))
    for cat in ("transit", "culture", "creative"):
        mask = cats == cat
        nearest, count = _brute_force(sites, np.column_stack((px[mask], py[mask])), result.radius_m[cat])
        np.testing.assert_allclose(result.nearest_m[cat], nearest, rtol=1e-12)
        np.testing.assert_array_equal(result.counts[cat], count)
    # A category with a radius but no POIs is unreachable rather than an error.
    assert np.all(np.isinf(result.nearest_m["education"]))
    assert np.all(result.counts["education"] == 0)
    cx, cy = to_laea([21.1312], [55.7127])
    assert result.centre_distance_m is not None
    np.testing.assert_allclose(result.centre_distance_m, np.hypot(sx - cx[0], sy - cy[0]))


def test_it_reuses_trees_across_site_batches() -> None:
    acc = Accessibility([21.0, 21.01], [55.0, 55.0], ["transit", "transit"], {"transit": 400.0})
    first = acc.compute([21.0], [55.0])
    assert first.nearest_m["transit"][0] == pytest.approx(0.0, abs=1e-6)
    assert first.counts["transit"][0] == 1
    assert first.centre_distance_m is None
    empty = acc.compute(np.array([]), np.array([]))
    assert empty.nearest_m["transit"].shape == (0,)


def test_it_measures_ground_distance_within_a_percent() -> None:
    # Two points 1 km apart along a parallel in Tartu: LAEA scale error must stay below 1 %.
    lon2, lat2, _ = GRS80.fwd(26.72, 58.38, 90, 1000.0)
    result = accessibility([26.72], [58.38], [lon2], [lat2], ["culture"], {"culture": 1000.0})
    assert result.nearest_m["culture"][0] == pytest.approx(1000.0, rel=0.01)


def test_it_rejects_nonpositive_radii() -> None:
    with pytest.raises(GeoError, match="positive"):
        Accessibility([21.0], [55.0], ["transit"], {"transit": 0.0})
