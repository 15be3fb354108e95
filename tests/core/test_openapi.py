"""The OpenAPI document validates, names the error answers of every operation, and its docs page loads only local assets."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
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


def _spec(client: Client) -> dict[str, Any]:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, operation) for path, item in spec["paths"].items() for method, operation in item.items()
            if method in {"get", "post", "put", "patch", "delete"}]


def test_it_names_the_error_answers_of_every_operation(client: Client) -> None:
    spec = _spec(client)
    validate(spec)
    error = spec["components"]["schemas"]["Error"]
    assert error["properties"]["detail"] == {"type": "string"}
    assert error["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
    reference = {"$ref": "#/components/schemas/Error"}
    for path, method, operation in _operations(spec):
        responses = operation["responses"]
        expected = {"403"}
        if method != "get" or "requestBody" in operation or any(p["in"] == "query" for p in operation.get("parameters", [])):
            expected.add("400")
        if "{" in path or any(p["name"] == "page" for p in operation.get("parameters", [])):
            expected.add("404")
        assert expected <= set(responses), (method, path, sorted(responses))
        for code in expected:
            assert responses[code]["content"]["application/json"]["schema"] == reference, (method, path, code)
            assert responses[code]["description"]


def test_it_documents_writes_and_lookups_with_400_403_404(client: Client) -> None:
    responses = _spec(client)["paths"]["/api/organisations/{id}/"]
    assert {"200", "400", "403", "404", "415"} <= set(responses["put"]["responses"])
    assert {"204", "400", "403", "404"} <= set(responses["delete"]["responses"])
    assert "400" not in responses["get"]["responses"]  # a lookup by id has no input that could be invalid


def test_it_documents_the_page_number_and_empty_text_filters(client: Client) -> None:
    parameters = {p["name"]: p for p in _spec(client)["paths"]["/api/organisations/"]["get"]["parameters"]}
    assert parameters["page"]["schema"]["type"] == "integer" and parameters["page"]["schema"]["minimum"] == 1
    assert "empty value is the same as leaving the parameter out" in parameters["search"]["description"]
    assert "empty value" not in parameters["kind"].get("description", "")  # a typed filter refuses it


def test_it_generates_the_schema_without_warnings(tmp_path: Path) -> None:
    # --fail-on-warn turns every drf-spectacular warning (an unresolvable field, a name collision) into an error.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml"))
    assert yaml.safe_load((tmp_path / "schema.yaml").read_text())["components"]["schemas"]["Error"]
