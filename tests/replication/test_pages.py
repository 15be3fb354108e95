"""The onboarding wizard's pages: only the network's managers reach them; a manager goes through every step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from creativepoles.atlas.models import Firm
from creativepoles.replication.extracts import HELSINKI
from creativepoles.replication.models import Onboarding, StepStatus
from creativepoles.replication.services import start_onboarding
from creativepoles.spaces.models import Site
from tests.replication.conftest import FACTS, register

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_it_hides_onboarding_from_everyone_but_the_network(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    urls = ["/replication/onboarding/", f"/replication/onboarding/{run.pk}/",
            f"/replication/onboarding/{run.pk}/extract/"]
    for who in ("editor", "other", "outsider"):
        client = signed_in(partner[who])
        for url in urls:
            assert client.get(url).status_code == 404, (who, url)
        response = client.post(f"/replication/onboarding/{run.pk}/extract/",
                               {"file": SimpleUploadedFile("x.osm.pbf", HELSINKI.read_bytes())})
        assert response.status_code == 404
        assert client.post("/replication/onboarding/", {**FACTS, "slug": "espoo"}).status_code == 404
    anonymous = Client()
    for url in urls:
        assert anonymous.get(url).status_code == 302  # to the sign-in page
    assert not Site.objects.filter(city=run.city).exists() and Onboarding.objects.count() == 1
    manager = signed_in(partner["manager"])
    assert all(manager.get(url).status_code == 200 for url in urls)
    assert manager.get(f"/replication/onboarding/{run.pk}/nonsense/").status_code == 404


def test_a_manager_onboards_a_city_through_the_wizard(partner: dict[str, Any], tmp_path: Path) -> None:
    client = signed_in(partner["manager"])
    facts = {"slug": "helsinki", "name": "Helsinki", "name_en": "Helsinki", "country": "FI", "latitude": "60.1699",
             "longitude": "24.9384", "time_zone": "Europe/Helsinki", "bbox": "24.9352,60.1642,24.9534,60.1791"}
    assert client.post("/replication/onboarding/", {**facts, "bbox": "nonsense"}).status_code == 400
    response = client.post("/replication/onboarding/", facts)
    run = Onboarding.objects.get()
    base = f"/replication/onboarding/{run.pk}"
    assert response["Location"] == f"{base}/extract/"
    # A file that is not an extract is refused on the form, and nothing runs.
    bad = client.post(f"{base}/extract/", {"file": SimpleUploadedFile("x.osm.pbf", b"not osm")})
    assert bad.status_code == 400 and run.steps.get(key="extract").status == StepStatus.PENDING
    response = client.post(f"{base}/extract/", {"file": SimpleUploadedFile("helsinki.osm.pbf", HELSINKI.read_bytes())})
    assert response.status_code == 302 and response["Location"] == f"{base}/register/"
    page = client.get(f"{base}/extract/").content.decode()
    assert "candidate sites" in page and "public-transport stops" in page
    csv = register(tmp_path, 25).read_bytes()
    response = client.post(f"{base}/register/", {"file": SimpleUploadedFile("register.csv", csv, "text/csv"),
                                                 "layout": "generic"})
    assert response["Location"] == f"{base}/method/" and Firm.objects.filter(city=run.city).count() == 25
    page = client.get(f"{base}/method/").content.decode()
    assert "Klaipėda: Creative reuse potential v1" in page and 'name="weight_centre"' in page
    method_id = partner["method"].pk
    response = client.post(f"{base}/method/", {"action": "run", "method": method_id, "weight_area": "0.3",
                                               "weight_centre": "-2", "weight_stops": "0.2", "weight_public": "0.2"})
    assert response.status_code == 400  # a negative weight is a field error
    response = client.post(f"{base}/method/", {"action": "run", "method": method_id, "weight_area": "0.3",
                                               "weight_centre": "0.6", "weight_stops": "0.2", "weight_public": "0.2"})
    assert response["Location"] == f"{base}/ranking/"
    assert client.post(f"{base}/ranking/", {"action": "run"})["Location"] == f"{base}/publish/"
    response = client.post(f"{base}/publish/", {"action": "run", "count": "2"})
    assert response["Location"] == f"{base}/"
    final = client.get(f"{base}/").content.decode()
    run_id = run.steps.get(key="ranking").report["run_id"]
    for link in (f"/spaces/runs/{run_id}/", "/spaces/public/helsinki/", "/cities/helsinki/"):
        assert f'href="{link}"' in final
    assert Site.objects.filter(city=run.city, is_published=True).count() == 2


def test_it_shows_a_failed_register_row_by_row_and_lets_it_be_skipped(partner: dict[str, Any],
                                                                      tmp_path: Path) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    client = signed_in(partner["manager"])
    base = f"/replication/onboarding/{run.pk}"
    client.post(f"{base}/extract/", {"file": SimpleUploadedFile("helsinki.osm.pbf", HELSINKI.read_bytes())})
    bad = register(tmp_path, 5, bad_line="T-x,Firm,62.01,1,2020-01-01,Street,95.0,24.94").read_bytes()
    response = client.post(f"{base}/register/", {"file": SimpleUploadedFile("r.csv", bad, "text/csv"),
                                                 "layout": "generic"})
    page = response.content.decode()
    assert response.status_code == 400 and "Run this step again" in page and "<td>7</td><td>latitude</td>" in page
    assert not Firm.objects.filter(city=run.city).exists()
    assert client.post(f"{base}/register/", {"action": "skip"})["Location"] == f"{base}/method/"
    assert run.steps.get(key="register").status == StepStatus.SKIPPED


def test_the_list_costs_the_same_queries_for_more_runs(partner: dict[str, Any]) -> None:
    client = signed_in(partner["manager"])
    start_onboarding(partner["manager"], **FACTS)
    client.get("/replication/onboarding/")
    with CaptureQueriesContext(connection) as one:
        client.get("/replication/onboarding/")
    for slug in ("espoo", "vantaa", "turku"):
        start_onboarding(partner["manager"], **{**FACTS, "slug": slug, "name": slug.title(), "name_en": slug.title()})
    with CaptureQueriesContext(connection) as four:
        assert client.get("/replication/onboarding/").content.decode().count("/replication/onboarding/") >= 4
    assert len(four) == len(one)


def test_the_city_page_links_its_onboarding_for_the_network_only(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    link = f'href="{run.get_absolute_url()}"'
    assert link in signed_in(partner["manager"]).get("/cities/helsinki/").content.decode()
    for user in (partner["editor"], partner["outsider"], None):
        page = signed_in(user).get("/cities/helsinki/")
        assert page.status_code == 200 and link not in page.content.decode()


def test_posting_to_the_facts_step_runs_nothing(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    response = signed_in(partner["manager"]).post(f"/replication/onboarding/{run.pk}/facts/", {"action": "run"})
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert [s.status for s in run.steps.order_by("pk")] == ["done"] + ["pending"] * 5
