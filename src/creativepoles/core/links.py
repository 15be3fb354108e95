"""Links across modules: "object of kind K with id N" to a name and a URL, as one user may see it.

A module registers a resolver for its kinds in `AppConfig.ready()`; any other module (the programme's pilot
projects naming a site, a business plan naming its premises) asks here and never imports the other's models.
Resolvers answer in bulk (one query for many ids) and leave out what the user may not see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

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
