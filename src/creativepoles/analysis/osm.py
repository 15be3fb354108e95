"""Streaming OpenStreetMap extractor: candidate sites and points of interest from .osm/.osm.pbf.

OSM data is (c) OpenStreetMap contributors, ODbL 1.0: attribute it wherever results are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Literal

import osmium
import osmium.filter
import osmium.osm
from shapely.geometry import (  # type: ignore[import-untyped, unused-ignore]
    LineString,
    MultiPolygon,
    Polygon,
)

from creativepoles.analysis.geo import laea_transformer

__all__ = [
    "ATTRIBUTION",
    "BBox",
    "Kind",
    "OsmError",
    "OsmFeature",
    "OsmType",
    "ProgressCallback",
    "classify",
    "extract",
]

ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0"

OsmType = Literal["node", "way", "relation"]
Kind = Literal["site", "poi"]
# (min_lon, min_lat, max_lon, max_lat) in WGS84 degrees.
BBox = tuple[float, float, float, float]
# Called with (tagged objects examined so far, features yielded so far); untagged objects are
# filtered out in C++ before they are counted.
ProgressCallback = Callable[[int, int], None]

SUFFIXES = (".osm", ".osm.pbf", ".pbf", ".osm.bz2", ".osm.gz", ".osm.opl")

# Building types that usually stand empty when industry leaves; "ruins" is vacant by definition.
VACANT_PRONE_BUILDINGS = frozenset(
    {
        "industrial",
        "warehouse",
        "factory",
        "manufacture",
        "hangar",
        "barn",
        "depot",
        "works",
        "ruins",
    }
)
LANDUSE_SITES = {"brownfield": "brownfield", "industrial": "industrial_land"}

TRANSIT = {
    "highway": frozenset({"bus_stop"}),
    "public_transport": frozenset({"platform", "stop_position"}),
    "railway": frozenset({"station", "halt", "tram_stop"}),
}
EDUCATION = {"amenity": frozenset({"university", "college"})}
CULTURE = {
    "amenity": frozenset({"arts_centre", "theatre", "cinema", "library"}),
    "tourism": frozenset({"museum", "gallery"}),
}
# Offices matching the DCMS creative-industry groups (advertising, architecture, design,
# publishing, IT and software); every craft counts.
CREATIVE_OFFICES = frozenset(
    {
        "architect",
        "advertising_agency",
        "design",
        "graphic_design",
        "publisher",
        "newspaper",
        "it",
        "marketing",
    }
)
POI_RULES: tuple[tuple[str, Mapping[str, frozenset[str]]], ...] = (
    ("transit", TRANSIT),
    ("education", EDUCATION),
    ("culture", CULTURE),
)

NO_VALUES = frozenset({"no", "false", "0"})


class OsmError(ValueError):
    """The input is missing, truncated or not an OSM file."""


@dataclass(frozen=True)
class OsmFeature:
    """One classified OSM object with a representative point (centroid) in WGS84."""

    osm_type: OsmType
    osm_id: int
    kind: Kind
    category: str
    name: str | None
    tags: dict[str, str]
    lon: float
    lat: float
    # Area on EPSG:3035 for closed ways and multipolygons; None for points and lines.
    area_m2: float | None


def _site_category(tags: Mapping[str, str]) -> str | None:
    """Return the strongest vacancy signal in the tags, or None if the object is no site."""
    # Lifecycle prefixes say outright that the feature is out of use, so they win.
    for key, value in tags.items():
        if value.lower() in NO_VALUES:
            continue
        if key.startswith("abandoned:") or key == "abandoned":
            return "abandoned"
        if key.startswith("disused:") or key == "disused":
            return "disused"
    building = tags.get("building")
    if building == "ruins":
        return "abandoned"
    landuse = tags.get("landuse")
    if landuse == "brownfield":
        return LANDUSE_SITES[landuse]
    if building in VACANT_PRONE_BUILDINGS:
        return "industrial_building"
    if landuse in LANDUSE_SITES:
        return LANDUSE_SITES[landuse]
    return None


def _poi_categories(tags: Mapping[str, str]) -> list[str]:
    """Return every POI category the tags match (a station with a library counts twice)."""
    found = [name for name, rules in POI_RULES if any(tags.get(key) in values for key, values in rules.items())]
    craft = tags.get("craft")
    if tags.get("office") in CREATIVE_OFFICES or (craft is not None and craft not in NO_VALUES):
        found.append("creative")
    return found


def classify(tags: Mapping[str, str]) -> list[tuple[Kind, str]]:
    """Return the (kind, category) pairs an OSM tag set belongs to; empty if none."""
    result: list[tuple[Kind, str]] = []
    site = _site_category(tags)
    if site is not None:
        result.append(("site", site))
    result.extend(("poi", category) for category in _poi_categories(tags))
    return result


def _ring(nodes: Iterable[osmium.osm.NodeRef]) -> list[tuple[float, float]] | None:
    """Return the (lon, lat) pairs of a node list, or None if any location is missing."""
    coords: list[tuple[float, float]] = []
    for node in nodes:
        location = node.location
        if not location.valid():
            # Extracts cut at a border keep ways whose nodes lie outside; skip rather than guess.
            return None
        coords.append((location.lon, location.lat))
    return coords


def _project(coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Project (lon, lat) pairs to EPSG:3035 (x, y) pairs."""
    # Called once per way: the transformer is used directly because OSM locations are already
    # validated by libosmium and the array checks of geo.to_laea would dominate the run time.
    return [(float(x), float(y)) for x, y in laea_transformer().itransform(coords)]


def _centroid_lonlat(geometry: Polygon | MultiPolygon | LineString) -> tuple[float, float]:
    """Return the projected geometry's centroid in WGS84 degrees."""
    # Taken on the equal-area plane: in raw degrees a degree of longitude counts as much as one
    # of latitude although it is ~45 % shorter at 55 N, which skews the centroid of large areas.
    point = geometry.centroid
    lon, lat = laea_transformer(inverse=True).transform(point.x, point.y)
    return float(lon), float(lat)


def _polygon(geometry: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    """Repair an invalid polygon so its area and centroid are meaningful."""
    # Self-intersecting outlines are common in OSM; buffer(0) is shapely's standard repair.
    return geometry if geometry.is_valid else geometry.buffer(0)


def _way_geometry(way: osmium.osm.Way) -> tuple[float, float, float | None] | None:
    """Return (lon, lat, area or None) for a way, or None when its geometry is unusable."""
    coords = _ring(way.nodes)
    if coords is None or len(coords) < 2:
        return None
    projected = _project(coords)
    if way.is_closed() and len(coords) >= 4:
        polygon = _polygon(Polygon(projected))
        if not polygon.is_empty and polygon.area > 0:
            lon, lat = _centroid_lonlat(polygon)
            return lon, lat, float(polygon.area)
    line = LineString(projected)
    if line.length == 0:
        return coords[0][0], coords[0][1], None
    lon, lat = _centroid_lonlat(line)
    return lon, lat, None


def _area_geometry(area: osmium.osm.Area) -> tuple[float, float, float] | None:
    """Return (lon, lat, area) for a multipolygon assembled from a relation."""
    polygons = []
    for outer in area.outer_rings():
        shell = _ring(outer)
        if shell is None or len(shell) < 4:
            return None
        holes = []
        for inner in area.inner_rings(outer):
            hole = _ring(inner)
            if hole is not None and len(hole) >= 4:
                holes.append(_project(hole))
        polygons.append(Polygon(_project(shell), holes))
    if not polygons:
        return None
    geometry = _polygon(MultiPolygon(polygons))
    if geometry.is_empty:
        return None
    lon, lat = _centroid_lonlat(geometry)
    return lon, lat, float(geometry.area)


def _inside(bbox: BBox | None, lon: float, lat: float) -> bool:
    """Return True if there is no bbox or the point lies in it (edges included)."""
    if bbox is None:
        return True
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def _check_path(path: str | PathLike[str]) -> Path:
    """Return the path if it names an existing file with a supported OSM suffix."""
    p = Path(path)
    if not p.is_file():
        raise OsmError(f"OSM file not found: {p}")
    name = p.name.lower()
    if not name.endswith(SUFFIXES):
        raise OsmError(f"unsupported OSM file name {p.name!r}: expected one of {', '.join(SUFFIXES)}")
    return p


def extract(
    path: str | PathLike[str],
    *,
    bbox: BBox | None = None,
    progress: ProgressCallback | None = None,
    progress_every: int = 100_000,
    relations: bool = True,
    location_index: str = "flex_mem",
) -> Iterator[OsmFeature]:
    """Stream classified sites and POIs from an .osm or .osm.pbf file."""
    p = _check_path(path)
    if bbox is not None and not (bbox[0] <= bbox[2] and bbox[1] <= bbox[3]):
        raise OsmError(f"bbox must be (min_lon, min_lat, max_lon, max_lat), got {bbox}")
    # Features are yielded as they are found, so memory does not grow with the output. Way
    # geometry needs a node-location index: "flex_mem" suits city and country extracts; for
    # very large files pass a disk-backed index such as "dense_file_array,/tmp/nodes.idx".
    # Untagged objects (most nodes) are dropped in C++ after their location has been stored;
    # they can never match, and skipping them keeps Python out of the hot path.
    processor = osmium.FileProcessor(str(p)).with_locations(location_index).with_filter(osmium.filter.EmptyTagFilter())
    if relations:
        # Multipolygon relations are assembled by libosmium: a first pass reads relations only,
        # the second keeps just their member ways until each polygon is complete. Closed ways
        # are handled below, so way-derived areas from the assembler are skipped.
        processor = processor.with_areas()
    seen = found = 0
    try:
        for obj in processor:
            seen += 1
            if progress is not None and seen % progress_every == 0:
                progress(seen, found)
            if isinstance(obj, osmium.osm.Area) and obj.from_way():
                continue
            # Objects are only valid inside this iteration step, so copy the tags out at once.
            tags = {tag.k: tag.v for tag in obj.tags}
            matches = classify(tags) if tags else []
            if not matches:
                continue
            osm_type: OsmType
            if isinstance(obj, osmium.osm.Node):
                if not obj.location.valid():
                    continue
                osm_type, osm_id = "node", obj.id
                geometry: tuple[float, float, float | None] | None = (obj.lon, obj.lat, None)
            elif isinstance(obj, osmium.osm.Way):
                osm_type, osm_id = "way", obj.id
                geometry = _way_geometry(obj)
                if geometry is not None and geometry[2] is None:
                    # An open way (an abandoned railway line, say) cannot be a building site.
                    matches = [m for m in matches if m[0] == "poi"]
            elif isinstance(obj, osmium.osm.Area):
                osm_type, osm_id = "relation", obj.orig_id()
                geometry = _area_geometry(obj)
            else:
                # Non-multipolygon relations (routes, site relations) have no single geometry.
                continue
            if geometry is None or not _inside(bbox, geometry[0], geometry[1]):
                continue
            name = tags.get("name")
            for kind, category in matches:
                found += 1
                yield OsmFeature(
                    osm_type=osm_type,
                    osm_id=osm_id,
                    kind=kind,
                    category=category,
                    name=name,
                    # Each feature gets its own dict so that callers cannot alter a sibling's tags.
                    tags=dict(tags),
                    lon=geometry[0],
                    lat=geometry[1],
                    area_m2=geometry[2],
                )
    except RuntimeError as exc:
        # libosmium reports corrupt, truncated and foreign input as RuntimeError; say which file.
        # (A PBF cut exactly between two blocks is still a valid, shorter file: the format has
        # no end marker, so no reader can detect that case.)
        raise OsmError(
            f"cannot read {p.name}: {exc}. The file is truncated, corrupt or not OpenStreetMap "
            "data (.osm XML or .osm.pbf)."
        ) from exc
    if progress is not None:
        progress(seen, found)
