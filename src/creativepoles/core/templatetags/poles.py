"""Template filters and tags shared by every module: money, signed differences, rights and people."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.apps import apps
from django.utils.formats import number_format

from creativepoles.core import people, permissions
from creativepoles.core.formatting import format_number

register = template.Library()


@register.filter
def money(value: Any, currency: str = "") -> str:
    """Two decimals with the locale's grouping, e.g. 1,107,105.00 LTL; empty for None."""
    if value is None or value == "":
        return ""
    text = number_format(Decimal(value), 2, use_l10n=True, force_grouping=True)
    return f"{text} {currency}".strip()


@register.filter
def number(value: Any, places: int = 1) -> str:
    """A measure with `places` decimals and the locale's grouping, e.g. 5,200.0; a dash for None."""
    return format_number(value, int(places))


@register.filter
def signed_money(value: Any, currency: str = "") -> str:
    """A difference with its sign, e.g. +0.08 LTL or −0.02 EUR."""
    if value is None:
        return ""
    amount = Decimal(value)
    sign = "+" if amount > 0 else "−" if amount < 0 else "±"
    return f"{sign}{money(abs(amount), currency)}"


@register.filter
def percent(value: Any, digits: int = 1) -> str:
    """A share given as a fraction (0.85) as a percentage with the locale's decimals, e.g. 85 % or 82,5 %."""
    if value is None or value == "":
        return ""
    number = (Decimal(value) * 100).quantize(Decimal(1).scaleb(-digits))
    text = number_format(number.quantize(Decimal(1)) if number == number.to_integral() else number, use_l10n=True)
    return f"{text}\u00a0%"


@register.filter
def share(value: Any) -> str:
    """A percentage already in percent (141.0) as text, e.g. 141 %; a dash when there is nothing to measure."""
    if value is None or value == "":
        return "—"
    number = Decimal(value)
    text = number_format(number.quantize(Decimal(1)) if number == number.to_integral() else number, use_l10n=True)
    return f"{text}\u00a0%"


@register.filter
def bar_width(value: Any) -> str:
    """A percentage clamped to 0–100 for a progress bar's width attribute."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "0"
    return f"{max(0.0, min(100.0, number)):.1f}"


@register.simple_tag(takes_context=True)
def can(context: Any, action: str, obj: Any) -> bool:
    """`{% can "change" site as can_edit %}`: whether the page's user may do this, from the model's policy."""
    return permissions.can(context.get("user"), action, obj) if obj is not None else False


@register.simple_tag(takes_context=True)
def could(context: Any, action: str, model_label: str) -> bool:
    """`{% could "add" "spaces.site" as can_add %}`: whether the user may do this to some row of the model."""
    return permissions.could(context.get("user"), action, apps.get_model(model_label))


@register.simple_tag(takes_context=True)
def actor(context: Any, user: Any) -> str:
    """Who made a change, as this page's viewer may see it: members of the network see the person's name;
    everyone else sees only the role and organisation (the public never sees a person's name or e-mail)."""
    # One history names the same few people many times: ask for each person's label once per page.
    labels = context.render_context.setdefault("poles_actor_labels", {})
    key = getattr(user, "pk", None)
    if key not in labels:
        labels[key] = people.actor_label(user, context.get("user"))
    return str(labels[key])
