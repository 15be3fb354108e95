"""Expenditure import: strict parsing, every bad row reported with line and field, all-or-nothing writes."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook

from creativepoles.core.exports import csv_response
from creativepoles.programme.exports import expenditures_rows
from creativepoles.programme.imports import (
    MAX_BYTES,
    MAX_ROWS,
    ImportFailed,
    RowError,
    import_expenditures,
    parse_expenditure_file,
)
from creativepoles.programme.models import (
    Expenditure,
    Partner,
    PartnerReport,
    PartnerRole,
    Period,
    Project,
    ReportStatus,
)

HEADER = "period,date,category,description,amount,currency,supplier,invoice_number\n"


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    """A CSV upload from a header and data lines."""
    return (header + "".join(line + "\n" for line in lines)).encode("utf-8")


def xlsx_file(rows: list[list[Any]]) -> bytes:
    """An XLSX upload whose first sheet holds these rows."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def failure(*args: Any) -> list[RowError]:
    """The errors of an import that must fail."""
    with pytest.raises(ImportFailed) as caught:
        import_expenditures(*args)
    return caught.value.errors


@pytest.fixture
def partner(world: dict[str, Any]) -> Partner:
    """A Klaipėda partner (the editor's city) of a project with two six-month periods."""
    project = Project.objects.create(title="Urban Creative Poles", acronym="ucp", start_date=dt.date(2024, 1, 1),
                                     total_amount=Decimal("2500000.00"))
    Period.objects.create(project=project, number=1, start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30))
    Period.objects.create(project=project, number=2, start=dt.date(2024, 7, 1), end=dt.date(2024, 12, 31))
    return Partner.objects.create(project=project, organisation=world["k_org"], role=PartnerRole.PARTNER, number=1,
                                  currency="LTL")


def test_it_parses_a_good_csv_into_typed_rows() -> None:
    content = b"\xef\xbb\xbf" + csv_bytes(
        '1,2024-02-01,staff,Salary,"1,234.50",eur,,',
        '2,2024-07-03,Travel and accommodation,"Train to Tartu, return",12,LTL,VR,T-1',
        header="Period,Date,Category,Description,Amount,Currency,Supplier,Invoice number\n",
    )
    rows, errors = parse_expenditure_file("items.csv", content)
    assert errors == []
    assert rows[0] == {"line": 2, "period": 1, "date": dt.date(2024, 2, 1), "category": "staff",
                       "description": "Salary", "amount": Decimal("1234.50"), "currency": "EUR", "supplier": "",
                       "invoice_number": ""}
    assert rows[1]["category"] == "travel" and rows[1]["amount"] == Decimal("12.00")
    assert rows[1]["description"] == "Train to Tartu, return" and rows[1]["invoice_number"] == "T-1"


@pytest.mark.parametrize(("text", "expected"), [
    ("1234.56", Decimal("1234.56")), ("1,234.56", Decimal("1234.56")), ("1,234,567.5", Decimal("1234567.50")),
    ("7", Decimal("7.00")), ("0.01", Decimal("0.01")),
    ("1,234", None), ("12,5", None), ("1 234,56", None), ("1 234.56", None), ("12.345", None), ("1.5.2", None),
    ("0", None), ("-5.00", None), ("abc", None), ("1e3", None), ("NaN", None), ("12,34.5", None),
])
def test_it_reads_amounts_strictly(text: str, expected: Decimal | None) -> None:
    rows, errors = parse_expenditure_file("a.csv", csv_bytes(f'1,2024-02-01,staff,Salary,"{text}",EUR,,'))
    if expected is None:
        assert [(e.line, e.field) for e in errors] == [(2, "amount")], errors
    else:
        assert errors == [] and rows[0]["amount"] == expected


def test_it_reports_every_bad_cell_with_its_line() -> None:
    content = csv_bytes(
        "1,2024-02-01,staff,Fine,10.00,EUR,,",
        "x,2024-02-30,snacks,,10.001,USD,,",
        "2,01.02.2024,staff,Fine,5,EUR,,",
    )
    rows, errors = parse_expenditure_file("a.csv", content)
    assert rows == []
    assert [(e.line, e.field) for e in errors] == [
        (3, "period"), (3, "date"), (3, "category"), (3, "description"), (3, "amount"), (3, "currency"),
        (4, "date"),
    ]
    assert all(e.message for e in errors)


def test_it_reports_missing_columns_once_on_line_1() -> None:
    rows, errors = parse_expenditure_file("a.csv", b"Period,Date,Note\n1,2024-01-01,x\n")
    assert rows == [] and len(errors) == 1
    assert errors[0].line == 1 and "category" in errors[0].message and "amount" in errors[0].message


def test_it_counts_file_lines_across_quoted_line_breaks() -> None:
    content = csv_bytes('1,2024-02-01,staff,"two\nlines",10,EUR,,', "1,2024-02-01,staff,Bad,ten,EUR,,")
    _rows, errors = parse_expenditure_file("a.csv", content)
    assert [(e.line, e.field) for e in errors] == [(4, "amount")]


def test_it_refuses_files_that_are_not_what_they_say() -> None:
    for name, content in (("items.xlsx", csv_bytes("1,2024-02-01,staff,x,1,EUR,,")),
                          ("items.xlsx", b"PK\x03\x04 not really a zip"),
                          ("items.csv", xlsx_file([["period"]])),
                          ("items.csv", b"period,date\n\xff\xfe bad bytes"),
                          ("items.pdf", b"%PDF-1.7"),
                          ("items.csv", b""),
                          ("items.csv", HEADER.encode())):
        rows, errors = parse_expenditure_file(name, content)
        assert rows == [] and len(errors) == 1 and errors[0].field == "file", (name, content[:10], errors)
    _rows, errors = parse_expenditure_file("items.xlsx", csv_bytes("1,2024-02-01,staff,x,1,EUR,,"))
    assert "not an Excel workbook" in errors[0].message


def test_it_limits_the_number_of_rows() -> None:
    content = csv_bytes(*["1,2024-02-01,staff,x,1,EUR,,"] * (MAX_ROWS + 1))
    rows, errors = parse_expenditure_file("a.csv", content)
    assert rows == [] and len(errors) == 1 and str(MAX_ROWS) in errors[0].message
    rows, errors = parse_expenditure_file("a.csv", csv_bytes(*["1,2024-02-01,staff,x,1,EUR,,"] * MAX_ROWS))
    assert errors == [] and len(rows) == MAX_ROWS
    rows, errors = parse_expenditure_file("a.csv", HEADER.encode() + b" " * MAX_BYTES)
    assert rows == [] and [(e.line, e.field) for e in errors] == [(0, "file")] and "MB" in errors[0].message


def test_it_imports_nothing_when_one_row_has_a_bad_amount(world: dict[str, Any], partner: Partner) -> None:
    content = csv_bytes("1,2024-02-01,staff,Salary,100.00,LTL,,", "1,2024-02-02,staff,Rent,12;5,LTL,,",
                        "1,2024-02-03,staff,Fee,3.00,LTL,,")
    errors = failure(world["editor"], partner, "items.csv", content)
    assert [(e.line, e.field) for e in errors] == [(3, "amount")]
    assert Expenditure.objects.count() == 0


def test_it_rolls_back_good_rows_when_a_date_is_outside_the_period(world: dict[str, Any], partner: Partner) -> None:
    content = csv_bytes("1,2024-02-01,staff,Salary,100.00,LTL,,", "1,2024-08-01,staff,Late,5.00,LTL,,",
                        "3,2024-02-01,staff,No such period,5.00,LTL,,")
    errors = failure(world["editor"], partner, "items.csv", content)
    assert [(e.line, e.field) for e in errors] == [(3, "date"), (4, "period")]
    assert "outside period 1" in errors[0].message
    assert Expenditure.objects.count() == 0


def test_it_refuses_rows_of_a_submitted_period(world: dict[str, Any], partner: Partner) -> None:
    PartnerReport.objects.create(partner=partner, period=partner.project.periods.get(number=1),
                                 status=ReportStatus.SUBMITTED)
    content = csv_bytes("2,2024-08-01,staff,Open period,5.00,LTL,,", "1,2024-02-01,staff,Locked,1.00,LTL,,")
    errors = failure(world["editor"], partner, "items.csv", content)
    assert [(e.line, e.field) for e in errors] == [(3, "period")]
    assert Expenditure.objects.count() == 0


def test_it_imports_three_xlsx_rows(world: dict[str, Any], partner: Partner) -> None:
    content = xlsx_file([
        ["Date", "Period", "Amount", "Currency", "Category", "Description", "Supplier", "Invoice number", "Note"],
        [dt.datetime(2024, 2, 1), 1, 1234.5, "LTL", "staff", "Salary", "", None, "ignored"],
        ["2024-07-15", 2.0, "2,000.00", "EUR", "External expertise and services", "Study", "UAB Tyrimai", 1001, ""],
        [dt.date(2024, 3, 3), "1", Decimal("0.10"), "eur", "EQUIPMENT", "Cable", None, "C-7", None],
        [None, None, None, None, None, None, None, None, None],
    ])
    result = import_expenditures(world["editor"], partner, "items.XLSX", content)
    assert result.created == 3
    items = list(Expenditure.objects.order_by("date"))
    assert [(i.period.number, i.date, i.category, i.amount, i.currency) for i in items] == [
        (1, dt.date(2024, 2, 1), "staff", Decimal("1234.50"), "LTL"),
        (1, dt.date(2024, 3, 3), "equipment", Decimal("0.10"), "EUR"),
        (2, dt.date(2024, 7, 15), "external", Decimal("2000.00"), "EUR"),
    ]
    assert items[2].supplier == "UAB Tyrimai" and items[2].invoice_number == "1001"
    assert all(i.created_by == world["editor"] for i in items)


def test_it_reports_xlsx_cells_by_row_number(world: dict[str, Any], partner: Partner) -> None:
    content = xlsx_file([
        ["period", "date", "category", "description", "amount", "currency"],
        [1, dt.datetime(2024, 2, 1, 13, 30), "staff", "Timed", 1, "LTL"],
        [1, dt.date(2024, 2, 1), "staff", "Fine", 1.005, "LTL"],
    ])
    errors = failure(world["editor"], partner, "items.xlsx", content)
    assert [(e.line, e.field) for e in errors] == [(2, "date"), (3, "amount")]


def test_it_reads_a_semicolon_csv_with_bom(world: dict[str, Any], partner: Partner) -> None:
    content = ("\ufeffperiod;date;category;description;amount;currency\r\n"
               "1;2024-02-01;staff;Salary, January;1,234.56;LTL\r\n"
               "1;2024-02-02;office;Paper;9.90;LTL\r\n").encode()
    assert import_expenditures(world["editor"], partner, "items.csv", content).created == 2
    assert Expenditure.objects.get(category="staff").description == "Salary, January"
    assert Expenditure.objects.get(category="staff").amount == Decimal("1234.56")


def test_it_refuses_another_citys_editor_with_one_error(world: dict[str, Any], partner: Partner) -> None:
    content = csv_bytes("1,2024-02-01,staff,Salary,100.00,LTL,,", "1,bad,staff,Rent,1,LTL,,")
    for user in (world["other"], world["outsider"]):
        errors = failure(user, partner, "items.csv", content)
        assert len(errors) == 1 and errors[0].field == "partner"
    assert Expenditure.objects.count() == 0


def test_it_lets_a_programme_manager_import(world: dict[str, Any], partner: Partner) -> None:
    content = csv_bytes("1,2024-02-01,staff,Salary,100.00,LTL,,")
    assert import_expenditures(world["manager"], partner, "items.csv", content).created == 1


def test_it_imports_its_own_csv_export_back(world: dict[str, Any], partner: Partner) -> None:
    content = csv_bytes('1,2024-02-01,travel,"=HYPERLINK(""http://evil.test"")",10.00,EUR,-Supplier,+1')
    import_expenditures(world["editor"], partner, "items.csv", content)
    header, rows = expenditures_rows(Expenditure.objects.all())
    exported = csv_response("items.csv", header, rows).content
    assert b"'=HYPERLINK" in exported
    assert import_expenditures(world["editor"], partner, "again.csv", exported).created == 1
    first, second = Expenditure.objects.order_by("pk")
    assert (second.description, second.supplier, second.invoice_number, second.category, second.amount) == (
        first.description, first.supplier, first.invoice_number, first.category, first.amount)
    assert second.description == '=HYPERLINK("http://evil.test")'
