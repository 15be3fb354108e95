"""Locale-aware amounts and figures for exports and PDFs, shared by every module."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format

__all__ = ["format_amount", "format_number", "format_quantity", "to_decimal"]


def to_decimal(value: Any) -> Decimal:
    """A stored amount (Decimal, int or decimal string, e.g. from a JSON snapshot) as a Decimal; empty is zero."""
    if value in (None, ""):
        return Decimal("0.00")
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal number: {value!r}") from exc


def format_amount(value: Any, currency: str | None = None) -> str:
    """An amount with the active language's grouping and two decimals, e.g. 1,107,105.00 LTL (1 107 105,00 in lt)."""
    # The same rule as the `money` template filter, so a PDF shows what the page shows.
    text = number_format(to_decimal(value), 2, use_l10n=True, force_grouping=True)
    # A no-break space keeps the currency on the amount's line in typst tables.
    return f"{text}\u00a0{currency}" if currency else text


def format_quantity(value: Any) -> str:
    """An indicator figure without trailing zeros in the active language, e.g. 750 or 12.5 (12,5 in lt)."""
    number = to_decimal(value).normalize()
    # normalize() turns 750 into 7.5E+2; quantizing to its own exponent keeps the plain digits.
    places = max(0, -number.as_tuple().exponent)  # type: ignore[operator]
    return number_format(number.quantize(Decimal(1).scaleb(-places)), places, use_l10n=True, force_grouping=True)


def format_number(value: Any, places: int = 1, empty: str = "—") -> str:
    """A measure with a fixed number of decimals in the active language, e.g. 5,200.0 (5 200,0 in lt); `empty` for None."""
    # Lists, pages and PDFs all go through here, so one site's floor area reads the same everywhere.
    if value is None or value == "":
        return empty
    return number_format(to_decimal(value), places, use_l10n=True, force_grouping=True)
