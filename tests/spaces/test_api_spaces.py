"""Spaces API: sites scoped like the pages, writes through the services, read-only evidence, dossiers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from creativepoles.core.models import AuditEntry
from creativepoles.spaces.models import Site
from tests.spaces.test_dossier import OWNER, build_dossier_world

SITES = "/api/spaces/sites/"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """English texts whatever an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def dw(world: dict[str, Any]) -> dict[str, Any]:
    """The dossier world: sites, points of interest, a method and a run."""
    return build_dossier_world(world)


def names(response: Any) -> list[str]:
    """Site names of a paginated list response."""
    assert response.status_code == 200, response.content
    return sorted(item["name"] for item in response.json()["results"])


def test_it_lists_published_sites_without_owner_contact_for_anonymous(api: APIClient, dw: dict[str, Any]) -> None:
    response = api.get(SITES)
    assert names(response) == ["Harbour hall", "Old mill", "Tartu depot"]
    assert all("owner_contact" not in item for item in response.json()["results"])
    assert api.get(f"{SITES}{dw['hidden'].pk}/").status_code == 404


def test_it_shows_owner_contact_only_to_the_citys_editors(api: APIClient, dw: dict[str, Any]) -> None:
    api.force_authenticate(dw["other"])
    mill = api.get(f"{SITES}{dw['mill'].pk}/").json()
    assert "owner_contact" not in mill
    assert api.get(f"{SITES}{dw['tartu_site'].pk}/").json()["owner_contact"] == "tartu secret"
    api.force_authenticate(dw["editor"])
    assert api.get(f"{SITES}{dw['mill'].pk}/").json()["owner_contact"] == OWNER
    assert names(api.get(SITES, {"city": "klaipeda"})) == ["Harbour hall", "Old mill", "Unpublished depot"]
    api.force_authenticate(dw["manager"])
    assert api.get(f"{SITES}{dw['hidden'].pk}/").json()["owner_contact"] == "depot secret"


def test_it_filters_sites_by_city_and_status(api: APIClient, dw: dict[str, Any]) -> None:
    assert names(api.get(SITES, {"city": "tartu"})) == ["Tartu depot"]
    assert names(api.get(SITES, {"status": "assessed"})) == ["Old mill"]
    assert names(api.get(SITES, {"city": "klaipeda", "status": "candidate"})) == ["Harbour hall"]


def test_it_refuses_another_citys_editor_with_403_on_a_published_site(api: APIClient, dw: dict[str, Any]) -> None:
    api.force_authenticate(dw["other"])
    mill = dw["mill"]
    assert api.patch(f"{SITES}{mill.pk}/", {"name": "Taken over"}, format="json").status_code == 403
    assert api.put(f"{SITES}{mill.pk}/", {"name": "Taken over", "city": "klaipeda", "latitude": "55.7",
                                          "longitude": "21.15"}, format="json").status_code == 403
    assert api.delete(f"{SITES}{mill.pk}/").status_code == 403
    mill.refresh_from_db()
    assert mill.name == "Old mill" and mill.deleted_at is None
    response = api.post(SITES, {"name": "Sneaky", "city": "klaipeda", "latitude": "55.7", "longitude": "21.1"},
                        format="json")
    assert response.status_code == 400 and "city" in response.json()
    assert not Site.objects.filter(name="Sneaky").exists()


def test_it_writes_through_the_services(api: APIClient, dw: dict[str, Any]) -> None:
    api.force_authenticate(dw["editor"])
    response = api.post(SITES, {"name": "New warehouse", "city": "klaipeda", "latitude": "55.71",
                                "longitude": "21.13", "floors": 2, "footprint_m2": "400.0", "condition": "poor"},
                        format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["gross_floor_area_m2"] == "800.0" and created["status"] == "candidate"
    assert AuditEntry.objects.filter(verb="create_site", object_id=str(created["id"])).exists()
    response = api.patch(f"{SITES}{created['id']}/", {"name": "Renamed", "status": "pilot"}, format="json")
    assert response.status_code == 200 and response.json()["name"] == "Renamed"
    assert response.json()["status"] == "candidate"  # status moves go through the status history
    assert api.patch(f"{SITES}{created['id']}/", {"latitude": "200"}, format="json").status_code == 400
    assert api.patch(f"{SITES}{created['id']}/", {"currency": "XYZ"}, format="json").status_code == 400
    assert api.patch(f"{SITES}{created['id']}/", {"geometry": {"type": "Line"}}, format="json").status_code == 400
    assert api.delete(f"{SITES}{created['id']}/").status_code == 204
    assert Site.objects.get(pk=created["id"]).deleted_at is not None
    assert api.get(f"{SITES}{created['id']}/").status_code == 404


def test_it_serves_points_methods_and_runs_read_only(api: APIClient, dw: dict[str, Any]) -> None:
    pois = api.get("/api/spaces/points-of-interest/", {"city": "klaipeda", "category": "transit"}).json()
    assert sorted(p["name"] for p in pois["results"]) == ["Stop A", "Stop B"]
    methods = api.get("/api/spaces/methods/", {"city": "klaipeda"}).json()["results"]
    assert [c["code"] for c in methods[0]["criteria"]] == ["transit", "centre"]
    assert methods[0]["criteria"][0]["weight"] == "0.60000"
    api.force_authenticate(dw["editor"])
    assert api.post("/api/spaces/methods/", {"name": "x"}, format="json").status_code == 405
    assert api.post("/api/spaces/points-of-interest/", {"name": "x"}, format="json").status_code == 405
    run = api.get(f"/api/spaces/runs/{dw['run'].pk}/").json()
    assert [r["site_name"] for r in run["results"]] == ["Old mill", "Harbour hall", "Unpublished depot"]
    assert run["inputs"]["site_names"][2] == "Unpublished depot"


def test_it_keeps_unpublished_sites_out_of_public_runs(api: APIClient, dw: dict[str, Any]) -> None:
    run = api.get(f"/api/spaces/runs/{dw['run'].pk}/").json()
    assert [r["site_name"] for r in run["results"]] == ["Old mill", "Harbour hall"]
    assert run["inputs"] is None and "Unpublished depot" not in str(run)
    api.force_authenticate(dw["other"])
    listed = api.get("/api/spaces/runs/", {"city": "klaipeda"}).json()["results"]
    assert "Unpublished depot" not in str(listed) and len(listed) == 1


def test_it_returns_the_dossier_with_money_as_decimal_strings(api: APIClient, dw: dict[str, Any]) -> None:
    response = api.get(f"{SITES}{dw['mill'].pk}/dossier/")
    assert response.status_code == 200
    data = response.json()
    figures = {i["field"]: i for i in data["preinvestment"]["figures"]}
    assert figures["renovation_cost"]["value"] == "747500.00"
    assert figures["renovation_cost"]["display"] == "747,500.00\u00a0EUR"
    assert figures["npv"]["value"] == "-21757.34"
    assert data["site"]["latitude"] == "55.700000"
    assert data["assessment"]["score_display"] == "0.735" and data["assessment"]["rank_display"] == "1 of 3"
    assert data["osm_attribution"] == "© OpenStreetMap contributors, ODbL 1.0"
    assert OWNER not in str(data)
    api.force_authenticate(dw["editor"])
    facts = {i["field"]: i["value"] for i in api.get(f"{SITES}{dw['mill'].pk}/dossier/").json()["facts"]}
    assert facts["owner_contact"] == OWNER and facts["gross_floor_area_m2"] == "1000.0"
    assert api.get(f"{SITES}{dw['hidden'].pk}/dossier/").status_code == 200
    api.force_authenticate(dw["other"])
    assert api.get(f"{SITES}{dw['hidden'].pk}/dossier/").status_code == 404


def test_it_keeps_the_openapi_document_valid(api: APIClient, db: Any) -> None:
    import yaml
    from openapi_spec_validator import validate

    spec = yaml.safe_load(api.get("/api/schema/").content)
    validate(spec)
    for path in ("/api/spaces/sites/{id}/dossier/", "/api/spaces/runs/{id}/", "/api/spaces/methods/",
                 "/api/spaces/points-of-interest/"):
        assert path in spec["paths"], path
