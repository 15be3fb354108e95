"""The method package pages: the export download, the import report, refusals as field errors, and who may."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from creativepoles.spaces.models import Method
from creativepoles.spaces.services.assessment import create_method

pytestmark = pytest.mark.django_db
EXPORT, IMPORT = "/replication/package/export/", "/replication/package/import/"


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def row_counts() -> dict[str, int]:
    # Signing in writes sessions; everything else must stay as it was.
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if model._meta.label != "sessions.Session"}


@pytest.fixture
def package(world: dict[str, Any]) -> bytes:
    create_method(world["manager"], world["klaipeda"], "Quick look", [
        {"code": "area", "source_field": "gross_floor_area_m2", "weight": "1"},
        {"code": "stops", "source_field": "stops_within", "weight": "1"}])
    response = client_for(world["manager"]).post(EXPORT, {"city": world["klaipeda"].pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'filename="method-package-klaipeda-' in response["Content-Disposition"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_manager_downloads_a_package_and_imports_it_with_a_report(package: bytes, world: dict[str, Any]) -> None:
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(package)).read("manifest.json"))
    assert manifest["source_city"] == "Klaipėda" and manifest["parts"]["methods"]["count"] == 1
    client = client_for(world["manager"])
    page = client.get(IMPORT)
    assert page.status_code == 200 and b'name="file"' in page.content
    response = client.post(IMPORT, {"file": SimpleUploadedFile("p.zip", package, "application/zip"),
                                    "city": world["tartu"].pk})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Method package imported" in text and "From Klaipėda (Lead university) into Tartu." in text
    assert "Method “Quick look” from Klaipėda imported as version 1." in text
    assert Method.objects.get(city=world["tartu"]).name == "Quick look"
    again = client.post(IMPORT, {"file": SimpleUploadedFile("p.zip", package, "application/zip"),
                                 "city": world["tartu"].pk})
    assert "imported as version 2" in again.content.decode()


def test_a_bad_file_or_city_is_a_field_error_and_writes_nothing(package: bytes, world: dict[str, Any]) -> None:
    client = client_for(world["manager"])
    before = row_counts()
    for upload, city, message in (
            (b"not a zip", world["tartu"].pk, "This file is not a zip archive."),
            (package, 999999, "Select a valid choice."),
            (package[: len(package) // 2], world["tartu"].pk, "This file is not a zip archive.")):
        response = client.post(IMPORT, {"file": SimpleUploadedFile("p.zip", upload), "city": city})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert client.post(EXPORT, {"city": "x"}).status_code == 400
    assert row_counts() == before


def test_only_the_networks_programme_managers_reach_the_pages(package: bytes, world: dict[str, Any]) -> None:
    before = row_counts()
    for url in (EXPORT, IMPORT):
        assert "/accounts/login/" in client_for(None).get(url)["Location"]
        for role in ("editor", "outsider"):
            assert client_for(world[role]).get(url).status_code == 403
    refused = client_for(world["editor"]).post(IMPORT, {"file": SimpleUploadedFile("p.zip", package),
                                                        "city": world["klaipeda"].pk})
    assert refused.status_code == 403 and row_counts() == before
