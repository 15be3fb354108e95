"""The OpenAPI document validates, and its docs page loads only local assets."""

from __future__ import annotations

import re

import pytest
import yaml
from django.test import Client
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_it_serves_a_valid_openapi_3_document(client: Client) -> None:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    assert spec["openapi"].startswith("3.")
    validate(spec)
    assert "/api/organisations/{id}/" in spec["paths"]


def test_it_serves_the_docs_page_from_local_files(client: Client) -> None:
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, "the docs page loads its assets"
    assert all(not s.startswith(("http://", "https://", "//")) for s in sources), sources
    script = client.get(next(s for s in sources if s.endswith(".js") and "swagger-ui-bundle" in s))
    assert script.status_code == 200
