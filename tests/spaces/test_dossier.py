"""Site dossier page, PDF and map; the public list of sites; CSV and GeoJSON exports."""

from __future__ import annotations

import csv
import io
import json
import re
import struct
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from creativepoles.spaces.dossier import (
    OSM_ATTRIBUTION,
    dossier_context,
    dossier_pdf,
    location_map_png,
    nearby_points,
)
from creativepoles.spaces.models import (
    Accessibility,
    AssessmentResult,
    AssessmentRun,
    Criterion,
    Method,
    PointOfInterest,
    Site,
)

OWNER = "Jonas Owner, +370 600 12345"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def build_dossier_world(world: dict[str, Any]) -> dict[str, Any]:
    """Three Klaipėda sites (two published), one Tartu site, points of interest, a method and a run."""
    k, t = world["klaipeda"], world["tartu"]
    mill = Site.objects.create(
        city=k, name="Old mill", address="Taikos pr. 1", latitude=Decimal("55.700000"),
        longitude=Decimal("21.150000"), gross_floor_area_m2=Decimal("1000.0"), condition="fair",
        heritage_protected=True, owner_contact=OWNER, is_published=True, status="assessed",
        geometry={"type": "Polygon", "coordinates": [[[21.1498, 55.6999], [21.1502, 55.6999], [21.1502, 55.7001],
                                                      [21.1498, 55.7001], [21.1498, 55.6999]]]},
    )
    hall = Site.objects.create(city=k, name="Harbour hall", latitude=Decimal("55.705"), longitude=Decimal("21.140"),
                               gross_floor_area_m2=Decimal("600"), condition="good", is_published=True,
                               owner_contact="hall owner secret")
    hidden = Site.objects.create(city=k, name="Unpublished depot", latitude=Decimal("55.71"),
                                 longitude=Decimal("21.12"), condition="poor", owner_contact="depot secret")
    tartu = Site.objects.create(city=t, name="Tartu depot", latitude=Decimal("58.37"), longitude=Decimal("26.70"),
                                is_published=True, owner_contact="tartu secret")
    for category, name, lat, lon in [
        ("transit", "Stop A", "55.7010", "21.1500"), ("transit", "Stop B", "55.6990", "21.1520"),
        ("culture", "Theatre", "55.7050", "21.1550"), ("education", "College", "55.6950", "21.1450"),
        ("creative", "Studio", "55.7020", "21.1480"), ("culture", "Far museum", "55.7600", "21.1500"),
    ]:
        PointOfInterest.objects.create(city=k, category=category, name=name, latitude=Decimal(lat),
                                       longitude=Decimal(lon), source="test")
    Accessibility.objects.create(site=mill, centre_m=1234.4, nearest_stop_m=111.0, stops_within=2,
                                 nearest_university_m=640.0, culture_within=1, creative_within=1,
                                 radii={"transit": 400.0, "culture": 1000.0, "creative": 1000.0})
    method = Method.objects.create(city=k, name="Creative potential", perspective="redevelopment potential")
    Criterion.objects.create(method=method, code="transit", label="Stops nearby", source_field="stops_within",
                             weight=Decimal("0.6"), order=1)
    Criterion.objects.create(method=method, code="centre", label="Distance to centre", source_field="centre_m",
                             benefit=False, unit="m", weight=Decimal("0.4"), order=2)
    run = AssessmentRun.objects.create(method=method, city=k, inputs={
        "sites": [mill.pk, hall.pk, hidden.pk], "site_names": ["Old mill", "Harbour hall", "Unpublished depot"],
        "criteria": [{"code": "transit", "label": "Stops nearby", "unit": "", "benefit": True, "weight": 0.6},
                     {"code": "centre", "label": "Distance to centre", "unit": "m", "benefit": False,
                      "weight": 0.4}],
        "matrix": [[2.0, 1234.4], [1.0, 800.0], [0.0, 3000.0]], "imputed_worst": {},
    })
    AssessmentResult.objects.create(run=run, site=mill, score=0.73456, rank=1, rank_stability=0.9,
                                    contributions={"transit": 0.6, "centre": 0.13456})
    AssessmentResult.objects.create(run=run, site=hall, score=0.5, rank=2, contributions={"transit": 0.3, "centre": 0.2})
    AssessmentResult.objects.create(run=run, site=hidden, score=0.1, rank=3, contributions={"transit": 0, "centre": 0.1})
    return {**world, "mill": mill, "hall": hall, "hidden": hidden, "tartu_site": tartu, "method": method, "run": run}


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """English texts whatever an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def dw(world: dict[str, Any]) -> dict[str, Any]:
    """The dossier world."""
    return build_dossier_world(world)


def pdf_text(data: bytes) -> str:
    """All text of a PDF."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page(client: Client, site: Site) -> str:
    """The dossier page's HTML."""
    response = client.get(f"/spaces/sites/{site.pk}/dossier/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_score_and_rank_of_the_page_in_the_pdf(client: Client, dw: dict[str, Any]) -> None:
    html = page(client, dw["mill"])
    score = re.search(r'id="dossier-score">([^<]+)<', html).group(1)  # type: ignore[union-attr]
    rank = re.search(r'id="dossier-rank">([^<]+)<', html).group(1)  # type: ignore[union-attr]
    assert (score, rank) == ("0.735", "1 of 3")
    response = client.get(f"/spaces/sites/{dw['mill'].pk}/dossier.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (score, rank, OSM_ATTRIBUTION, "Old mill", "Stops nearby", "0.600", "0.135", "747,500.00",
                     "Assumptions", "Sources of the assumptions", "not figures from a published cost survey"):
        assert expected in text, expected


def test_it_renders_the_page_without_network_urls(client: Client, dw: dict[str, Any]) -> None:
    html = page(client, dw["mill"])
    urls = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html)
    assert urls
    external = [u for u in urls if re.match(r"(?:https?:)?//", u)]
    assert external, "the OSM copyright link is there"
    assert all(re.fullmatch(r"https://www\.openstreetmap\.org/copyright", u) for u in external), external
    assert f'src="/spaces/sites/{dw["mill"].pk}/map.png"' in html
    assert OSM_ATTRIBUTION in html
    assert "Content-Security-Policy" in client.get(f"/spaces/sites/{dw['mill'].pk}/dossier/").headers


def test_it_serves_an_offline_location_map(client: Client, dw: dict[str, Any]) -> None:
    response = client.get(f"/spaces/sites/{dw['mill'].pk}/map.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content.startswith(PNG_SIGNATURE)
    png = location_map_png(dw["mill"], width_px=640)
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (640, 480)
    names = sorted(poi.name for poi, _x, _y in nearby_points(dw["mill"]))
    assert names == ["College", "Stop A", "Stop B", "Studio", "Theatre"]  # the museum is 6.7 km away


def test_it_hides_the_owner_contact_from_anonymous_and_other_city_users(client: Client, dw: dict[str, Any]) -> None:
    mill = dw["mill"]
    assert OWNER not in page(client, mill)
    assert OWNER not in pdf_text(client.get(f"/spaces/sites/{mill.pk}/dossier.pdf").content)
    client.force_login(dw["other"])
    assert OWNER not in page(client, mill)
    assert OWNER not in pdf_text(client.get(f"/spaces/sites/{mill.pk}/dossier.pdf").content)
    client.force_login(dw["editor"])
    assert OWNER in page(client, mill)
    response = client.get(f"/spaces/sites/{mill.pk}/dossier.pdf")
    assert "Jonas Owner" in pdf_text(response.content)
    assert "private" in response["Cache-Control"]  # a shared cache must not hand it to the next visitor


def test_it_scopes_dossier_pages_like_the_sites(client: Client, dw: dict[str, Any]) -> None:
    hidden = dw["hidden"]
    for suffix in ("dossier/", "dossier.pdf", "map.png"):
        assert client.get(f"/spaces/sites/{hidden.pk}/{suffix}").status_code == 404
    client.force_login(dw["other"])
    assert client.get(f"/spaces/sites/{hidden.pk}/dossier/").status_code == 404
    client.force_login(dw["editor"])
    assert client.get(f"/spaces/sites/{hidden.pk}/dossier/").status_code == 200
    Site.objects.filter(pk=dw["hall"].pk).update(deleted_at="2024-01-01T00:00:00Z")
    assert client.get(f"/spaces/sites/{dw['hall'].pk}/dossier/").status_code == 404


def test_it_gathers_the_dossier_context(dw: dict[str, Any]) -> None:
    context = dossier_context(dw["mill"])
    assert "owner_contact" not in [f["field"] for f in context["facts"]]
    assessment = context["assessment"]
    assert assessment["run_id"] == dw["run"].pk and assessment["rank_of"] == 3
    assert [(c["code"], c["contribution"], c["value"]) for c in assessment["criteria"]] == [
        ("transit", 0.6, 2.0), ("centre", 0.13456, 1234.4)]
    accessibility = {i["field"]: i["display"] for i in context["accessibility"]}
    assert accessibility["stops_within"] == "2 (within 400 m)" and accessibility["centre_m"] == "1,234 m"
    figures = {i["field"]: i["value"] for i in context["preinvestment"]["figures"]}
    assert figures["renovation_cost"] == Decimal("747500.00")
    assert context["osm_attribution"] == "© OpenStreetMap contributors, ODbL 1.0"
    assert "owner_contact" in [f["field"] for f in dossier_context(dw["mill"], show_private=True)["facts"]]
    no_area = dossier_context(dw["hidden"])
    assert no_area["preinvestment"]["available"] is False and no_area["assessment"]["rank"] == 3


def test_it_escapes_user_text_in_the_pdf(dw: dict[str, Any]) -> None:
    site = dw["hall"]
    site.name = '#panic("x") $x$ *bold* <tag> [link] \\ _u_ @ref'
    site.description = "= Heading\n- item // comment"
    site.save()
    text = pdf_text(dossier_pdf(site))
    assert '#panic("x") $x$ *bold* <tag> [link] \\ _u_ @ref' in text
    assert "= Heading" in text
    assert location_map_png(site).startswith(PNG_SIGNATURE)


def test_it_lists_a_citys_published_sites_publicly(client: Client, dw: dict[str, Any]) -> None:
    response = client.get("/spaces/public/klaipeda/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Old mill" in html and "Harbour hall" in html
    assert "Unpublished depot" not in html and "Tartu depot" not in html and "secret" not in html
    assert 'data-map-source="public-site-map-data"' in html and 'id="public-site-map-data"' in html
    assert client.get("/spaces/public/nowhere/").status_code == 404


def test_it_exports_geojson_with_valid_coordinates(client: Client, dw: dict[str, Any]) -> None:
    client.force_login(dw["editor"])
    response = client.get("/spaces/export/?format=geojson&city=klaipeda")
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert set(by_name) == {"Old mill", "Harbour hall", "Unpublished depot"}
    for feature in data["features"]:
        assert feature["type"] == "Feature" and "owner_contact" not in feature["properties"]
        geometry = feature["geometry"]
        points = geometry["coordinates"][0] if geometry["type"] == "Polygon" else [geometry["coordinates"]]
        for lon, lat in points:
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert by_name["Harbour hall"]["geometry"] == {"type": "Point", "coordinates": [21.14, 55.705]}
    assert by_name["Old mill"]["geometry"]["type"] == "Polygon"
    assert "secret" not in response.content.decode() and OWNER not in response.content.decode()
    anonymous = json.loads(Client().get("/spaces/export/?format=geojson").content)
    assert sorted(f["properties"]["name"] for f in anonymous["features"]) == ["Harbour hall", "Old mill",
                                                                              "Tartu depot"]


def test_it_protects_the_csv_export_from_formula_injection(client: Client, dw: dict[str, Any]) -> None:
    Site.objects.filter(pk=dw["hall"].pk).update(name='=HYPERLINK("http://evil.test","x")', address="+1+2",
                                                 former_use="@SUM(A1)")
    response = client.get("/spaces/export/?format=csv&city=klaipeda")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2  # published Klaipėda sites only, for an anonymous visitor
    hall = next(r for r in rows if r["id"] == str(dw["hall"].pk))
    assert hall["name"] == '\'=HYPERLINK("http://evil.test","x")'
    assert hall["address"] == "'+1+2" and hall["former_use"] == "'@SUM(A1)"
    assert "owner_contact" not in rows[0] and "secret" not in response.content.decode()
    assert client.get("/spaces/export/?format=xml").status_code == 400


def test_it_renders_the_dossier_in_lithuanian(client: Client, dw: dict[str, Any]) -> None:
    client.cookies["django_language"] = "lt"
    html = page(client, dw["mill"])
    assert 'lang="lt"' in html and "Pereiti prie turinio" in html  # every placeholder survives translation
    response = client.get(f"/spaces/sites/{dw['mill'].pk}/dossier.pdf")
    assert response.status_code == 200 and OSM_ATTRIBUTION in pdf_text(response.content)
    assert client.get("/spaces/public/klaipeda/").status_code == 200


def test_it_keeps_queries_flat_as_sites_grow(client: Client, dw: dict[str, Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = ["/spaces/public/klaipeda/", "/spaces/export/?format=geojson", "/spaces/export/?format=csv"]

    def counts() -> list[int]:
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            out.append(len(queries))
        return out

    before = counts()
    for i in range(10):
        Site.objects.create(city=dw["klaipeda"], name=f"Extra {i}", latitude=Decimal("55.7"),
                            longitude=Decimal("21.1"), is_published=True)
    assert counts() == before


def test_it_puts_a_summary_with_map_rank_and_money_on_page_one(client: Client, dw: dict[str, Any]) -> None:
    Site.objects.filter(pk=dw["mill"].pk).update(gross_floor_area_m2=Decimal("5200.0"))
    response = client.get(f"/spaces/sites/{dw['mill'].pk}/dossier.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    first = " ".join(reader.pages[0].extract_text().split())  # table cells wrap at any space
    for expected in ("Key facts", "1 of 3", "0.735", "Creative potential v1", "5,200.0", "Public pre-investment",
                     "Subsidy gap", OSM_ATTRIBUTION):
        assert expected in first, expected
    assert "/Image" in str(reader.pages[0]["/Resources"].get("/XObject", {}).keys()) or reader.pages[0].images
    assert "Facts" not in first and "Facts" in reader.pages[1].extract_text()
    # The list shows the floor area exactly as the dossier does.
    assert "5,200.0" in client.get("/spaces/?city=klaipeda").content.decode()


def test_it_formats_dossier_numbers_by_language(dw: dict[str, Any]) -> None:
    Site.objects.filter(pk=dw["mill"].pk).update(gross_floor_area_m2=Decimal("5200.0"))
    site = Site.objects.get(pk=dw["mill"].pk)
    with translation.override("lt"):
        facts = {f["field"]: f["display"] for f in dossier_context(site)["facts"]}
        score = dossier_context(site)["assessment"]["score_display"]
    assert facts["gross_floor_area_m2"] in ("5\u00a0200,0", "5 200,0", "5.200,0") and score == "0,735"
