"""Working pages: a city's register for its members only, manual edits, totals, the correspondence upload."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from creativepoles.atlas.models import Correspondence, Denominator, Firm

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm(world: dict[str, Any]) -> Firm:
    return Firm.objects.create(city=world["klaipeda"], registry_id="7", name="Studio Baltic", nace_raw="74.10",
                               nace="74.10", group="design", sole_trader=True, address="Home street 1")


def test_it_lists_a_register_to_its_city_only(world: dict[str, Any], firm: Firm, client: Any) -> None:
    url = "/atlas/klaipeda/firms/"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(world["editor"])
    assert "Studio Baltic" in client.get(url).content.decode()
    client.force_login(world["other"])
    assert client.get(url).status_code == 403
    assert client.get(f"/atlas/firms/{firm.pk}/").status_code == 404
    client.force_login(world["manager"])
    assert "Studio Baltic" in client.get(url + "?q=studio").content.decode()


def test_it_lets_an_editor_correct_a_firm_and_reclassifies_it(world: dict[str, Any], firm: Firm, client: Any) -> None:
    client.force_login(world["editor"])
    data = {"name": "Studio Baltic", "nace_raw": "6201", "nace_version": "2", "address": "", "employees": "3"}
    response = client.post(f"/atlas/firms/{firm.pk}/edit/", data)
    assert response.status_code == 302
    firm.refresh_from_db()
    assert (firm.nace, firm.group, firm.employees) == ("62.01", "it", 3)
    response = client.post(f"/atlas/firms/{firm.pk}/edit/", {**data, "nace_raw": "XX"})
    assert response.status_code == 400
    firm.refresh_from_db()
    assert firm.nace == "62.01"


def test_it_lets_city_editors_enter_totals_for_their_city_only(world: dict[str, Any], client: Any) -> None:
    data = {"year": "2024", "firms": "9000", "employment": "80000", "population": "158000", "source": "Statistics"}
    client.force_login(world["other"])
    assert client.post("/atlas/klaipeda/denominators/", data).status_code == 403
    client.force_login(world["editor"])
    assert client.post("/atlas/klaipeda/denominators/", data).status_code == 302
    assert client.post("/atlas/klaipeda/denominators/", {**data, "firms": "9100"}).status_code == 302
    row = Denominator.objects.get()
    assert (row.year, row.firms, row.city) == (2024, 9100, world["klaipeda"])
    assert client.post("/atlas/klaipeda/denominators/", {**data, "firms": "-1"}).status_code == 400


def test_it_loads_a_correspondence_table_for_the_managers_only(world: dict[str, Any], client: Any) -> None:
    upload = SimpleUploadedFile("nace.csv", b"NACE2.1_CODE,NACE2_CODE\n62.10,62.01\n", content_type="text/csv")
    client.force_login(world["editor"])
    assert client.post("/atlas/correspondence/", {"file": upload}).status_code == 403
    client.force_login(world["manager"])
    upload.seek(0)
    assert client.post("/atlas/correspondence/", {"file": upload, "source": "Eurostat"}).status_code == 302
    assert Correspondence.objects.get().rev2 == "62.01"
    bad = SimpleUploadedFile("nace.csv", b"a,b\n1,2\n", content_type="text/csv")
    assert client.post("/atlas/correspondence/", {"file": bad}).status_code == 400


def test_the_public_pages_answer_bad_parameters_without_an_error(world: dict[str, Any], firm: Firm, client: Any) -> None:
    for url in ("/atlas/klaipeda/?year=abc&reference=XX&basis=zzz", "/atlas/compare/?year=-1",
                "/atlas/klaipeda/map/?eps=0&min_firms=x", "/atlas/klaipeda/export.pdf", "/atlas/nowhere/"):
        assert client.get(url).status_code in (200, 400, 404), url
    assert client.get("/api/atlas/indicators/klaipeda/?year=abc").status_code == 400
    assert client.get("/api/atlas/indicators/klaipeda/?reference=XX").status_code == 400
    assert client.get("/api/atlas/indicators/klaipeda/?basis=x").status_code == 400
    assert client.get("/api/atlas/firms/").json()["results"] == [] if "results" in client.get(
        "/api/atlas/firms/").json() else client.get("/api/atlas/firms/").json() == []


def test_it_imports_totals_all_or_nothing(world: dict[str, Any], tmp_path: Any) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    from creativepoles.atlas.services.data import import_denominators

    good = "city,year,firms,employment,population,source\nklaipeda,2024,9000,80000,158000,Statistics Lithuania\n"
    path = tmp_path / "totals.csv"
    path.write_text(good + "tartu,2024,x,1,1,\n", encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import-denominators", str(path), stdout=out)
    assert "line 3, firms" in out.getvalue() and Denominator.objects.count() == 0
    path.write_text(good, encoding="utf-8")
    call_command("import-denominators", str(path), stdout=out)
    call_command("import-denominators", str(path), stdout=out)
    assert Denominator.objects.get().firms == 9000
    assert import_denominators(world["other"], [{"city": "klaipeda", "year": "2024", "firms": "1",
                                                  "employment": "1", "population": "1"}])[0] == 0
    assert Denominator.objects.get().firms == 9000
