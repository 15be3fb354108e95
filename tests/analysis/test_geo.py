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
    distortion_bound,
    from_laea,
    geodesic_distance_m,
    polygon_area_m2,
    to_city_plane,
    to_laea,
)

GRS80 = Geod(ellps="GRS80")
WGS84 = Geod(ellps="WGS84")


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


def _geodesic_brute_force(
    site_lon: np.ndarray, site_lat: np.ndarray, poi_lon: np.ndarray, poi_lat: np.ndarray, radius: float
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest distance and count within radius from every site-POI geodesic on WGS84."""
    lo1 = np.repeat(site_lon, poi_lon.size)
    la1 = np.repeat(site_lat, poi_lon.size)
    _, _, d = WGS84.inv(lo1, la1, np.tile(poi_lon, site_lon.size), np.tile(poi_lat, site_lon.size))
    d = np.asarray(d).reshape(site_lon.size, poi_lon.size)
    return d.min(axis=1), (d <= radius).sum(axis=1)


def test_it_matches_geodesic_brute_force_accessibility() -> None:
    rng = np.random.default_rng(42)
    # Around Klaipeda: 0.1 degrees is a few kilometres, so radii of 400 m and 1 km matter.
    site_lon, site_lat = rng.uniform(21.05, 21.2, 300), rng.uniform(55.65, 55.75, 300)
    poi_lon, poi_lat = rng.uniform(21.05, 21.2, 900), rng.uniform(55.65, 55.75, 900)
    cats = rng.choice(["transit", "culture", "creative"], 900)
    centre = (21.1312, 55.7127)
    result = accessibility(
        site_lon,
        site_lat,
        poi_lon,
        poi_lat,
        cats,
        radii_m={"transit": 400, "culture": 1000, "creative": 1000, "education": 1000},
        centre_lonlat=centre,
    )
    for cat in ("transit", "culture", "creative"):
        mask = cats == cat
        nearest, count = _geodesic_brute_force(site_lon, site_lat, poi_lon[mask], poi_lat[mask], result.radius_m[cat])
        # Never shorter than the geodesic, and at most the stated bound (a few 1e-6 here) longer.
        assert np.all(result.nearest_m[cat] >= nearest - 1e-6)
        assert np.all(result.nearest_m[cat] <= nearest * (1 + result.max_relative_error) + 1e-6)
        np.testing.assert_allclose(result.nearest_m[cat], nearest, rtol=5e-4)
        np.testing.assert_array_equal(result.counts[cat], count)
    assert 0 < result.max_relative_error < 1e-5
    # A category with a radius but no POIs is unreachable rather than an error.
    assert np.all(np.isinf(result.nearest_m["education"]))
    assert np.all(result.counts["education"] == 0)
    assert result.centre_distance_m is not None
    _, _, to_centre = WGS84.inv(site_lon, site_lat, np.full(300, centre[0]), np.full(300, centre[1]))
    # Distances from the centre: never shorter than the geodesic, and within the stated bound.
    assert np.all(result.centre_distance_m >= to_centre - 1e-6)
    np.testing.assert_allclose(result.centre_distance_m, to_centre, rtol=result.max_relative_error, atol=1e-6)


@pytest.mark.parametrize("radius", [400.0, 1000.0])
def test_it_counts_points_a_few_millimetres_either_side_of_the_radius_like_the_ellipsoid(radius: float) -> None:
    # A site 45 km east of the centre: the plane stretches 1 km there by about 2.5 cm,
    # so without the geodesic check POIs 3 mm inside the radius would be counted as outside.
    centre = (26.72, 58.38)
    site_lon, site_lat, _ = WGS84.fwd(centre[0], centre[1], 80.0, 45_000.0)
    azimuths = np.arange(0.0, 360.0, 7.5)
    n = azimuths.size
    in_lon, in_lat, _ = WGS84.fwd(np.full(n, site_lon), np.full(n, site_lat), azimuths, np.full(n, radius - 0.003))
    out_lon, out_lat, _ = WGS84.fwd(np.full(n, site_lon), np.full(n, site_lat), azimuths, np.full(n, radius + 0.003))
    # Plus POIs well inside (counted without the ellipsoid), and a second site, last, with nothing near it.
    sure_lon, sure_lat, _ = WGS84.fwd(np.full(n, site_lon), np.full(n, site_lat), azimuths, np.full(n, radius / 2))
    poi_lon = np.concatenate([in_lon, out_lon, sure_lon])
    poi_lat = np.concatenate([in_lat, out_lat, sure_lat])
    far_lon, far_lat, _ = WGS84.fwd(centre[0], centre[1], 200.0, 30_000.0)
    result = accessibility([site_lon, far_lon], [site_lat, far_lat], poi_lon, poi_lat, ["culture"] * (3 * n),
                           {"culture": radius}, centre)
    assert result.counts["culture"].tolist() == [2 * n, 0]
    assert result.nearest_m["culture"][0] == pytest.approx(radius / 2, rel=1e-4)


def test_it_bounds_the_stretch_of_the_centred_projection() -> None:
    assert distortion_bound(0.0) == 0.0
    # (50 km / 6,335,439 m)^2: twice the leading term x^2 / (2 R^2) at the largest curvature.
    assert distortion_bound(50_000.0) == pytest.approx(6.2286e-5, rel=1e-3)
    assert distortion_bound(10_000.0) < distortion_bound(20_000.0)
    with pytest.raises(GeoError):
        distortion_bound(-1.0)
    # Empirically: pairs of points within 50 km of Cottbus, planar distance / geodesic in [1, 1 + bound].
    rng = np.random.default_rng(7)
    centre = (14.33, 51.76)
    n = 2000
    lon1, lat1, _ = WGS84.fwd(np.full(n, centre[0]), np.full(n, centre[1]), rng.uniform(0, 360, n),
                              rng.uniform(0, 49_000, n))
    lon2, lat2, _ = WGS84.fwd(lon1, lat1, rng.uniform(0, 360, n), rng.uniform(1, 1000, n))
    x1, y1 = to_city_plane(lon1, lat1, centre)
    x2, y2 = to_city_plane(lon2, lat2, centre)
    ratio = np.hypot(x2 - x1, y2 - y1) / geodesic_distance_m(lon1, lat1, lon2, lat2)
    assert ratio.min() >= 1 - 1e-9
    assert ratio.max() <= 1 + distortion_bound(50_000.0)
    # The bound is not vacuous: the largest stretch is within a factor 3 of it.
    assert ratio.max() - 1 > distortion_bound(50_000.0) / 3


def test_it_measures_published_geodesic_lengths() -> None:
    # WGS84 quarter meridian (equator to pole): 10,001,965.729 m; a degree of the equator: a * pi / 180.
    quarter = geodesic_distance_m([0.0], [0.0], [0.0], [90.0])
    assert quarter[0] == pytest.approx(10_001_965.729, abs=1e-3)
    degree = geodesic_distance_m([0.0], [0.0], [1.0], [0.0])
    assert degree[0] == pytest.approx(6_378_137.0 * np.pi / 180, abs=1e-6)
    with pytest.raises(GeoError, match="shape"):
        geodesic_distance_m([0.0, 1.0], [0.0, 1.0], [1.0], [0.0])


def test_it_centres_the_equidistant_plane_on_the_city() -> None:
    centre = (21.1312, 55.7127)
    x, y = to_city_plane([centre[0]], [centre[1]], centre)
    assert x[0] == pytest.approx(0.0, abs=1e-9)
    assert y[0] == pytest.approx(0.0, abs=1e-9)
    lon, lat, _ = WGS84.fwd(centre[0], centre[1], 0.0, 30_000.0)
    x, y = to_city_plane([lon], [lat], centre)
    # Due north along the central meridian, where the scale is exactly 1: the meridian arc length.
    assert x[0] == pytest.approx(0.0, abs=1e-6)
    assert y[0] == pytest.approx(30_000.0, abs=1e-6)
    with pytest.raises(GeoError):
        to_city_plane([0.0], [0.0], (0.0, 95.0))


def test_it_centres_on_the_pois_median_without_a_city_centre() -> None:
    acc = Accessibility([21.0, 21.2, 21.4], [55.0, 55.1, 55.6], ["transit"] * 3, {"transit": 400.0})
    assert acc.origin == (21.2, 55.1)
    assert Accessibility([], [], [], {"transit": 400.0}).origin == (0.0, 0.0)


def test_it_reuses_trees_across_site_batches() -> None:
    acc = Accessibility([21.0, 21.01], [55.0, 55.0], ["transit", "transit"], {"transit": 400.0})
    first = acc.compute([21.0], [55.0])
    assert first.nearest_m["transit"][0] == pytest.approx(0.0, abs=1e-6)
    assert first.counts["transit"][0] == 1
    assert first.centre_distance_m is None
    empty = acc.compute(np.array([]), np.array([]))
    assert empty.nearest_m["transit"].shape == (0,)


def test_it_measures_ground_distance_within_a_twentieth_of_a_percent() -> None:
    # Two points 1 km apart along a parallel in Tartu, 40 km from the centre: within 0.05 % of the geodesic.
    site_lon, site_lat, _ = WGS84.fwd(26.72, 58.38, 0, 40_000.0)
    lon2, lat2, _ = WGS84.fwd(site_lon, site_lat, 90, 1000.0)
    result = accessibility([site_lon], [site_lat], [lon2], [lat2], ["culture"], {"culture": 1000.0}, (26.72, 58.38))
    assert result.nearest_m["culture"][0] == pytest.approx(1000.0, rel=5e-4)
    assert result.counts["culture"][0] == 1


def test_it_rejects_nonpositive_radii() -> None:
    with pytest.raises(GeoError, match="positive"):
        Accessibility([21.0], [55.0], ["transit"], {"transit": 0.0})


def test_it_accepts_the_extreme_coordinates_and_nothing_beyond() -> None:
    # WGS84 half meridian, pole to pole: 20,003,931.459 m. Longitude +-180 and latitude +-90 are valid.
    half = geodesic_distance_m([180.0], [90.0], [-180.0], [-90.0])
    assert half[0] == pytest.approx(20_003_931.459, abs=1e-3)
    assert half.dtype == np.float64
    with pytest.raises(GeoError, match=r"^coordinates out of range"):
        geodesic_distance_m([180.5], [0.0], [0.0], [0.0])
    with pytest.raises(GeoError, match=r"^coordinates out of range"):
        geodesic_distance_m([0.0], [90.5], [0.0], [0.0])
    with pytest.raises(GeoError, match=r"^coordinates contain NaN or infinite values$"):
        geodesic_distance_m([np.inf], [0.0], [0.0], [0.0])
    with pytest.raises(GeoError, match=r"^distance from the centre must be non-negative"):
        distortion_bound(-1.0)


def test_it_measures_a_triangle_and_repairs_a_bow_tie() -> None:
    triangle = [(21.10, 55.70), (21.12, 55.70), (21.11, 55.71)]
    lons, lats = zip(*triangle, strict=True)
    geodesic, _ = GRS80.polygon_area_perimeter(lons, lats)
    assert polygon_area_m2(triangle) == pytest.approx(abs(geodesic), rel=1e-6)
    # A bow-tie's signed lobes cancel to 0 unrepaired; buffer(0) keeps the area it encloses, not more.
    bow_tie = [(21.10, 55.70), (21.12, 55.71), (21.12, 55.70), (21.10, 55.71)]
    lobe = polygon_area_m2([(21.10, 55.70), (21.11, 55.705), (21.10, 55.71)])
    repaired = polygon_area_m2(bow_tie)
    assert repaired > 0
    assert repaired == pytest.approx(lobe, rel=1e-3) or repaired == pytest.approx(2 * lobe, rel=1e-3)
    with pytest.raises(GeoError, match=r"^a ring must be a sequence of \(lon, lat\) pairs$"):
        polygon_area_m2([(21.1, 55.7, 0.0), (21.2, 55.7, 0.0), (21.2, 55.8, 0.0)])
    with pytest.raises(GeoError, match=r"^a polygon needs at least three vertices$"):
        polygon_area_m2([(21.1, 55.7), (21.2, 55.7)])


def test_it_validates_pois_and_radii() -> None:
    with pytest.raises(GeoError, match=r"^poi_category must have one entry per POI$"):
        Accessibility([21.0, 21.1], [55.0, 55.0], ["transit"])
    # Any positive radius is fine, even below a metre; without radii the platform's defaults apply.
    assert Accessibility([21.0], [55.0], ["transit"], {"transit": 0.5}).radius_m == {"transit": 0.5}
    assert Accessibility([21.0], [55.0], ["transit"]).radius_m == {
        "transit": 400.0, "culture": 1000.0, "creative": 1000.0, "education": 1000.0
    }


def test_it_reports_the_bound_it_used_and_typed_arrays() -> None:
    centre = (26.72, 58.38)
    site_lon, site_lat, _ = WGS84.fwd([26.72, 26.72], [58.38, 58.38], [90.0, 0.0], [30_000.0, 5_000.0])
    poi_lon, poi_lat, _ = WGS84.fwd(site_lon, site_lat, [90.0, 90.0], [2_000.0, 300.0])
    # "library" has POIs but no radius: distances are measured, nothing is counted.
    result = accessibility(site_lon, site_lat, poi_lon, poi_lat, ["library", "culture"], {"culture": 1000.0}, centre)
    x, y = to_city_plane(site_lon, site_lat, centre)
    rho = np.hypot(x, y)
    expected = max(distortion_bound(float(np.max(rho + result.nearest_m[c]))) for c in ("library", "culture"))
    assert result.max_relative_error == pytest.approx(expected, rel=1e-12)
    assert result.counts["library"].tolist() == [0, 0]
    assert result.counts["library"].dtype == np.int64
    assert result.counts["culture"].dtype == np.int64
    assert result.nearest_m["library"].dtype == np.float64
    assert result.counts["culture"].tolist() == [0, 1]
