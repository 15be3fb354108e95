"""The indicator registry: modules register counters at start-up; programme never imports them.

Keys are module-neutral ("hours.consulting_training"): several modules may count toward one key (advisory's
consultation hours and learning's training hours) and their values add up. A counter answers for all cities at
once and for a date range, so the dashboard's queries do not grow with the number of cities and a period
report counts only its period. Per-city values add up to the project value unless the key is declared not
additive, with the reason shown to users.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

ZERO = Decimal("0")


@dataclass(frozen=True)
class Window:
    """What to count: a project, its cities (ids) and an optional date range (inclusive)."""

    project: Any
    city_ids: Sequence[int]
    start: dt.date | None = None
    end: dt.date | None = None


# A counter returns values by city id; a key that is not additive also returns the project value under None.
Counter = Callable[[Window], Mapping[int | None, Decimal]]


@dataclass(frozen=True)
class IndicatorProvider:
    """One module's counter for a key."""

    key: str
    module: str
    count: Counter


@dataclass(frozen=True)
class IndicatorKind:
    """What a key measures and whether its per-city values add up to the project value (and why not)."""

    key: str
    label: str
    additive: bool = True
    not_additive_reason: str = ""


_kinds: dict[str, IndicatorKind] = {}
_providers: dict[str, dict[str, IndicatorProvider]] = {}


def register(key: str, label: Any, module: str, count: Counter, *, additive: bool = True,
             not_additive_reason: Any = "") -> IndicatorProvider:
    """Add a module's counter for a key (registering the same module again replaces its counter)."""
    if not additive and not str(not_additive_reason):
        raise ValueError(f"{key}: say why the per-city values do not add up")
    kind = IndicatorKind(key, str(label), additive, str(not_additive_reason))
    known = _kinds.get(key)
    if known is not None and known.additive != additive:
        raise ValueError(f"{key}: modules disagree whether it is additive")
    _kinds[key] = kind
    provider = IndicatorProvider(key=key, module=module, count=count)
    _providers.setdefault(key, {})[module] = provider
    return provider


def unregister(key: str, module: str | None = None) -> None:
    """Remove one module's counter for a key, or all of them (tests, modules switched off)."""
    if module is None:
        _providers.pop(key, None)
    else:
        _providers.get(key, {}).pop(module, None)
    if not _providers.get(key):
        _providers.pop(key, None)
        _kinds.pop(key, None)


def kind(key: str) -> IndicatorKind | None:
    """The registered kind of a key, or None when no installed module counts it."""
    return _kinds.get(key) if key and _providers.get(key) else None


def providers(key: str) -> list[IndicatorProvider]:
    """The counters of a key, by module."""
    return [p for _m, p in sorted(_providers.get(key, {}).items())]


def keys() -> list[IndicatorKind]:
    """Every key some installed module counts."""
    return [_kinds[k] for k in sorted(_providers)]


@dataclass(frozen=True)
class Count:
    """A key's values: per city id and for the whole project, and the modules that counted."""

    per_city: dict[int, Decimal]
    total: Decimal
    modules: tuple[str, ...]


def count(key: str, window: Window) -> Count | None:
    """Sum every module's values for a key; None when no installed module counts it."""
    registered = providers(key)
    if not registered:
        return None
    additive = _kinds[key].additive
    per_city = {city_id: ZERO for city_id in window.city_ids}
    project_total = ZERO
    for provider in registered:
        values = provider.count(window)
        for city_id in window.city_ids:
            per_city[city_id] += Decimal(values.get(city_id, ZERO))
        if not additive:
            project_total += Decimal(values.get(None, ZERO))
    total = sum(per_city.values(), ZERO) if additive else project_total
    return Count(per_city, total, tuple(p.module for p in registered))
