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
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Polygon,
)
from shapely.ops import linemerge, unary_union  # type: ignore[import-untyped, unused-ignore]

from creativepoles.analysis.geo import laea_transformer

__all__ = [
    "ATTRIBUTION",
    "BBox",
    "Kind",
    "OsmError",
    "OsmFeature",
    "OsmType",
    "ProgressCallback",
    "SkipCallback",
    "SkipReason",
    "classify",
    "extract",
]

ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0"

OsmType = Literal["node", "way", "relation"]
Kind = Literal["site", "poi"]
# (min_lon, min_lat, max_lon, max_lat) in WGS84 degrees.
BBox = tuple[float, float, float, float]
# Called with (objects examined so far, features yielded so far); untagged nodes (and untagged
# ways when no multipolygon needs them) are filtered out in C++ before they are counted.
ProgressCallback = Callable[[int, int], None]
# Why a matching object did not become a feature (for one of its categories):
# no_location: none of its nodes (or member ways) is in the file;
# not_an_area: a site needs an area, but the object is a line, a degenerate outline or cut to fewer than three nodes;
# not_a_multipolygon: a relation of another type (route, site...) has no single geometry;
# outside_bbox: its centre lies outside the requested box.
SkipReason = Literal["no_location", "not_an_area", "not_a_multipolygon", "outside_bbox"]
# Called with (osm_type, osm_id, kind, category, reason) for every skipped match.
SkipCallback = Callable[[OsmType, int, Kind, str, SkipReason], None]
AREA_RELATIONS = frozenset({"multipolygon", "boundary"})

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
    # True when some nodes or member ways lie outside the extract: the geometry is built from those
    # present, so the area is a lower bound for a convex outline and the centre is approximate.
    cut: bool = False


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


def _ring(nodes: Iterable[osmium.osm.NodeRef]) -> tuple[list[tuple[float, float]], bool]:
    """Return the (lon, lat) pairs of the nodes present, and whether any node location is missing."""
    coords: list[tuple[float, float]] = []
    missing = False
    for node in nodes:
        location = node.location
        if not location.valid():
            # Extracts cut at a border keep ways whose nodes lie outside: build from the nodes present.
            missing = True
            continue
        coords.append((location.lon, location.lat))
    return coords, missing


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


Geometry = tuple[float, float, "float | None", bool]


def _distinct(coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop consecutive repeats, which a ring whose closing node is missing can leave behind."""
    out: list[tuple[float, float]] = []
    for point in coords:
        if not out or out[-1] != point:
            out.append(point)
    return out


def _outline(coords: list[tuple[float, float]], closed: bool, cut: bool) -> Geometry | None:
    """Return (lon, lat, area or None, cut) for a node list, or None when no node is present."""
    coords = _distinct(coords)
    if not coords:
        return None
    projected = _project(coords)
    # A cut ring is closed again over the gap: the chord runs inside a convex outline, so the area
    # measured is at most the true one.
    if closed and len({*coords}) >= 3:
        polygon = _polygon(Polygon(projected))
        if not polygon.is_empty and polygon.area > 0:
            lon, lat = _centroid_lonlat(polygon)
            return lon, lat, float(polygon.area), cut
    if len(coords) == 1:
        return coords[0][0], coords[0][1], None, cut
    line = LineString(projected)
    if line.length == 0:
        return coords[0][0], coords[0][1], None, cut
    lon, lat = _centroid_lonlat(line)
    return lon, lat, None, cut


def _way_geometry(way: osmium.osm.Way) -> Geometry | None:
    """Return (lon, lat, area or None, cut) for a way, or None when none of its nodes is in the file."""
    coords, missing = _ring(way.nodes)
    # is_closed() compares node ids, so it stays true for a ring whose nodes are partly missing.
    return _outline(coords, way.is_closed() and len(way.nodes) >= 4, missing)


def _area_geometry(area: osmium.osm.Area) -> Geometry | None:
    """Return (lon, lat, area, False) for a complete multipolygon assembled by libosmium."""
    polygons = []
    for outer in area.outer_rings():
        shell, missing = _ring(outer)
        if missing or len(shell) < 4:
            return None
        holes = []
        for inner in area.inner_rings(outer):
            hole, hole_missing = _ring(inner)
            if not hole_missing and len(hole) >= 4:
                holes.append(_project(hole))
        polygons.append(Polygon(_project(shell), holes))
    if not polygons:
        return None
    geometry = _polygon(MultiPolygon(polygons))
    if geometry.is_empty:
        return None
    lon, lat = _centroid_lonlat(geometry)
    return lon, lat, float(geometry.area), False


def _rings_from(lines: list[list[tuple[float, float]]]) -> list[Polygon]:
    """Join member-way pieces end to end and close each chain into a polygon (projected)."""
    pieces = [LineString(_project(line)) for line in lines if len(_distinct(line)) >= 2]
    if not pieces:
        return []
    merged = linemerge(MultiLineString(pieces))
    chains = list(merged.geoms) if hasattr(merged, "geoms") else [merged]
    polygons = []
    for chain in chains:
        coords = list(chain.coords)
        if len({*coords}) >= 3:
            polygon = _polygon(Polygon(coords))
            if not polygon.is_empty and polygon.area > 0:
                polygons.append(polygon)
    return polygons


def _relation_geometry(members: list[tuple[str, int]],
                       ways: Mapping[int, tuple[list[tuple[float, float]], bool]]) -> Geometry | None:
    """Return (lon, lat, area or None, True) for a multipolygon libosmium could not close, from what is present."""
    outer = [ways[ref][0] for role, ref in members if role != "inner" and ref in ways]
    inner = [ways[ref][0] for role, ref in members if role == "inner" and ref in ways]
    points = [point for line in outer for point in line]
    if not points:
        return None
    shells = _rings_from(outer)
    if shells:
        geometry = unary_union(shells)
        holes = [h for h in _rings_from(inner) if h.exterior.is_ring]
        if holes:
            geometry = geometry.difference(unary_union(holes))
        if not geometry.is_empty and geometry.area > 0:
            lon, lat = _centroid_lonlat(geometry)
            return lon, lat, float(geometry.area), True
    centre = MultiPoint(_project(points)).centroid
    lon, lat = laea_transformer(inverse=True).transform(centre.x, centre.y)
    return float(lon), float(lat), None, True


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


def _area_relations(path: Path) -> dict[int, tuple[dict[str, str], list[tuple[str, int]]]]:
    """First pass, relations only: the matching multipolygons with their member ways (role, id)."""
    wanted: dict[int, tuple[dict[str, str], list[tuple[str, int]]]] = {}
    for relation in osmium.FileProcessor(str(path), osmium.osm.RELATION):
        if not isinstance(relation, osmium.osm.Relation):
            continue
        tags = {tag.k: tag.v for tag in relation.tags}
        if tags.get("type") in AREA_RELATIONS and classify(tags):
            members = [(m.role, m.ref) for m in relation.members if m.type == "w"]
            wanted[relation.id] = (tags, members)
    return wanted


def _features(
    osm_type: OsmType,
    osm_id: int,
    tags: dict[str, str],
    matches: list[tuple[Kind, str]],
    geometry: Geometry | None,
    *,
    bbox: BBox | None,
    needs_area: bool,
    skip: SkipCallback | None,
) -> list[OsmFeature]:
    """Turn one matching object into its features, reporting every match that cannot become one."""
    reason: SkipReason | None = None
    if geometry is None:
        reason = "no_location"
    elif not _inside(bbox, geometry[0], geometry[1]):
        reason = "outside_bbox"
    if geometry is None or reason is not None:
        if skip is not None:
            for kind, category in matches:
                skip(osm_type, osm_id, kind, category, reason or "no_location")
        return []
    lon, lat, area, cut = geometry
    features = []
    name = tags.get("name")
    for kind, category in matches:
        if kind == "site" and needs_area and area is None:
            # An open way (an abandoned railway line, say) cannot be a building site.
            if skip is not None:
                skip(osm_type, osm_id, kind, category, "not_an_area")
            continue
        # Each feature gets its own dict so that callers cannot alter a sibling's tags.
        features.append(OsmFeature(osm_type=osm_type, osm_id=osm_id, kind=kind, category=category, name=name,
                                   tags=dict(tags), lon=lon, lat=lat, area_m2=area, cut=cut))
    return features


def extract(
    path: str | PathLike[str],
    *,
    bbox: BBox | None = None,
    progress: ProgressCallback | None = None,
    progress_every: int = 100_000,
    relations: bool = True,
    location_index: str = "flex_mem",
    skip: SkipCallback | None = None,
) -> Iterator[OsmFeature]:
    """Stream classified sites and POIs from an .osm or .osm.pbf file; report the matches left out to skip."""
    p = _check_path(path)
    if bbox is not None and not (bbox[0] <= bbox[2] and bbox[1] <= bbox[3]):
        raise OsmError(f"bbox must be (min_lon, min_lat, max_lon, max_lat), got {bbox}")
    seen = found = 0
    try:
        # Multipolygons crossing the extract's edge are never closed by libosmium's assembler, so the
        # matching ones and their member ways are noted first and built from what is present at the end.
        wanted = _area_relations(p) if relations else {}
        members = {ref for _tags, refs in wanted.values() for _role, ref in refs}
        member_coords: dict[int, tuple[list[tuple[float, float]], bool]] = {}
        # Features are yielded as they are found, so memory does not grow with the output. Way
        # geometry needs a node-location index: "flex_mem" suits city and country extracts; for
        # very large files pass a disk-backed index such as "dense_file_array,/tmp/nodes.idx".
        # Untagged nodes (most of a file) are dropped in C++ after their location has been stored;
        # they can never match, and skipping them keeps Python out of the hot path. Untagged ways
        # pass only when some wanted relation may need them as members.
        empty = osmium.filter.EmptyTagFilter()
        if members:
            empty.enable_for(osmium.osm.NODE)
        processor = osmium.FileProcessor(str(p)).with_locations(location_index).with_filter(empty)
        if relations:
            # Complete multipolygons are assembled by libosmium; closed ways are handled below, so
            # way-derived areas from the assembler are skipped.
            processor = processor.with_areas()
        done: set[int] = set()
        for obj in processor:
            seen += 1
            if progress is not None and seen % progress_every == 0:
                progress(seen, found)
            if isinstance(obj, osmium.osm.Area) and obj.from_way():
                continue
            if isinstance(obj, osmium.osm.Way) and obj.id in members:
                member_coords[obj.id] = _ring(obj.nodes)
            # Objects are only valid inside this iteration step, so copy the tags out at once.
            tags = {tag.k: tag.v for tag in obj.tags}
            matches = classify(tags) if tags else []
            if not matches:
                continue
            osm_type: OsmType
            geometry: Geometry | None
            needs_area = True
            if isinstance(obj, osmium.osm.Node):
                osm_type, osm_id, needs_area = "node", obj.id, False
                geometry = (obj.lon, obj.lat, None, False) if obj.location.valid() else None
            elif isinstance(obj, osmium.osm.Way):
                osm_type, osm_id = "way", obj.id
                geometry = _way_geometry(obj)
            elif isinstance(obj, osmium.osm.Area):
                geometry = _area_geometry(obj)
                if geometry is None or obj.orig_id() not in wanted:
                    continue  # built from its members after the pass
                osm_type, osm_id = "relation", obj.orig_id()
                done.add(osm_id)
            elif isinstance(obj, osmium.osm.Relation):
                if tags.get("type") in AREA_RELATIONS or not relations:
                    continue  # assembled above or built from its members after the pass
                # Routes, site relations and the like have no single geometry.
                if skip is not None:
                    for kind, category in matches:
                        skip("relation", obj.id, kind, category, "not_a_multipolygon")
                continue
            else:
                continue
            for feature in _features(osm_type, osm_id, tags, matches, geometry, bbox=bbox, needs_area=needs_area,
                                     skip=skip):
                found += 1
                yield feature
        for relation_id, (tags, refs) in wanted.items():
            if relation_id in done:
                continue
            geometry = _relation_geometry(refs, member_coords)
            for feature in _features("relation", relation_id, tags, classify(tags), geometry, bbox=bbox,
                                     needs_area=True, skip=skip):
                found += 1
                yield feature
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
