"""Geography on ETRS89-LAEA (EPSG:3035): projection, areas and k-d-tree accessibility."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray
from pyproj import Transformer
from scipy.spatial import cKDTree  # type: ignore[import-untyped, unused-ignore]
from shapely.geometry import Polygon  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "DEFAULT_RADII_M",
    "LAEA_EPSG",
    "WGS84_EPSG",
    "Accessibility",
    "AccessibilityResult",
    "GeoError",
    "accessibility",
    "from_laea",
    "laea_transformer",
    "polygon_area_m2",
    "to_laea",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

WGS84_EPSG = 4326
# ETRS89-LAEA Europe: equal-area, so areas are exact and distances within ~1 % across the
# Baltic Sea Region (the scale error of an azimuthal equal-area projection grows with the
# distance from its centre at 52 N 10 E; about 0.7 % at 1,500 km).
LAEA_EPSG = 3035

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

    # Distance in metres from each site to the nearest POI of each category (inf if none).
    nearest_m: dict[str, FloatArray]
    # Number of POIs of each category within radius_m[category] of each site.
    counts: dict[str, IntArray]
    radius_m: dict[str, float]
    # Straight-line distance in metres to the city centre, or None if no centre was given.
    centre_distance_m: FloatArray | None


class Accessibility:
    """Reusable k-d trees over projected POIs, queried for any number of sites."""

    def __init__(
        self,
        poi_lon: ArrayLike,
        poi_lat: ArrayLike,
        poi_category: ArrayLike,
        radii_m: Mapping[str, float] | None = None,
        centre_lonlat: tuple[float, float] | None = None,
        workers: int = -1,
    ) -> None:
        """Project POIs once and build one k-d tree per category."""
        x, y = to_laea(poi_lon, poi_lat)
        categories = np.asarray(poi_category).astype(str)
        if categories.shape != x.shape:
            raise GeoError("poi_category must have one entry per POI")
        self.radius_m: dict[str, float] = dict(DEFAULT_RADII_M if radii_m is None else radii_m)
        for name, radius in self.radius_m.items():
            if not radius > 0:
                raise GeoError(f"radius for {name!r} must be positive, got {radius}")
        # workers=-1 lets scipy use every core for the (embarrassingly parallel) queries.
        self.workers = workers
        self._trees: dict[str, cKDTree] = {}
        names = sorted(set(categories.tolist()) | set(self.radius_m))
        for name in names:
            mask = categories == name
            if np.any(mask):
                # balanced_tree=False builds faster on large inputs with similar query speed.
                self._trees[name] = cKDTree(
                    np.column_stack((x[mask], y[mask])), balanced_tree=False, compact_nodes=False
                )
        self.categories: tuple[str, ...] = tuple(names)
        self._centre: tuple[float, float] | None = None
        if centre_lonlat is not None:
            cx, cy = to_laea([centre_lonlat[0]], [centre_lonlat[1]])
            self._centre = (float(cx[0]), float(cy[0]))

    def compute(self, site_lon: ArrayLike, site_lat: ArrayLike) -> AccessibilityResult:
        """Return nearest distances, counts within radius and centre distance for each site."""
        sx, sy = to_laea(site_lon, site_lat)
        sites = np.column_stack((sx.ravel(), sy.ravel()))
        n = sites.shape[0]
        nearest: dict[str, FloatArray] = {}
        counts: dict[str, IntArray] = {}
        for name in self.categories:
            tree = self._trees.get(name)
            if tree is None or n == 0:
                nearest[name] = np.full(n, np.inf)
                counts[name] = np.zeros(n, dtype=np.int64)
                continue
            dist, _ = tree.query(sites, k=1, workers=self.workers)
            nearest[name] = np.asarray(dist, dtype=np.float64)
            radius = self.radius_m.get(name)
            if radius is None:
                counts[name] = np.zeros(n, dtype=np.int64)
            else:
                # return_length counts in C without materialising the neighbour lists.
                found = tree.query_ball_point(sites, r=radius, workers=self.workers, return_length=True)
                counts[name] = np.asarray(found, dtype=np.int64)
        centre_distance: FloatArray | None = None
        if self._centre is not None:
            centre_distance = np.asarray(
                np.hypot(sites[:, 0] - self._centre[0], sites[:, 1] - self._centre[1]),
                dtype=np.float64,
            )
        return AccessibilityResult(
            nearest_m=nearest,
            counts=counts,
            radius_m=dict(self.radius_m),
            centre_distance_m=centre_distance,
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
