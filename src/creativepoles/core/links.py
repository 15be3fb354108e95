"""Links across modules: "object of kind K with id N" to a name and a URL, as one user may see it.

A module registers a resolver for its kinds in `AppConfig.ready()`; any other module (the programme's pilot
projects naming a site, a business plan naming its premises) asks here and never imports the other's models.
Resolvers answer in bulk (one query for many ids) and leave out what the user may not see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

Resolver = Callable[[list[int], Any], Mapping[int, tuple[str, str]]]

_resolvers: dict[str, Resolver] = {}


def register(kind: str, resolver: Resolver) -> None:
    """Register (or replace, on reload) the resolver of a kind such as "spaces.site"."""
    _resolvers[kind] = resolver


def unregister(kind: str) -> None:
    """Remove a resolver (tests, modules switched off)."""
    _resolvers.pop(kind, None)


def links(kind: str, ids: Iterable[int | None], user: Any) -> dict[int, tuple[str, str]]:
    """(name, url) by id for the objects of `kind` the user may see; unknown, hidden or absent ids are left out."""
    wanted = sorted({i for i in ids if i is not None})
    resolver = _resolvers.get(kind)
    if not wanted or resolver is None:
        return {}
    return dict(resolver(wanted, user))


def link(kind: str, object_id: int | None, user: Any) -> tuple[str, str] | None:
    """(name, url) of one object the user may see, or None."""
    return links(kind, [object_id], user).get(object_id) if object_id is not None else None


class CityLink(NamedTuple):
    """One link a module offers on a city's pages: grouped under `section`, shown on the home page if `headline`."""

    section: str
    label: str
    url: str
    headline: bool = False


# (cities, user, full) -> links by city id. With full=False only headline links are wanted: the home page asks
# for every partner city at once and must not cost a query per module and city.
CityLinkProvider = Callable[[Sequence[Any], Any, bool], Mapping[int, list[CityLink]]]

_city_providers: dict[str, CityLinkProvider] = {}


def register_city_links(key: str, provider: CityLinkProvider) -> None:
    """Register (or replace, on reload) a module's links for city pages, under a key such as "spaces"."""
    _city_providers[key] = provider


def unregister_city_links(key: str) -> None:
    """Remove a city-link provider (tests, modules switched off)."""
    _city_providers.pop(key, None)


def city_links(cities: Sequence[Any], user: Any, full: bool = True) -> dict[int, list[CityLink]]:
    """Links every registered module offers for these cities, as this user may follow them, by city id."""
    result: dict[int, list[CityLink]] = {city.pk: [] for city in cities}
    for key in sorted(_city_providers):
        for city_id, found in _city_providers[key](cities, user, full).items():
            result.setdefault(city_id, []).extend(link for link in found if full or link.headline)
    return result


def city_sections(found: Iterable[CityLink]) -> list[tuple[str, list[CityLink]]]:
    """Group one city's links by section, keeping the modules' order."""
    sections: dict[str, list[CityLink]] = {}
    for item in found:
        sections.setdefault(item.section, []).append(item)
    return list(sections.items())
