"""Tests for creativepoles.analysis.osm on small hand-written OSM files with known contents."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import osmium
import pytest

from creativepoles.analysis.geo import polygon_area_m2
from creativepoles.analysis.osm import OsmError, OsmFeature, classify, extract


def _way(way_id: int, refs: list[int], tags: dict[str, str]) -> str:
    """Return XML for a way."""
    nds = "".join(f'<nd ref="{r}"/>' for r in refs)
    tag_xml = "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())
    return f'<way id="{way_id}" version="1">{nds}{tag_xml}</way>\n'


def _node(node_id: int, lon: float, lat: float, tags: dict[str, str]) -> str:
    """Return XML for a tagged node."""
    tag_xml = "".join(f'<tag k="{k}" v="{v}"/>' for k, v in tags.items())
    return f'<node id="{node_id}" version="1" lat="{lat}" lon="{lon}">{tag_xml}</node>\n'


# Cottbus, around the old cloth factories. Square rings are (lon, lat) corner lists.
WAREHOUSE = [(14.33, 51.76), (14.332, 51.76), (14.332, 51.761), (14.33, 51.761)]
BROWNFIELD_OUTER = [(14.34, 51.75), (14.35, 51.75), (14.35, 51.755), (14.34, 51.755)]
BROWNFIELD_INNER = [(14.342, 51.751), (14.344, 51.751), (14.344, 51.752), (14.342, 51.752)]


def _osm_xml() -> str:
    """Build a small OSM file: 11 tagged nodes, 6 ways, 1 multipolygon relation."""
    parts = ["<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">\n"]
    parts += [
        _node(1, 14.3310, 51.7600, {"highway": "bus_stop", "name": "Stadthalle"}),
        _node(2, 14.3320, 51.7610, {"public_transport": "platform"}),
        _node(3, 14.3330, 51.7620, {"railway": "station", "amenity": "library"}),
        _node(4, 14.3340, 51.7630, {"amenity": "university", "name": "BTU"}),
        _node(5, 14.3350, 51.7640, {"tourism": "museum"}),
        _node(6, 14.3360, 51.7650, {"office": "architect"}),
        _node(7, 14.3370, 51.7660, {"craft": "carpenter"}),
        _node(8, 14.3380, 51.7670, {"craft": "no"}),
        _node(9, 14.3390, 51.7680, {"disused:shop": "bakery"}),
        _node(10, 14.3400, 51.7690, {"amenity": "bench"}),
        _node(11, 13.4000, 52.5200, {"amenity": "theatre"}),
    ]
    rings = []
    for first, ring in ((100, WAREHOUSE), (110, [(x + 0.01, y) for x, y in WAREHOUSE])):
        parts += [_node(first + i, x, y, {}) for i, (x, y) in enumerate(ring)]
        rings.append([first, first + 1, first + 2, first + 3, first])
    for first, ring in ((120, BROWNFIELD_OUTER), (130, BROWNFIELD_INNER)):
        parts += [_node(first + i, x, y, {}) for i, (x, y) in enumerate(ring)]
        rings.append([first, first + 1, first + 2, first + 3, first])
    parts += [_node(140, 14.30, 51.70, {}), _node(141, 14.31, 51.71, {})]
    parts += [
        _way(200, rings[0], {"building": "warehouse", "name": "Alte Tuchfabrik"}),
        _way(201, rings[1], {"building": "industrial", "disused:building": "industrial"}),
        _way(202, [140, 141], {"abandoned:railway": "rail"}),
        _way(203, [140, 141], {"highway": "residential"}),
        _way(204, rings[2], {}),
        _way(205, rings[3], {}),
        # Node 999 is not in the file, as happens at the edge of a regional extract.
        _way(206, [140, 141, 999, 140], {"building": "factory"}),
    ]
    parts.append(
        '<relation id="300" version="1">'
        '<member type="way" ref="204" role="outer"/><member type="way" ref="205" role="inner"/>'
        '<tag k="type" v="multipolygon"/><tag k="landuse" v="brownfield"/></relation>\n'
    )
    parts.append("</osm>\n")
    return "".join(parts)


EXPECTED = Counter(
    {
        ("poi", "transit"): 3,
        ("poi", "culture"): 3,
        ("poi", "education"): 1,
        ("poi", "creative"): 2,
        ("site", "disused"): 2,
        ("site", "industrial_building"): 1,
        ("site", "brownfield"): 1,
    }
)


@pytest.fixture
def osm_file(tmp_path: Path) -> Path:
    path = tmp_path / "cottbus.osm"
    path.write_text(_osm_xml(), encoding="utf-8")
    return path


@pytest.fixture
def pbf_file(osm_file: Path) -> Path:
    path = osm_file.with_suffix(".osm.pbf")
    with osmium.SimpleWriter(str(path)) as writer:
        for obj in osmium.FileProcessor(str(osm_file)):
            writer.add(obj)
    return path


def _by_key(features: list[OsmFeature]) -> dict[tuple[str, int, str], OsmFeature]:
    return {(f.osm_type, f.osm_id, f.category): f for f in features}


def test_it_finds_every_known_feature(osm_file: Path) -> None:
    features = list(extract(osm_file))
    assert Counter((f.kind, f.category) for f in features) == EXPECTED
    found = _by_key(features)
    assert found["node", 1, "transit"].name == "Stadthalle"
    assert found["node", 1, "transit"].area_m2 is None
    assert (found["node", 1, "transit"].lon, found["node", 1, "transit"].lat) == (14.331, 51.76)
    assert {("node", 3, "transit"), ("node", 3, "culture")} <= found.keys()
    assert ("node", 9, "disused") in found
    # Lifecycle prefixes win over the plain building type.
    assert ("way", 201, "disused") in found
    assert ("way", 201, "industrial_building") not in found
    assert found["way", 201, "disused"].tags["disused:building"] == "industrial"


def test_it_measures_ways_and_multipolygons_on_laea(osm_file: Path) -> None:
    found = _by_key(list(extract(osm_file)))
    warehouse = found["way", 200, "industrial_building"]
    assert warehouse.name == "Alte Tuchfabrik"
    assert warehouse.area_m2 == pytest.approx(polygon_area_m2(WAREHOUSE), rel=1e-9)
    assert warehouse.lon == pytest.approx(14.331, abs=1e-6)
    assert warehouse.lat == pytest.approx(51.7605, abs=1e-5)
    brownfield = found["relation", 300, "brownfield"]
    expected = polygon_area_m2(BROWNFIELD_OUTER) - polygon_area_m2(BROWNFIELD_INNER)
    assert brownfield.area_m2 == pytest.approx(expected, rel=1e-9)


def test_it_skips_lines_and_broken_ways_as_sites(osm_file: Path) -> None:
    ids = {(f.osm_type, f.osm_id) for f in extract(osm_file)}
    assert ("way", 202) not in ids  # abandoned railway line: linear, not a site
    assert ("way", 206) not in ids  # references a node missing from the file
    assert ("node", 8) not in ids and ("node", 10) not in ids


def test_it_can_leave_relations_out(osm_file: Path) -> None:
    features = list(extract(osm_file, relations=False))
    assert all(f.osm_type != "relation" for f in features)
    assert len(features) == sum(EXPECTED.values()) - 1


def test_it_filters_by_bbox(osm_file: Path) -> None:
    features = list(extract(osm_file, bbox=(14.0, 51.5, 14.5, 52.0)))
    assert ("node", 11) not in {(f.osm_type, f.osm_id) for f in features}
    assert len(features) == sum(EXPECTED.values()) - 1
    with pytest.raises(OsmError, match="bbox"):
        list(extract(osm_file, bbox=(15.0, 51.5, 14.0, 52.0)))


def test_it_reads_pbf_like_xml(osm_file: Path, pbf_file: Path) -> None:
    assert list(extract(pbf_file)) == list(extract(osm_file))


def test_it_reports_progress(osm_file: Path) -> None:
    calls: list[tuple[int, int]] = []
    features = list(extract(osm_file, progress=lambda n, f: calls.append((n, f)), progress_every=5))
    assert calls, "progress callback never called"
    seen = [n for n, _ in calls]
    assert seen == sorted(seen)
    assert calls[-1][1] == len(features)


def test_it_rejects_garbage(tmp_path: Path) -> None:
    for name in ("garbage.osm.pbf", "garbage.osm"):
        path = tmp_path / name
        path.write_bytes(bytes(range(256)) * 4 + os.urandom(512))
        with pytest.raises(OsmError, match="truncated, corrupt or not OpenStreetMap"):
            list(extract(path))


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.9])
def test_it_rejects_a_truncated_pbf(pbf_file: Path, tmp_path: Path, fraction: float) -> None:
    data = pbf_file.read_bytes()
    cut = tmp_path / "cut.osm.pbf"
    cut.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(OsmError, match="cut.osm.pbf"):
        list(extract(cut))


def test_it_rejects_a_truncated_xml_file(osm_file: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.osm"
    cut.write_bytes(osm_file.read_bytes()[:-20])
    with pytest.raises(OsmError, match="XML"):
        list(extract(cut))


def test_it_rejects_missing_and_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(OsmError, match="not found"):
        list(extract(tmp_path / "missing.osm.pbf"))
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(OsmError, match="unsupported"):
        list(extract(other))
    html = tmp_path / "page.osm"
    html.write_text('<?xml version="1.0"?><html><body/></html>')
    with pytest.raises(OsmError, match="html"):
        list(extract(html))


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ({"building": "hangar"}, [("site", "industrial_building")]),
        ({"landuse": "industrial"}, [("site", "industrial_land")]),
        ({"abandoned:amenity": "school"}, [("site", "abandoned")]),
        ({"building": "ruins"}, [("site", "abandoned")]),
        ({"disused": "no", "building": "barn"}, [("site", "industrial_building")]),
        ({"railway": "tram_stop"}, [("poi", "transit")]),
        ({"public_transport": "stop_position"}, [("poi", "transit")]),
        ({"amenity": "college"}, [("poi", "education")]),
        ({"amenity": "cinema"}, [("poi", "culture")]),
        ({"tourism": "gallery"}, [("poi", "culture")]),
        ({"office": "advertising_agency"}, [("poi", "creative")]),
        ({"building": "factory", "craft": "brewery"}, [("site", "industrial_building"), ("poi", "creative")]),
        ({"building": "yes"}, []),
        ({"office": "insurance"}, []),
    ],
)
def test_it_classifies_tags(tags: dict[str, str], expected: list[tuple[str, str]]) -> None:
    assert classify(tags) == expected


# A warehouse ring of six nodes whose two eastern corners lie outside the extract, and a
# brownfield multipolygon whose second outer member way is missing from the file altogether.
CUT_RING = [(14.33, 51.76), (14.331, 51.7598), (14.332, 51.76), (14.332, 51.761), (14.331, 51.7612), (14.33, 51.761)]


def _cut_xml() -> str:
    """An extract cut at its edge: nodes 502, 503 and way 611 are referenced but absent."""
    present = [0, 1, 4, 5]
    parts = ["<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">\n"]
    parts += [_node(500 + i, *CUT_RING[i], {}) for i in present]
    parts += [_node(520 + i, x + 0.02, y, {}) for i, (x, y) in enumerate(WAREHOUSE)]
    parts += [_node(540, 14.40, 51.80, {}), _node(541, 14.41, 51.81, {})]
    parts += [
        _way(600, [500, 501, 502, 503, 504, 505, 500], {"building": "warehouse", "amenity": "university"}),
        _way(601, [540, 541], {"disused:railway": "rail"}),
        _way(602, [598, 599], {"amenity": "theatre"}),
        _way(610, [520, 521, 522], {}),
        _way(612, [522, 523, 520], {}),
    ]
    parts.append(
        '<relation id="700" version="1"><member type="way" ref="610" role="outer"/>'
        '<member type="way" ref="611" role="outer"/><member type="way" ref="612" role="outer"/>'
        '<tag k="type" v="multipolygon"/><tag k="landuse" v="brownfield"/></relation>\n'
        '<relation id="701" version="1"><member type="node" ref="540" role=""/>'
        '<tag k="type" v="site"/><tag k="amenity" v="university"/></relation>\n'
    )
    parts.append("</osm>\n")
    return "".join(parts)


@pytest.fixture
def cut_file(tmp_path: Path) -> Path:
    path = tmp_path / "edge.osm"
    path.write_text(_cut_xml(), encoding="utf-8")
    return path


def test_it_builds_ways_cut_at_the_edge_from_the_nodes_present(cut_file: Path) -> None:
    found = _by_key(list(extract(cut_file)))
    site, poi = found["way", 600, "industrial_building"], found["way", 600, "education"]
    assert site.cut and poi.cut
    present = [CUT_RING[i] for i in (0, 1, 4, 5)]
    assert site.area_m2 == pytest.approx(polygon_area_m2(present), rel=1e-9)
    assert site.area_m2 is not None and site.area_m2 < polygon_area_m2(CUT_RING)
    assert site.lon == pytest.approx(14.3305, abs=1e-4)


def test_it_builds_multipolygons_with_missing_members_from_the_ways_present(cut_file: Path) -> None:
    brownfield = _by_key(list(extract(cut_file)))["relation", 700, "brownfield"]
    assert brownfield.cut
    assert brownfield.area_m2 == pytest.approx(polygon_area_m2(WAREHOUSE), rel=1e-6)
    assert brownfield.lon == pytest.approx(14.351, abs=1e-4)


def test_it_reports_every_match_it_leaves_out_by_reason(cut_file: Path) -> None:
    skipped: list[tuple[str, int, str, str, str]] = []
    features = list(extract(cut_file, skip=lambda *args: skipped.append(args)))
    assert sorted(skipped) == [
        ("relation", 701, "poi", "education", "not_a_multipolygon"),
        ("way", 601, "site", "disused", "not_an_area"),
        ("way", 602, "poi", "culture", "no_location"),
    ]
    assert all(f.cut is False for f in extract(cut_file) if f.osm_type == "node")
    skipped.clear()
    inside = list(extract(cut_file, bbox=(14.0, 51.0, 14.34, 52.0), skip=lambda *args: skipped.append(args)))
    assert {f.osm_id for f in inside} == {600}
    assert ("relation", 700, "site", "brownfield", "outside_bbox") in skipped
    assert len(features) == 3


def test_it_keeps_complete_outlines_uncut(osm_file: Path) -> None:
    assert not any(f.cut for f in extract(osm_file))


def test_it_builds_what_it_can_of_a_multipolygon_with_one_piece_left(tmp_path: Path) -> None:
    # Relation 800 keeps one open two-node member (no area); relation 801 an outer ring with a hole,
    # one of its outer members missing; relation 802 nothing at all.
    outer = [(14.50, 51.80), (14.51, 51.80), (14.51, 51.81), (14.50, 51.81)]
    hole = [(14.502, 51.802), (14.504, 51.802), (14.504, 51.804), (14.502, 51.804)]
    parts = ["<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">\n"]
    parts += [_node(1, 14.40, 51.80, {}), _node(2, 14.42, 51.80, {})]
    parts += [_node(10 + i, x, y, {}) for i, (x, y) in enumerate(outer)]
    parts += [_node(20 + i, x, y, {}) for i, (x, y) in enumerate(hole)]
    parts += [_way(30, [1, 2], {}), _way(31, [10, 11, 12], {}), _way(32, [12, 13, 10], {}),
              _way(34, [20, 21, 22, 23, 20], {})]
    parts.append(
        '<relation id="800" version="1"><member type="way" ref="30" role="outer"/>'
        '<member type="way" ref="39" role="outer"/>'
        '<tag k="type" v="multipolygon"/><tag k="landuse" v="industrial"/><tag k="amenity" v="college"/></relation>\n'
        '<relation id="801" version="1"><member type="way" ref="31" role="outer"/>'
        '<member type="way" ref="33" role="outer"/><member type="way" ref="32" role="outer"/>'
        '<member type="way" ref="34" role="inner"/>'
        '<tag k="type" v="multipolygon"/><tag k="landuse" v="brownfield"/></relation>\n'
        '<relation id="802" version="1"><member type="way" ref="38" role="outer"/>'
        '<tag k="type" v="multipolygon"/><tag k="tourism" v="museum"/></relation>\n'
    )
    parts.append("</osm>\n")
    path = tmp_path / "pieces.osm"
    path.write_text("".join(parts), encoding="utf-8")
    skipped: list[tuple[str, int, str, str, str]] = []
    found = _by_key(list(extract(path, skip=lambda *args: skipped.append(args))))
    assert sorted(skipped) == [("relation", 800, "site", "industrial_land", "not_an_area"),
                               ("relation", 802, "poi", "culture", "no_location")]
    college = found["relation", 800, "education"]
    assert (college.cut, college.area_m2) == (True, None)
    assert college.lon == pytest.approx(14.41, abs=1e-6) and college.lat == pytest.approx(51.80, abs=1e-6)
    brownfield = found["relation", 801, "brownfield"]
    assert brownfield.cut
    assert brownfield.area_m2 == pytest.approx(polygon_area_m2(outer) - polygon_area_m2(hole), rel=1e-6)


def test_it_makes_the_most_of_very_short_remains(tmp_path: Path) -> None:
    triangle = [(14.60, 51.80), (14.61, 51.80), (14.60, 51.81)]
    square = [(14.70, 51.80), (14.701, 51.80), (14.701, 51.801), (14.70, 51.801)]
    parts = ["<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">\n"]
    parts += [_node(1 + i, x, y, {}) for i, (x, y) in enumerate(triangle)]
    parts += [_node(10, 14.65, 51.85, {}), _node(11, 14.66, 51.86, {}), _node(12, 14.66, 51.86, {})]
    parts += [_node(20 + i, x, y, {}) for i, (x, y) in enumerate(square)]
    parts += [_node(30 + i, x + 0.01, y, {}) for i, (x, y) in enumerate(square)]
    parts += [
        # A four-corner ring with one corner outside: the three left still make a triangle.
        _way(40, [1, 2, 90, 3, 1], {"building": "warehouse"}),
        # A ring with a single node left: a point where that node is.
        _way(41, [10, 91, 92, 93, 10], {"amenity": "theatre"}),
        # Two nodes at one spot: no length, so the point itself.
        _way(42, [11, 12], {"amenity": "cinema"}),
        _way(43, [20, 21, 22], {}), _way(44, [22, 23, 20], {}),
        _way(45, [30, 31, 32], {}), _way(46, [32, 33, 30], {}),
    ]
    parts.append(
        '<relation id="900" version="1"><member type="way" ref="43" role="outer"/>'
        '<member type="way" ref="44" role="outer"/><member type="way" ref="45" role="outer"/>'
        '<member type="way" ref="46" role="outer"/><member type="way" ref="47" role="outer"/>'
        '<tag k="type" v="multipolygon"/><tag k="landuse" v="brownfield"/></relation>\n'
    )
    parts.append("</osm>\n")
    path = tmp_path / "remains.osm"
    path.write_text("".join(parts), encoding="utf-8")
    found = _by_key(list(extract(path)))
    warehouse = found["way", 40, "industrial_building"]
    assert warehouse.cut and warehouse.area_m2 == pytest.approx(polygon_area_m2(triangle), rel=1e-9)
    theatre = found["way", 41, "culture"]
    assert (theatre.lon, theatre.lat, theatre.area_m2, theatre.cut) == (14.65, 51.85, None, True)
    cinema = found["way", 42, "culture"]
    assert (cinema.lon, cinema.lat, cinema.area_m2, cinema.cut) == (14.66, 51.86, None, False)
    # Two separate rings survive of the relation: both count.
    brownfield = found["relation", 900, "brownfield"]
    assert brownfield.area_m2 == pytest.approx(2 * polygon_area_m2(square), rel=1e-3)
    assert brownfield.lon == pytest.approx(14.7055, abs=1e-4)
