"""Register imports from the browser: rights, the background run with its progress bar, and its report."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from creativepoles.atlas.models import Firm, ImportStatus, RegisterImport
from creativepoles.atlas.services.imports import execute_import
from tests.atlas.conftest import GOOD

pytestmark = pytest.mark.django_db
URL = "/atlas/imports/"


def upload(text: str = GOOD, name: str = "register.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_it_imports_in_the_background_with_progress(world: dict[str, Any], client: Any) -> None:
    client.force_login(world["editor"])
    response = client.post(URL, {"city": world["klaipeda"].pk, "layout": "generic", "file": upload()})
    assert response.status_code == 302
    run = RegisterImport.objects.get()
    assert run.status == ImportStatus.SUCCEEDED and (run.rows_done, run.rows_total) == (5, 5)
    assert Firm.objects.count() == 5
    page = client.get(run.get_absolute_url()).content.decode()
    assert "5 rows: 5 created" in page
    assert not run.file  # the working copy is deleted once imported
    assert execute_import(run.pk) == ImportStatus.SUCCEEDED  # a retried task does nothing


def test_it_shows_the_progress_bar_while_a_run_waits(world: dict[str, Any], client: Any) -> None:
    run = RegisterImport.objects.create(city=world["klaipeda"], file_name="r.csv", created_by=world["editor"],
                                        rows_total=200, rows_done=50, status=ImportStatus.RUNNING)
    client.force_login(world["editor"])
    page = client.get(run.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'value="25"' in page and "hx-trigger" in page


def test_it_reports_bad_rows_and_writes_nothing(world: dict[str, Any], client: Any) -> None:
    client.force_login(world["editor"])
    client.post(URL, {"city": world["klaipeda"].pk, "layout": "generic", "file": upload(GOOD + "9,Bad,ABCD,1,,,,,,,\n")})
    run = RegisterImport.objects.get()
    assert run.status == ImportStatus.FAILED and Firm.objects.count() == 0
    assert "ABCD is not a NACE class" in client.get(run.get_absolute_url()).content.decode()


def test_it_shows_a_run_to_its_city_and_the_managers_only(world: dict[str, Any], client: Any) -> None:
    run = RegisterImport.objects.create(city=world["klaipeda"], file_name="r.csv", created_by=world["editor"])
    for user, status in ((world["other"], 404), (world["outsider"], 404), (world["manager"], 200),
                         (world["editor"], 200)):
        client.force_login(user)
        assert client.get(run.get_absolute_url()).status_code == status
    client.force_login(world["other"])
    response = client.post(URL, {"city": world["klaipeda"].pk, "layout": "generic", "file": upload()})
    assert response.status_code == 400 and Firm.objects.count() == 0
