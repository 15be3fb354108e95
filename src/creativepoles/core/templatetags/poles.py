"""Template filters shared by every module: money and signed differences."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def money(value: Any, currency: str = "") -> str:
    """Two decimals with the locale's grouping, e.g. 1,107,105.00 LTL; empty for None."""
    if value is None or value == "":
        return ""
    text = number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return f"{text} {currency}".strip()


@register.filter
def signed_money(value: Any, currency: str = "") -> str:
    """A difference with its sign, e.g. +0.08 LTL or −0.02 EUR."""
    if value is None:
        return ""
    amount = Decimal(value)
    sign = "+" if amount > 0 else "−" if amount < 0 else "±"
    return f"{sign}{money(abs(amount), currency)}"


@register.filter
def bar_width(value: Any) -> str:
    """A percentage clamped to 0–100 for a progress bar's width attribute."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "0"
    return f"{max(0.0, min(100.0, number)):.1f}"
