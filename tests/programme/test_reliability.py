"""Regression tests for the measured 5xx of the programme pages: private files in widgets, huge filters,
XLSX with entity declarations, and items whose creator's account was deleted."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from creativepoles.core.demo import ensure_user
from creativepoles.core.models import AuditEntry, Membership, Role
from creativepoles.programme.imports import ImportFailed, import_expenditures, parse_expenditure_file
from creativepoles.programme.models import Expenditure, PilotProject
from creativepoles.programme.services import spending
from tests import files

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def workbook_with_dtd(part: str) -> bytes:
    """A real workbook whose `part` carries a DTD with nested entity declarations (the billion laughs)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["period", "date", "category", "description", "amount", "currency"])  # type: ignore[union-attr]
    workbook.active.append([1, "2010-10-04", "staff", "&lol9;", "10.00", "LTL"])  # type: ignore[union-attr]
    clean = io.BytesIO()
    workbook.save(clean)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(clean.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                text = data.decode()
                body = text[text.index("?>") + 2:] if text.startswith("<?xml") else text
                data = (BILLION_LAUGHS + body.replace("&amp;lol9;", "&lol9;")).encode()
            target.writestr(info, data)
    return out.getvalue()


@pytest.fixture
def item(project: dict[str, Any]) -> Expenditure:
    """A Klaipėda item with an attached invoice, entered by the Klaipėda editor."""
    period = project["periods"][0]
    return spending.add_expenditure(
        project["editor"], project["klaipeda_partner"], period=period, date=period.start, category="staff",
        description="Coordinator", amount=Decimal("100.00"), currency="LTL",
        attachment=SimpleUploadedFile("invoice.pdf", files.pdf()),
    )


def test_it_shows_the_edit_page_of_an_item_with_an_invoice(item: Expenditure, project: dict[str, Any]) -> None:
    response = as_user(project["editor"]).get(f"/programme/ucp/expenditure/{item.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/programme/files/expenditure/{item.pk}/"' in page
    assert "/media/" not in page


def test_it_keeps_the_invoice_when_the_item_is_edited_without_a_new_file(item: Expenditure,
                                                                         project: dict[str, Any]) -> None:
    stored = item.attachment.name
    response = as_user(project["editor"]).post(f"/programme/ucp/expenditure/{item.pk}/", {
        "partner": item.partner_id, "period": item.period_id, "date": item.date.isoformat(), "category": "staff",
        "description": "Coordinator, January", "amount": "100.00", "currency": "LTL",
    })
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.description == "Coordinator, January" and item.attachment.name == stored


def test_it_refuses_html_posing_as_an_invoice_on_the_edit_page(item: Expenditure, project: dict[str, Any]) -> None:
    stored = item.attachment.name
    response = as_user(project["editor"]).post(f"/programme/ucp/expenditure/{item.pk}/", {
        "partner": item.partner_id, "period": item.period_id, "date": item.date.isoformat(), "category": "staff",
        "description": "Changed", "amount": "100.00", "currency": "LTL",
        "attachment": SimpleUploadedFile("invoice.pdf", files.HTML, "application/pdf"),
    })
    assert response.status_code == 200 and "not a valid PDF file" in response.content.decode()
    item.refresh_from_db()
    assert item.description == "Coordinator" and item.attachment.name == stored


def test_it_shows_the_admin_page_of_a_pilot_with_evidence(project: dict[str, Any]) -> None:
    pilot = PilotProject.objects.create(project=project["project"], city=project["klaipeda"], title="Pilot")
    pilot.evidence.save("evidence.pdf", ContentFile(files.pdf()))
    root = ensure_user("root@example.test", is_staff=True, is_superuser=True)
    response = as_user(root).get(f"/admin/programme/pilotproject/{pilot.pk}/change/")
    assert response.status_code == 200
    assert f'href="/programme/files/pilot/{pilot.pk}/"' in response.content.decode()


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "0", "abc", "²", "١٢", "1 OR 1=1", " "])
def test_it_ignores_a_malformed_partner_filter_with_a_message(item: Expenditure, project: dict[str, Any],
                                                              value: str) -> None:
    response = as_user(project["manager"]).get("/programme/ucp/expenditure/", {"partner": value, "period": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Coordinator" in page  # the filter was not applied
    assert "was ignored" in page


def test_it_answers_400_to_a_nul_in_the_query(item: Expenditure, project: dict[str, Any]) -> None:
    response = as_user(project["manager"]).get("/programme/ucp/expenditure/", {"partner": "1\x00"})
    assert response.status_code == 400


def test_it_still_filters_by_a_valid_partner(item: Expenditure, project: dict[str, Any]) -> None:
    client = as_user(project["manager"])
    assert "Coordinator" not in client.get("/programme/ucp/expenditure/",
                                           {"partner": project["tartu_partner"].pk}).content.decode()
    assert "Coordinator" in client.get("/programme/ucp/expenditure/",
                                       {"partner": project["klaipeda_partner"].pk}).content.decode()


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_it_refuses_a_workbook_with_entity_declarations(project: dict[str, Any], part: str) -> None:
    content = workbook_with_dtd(part)
    response = as_user(project["editor"]).post("/programme/ucp/expenditure/import/", {
        "partner": project["klaipeda_partner"].pk, "file": SimpleUploadedFile("items.xlsx", content),
    })
    assert response.status_code == 400
    assert "document type declarations" in response.content.decode()
    assert not Expenditure.objects.exists()


def test_it_parses_workbooks_through_defusedxml(project: dict[str, Any]) -> None:
    from defusedxml.common import EntitiesForbidden
    from openpyxl.xml.functions import fromstring, iterparse

    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(EntitiesForbidden):
        fromstring(BILLION_LAUGHS + "<worksheet>&lol9;</worksheet>")
    with pytest.raises(EntitiesForbidden):
        list(iterparse(io.BytesIO((BILLION_LAUGHS + "<worksheet>&lol9;</worksheet>").encode())))


def test_it_still_imports_a_clean_workbook(project: dict[str, Any]) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["period", "date", "category", "description", "amount", "currency"])  # type: ignore[union-attr]
    workbook.active.append([1, dt.date(2010, 10, 4), "staff", "Coordinator", 10, "LTL"])  # type: ignore[union-attr]
    out = io.BytesIO()
    workbook.save(out)
    rows, errors = parse_expenditure_file("items.xlsx", out.getvalue())
    assert errors == [] and rows[0]["description"] == "Coordinator"
    assert import_expenditures(project["editor"], project["klaipeda_partner"], "items.xlsx",
                               out.getvalue()).created == 1


def test_it_reports_a_dtd_as_a_file_error_not_a_row(project: dict[str, Any]) -> None:
    with pytest.raises(ImportFailed) as caught:
        import_expenditures(project["editor"], project["klaipeda_partner"], "items.xlsx",
                            workbook_with_dtd("xl/worksheets/sheet1.xml"))
    assert [(e.line, e.field) for e in caught.value.errors] == [(0, "file")]


def test_it_lets_an_item_be_edited_after_its_creator_left(project: dict[str, Any]) -> None:
    period = project["periods"][0]
    leaver = ensure_user("leaver@klaipeda.test")
    Membership.objects.create(user=leaver, organisation=project["k_org"], role=Role.CITY_EDITOR)
    item = spending.add_expenditure(leaver, project["klaipeda_partner"], period=period, date=period.start,
                                    category="staff", description="Entered by the leaver", amount=Decimal("5.00"),
                                    currency="LTL")
    leaver.delete()
    item.refresh_from_db()
    assert item.created_by is None
    response = as_user(project["editor"]).post(f"/programme/ucp/expenditure/{item.pk}/", {
        "partner": item.partner_id, "period": period.pk, "date": period.start.isoformat(), "category": "staff",
        "description": "Corrected by a colleague", "amount": "5.00", "currency": "LTL",
    })
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.description == "Corrected by a colleague"
    trail = {(e.verb, e.actor_name) for e in AuditEntry.objects.filter(object_id=str(item.pk),
                                                                       model="programme.expenditure")}
    assert trail == {("add_expenditure", "leaver@klaipeda.test"), ("update_expenditure", "editor@klaipeda.test")}


def test_it_lets_the_api_edit_an_item_after_its_creator_left(project: dict[str, Any], api: Any) -> None:
    period = project["periods"][0]
    leaver = ensure_user("leaver@klaipeda.test")
    Membership.objects.create(user=leaver, organisation=project["k_org"], role=Role.CITY_EDITOR)
    item = spending.add_expenditure(leaver, project["klaipeda_partner"], period=period, date=period.start,
                                    category="staff", description="Entered", amount=Decimal("5.00"), currency="LTL")
    leaver.delete()
    api.force_authenticate(project["editor"])
    response = api.patch(f"/api/programme/expenditures/{item.pk}/", {"description": "Fixed"}, format="json")
    assert response.status_code == 200, response.content
    item.refresh_from_db()
    assert item.description == "Fixed"
