"""OpenStreetMap imports from the browser: upload checks, rights, the background run and its page."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from creativepoles.core.demo import ensure_user
from creativepoles.core.models import AuditEntry, City, Membership, Role
from creativepoles.replication.extracts import HELSINKI
from creativepoles.spaces.models import ImportRun, ImportStatus, PointOfInterest, Site
from creativepoles.spaces.services.imports import execute_import

PBF = HELSINKI
# A small part of the Helsinki extract, so the imports here stay quick.
SMALL_OSM = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
<node id="1" version="1" lat="55.7100" lon="21.1300"/><node id="2" version="1" lat="55.7100" lon="21.1320"/>
<node id="3" version="1" lat="55.7110" lon="21.1320"/><node id="4" version="1" lat="55.7110" lon="21.1300"/>
<node id="5" version="1" lat="55.7105" lon="21.1310"><tag k="highway" v="bus_stop"/></node>
<way id="10" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
<tag k="building" v="warehouse"/><tag k="name" v="Old port store"/></way>
<way id="11" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="99"/><nd ref="1"/>
<tag k="landuse" v="brownfield"/></way>
</osm>
"""
URL = "/spaces/imports/"


def upload(name: str = "port.osm", content: bytes = SMALL_OSM.encode()) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def post(client: Any, user: Any, city: City, file: SimpleUploadedFile) -> Any:
    client.force_login(user)
    return client.post(URL, {"city": city.pk, "file": file})


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_it_imports_an_uploaded_extract_and_shows_the_summary(world: dict[str, Any], client: Any) -> None:
    klaipeda = world["klaipeda"]
    response = post(client, world["editor"], klaipeda, upload())
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert (run.status, run.city, run.created_by) == (ImportStatus.SUCCEEDED, klaipeda, world["editor"])
    assert run.summary["counts"]["site"]["industrial_building"]["created"] == 1
    assert run.summary["counts"]["site"]["brownfield"]["created"] == 1
    assert run.summary["cut"] == 1 and run.summary["accessibility"] == 2
    assert not run.file  # the extract is deleted once imported
    assert Site.objects.get(osm_id=11).outline_cut
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Done" in page and "hx-trigger" not in page
    assert "industrial_building" in page and "1 outline crosses the extract" in page
    assert f"?city={klaipeda.slug}" in page
    # Safe to run again: the same file creates nothing new.
    post(client, world["editor"], klaipeda, upload())
    again = ImportRun.objects.latest("pk")
    assert again.status == ImportStatus.SUCCEEDED
    assert again.summary["counts"]["site"]["industrial_building"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert Site.objects.filter(city=klaipeda).count() == 2
    assert AuditEntry.objects.filter(verb="start_import").count() == 2


def test_it_imports_a_real_pbf_extract(world: dict[str, Any], client: Any) -> None:
    response = post(client, world["manager"], world["tartu"], upload("helsinki.osm.pbf", PBF.read_bytes()))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.status == ImportStatus.SUCCEEDED, run.error
    assert run.objects_read == run.summary["examined"] > 1000
    assert PointOfInterest.objects.get(osm_id=17429106, category="education").outline_cut


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.osm.pbf", b"These are my notes, not a map.\n" * 20, "not a valid PBF file"),
        ("page.osm", b'<?xml version="1.0"?><html><body/></html>', "not a valid OSM file"),
        ("map.txt", SMALL_OSM.encode(), "not allowed"),
    ],
)
def test_it_refuses_files_that_are_no_osm_extract(world: dict[str, Any], client: Any, name: str, content: bytes,
                                                 message: str) -> None:
    response = post(client, world["editor"], world["klaipeda"], upload(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_it_refuses_files_over_the_size_limit(world: dict[str, Any], client: Any, settings: Any) -> None:
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    response = post(client, world["editor"], world["klaipeda"], upload("big.osm", SMALL_OSM.encode() + b" " * 2**20))
    assert response.status_code == 400 and "larger than 1 MB" in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_it_reports_a_broken_extract_as_a_failed_run(world: dict[str, Any], client: Any) -> None:
    cut = PBF.read_bytes()[: PBF.stat().st_size // 2]
    post(client, world["editor"], world["klaipeda"], upload("cut.osm.pbf", cut))
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED and "nothing was imported" in run.error
    assert Site.objects.count() == PointOfInterest.objects.count() == 0
    assert "nothing was imported" in client.get(run.get_absolute_url()).content.decode()


def test_it_offers_imports_only_into_cities_the_user_edits(world: dict[str, Any], client: Any) -> None:
    viewer = ensure_user("viewer@klaipeda.test")
    Membership.objects.create(user=viewer, organisation=world["k_org"], role=Role.VIEWER)
    client.force_login(world["editor"])
    form = client.get(URL).content.decode()
    assert "Klaipėda" in form and "Tartu" not in form
    assert post(client, world["editor"], world["tartu"], upload()).status_code == 400
    for user in (viewer, world["outsider"]):
        client.force_login(user)
        assert 'type="file"' not in client.get(URL).content.decode()
        assert post(client, user, world["klaipeda"], upload()).status_code == 400
    client.logout()
    assert client.get(URL).status_code == 302
    assert ImportRun.objects.count() == 0


def test_it_shows_a_run_to_its_city_and_the_managers_only(world: dict[str, Any], client: Any) -> None:
    viewer = ensure_user("viewer@klaipeda.test")
    Membership.objects.create(user=viewer, organisation=world["k_org"], role=Role.VIEWER)
    run = ImportRun.objects.create(city=world["klaipeda"], file_name="port.osm", created_by=world["editor"],
                                   status=ImportStatus.RUNNING, objects_read=12345, features_found=67)
    for user, status in ((world["editor"], 200), (viewer, 200), (world["manager"], 200), (world["other"], 404),
                         (world["outsider"], 404)):
        client.force_login(user)
        assert client.get(run.get_absolute_url()).status_code == status, user
        listed = "port.osm" in client.get(URL).content.decode()
        assert listed is (status == 200), user


def test_it_polls_the_progress_of_a_running_import(world: dict[str, Any], client: Any) -> None:
    run = ImportRun.objects.create(city=world["klaipeda"], file_name="port.osm", created_by=world["editor"],
                                   status=ImportStatus.RUNNING, objects_read=12345, features_found=67)
    client.force_login(world["editor"])
    partial = client.get(run.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial
    assert 'hx-trigger="every 1s"' in partial and "12345 OSM objects read, 67 features found" in partial
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.FAILED, error="It broke.")
    partial = client.get(run.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial and "It broke." in partial


@pytest.mark.django_db(transaction=True)
def test_it_runs_imports_in_the_database_worker(world: dict[str, Any], client: Any, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    post(client, world["editor"], world["klaipeda"], upload())
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.QUEUED and Site.objects.count() == 0
    assert 'hx-trigger="every 1s"' in client.get(run.get_absolute_url()).content.decode()
    call_command("db_worker", batch=True, stdout=StringIO(), stderr=StringIO())
    run.refresh_from_db()
    assert run.status == ImportStatus.SUCCEEDED, run.error
    assert run.started_at is not None and run.finished_at is not None and run.started_at <= run.finished_at
    assert Site.objects.filter(city=world["klaipeda"]).count() == 2
    # A retried task finds the run done and does nothing.
    assert execute_import(run.pk) == ImportStatus.SUCCEEDED
    assert Site.objects.count() == 2 and AuditEntry.objects.filter(verb="finish_import").count() == 1


def test_it_fails_a_run_whose_starter_lost_the_right_meanwhile(world: dict[str, Any], client: Any,
                                                               settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    post(client, world["editor"], world["klaipeda"], upload())
    Membership.objects.filter(user=world["editor"]).delete()
    run = ImportRun.objects.get()
    assert execute_import(run.pk) == ImportStatus.FAILED
    run.refresh_from_db()
    assert "cannot import" in run.error and Site.objects.count() == 0
