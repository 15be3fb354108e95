"""Scoping of the cities and organisations API."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def detail(org: Any) -> str:
    return f"/api/organisations/{org.pk}/"


def test_it_returns_403_when_another_citys_editor_writes_a_public_organisation(api: APIClient, world: dict[str, Any]) -> None:
    api.force_authenticate(world["other"])
    # The organisation is public, so the refusal is a 403 (404 is for what the user cannot see at all).
    assert api.patch(detail(world["k_org"]), {"name": "Hijacked"}, format="json").status_code == 403
    assert api.delete(detail(world["k_org"])).status_code == 403
    world["k_org"].refresh_from_db()
    assert world["k_org"].name == "Klaipėda agency" and world["k_org"].deleted_at is None


def test_it_lets_the_manager_write_any_city(api: APIClient, world: dict[str, Any]) -> None:
    api.force_authenticate(world["manager"])
    response = api.patch(detail(world["k_org"]), {"name": "Renamed by lead"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Renamed by lead"


def test_it_lets_the_editor_create_only_in_own_city(api: APIClient, world: dict[str, Any]) -> None:
    api.force_authenticate(world["editor"])
    ok = api.post("/api/organisations/", {"name": "New studio", "kind": "company", "city": "klaipeda"}, format="json")
    assert ok.status_code == 201, ok.content
    assert ok.json()["city"] == "klaipeda"
    bad = api.post("/api/organisations/", {"name": "Elsewhere", "kind": "company", "city": "tartu"}, format="json")
    assert bad.status_code == 400
    assert "city" in bad.json()


def test_it_shows_anonymous_only_public_rows_and_refuses_writes(api: APIClient, world: dict[str, Any]) -> None:
    listed = api.get("/api/organisations/").json()
    names = {row["name"] for row in listed["results"]}
    assert "Klaipėda private" not in names and "Klaipėda agency" in names
    assert api.get(detail(world["k_hidden"])).status_code == 404
    assert api.post("/api/organisations/", {"name": "x", "kind": "company", "city": "klaipeda"}, format="json").status_code in (401, 403)


def test_it_accepts_token_auth_and_filters(api: APIClient, world: dict[str, Any]) -> None:
    token = Token.objects.create(user=world["editor"])
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    rows = api.get("/api/organisations/", {"city": "klaipeda"}).json()["results"]
    assert {row["name"] for row in rows} == {"Klaipėda agency", "Klaipėda private"}
    cities = api.get("/api/cities/", {"country": "EE"}).json()
    assert cities["count"] == 1 and cities["results"][0]["slug"] == "tartu"


def test_it_reports_field_errors_for_bad_values(api: APIClient, world: dict[str, Any]) -> None:
    api.force_authenticate(world["editor"])
    response = api.post("/api/organisations/", {"name": "", "kind": "spaceship", "city": "klaipeda",
                                                "website": "not a url"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"name", "kind", "website"}
