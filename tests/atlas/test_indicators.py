"""Indicators from the database against hand computations; suppression on every public page and export;
query counts that stay flat as firms grow; no sole trader on the public map."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from creativepoles.atlas.models import Denominator, Firm, ReferenceTotal
from creativepoles.atlas.services import indicators

pytestmark = pytest.mark.django_db
YEAR = 2024


def add(city: Any, group: str, n: int, employees: int = 2, founded: dt.date = dt.date(2020, 1, 1),
        sole: bool = False, start: int = 0, lat: float | None = None, lon: float | None = None) -> None:
    code = {"it": "62.01", "design": "74.10", "film": "59.11", "": "47.11"}[group]
    Firm.objects.bulk_create([
        Firm(city=city, registry_id=f"{city.slug}-{group}-{start + i}-{sole}", name=f"{group} {start + i}", nace=code,
             nace_raw=code, group=group, employees=employees, founded=founded, sole_trader=sole,
             latitude=(lat if lat is not None else float(city.latitude)) + i * 1e-4,
             longitude=lon if lon is not None else float(city.longitude))
        for i in range(n)])


@pytest.fixture
def economy(world: dict[str, Any]) -> dict[str, Any]:
    """Klaipėda: 40 IT, 10 design, 2 film (a small cell); Tartu: 20 IT, 5 design, 8 film; both with totals."""
    k, t = world["klaipeda"], world["tartu"]
    world["lead"].is_partner = False
    world["lead"].save()
    add(k, "it", 40)
    add(k, "design", 10)
    add(k, "film", 2)
    add(k, "", 48)
    add(k, "it", 4, founded=dt.date(2024, 6, 1), start=100)  # new in 2024: growth
    add(t, "it", 20)
    add(t, "design", 5)
    add(t, "film", 8)
    for city, firms, employment in ((k, 1000, 8000), (t, 500, 5000)):
        Denominator.objects.create(city=city, year=YEAR, firms=firms, employment=employment, population=100000)
        Denominator.objects.create(city=city, year=YEAR - 1, firms=firms, employment=employment, population=100000)
    return world


def test_it_computes_location_quotients_and_shares_by_hand(economy: dict[str, Any]) -> None:
    k = economy["klaipeda"]
    result = indicators.city_indicators(k, YEAR, public=False)
    it = next(r for r in result.rows if r["group"] == "it")
    # e_ij = 44 IT firms, e_j = 1000 firms; partners: E_i = 44 + 20 = 64, E = 1000 + 500 = 1500.
    assert it["lq_inputs"] == {"e_ij": 44, "e_j": 1000, "E_i": 64, "E": 1500}
    assert it["lq"] == pytest.approx((44 / 1000) / (64 / 1500), abs=1e-3)
    assert it["share"] == pytest.approx(0.044)
    assert it["density"] == pytest.approx(0.44)
    assert it["growth"] == pytest.approx(0.1)  # 40 -> 44
    assert it["growth_inputs"] == {"before": 40, "after": 44}
    local = {"it": 44, "design": 10, "film": 2}
    ref = {"it": 64, "design": 15, "film": 10}
    expected_k = sum(abs(local[g] / 56 - ref[g] / 89) for g in local)
    assert result.krugman["value"] == pytest.approx(expected_k, abs=1e-3)
    assert result.herfindahl["value"] == pytest.approx(sum((v / 56) ** 2 for v in local.values()), abs=1e-3)


def test_it_compares_with_a_country_from_its_reference_totals(economy: dict[str, Any]) -> None:
    ReferenceTotal.objects.create(region="LT", year=YEAR, group="", firms=100000, employment=900000)
    ReferenceTotal.objects.create(region="LT", year=YEAR, group="it", firms=2500, employment=20000)
    result = indicators.city_indicators(economy["klaipeda"], YEAR, "LT", public=False)
    it = next(r for r in result.rows if r["group"] == "it")
    assert it["lq_inputs"] == {"e_ij": 44, "e_j": 1000, "E_i": 2500, "E": 100000}
    assert it["lq"] == pytest.approx(1.76)


def test_it_counts_a_city_inside_a_partner_region_once(economy: dict[str, Any]) -> None:
    k, t = economy["klaipeda"], economy["tartu"]
    k.part_of = t  # as Linköping lies in Östergötland (Östsam)
    k.save()
    result = indicators.city_indicators(t, YEAR, public=False)
    it = next(r for r in result.rows if r["group"] == "it")
    assert it["lq_inputs"]["E_i"] == 20 and it["lq_inputs"]["E"] == 500


def test_it_decomposes_growth_between_two_years(economy: dict[str, Any]) -> None:
    rows = indicators.shift_share_table(economy["klaipeda"], YEAR - 1, YEAR, basis="firms", public=False)
    it = next(r for r in rows if r["group"] == "it")
    assert it["inputs"] == {"e_0": 40, "e_1": 44, "E_i0": 60, "E_i1": 64, "E_0": 1500, "E_1": 1500}
    assert it["national"] == 0 and it["industry_mix"] == pytest.approx(40 * (64 / 60 - 1), abs=0.01)
    assert it["national"] + it["industry_mix"] + it["competitive"] == pytest.approx(4, abs=0.02)


def test_no_public_page_shows_a_cell_below_the_threshold_nor_one_to_derive_it(economy: dict[str, Any],
                                                                               client: Any) -> None:
    k = economy["klaipeda"]
    result = indicators.city_indicators(k, YEAR, public=True)
    film = next(r for r in result.rows if r["group"] == "film")
    assert film["suppressed"] and film["firms"] is None and film["lq"] is None and film["growth"] is None
    # Klaipėda's creative total is public, so a second Klaipėda cell hides with the film cell; the film
    # column's partner total is in every quotient, so a second film cell (Tartu's) hides too.
    hidden = {r["group"] for r in result.rows if r["suppressed"]}
    assert hidden == {"film", "design"}
    assert result.krugman["value"] is None and result.herfindahl["value"] is None
    tartu = indicators.city_indicators(economy["tartu"], YEAR, public=True)
    assert {r["group"] for r in tartu.rows if r["suppressed"]} >= {"film"}
    page = client.get(f"/atlas/{k.slug}/?year={YEAR}").content.decode()
    assert page.count('data-suppressed="true"') == 2
    api = client.get(f"/api/atlas/indicators/{k.slug}/?year={YEAR}").json()
    assert {g["group"]: g["firms"] for g in api["groups"]}["film"] is None
    assert all(g["lq_inputs"] is None for g in api["groups"] if g["suppressed"])
    csv_text = client.get(f"/atlas/{k.slug}/export.csv?year={YEAR}").content.decode()
    film_line = next(line for line in csv_text.splitlines() if ",film," in line)
    assert ",2," not in film_line and "True" in film_line
    compare = client.get(f"/atlas/compare/?year={YEAR}").content.decode()
    assert compare.count('data-suppressed="true"') >= 3


def test_no_sole_trader_appears_on_the_public_map(economy: dict[str, Any], client: Any) -> None:
    k = economy["klaipeda"]
    add(k, "it", 5, sole=True, start=500, lat=55.75)
    geojson = json.loads(client.get(f"/atlas/{k.slug}/export.geojson").content)
    names = {f["properties"]["name"] for f in geojson["features"]}
    sole = set(Firm.objects.filter(sole_trader=True).values_list("name", flat=True))
    assert names and not names & sole
    assert {f["properties"]["group"] for f in geojson["features"]} == {"it"}  # film and design are suppressed
    page = client.get(f"/atlas/{k.slug}/map/").content.decode()
    assert "it 500" not in page and "it 1" in page


def test_the_pages_keep_their_query_count_as_firms_grow(economy: dict[str, Any], client: Any) -> None:
    k = economy["klaipeda"]
    urls = [f"/atlas/{k.slug}/?year={YEAR}", "/atlas/compare/", f"/atlas/{k.slug}/map/", "/atlas/",
            f"/api/atlas/indicators/{k.slug}/", f"/atlas/{k.slug}/export.csv"]

    def counts() -> list[int]:
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            out.append(len(queries))
        return out

    before = counts()
    add(k, "it", 300, start=1000)
    add(economy["tartu"], "film", 200, start=1000)
    assert counts() == before


def test_the_api_gives_the_hotspots_with_their_parameters(economy: dict[str, Any], client: Any) -> None:
    k = economy["klaipeda"]
    add(k, "it", 30, start=2000, lat=55.70, lon=21.13)  # 30 firms 11 m apart in a line: one hotspot
    add(k, "it", 6, start=3000, lat=55.72, lon=21.13, sole=True)
    data = client.get(f"/api/atlas/indicators/{k.slug}/hotspots/?eps=150&min_firms=10").json()
    assert (data["eps_m"], data["min_firms"]) == (150.0, 10)
    sizes = sorted(c["size"] for c in data["clusters"])
    assert 30 in sizes or any(s >= 30 for s in sizes)
    assert client.get(f"/api/atlas/indicators/{k.slug}/hotspots/?eps=-5").status_code == 400
    assert client.get(f"/api/atlas/indicators/{k.slug}/hotspots/?min_firms=x").status_code == 400


def test_the_api_refuses_a_year_that_is_not_a_year(economy: dict[str, Any], client: Any) -> None:
    # An absent year takes the latest; an empty or malformed one is a 400 naming the field (the schema's integer).
    k = economy["klaipeda"]
    assert client.get(f"/api/atlas/indicators/{k.slug}/").status_code == 200
    for query in ("?year=", "?year=twenty", "?year=1800", "?from="):
        response = client.get(f"/api/atlas/indicators/{k.slug}/{query}")
        assert response.status_code == 400, query
        assert set(response.json()) & {"year", "from"}, query
