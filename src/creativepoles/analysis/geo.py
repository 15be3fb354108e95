"""Geography: areas on ETRS89-LAEA (EPSG:3035); distances on a transverse Mercator plane per city.

Areas use the equal-area EPSG:3035. Distances and radius counts use a transverse Mercator projection on
the WGS84 ellipsoid centred on the city (scale 1 on its meridian): the projection is conformal with a
scale between 1 and about 1 + x^2 / (2 R^2) at easting x, so a distance between points within rho of
the centre is stretched by at most that factor (3e-5 at 50 km). Counts within a radius are made equal
to the geodesic counts by measuring the few candidates in that thin band on the ellipsoid (pyproj.Geod).
Transverse Mercator rather than azimuthal equidistant: PROJ's ellipsoidal AEQD solves a geodesic per
point and is about six times slower, for an accuracy that is not needed at city scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import Geod, Transformer
from scipy.spatial import cKDTree  # type: ignore[import-untyped, unused-ignore]
from shapely.geometry import Polygon  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "DEFAULT_RADII_M",
    "LAEA_EPSG",
    "WGS84_EPSG",
    "Accessibility",
    "AccessibilityResult",
    "GeoError",
    "city_transformer",
    "accessibility",
    "distortion_bound",
    "from_laea",
    "geodesic_distance_m",
    "laea_transformer",
    "polygon_area_m2",
    "to_city_plane",
    "to_laea",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

WGS84_EPSG = 4326
# ETRS89-LAEA Europe: equal-area, so areas are exact and distances within ~1 % across the
# Baltic Sea Region (the scale error of an azimuthal equal-area projection grows with the
# distance from its centre at 52 N 10 E; about 0.7 % at 1,500 km).
LAEA_EPSG = 3035

# The ellipsoid of the input coordinates (WGS84 lon/lat), for geodesic reference distances.
WGS84_GEOD = Geod(ellps="WGS84")
# Smallest radius of curvature of the WGS84 ellipsoid (meridian at the equator, a * (1 - e^2)), so that
# (rho / R_MIN)^2 over-estimates the transverse Mercator stretch anywhere on Earth.
R_MIN_M = 6_335_439.0
# Absolute slack for rounding in the projection and the k-d tree (a micrometre is far below any
# coordinate's precision, yet above the floating-point noise of metre-scale coordinates).
ROUNDING_M = 1e-6

# Walking-distance radii used by the platform: 400 m is the usual bus-stop catchment,
# 1 km a comfortable walk to venues and peers.
DEFAULT_RADII_M: dict[str, float] = {
    "transit": 400.0,
    "culture": 1000.0,
    "creative": 1000.0,
    "education": 1000.0,
}


class GeoError(ValueError):
    """Invalid coordinates or geometry."""


@lru_cache(maxsize=2)
def laea_transformer(inverse: bool = False) -> Transformer:
    """Return the cached WGS84 -> EPSG:3035 transformer, or EPSG:3035 -> WGS84 if inverse."""
    # Building a transformer costs milliseconds, so each direction is built once per process.
    # always_xy: (lon, lat) and (easting, northing) order whatever the CRS axis order says.
    if inverse:
        return Transformer.from_crs(LAEA_EPSG, WGS84_EPSG, always_xy=True)
    return Transformer.from_crs(WGS84_EPSG, LAEA_EPSG, always_xy=True)


def _lonlat_arrays(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Validate and return longitude and latitude as float arrays of equal shape."""
    lo = np.asarray(lon, dtype=np.float64)
    la = np.asarray(lat, dtype=np.float64)
    if lo.shape != la.shape:
        raise GeoError(f"lon and lat shapes differ: {lo.shape} vs {la.shape}")
    if not (np.all(np.isfinite(lo)) and np.all(np.isfinite(la))):
        raise GeoError("coordinates contain NaN or infinite values")
    if np.any(np.abs(lo) > 180) or np.any(np.abs(la) > 90):
        raise GeoError("coordinates out of range: expected lon in [-180, 180], lat in [-90, 90]")
    return lo, la


def to_laea(lon: ArrayLike, lat: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Project WGS84 lon/lat (degrees) to EPSG:3035 easting/northing (metres)."""
    lo, la = _lonlat_arrays(lon, lat)
    x, y = laea_transformer().transform(lo, la)
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def from_laea(x: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Unproject EPSG:3035 easting/northing (metres) to WGS84 lon/lat (degrees)."""
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    lon, lat = laea_transformer(inverse=True).transform(xs, ys)
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


@lru_cache(maxsize=32)
def city_transformer(lon0: float, lat0: float) -> Transformer:
    """Return the cached WGS84 -> transverse Mercator transformer centred on (lon0, lat0), scale 1."""
    # PROJ's default tmerc is the exact Poder/Engsager series (nanometre accuracy), not +approx.
    return Transformer.from_crs(
        WGS84_EPSG, f"+proj=tmerc +lat_0={lat0!r} +lon_0={lon0!r} +k_0=1 +ellps=WGS84 +units=m", always_xy=True
    )


def to_city_plane(
    lon: ArrayLike, lat: ArrayLike, centre_lonlat: tuple[float, float]
) -> tuple[FloatArray, FloatArray]:
    """Project WGS84 lon/lat (degrees) to metres on the transverse Mercator plane centred on centre_lonlat."""
    lo, la = _lonlat_arrays(lon, lat)
    c_lo, c_la = _lonlat_arrays([centre_lonlat[0]], [centre_lonlat[1]])
    x, y = city_transformer(float(c_lo[0]), float(c_la[0])).transform(lo, la)
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def distortion_bound(rho_m: float) -> float:
    """Return eps with d <= planar <= (1 + eps) d for distances between points within rho_m of the centre."""
    # Transverse Mercator with k0 = 1 is conformal with scale k = 1 + (1 + eta^2) x^2 / (2 N^2) + O(x^4) >= 1,
    # eta^2 < 0.0068 and |x| <= rho. A planar distance lies between the smallest and largest scale on the
    # way times the ground distance; (rho / R_MIN)^2 is twice the leading term, a margin for the rest.
    if not rho_m >= 0:
        raise GeoError(f"distance from the centre must be non-negative, got {rho_m}")
    return float((rho_m / R_MIN_M) ** 2)


def geodesic_distance_m(lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike, lat2: ArrayLike) -> FloatArray:
    """Return ellipsoidal (WGS84) geodesic distances in metres between paired points."""
    lo1, la1 = _lonlat_arrays(lon1, lat1)
    lo2, la2 = _lonlat_arrays(lon2, lat2)
    if lo1.shape != lo2.shape:
        raise GeoError(f"point arrays differ in shape: {lo1.shape} vs {lo2.shape}")
    _, _, dist = WGS84_GEOD.inv(lo1, la1, lo2, la2)
    return np.asarray(dist, dtype=np.float64)


def _projected_ring(coords: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Project one (lon, lat) ring to EPSG:3035 coordinate tuples."""
    pts = np.asarray(coords, dtype=np.float64)
    if pts.ndim != 2 or pts.shape[1] != 2:
        raise GeoError("a ring must be a sequence of (lon, lat) pairs")
    x, y = to_laea(pts[:, 0], pts[:, 1])
    return list(zip(x.tolist(), y.tolist(), strict=True))


def polygon_area_m2(
    exterior: Sequence[tuple[float, float]],
    holes: Sequence[Sequence[tuple[float, float]]] = (),
) -> float:
    """Return the area in m2 of a (lon, lat) polygon, computed on EPSG:3035."""
    if len(exterior) < 3:
        raise GeoError("a polygon needs at least three vertices")
    polygon = Polygon(_projected_ring(exterior), [_projected_ring(h) for h in holes])
    if not polygon.is_valid:
        # Self-intersections (common in hand-drawn OSM outlines) would give a signed-area sum;
        # buffer(0) is shapely's standard repair and keeps the enclosed area.
        polygon = polygon.buffer(0)
    return float(polygon.area)


@dataclass(frozen=True)
class AccessibilityResult:
    """Per-site accessibility indicators; arrays are aligned with the input sites."""

    # Distance in metres from each site to the nearest POI of each category (inf if none), measured on
    # the city's plane: at most a factor 1 + max_relative_error above the geodesic distance.
    nearest_m: dict[str, FloatArray]
    # Number of POIs of each category within radius_m[category] of each site, by geodesic distance.
    counts: dict[str, IntArray]
    radius_m: dict[str, float]
    # Distance in metres to the city centre (within max_relative_error of the geodesic), or None without a centre.
    centre_distance_m: FloatArray | None
    # Bound on (planar - geodesic) / geodesic for the distances above, from the points' spread.
    max_relative_error: float = 0.0


class Accessibility:
    """Reusable k-d trees over POIs on a plane centred on the city, queried for any number of sites."""

    def __init__(
        self,
        poi_lon: ArrayLike,
        poi_lat: ArrayLike,
        poi_category: ArrayLike,
        radii_m: Mapping[str, float] | None = None,
        centre_lonlat: tuple[float, float] | None = None,
        workers: int = -1,
    ) -> None:
        """Project POIs once around the centre (or their median point) and build one k-d tree per category."""
        p_lon, p_lat = _lonlat_arrays(poi_lon, poi_lat)
        categories = np.asarray(poi_category).astype(str)
        if categories.shape != p_lon.shape:
            raise GeoError("poi_category must have one entry per POI")
        self.radius_m: dict[str, float] = dict(DEFAULT_RADII_M if radii_m is None else radii_m)
        for name, radius in self.radius_m.items():
            if not radius > 0:
                raise GeoError(f"radius for {name!r} must be positive, got {radius}")
        if centre_lonlat is not None:
            origin = (float(centre_lonlat[0]), float(centre_lonlat[1]))
        elif p_lon.size:
            # The median point of the POIs keeps the projection centred on the data when no city centre is known.
            origin = (float(np.median(p_lon)), float(np.median(p_lat)))
        else:
            origin = (0.0, 0.0)
        self.origin = origin
        self._has_centre = centre_lonlat is not None
        x, y = to_city_plane(p_lon, p_lat, origin)
        # workers=-1 lets scipy use every core for the (embarrassingly parallel) queries.
        self.workers = workers
        self._trees: dict[str, cKDTree] = {}
        # Per category: the POIs' lon/lat (for the geodesic check) and their farthest distance from the origin.
        self._lonlat: dict[str, tuple[FloatArray, FloatArray]] = {}
        names = sorted(set(categories.tolist()) | set(self.radius_m))
        for name in names:
            mask = categories == name
            if np.any(mask):
                # balanced_tree=False builds faster on large inputs with similar query speed.
                self._trees[name] = cKDTree(
                    np.column_stack((x[mask], y[mask])), balanced_tree=False, compact_nodes=False
                )
                self._lonlat[name] = (p_lon[mask], p_lat[mask])
        self.categories: tuple[str, ...] = tuple(names)

    def _geodesic_counts(
        self, name: str, site_tree: cKDTree, s_lon: FloatArray, s_lat: FloatArray, radius: float, eps: float
    ) -> IntArray:
        """Count POIs within radius by geodesic distance, measuring on the ellipsoid only near the radius."""
        # planar >= geodesic: a POI within radius - rounding on the plane is within radius on the ground.
        inner_r = radius - ROUNDING_M
        # planar <= (1 + eps) geodesic: a POI beyond this on the plane is beyond radius on the ground.
        outer_r = radius * (1.0 + eps) + ROUNDING_M
        # One dual-tree pass in C lists every (site, POI, planar distance) pair up to outer_r: cheaper than two
        # counting passes (inner and outer) and it names the few pairs in the band between them.
        pairs = site_tree.sparse_distance_matrix(self._trees[name], outer_r, output_type="ndarray")
        n = s_lon.shape[0]
        site_i = np.asarray(pairs["i"], dtype=np.int64)
        planar = np.asarray(pairs["v"], dtype=np.float64)
        sure = planar <= inner_r
        counts = np.bincount(site_i[sure], minlength=n).astype(np.int64)
        band = np.flatnonzero(~sure)
        if band.size:
            poi_j = np.asarray(pairs["j"], dtype=np.int64)[band]
            p_lon, p_lat = self._lonlat[name]
            ground = geodesic_distance_m(s_lon[site_i[band]], s_lat[site_i[band]], p_lon[poi_j], p_lat[poi_j])
            counts += np.bincount(site_i[band][ground <= radius], minlength=n).astype(np.int64)
        return counts

    def compute(self, site_lon: ArrayLike, site_lat: ArrayLike) -> AccessibilityResult:
        """Return nearest distances, geodesic counts within radius and centre distance for each site."""
        s_lon, s_lat = _lonlat_arrays(site_lon, site_lat)
        s_lon, s_lat = s_lon.ravel(), s_lat.ravel()
        sx, sy = to_city_plane(s_lon, s_lat, self.origin)
        sites = np.column_stack((sx, sy))
        n = sites.shape[0]
        # The plane never shortens distances, so the planar distance from the origin bounds the ground one.
        rho = np.hypot(sx, sy)
        rho_max = float(rho.max()) if n else 0.0
        site_tree = cKDTree(sites, balanced_tree=False, compact_nodes=False) if n else None
        nearest: dict[str, FloatArray] = {}
        counts: dict[str, IntArray] = {}
        eps_used = distortion_bound(rho_max)
        for name in self.categories:
            tree = self._trees.get(name)
            if tree is None or site_tree is None:
                nearest[name] = np.full(n, np.inf)
                counts[name] = np.zeros(n, dtype=np.int64)
                continue
            dist, _ = tree.query(sites, k=1, workers=self.workers)
            nearest[name] = np.asarray(dist, dtype=np.float64)
            # The nearest POI lies at most rho + dist from the origin; that bounds the stretch of its distance.
            eps_used = max(eps_used, distortion_bound(float(np.max(rho + nearest[name]))))
            radius = self.radius_m.get(name)
            if radius is None:
                counts[name] = np.zeros(n, dtype=np.int64)
            else:
                # Every POI counted or checked lies within rho_max + radius (plus the band) of the origin.
                eps = distortion_bound(rho_max + radius * 1.01)
                counts[name] = self._geodesic_counts(name, site_tree, s_lon, s_lat, radius, eps)
        return AccessibilityResult(
            nearest_m=nearest,
            counts=counts,
            radius_m=dict(self.radius_m),
            centre_distance_m=np.asarray(rho, dtype=np.float64) if self._has_centre else None,
            max_relative_error=eps_used,
        )


def accessibility(
    site_lon: ArrayLike,
    site_lat: ArrayLike,
    poi_lon: ArrayLike,
    poi_lat: ArrayLike,
    poi_category: ArrayLike,
    radii_m: Mapping[str, float] | None = None,
    centre_lonlat: tuple[float, float] | None = None,
) -> AccessibilityResult:
    """Compute accessibility indicators for sites against categorised POIs in one call."""
    return Accessibility(poi_lon, poi_lat, poi_category, radii_m, centre_lonlat).compute(site_lon, site_lat)
