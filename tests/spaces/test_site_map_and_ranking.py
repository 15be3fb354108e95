"""The site form's map (outline, footprint, accessibility on save, address search) and the explained ranking page."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from creativepoles.spaces import ranking
from creativepoles.spaces.models import Accessibility, AssessmentResult, PointOfInterest, Site
from creativepoles.spaces.services import assessment
from creativepoles.spaces.services.sites import create_site

pytestmark = pytest.mark.django_db
# About 25 m (east-west) by 22 m (north-south) at 55.7° N.
OUTLINE = {"type": "Polygon", "coordinates": [[[21.1500, 55.7000], [21.1504, 55.7000], [21.1504, 55.7002],
                                               [21.1500, 55.7002], [21.1500, 55.7000]]]}
CRITERIA = [{"code": "area", "source_field": "gross_floor_area_m2", "weight": "0.5"},
            {"code": "condition", "source_field": "condition", "weight": "0.3"},
            {"code": "public", "source_field": "public_ownership", "weight": "0.2"}]


def _form(world: dict[str, Any], **extra: Any) -> dict[str, Any]:
    data = {"city": world["klaipeda"].pk, "name": "Drawn warehouse", "latitude": "55.700100",
            "longitude": "21.150200", "condition": "fair", "ownership": "unknown", "currency": "EUR",
            "fully_vacant": "on", "geometry": json.dumps(OUTLINE)}
    data.update(extra)
    return data


def test_it_computes_the_footprint_and_accessibility_when_a_site_is_saved(client: Client,
                                                                          world: dict[str, Any]) -> None:
    PointOfInterest.objects.create(city=world["klaipeda"], category="transit", name="Stop", source="test",
                                   latitude=Decimal("55.7010"), longitude=Decimal("21.1500"))
    client.force_login(world["editor"])
    response = client.post("/spaces/sites/new/", _form(world, asking_rent_m2_month="4.50"))
    assert response.status_code == 302
    site = Site.objects.get(name="Drawn warehouse")
    width = 0.0004 * 111_320 * math.cos(math.radians(55.7001))
    height = 0.0002 * 111_132
    assert float(site.footprint_m2) == pytest.approx(width * height, rel=0.01)
    assert site.geometry == OUTLINE
    measured = Accessibility.objects.get(site=site)
    assert measured.stops_within == 1 and measured.nearest_stop_m == pytest.approx(100, abs=15)
    html = client.get(site.get_absolute_url()).content.decode()
    assert "4.50\u00a0EUR" in html or "4.50 EUR" in html
    shown = json.loads(html.split('id="site-map-data" type="application/json">')[1].split("</script>")[0])
    assert shown[0]["outline"] == OUTLINE  # the site page's map draws the outline


def test_it_refuses_a_broken_outline_with_a_field_error(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["editor"])
    bad = {"type": "Polygon", "coordinates": [[[21.15, 55.7], [21.16, 55.7]]]}
    response = client.post("/spaces/sites/new/", _form(world, geometry=json.dumps(bad)))
    assert response.status_code == 400 and b"closed ring" in response.content
    response = client.post("/spaces/sites/new/", _form(world, geometry="{not json"))
    assert response.status_code == 400
    assert not Site.objects.filter(name="Drawn warehouse").exists()


def test_it_puts_checkboxes_beside_their_labels_and_offers_the_map(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["editor"])
    html = client.get("/spaces/sites/new/").content.decode()
    assert '<div class="field field-checkbox">' in html
    start = html.index('name="heritage_protected"')
    assert html.index("<label", start) < html.index("</div>", start)  # the label follows in the same row
    assert 'data-site-editor="true"' in html and "leaflet-geoman.min.js" in html
    assert 'type="hidden" name="geometry"' in html


def test_it_searches_the_citys_imported_addresses_and_places(client: Client, sites: dict[str, Any]) -> None:
    k = sites["klaipeda"]
    Site.objects.filter(pk=sites["central"].pk).update(address="Turgaus g. 7")
    Site.objects.filter(pk=sites["big"].pk).update(address="Turgaus g. 1")
    PointOfInterest.objects.create(city=k, category="culture", name="Turgaus theatre", source="osm",
                                   latitude=Decimal("55.71"), longitude=Decimal("21.13"))
    PointOfInterest.objects.create(city=sites["tartu"], category="culture", name="Turgaus elsewhere",
                                   source="osm", latitude=Decimal("58.3"), longitude=Decimal("26.7"))
    answer = client.get("/spaces/address-search/", {"city": k.pk, "q": "turgaus"}).json()["results"]
    labels = [r["label"] for r in answer]
    # The public sees the published site and the place, not the unpublished site's address nor another city.
    assert labels == ["Turgaus g. 1 (Big poor mill)", "Turgaus theatre (Cultural venue)"]
    client.force_login(sites["editor"])
    answer = client.get("/spaces/address-search/", {"city": k.pk, "q": "turgaus"}).json()["results"]
    assert {r["address"] for r in answer} == {"Turgaus g. 1", "Turgaus g. 7", ""}
    assert client.get("/spaces/address-search/", {"city": k.pk, "q": "t"}).status_code == 400
    bad = client.get("/spaces/address-search/", {"city": "x", "q": "turgaus"})
    assert bad.status_code == 400 and "city" in bad.json()["errors"]


def _topsis_run(sites: dict[str, Any]) -> Any:
    create_site(sites["editor"], city=sites["klaipeda"], name="Tiny ruin", latitude=Decimal("55.71"),
                longitude=Decimal("21.12"), gross_floor_area_m2=Decimal("100"), condition="ruin",
                ownership="private")
    method = assessment.create_method(sites["editor"], sites["klaipeda"], "Closeness", CRITERIA,
                                      aggregation="topsis", normalisation="vector")
    return assessment.run_assessment(sites["editor"], method)


def test_it_explains_topsis_columns_and_a_zero_score(client: Client, sites: dict[str, Any]) -> None:
    run = _topsis_run(sites)
    client.force_login(sites["editor"])
    html = client.get(f"/spaces/runs/{run.pk}/").content.decode()
    assert "The columns do not add up to the score" in html and "Distance to anti-ideal" in html
    assert 'id="zero-explained"' in html and "(why 0?)" in html
    assert 'id="sensitivity-chart"' in html and "chart.umd.js" in html
    explained = ranking.explain(run.inputs)
    for result in AssessmentResult.objects.filter(run=run):
        d_plus, d_minus = explained.d_plus[result.site_id], explained.d_minus[result.site_id]
        assert result.score == pytest.approx(d_minus / (d_plus + d_minus))
    ruin = Site.objects.get(name="Tiny ruin")
    assert explained.at_anti_ideal == {ruin.pk} and explained.worst[ruin.pk] == {0, 1, 2}


def test_it_says_weighted_sum_columns_add_up_and_marks_cost_criteria(client: Client, sites: dict[str, Any]) -> None:
    criteria = [*CRITERIA[:2], {"code": "rent", "source_field": "asking_rent_m2_month", "weight": "0.2"}]
    for site, rent in (("big", "3"), ("central", "6"), ("small", "4")):
        Site.objects.filter(pk=sites[site].pk).update(asking_rent_m2_month=Decimal(rent))
    method = assessment.create_method(sites["editor"], sites["klaipeda"], "Sum", criteria)
    run = assessment.run_assessment(sites["editor"], method)
    client.force_login(sites["editor"])
    html = client.get(f"/spaces/runs/{run.pk}/").content.decode()
    assert "the columns add up to the score" in html and "Distance to anti-ideal" not in html
    assert 'data-benefit="false"' in html and "▼" in html  # rent is a cost criterion
    explained = ranking.explain(run.inputs)
    for result in AssessmentResult.objects.filter(run=run):
        assert sum(explained.columns[result.site_id]) == pytest.approx(result.score)


def test_it_compares_two_to_four_sites_of_a_run(client: Client, sites: dict[str, Any]) -> None:
    run = _topsis_run(sites)
    url = f"/spaces/runs/{run.pk}/compare/"
    client.force_login(sites["editor"])
    picked = [sites["big"].pk, sites["central"].pk, sites["small"].pk]
    html = client.get(url, {"site": picked}).content.decode()
    assert all(name in html for name in ("Big poor mill", "Central good hall", "Small fair shed"))
    assert client.get(url, {"site": picked[:1]}).status_code == 400
    five = [*picked, Site.objects.get(name="Tiny ruin").pk, sites["tartu_site"].pk]
    assert client.get(url, {"site": five}).status_code == 400
    client.logout()
    # Anonymous visitors see only published sites: the unpublished one does not count towards the choice.
    response = client.get(url, {"site": [sites["big"].pk, sites["central"].pk]})
    assert response.status_code == 400 and "Central good hall" not in response.content.decode()
