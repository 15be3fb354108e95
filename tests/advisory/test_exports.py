"""Acceptance 1 (the workbook recomputes to the model's figures) and 5 (the PDF holds the plan's figures)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import formulas  # type: ignore[import-untyped, unused-ignore]
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from creativepoles.advisory import financials as fin
from creativepoles.advisory.exports import financials_xlsx, plan_pdf
from creativepoles.analysis.finance import parse_plan_inputs, plan_model
from creativepoles.core.formatting import format_amount
from tests.advisory.conftest import studio_financials

pytestmark = pytest.mark.django_db
# Where the summary sits on the Years sheet (rows 2-7 are years 0..5, row 8 is empty).
NPV, IRR, BREAK_EVEN, GAP, LOWEST = "B9", "B10", "B11", "B12", "B13"
PRICE = "C5"  # the first revenue stream's price on the Inputs sheet


def value(solution: Any, sheet: str, cell: str) -> Any:
    found = solution[f"'[model.xlsx]{sheet.upper()}'!{cell}"].value
    return found[0][0] if hasattr(found, "__getitem__") else found


def cents(x: Any) -> Decimal:
    return Decimal(str(round(float(x), 2)))


def test_it_writes_live_formulas_that_recompute_to_the_models_figures(tmp_path: Path) -> None:
    inputs = parse_plan_inputs(studio_financials())
    path = tmp_path / "model.xlsx"
    path.write_bytes(financials_xlsx("Studio", inputs))
    book = load_workbook(path)
    assert str(book["Years"][NPV].value).startswith("=ROUND(B2+NPV(")  # Excel's NPV discounts from t = 1
    assert str(book["Months"]["O14"].value).startswith("=")
    model = formulas.ExcelModel().loads(str(path)).finish()
    solution = model.calculate()
    expected = plan_model(inputs)
    assert cents(value(solution, "Years", NPV)) == expected.npv
    assert expected.irr is not None and abs(Decimal(str(value(solution, "Years", IRR))) - expected.irr) < Decimal(
        "0.000001")
    assert value(solution, "Years", BREAK_EVEN) == expected.break_even_month == 6
    assert cents(value(solution, "Years", GAP)) == expected.funding_gap == Decimal("28200.00")
    assert cents(value(solution, "Years", LOWEST)) == min(r.cash_balance for r in expected.months)
    for month in (1, 4, 12, 13, 24, 60):
        assert cents(value(solution, "Months", f"O{month + 2}")) == expected.months[month - 1].cash_balance, month
    # A spreadsheet user changes the price: the results move exactly as the model's do.
    moved = model.calculate(inputs={f"'[model.xlsx]INPUTS'!{PRICE}": 55})
    dearer = plan_model(parse_plan_inputs(studio_financials(
        streams=[{**studio_financials()["streams"][0], "price": "55"}])))
    assert cents(value(moved, "Years", NPV)) == dearer.npv != expected.npv
    assert cents(value(moved, "Months", "O62")) == dearer.months[-1].cash_balance


def test_it_highlights_months_with_a_negative_cash_balance(tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(financials_xlsx("Studio", parse_plan_inputs(studio_financials()))))
    rules = book["Months"].conditional_formatting
    assert any("O2:O62" in str(rule.sqref) for rule in rules)


def test_it_prints_the_plan_and_its_figures_in_a_pdf(advisory: dict[str, Any]) -> None:
    plan = advisory["plan"]
    reader = PdfReader(io.BytesIO(plan_pdf(plan)))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert "Ona's studio" in text
    assert "Posters and identities" in text
    results = fin.results(plan)
    assert results is not None
    for name in ("pessimistic", "base", "optimistic"):
        assert format_amount(results[name].npv) in text, name
    base = results["base"]
    assert format_amount(base.funding_gap) in text
    assert format_amount(base.years[0].revenue) in text
    assert len(reader.pages) >= 2
    # The chart is embedded as an image.
    assert any(page.images for page in reader.pages)
