"""Downloads every module shares: CSV and XLSX safe against formula injection, typst markup and tables."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

__all__ = ["SheetSpec", "csv_response", "escape_typst", "safe_cell", "typst_table", "xlsx_bytes", "xlsx_response"]

# A cell starting with one of these is run as a formula by Excel and LibreOffice (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SheetSpec = tuple[str, list[str], list[list[Any]]]
# Every ASCII punctuation character: each is escapable in typst markup, and any of them may start syntax.
TYPST_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def safe_cell(value: Any) -> Any:
    """Prefix an apostrophe to strings a spreadsheet would run as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_value(value: Any) -> Any:
    """A value as CSV text: dates in ISO form, Decimals exact, strings made safe."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return safe_cell(value)


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A CSV download, UTF-8 with a BOM so that Excel detects the encoding."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_csv_value(h) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return response


def _sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (31 characters, none of []:*?/\\)."""
    clean = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet"
    name, n = clean, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = clean[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _display_width(value: Any) -> int:
    """Roughly how many characters a cell shows, to size its column."""
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}")
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def xlsx_bytes(sheets: list[SheetSpec]) -> bytes:
    """A workbook with one sheet per (title, header, rows): bold frozen header, money as numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(title, taken))
        widths = [_display_width(h) for h in header]
        sheet.append([safe_cell(h) for h in header])
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
            for index, value in enumerate(row):
                if index >= len(widths):
                    widths.append(0)
                widths[index] = max(widths[index], _display_width(value))
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, Decimal):
                    cell.number_format = MONEY_FORMAT
                elif isinstance(cell.value, dt.date):
                    cell.number_format = DATE_FORMAT
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(filename: str, sheets: list[SheetSpec]) -> HttpResponse:
    """An XLSX download."""
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def escape_typst(text: Any) -> str:
    """Make any text literal typst markup: punctuation backslash-escaped, control characters dropped."""
    value = "" if text is None else str(text)
    value = CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    # A backslash before a newline is a typst line break, so the text's own line breaks survive.
    return "\\\n".join(TYPST_SPECIAL.sub(r"\\\1", line) for line in value.split("\n"))


def typst_table(header: list[Any], rows: Iterable[Iterable[Any]], columns: str, numeric_from: int | None = None) -> str:
    """A typst table with a repeating bold header, every cell escaped; columns from numeric_from on align right."""
    start = len(header) if numeric_from is None else numeric_from
    align = ", ".join("right" if i >= start else "left" for i in range(len(header)))
    head = ", ".join("[*" + escape_typst(h) + "*]" for h in header)
    body = "".join(",\n  " + ", ".join("[" + escape_typst(v) + "]" for v in row) for row in rows)
    return f"#table(\n  columns: {columns},\n  align: ({align},),\n  table.header({head}){body},\n)\n"
