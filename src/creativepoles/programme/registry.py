"""The indicator registry: modules register counters at start-up; programme never imports them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class IndicatorProvider:
    """A module's counter for one kind of output.

    `count(project, city)` returns the achieved value for the whole project (city None) or one city;
    the optional `count_cities(project, cities)` returns {city id: value} for many cities in one query.
    """

    key: str
    label: str
    module: str
    count: Callable[[Any, Any], Decimal]
    count_cities: Callable[[Any, list[Any]], dict[int, Decimal]] | None = None


_providers: dict[str, IndicatorProvider] = {}


def register(key: str, label: Any, module: str, count: Callable[[Any, Any], Decimal],
             count_cities: Callable[[Any, list[Any]], dict[int, Decimal]] | None = None) -> IndicatorProvider:
    """Register (or replace, e.g. on reload) the counter for an indicator key."""
    provider = IndicatorProvider(key=key, label=str(label), module=module, count=count, count_cities=count_cities)
    _providers[key] = provider
    return provider


def unregister(key: str) -> None:
    """Remove a counter (tests and modules being switched off)."""
    _providers.pop(key, None)


def get(key: str) -> IndicatorProvider | None:
    """The counter for a key, or None when no installed module counts it."""
    return _providers.get(key) if key else None


_site_lookup: list[Callable[[int, Any], tuple[str, str] | None]] = []


def register_site_lookup(lookup: Callable[[int, Any], tuple[str, str] | None]) -> None:
    """Let the spaces module resolve a site id to (name, url) for pilot projects."""
    _site_lookup[:] = [lookup]


def site_link(site_id: int | None, user: Any) -> tuple[str, str] | None:
    """(name, url) of a site the user may see in the spaces inventory; None when hidden, unknown or absent."""
    if site_id is None or not _site_lookup:
        return None
    return _site_lookup[0](site_id, user)


def providers() -> list[IndicatorProvider]:
    """All registered counters, by key."""
    return [_providers[k] for k in sorted(_providers)]
