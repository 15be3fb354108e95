"""Programme pages: expenditure scoping, the import page, report pages and their exports."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from creativepoles.programme.models import Expenditure
from creativepoles.programme.services import reports, spending

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(project: dict[str, Any]) -> dict[str, Any]:
    p0 = project["periods"][0]
    k = spending.add_expenditure(project["editor"], project["klaipeda_partner"], period=p0, date=p0.start,
                                 category="staff", description="Klaipėda coordinator", amount=Decimal("1234.56"),
                                 currency="LTL")
    t = spending.add_expenditure(project["other"], project["tartu_partner"], period=p0, date=p0.start,
                                 category="travel", description="Tartu trip", amount=Decimal("99.00"), currency="EUR")
    return {**project, "k_item": k, "t_item": t}


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_hides_another_partners_expenditure(items: dict[str, Any]) -> None:
    tartu = as_user(items["other"])
    url = f"/programme/ucp/expenditure/{items['k_item'].pk}/"
    assert tartu.get(url).status_code == 404
    assert tartu.post(url, {"description": "changed"}).status_code == 404
    assert tartu.post(url + "delete/").status_code == 404
    listing = tartu.get("/programme/ucp/expenditure/").content.decode()
    assert "Tartu trip" in listing and "Klaipėda coordinator" not in listing
    items["k_item"].refresh_from_db()
    assert items["k_item"].description == "Klaipėda coordinator" and items["k_item"].deleted_at is None


def test_it_shows_the_lead_partners_manager_everything(items: dict[str, Any]) -> None:
    manager = as_user(items["manager"])
    listing = manager.get("/programme/ucp/expenditure/").content.decode()
    assert "Tartu trip" in listing and "Klaipėda coordinator" in listing
    assert manager.get(f"/programme/ucp/expenditure/{items['k_item'].pk}/").status_code == 200


def test_it_lets_the_partner_edit_its_item(items: dict[str, Any]) -> None:
    client = as_user(items["editor"])
    item = items["k_item"]
    response = client.post(f"/programme/ucp/expenditure/{item.pk}/", {
        "period": item.period_id, "date": "2010-10-15", "category": "staff", "description": "Coordinator (Oct)",
        "amount": "1300.00", "currency": "LTL",
    })
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    assert item.amount == Decimal("1300.00")
    assert item.history.count() == 2


def test_it_imports_all_or_nothing_with_row_errors(items: dict[str, Any]) -> None:
    client = as_user(items["editor"])
    before = Expenditure.objects.count()
    csv = (b"period,date,category,description,amount,currency\n"
           b"1,2010-11-02,staff,Designer,100.00,LTL\n"
           b"1,2010-11-03,staff,Printer,ten,LTL\n")
    response = client.post("/programme/ucp/expenditure/import/", {
        "partner": items["klaipeda_partner"].pk, "file": SimpleUploadedFile("items.csv", csv, "text/csv")})
    assert response.status_code == 400
    rows = re.findall(r"<tr><td>(\d+)</td><td>(\w+)</td>", response.content.decode())
    assert rows == [("3", "amount")]
    assert Expenditure.objects.count() == before


def test_it_exports_reports_with_the_figures_on_screen(items: dict[str, Any]) -> None:
    client = as_user(items["editor"])
    report = reports.open_partner_report(items["editor"], items["klaipeda_partner"], items["periods"][0])
    reports.submit_partner_report(items["editor"], report, "Done")
    page = client.get(f"/programme/ucp/reports/partner/{report.pk}/").content.decode()
    shown = re.search(r'data-money="items-total">([^<]+)<', page).group(1).strip()
    assert shown == "1,234.56 LTL"
    assert "report-locked" in page
    pdf = client.get(f"/programme/ucp/reports/partner/{report.pk}/export.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "1,234.56" in text and "1,107,105.00" in text
    xlsx = client.get(f"/programme/ucp/reports/partner/{report.pk}/export.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    values = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert Decimal("1234.56") in [Decimal(str(v)) for v in values if isinstance(v, (int, float))]
    assert as_user(items["other"]).get(f"/programme/ucp/reports/partner/{report.pk}/export.pdf").status_code == 404


def test_it_submits_from_the_report_page_and_locks(items: dict[str, Any]) -> None:
    client = as_user(items["editor"])
    report = reports.open_partner_report(items["editor"], items["klaipeda_partner"], items["periods"][0])
    response = client.post(f"/programme/ucp/reports/partner/{report.pk}/submit/", {"summary": "All done"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.summary == "All done"
    p0 = items["periods"][0]
    add = client.post("/programme/ucp/expenditure/new/", {
        "partner": items["klaipeda_partner"].pk, "period": p0.pk, "date": "2010-12-01", "category": "staff",
        "description": "Late", "amount": "5.00", "currency": "LTL"})
    assert add.status_code == 200 and "reopen it" in add.content.decode()
    tartu = as_user(items["other"])
    assert tartu.post(f"/programme/ucp/reports/partner/{report.pk}/reopen/").status_code == 404


def test_it_keeps_the_expenditure_list_query_count_flat(items: dict[str, Any],
                                                         django_assert_max_num_queries: Any) -> None:
    client = as_user(items["manager"])
    with django_assert_max_num_queries(20) as first:
        client.get("/programme/ucp/expenditure/")
    p0 = items["periods"][0]
    for i in range(25):
        Expenditure.objects.create(partner=items["tartu_partner"], period=p0, date=dt.date(2010, 10, 2),
                                   category="staff", description=f"x{i}", amount=Decimal("1"), currency="EUR")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/programme/ucp/expenditure/")


def test_it_lets_only_the_manager_edit_the_budget_grid(project: dict[str, Any]) -> None:
    url = f"/programme/ucp/partners/{project['tartu_partner'].pk}/budget/"
    assert as_user(project["other"]).get(url).status_code == 403
    manager = as_user(project["manager"])
    assert manager.get(url).status_code == 200
    bad = manager.post(url, {"b_staff_1": "12,50,1"})
    assert bad.status_code == 400
    assert project["tartu_partner"].budget_lines.get(category="staff", period__number=1).amount == Decimal("100000.00")
    ok = manager.post(url, {"b_staff_1": "100000.00", "b_travel_2": "2500,50"})  # a decimal comma is fine
    assert ok.status_code == 302
    line = project["tartu_partner"].budget_lines.get(category="travel", period__number=2)
    assert line.amount == Decimal("2500.50") and line.history.count() == 1


def test_it_regenerates_periods_from_the_timeline_page(project: dict[str, Any]) -> None:
    manager = as_user(project["manager"])
    response = manager.post("/programme/ucp/timeline/", {
        "start_date": "2010-10-01", "contracting_months": 3, "implementation_months": 36, "closing_months": 3,
        "period_months": 12})
    assert response.status_code == 302
    assert project["project"].periods.count() == 4
    assert as_user(project["editor"]).get("/programme/ucp/timeline/").status_code == 403


def test_it_refuses_unknown_export_formats_and_huge_budgets(items: dict[str, Any]) -> None:
    manager = as_user(items["manager"])
    report = reports.open_partner_report(items["editor"], items["klaipeda_partner"], items["periods"][0])
    assert manager.get(f"/programme/ucp/reports/partner/{report.pk}/export.exe").status_code == 404
    assert manager.get(f"/programme/ucp/reports/spy/{report.pk}/export.pdf").status_code == 404
    draft = manager.get(f"/programme/ucp/reports/partner/{report.pk}/export.pdf")
    assert "Draft: live figures" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(draft.content)).pages)
    url = f"/programme/ucp/partners/{items['tartu_partner'].pk}/budget/"
    for bad in ("1e20", "1.005", "-1", "NaN"):
        assert manager.post(url, {"b_staff_1": bad}).status_code == 400


def test_it_refuses_to_move_periods_that_hold_spending(items: dict[str, Any]) -> None:
    from creativepoles.core.errors import DomainError
    from creativepoles.programme.services.project import update_timeline

    with pytest.raises(DomainError, match="cannot change"):
        update_timeline(items["manager"], items["project"], period_months=3)


def test_it_keeps_two_partners_of_one_city_apart(items: dict[str, Any]) -> None:
    from creativepoles.core.demo import ensure_user
    from creativepoles.core.models import Membership, Organisation, Role
    from creativepoles.programme.models import Partner

    municipality = Organisation.objects.create(name="Klaipėda municipality", kind="municipality",
                                               city=items["klaipeda"])
    Partner.objects.create(project=items["project"], organisation=municipality, number=4, currency="EUR")
    neighbour = ensure_user("finance@municipality.test")
    Membership.objects.create(user=neighbour, organisation=municipality, role=Role.CITY_EDITOR)
    client = as_user(neighbour)
    # Same city, different partner: the agency's items and reports do not exist for this editor.
    assert client.get(f"/programme/ucp/expenditure/{items['k_item'].pk}/").status_code == 404
    assert "Klaipėda coordinator" not in client.get("/programme/ucp/expenditure/").content.decode()
    report = reports.open_partner_report(items["editor"], items["klaipeda_partner"], items["periods"][0])
    assert client.post(f"/programme/ucp/reports/partner/{report.pk}/submit/").status_code == 404


def test_it_gives_network_rights_only_to_the_coordinators_managers(items: dict[str, Any]) -> None:
    from creativepoles.core.demo import ensure_user
    from creativepoles.core.models import Membership, Role
    from creativepoles.core.permissions import scope_for

    local_manager = ensure_user("manager@tartu.test")
    Membership.objects.create(user=local_manager, organisation=items["t_org"], role=Role.PROGRAMME_MANAGER)
    assert not scope_for(local_manager).network
    assert as_user(local_manager).get(f"/programme/ucp/expenditure/{items['k_item'].pk}/").status_code == 404
    assert scope_for(items["manager"]).network
