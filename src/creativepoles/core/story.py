"""A city's story: the chain from evidence to outcome, told by the modules that hold each link of it.

Each module registers a provider in `AppConfig.ready()`; a provider answers for one city and one user with the
steps it contributes (hotspots, sites near them, business plans naming those sites, firms in clusters, events,
training, indicators). Core imports no domain app: the page only sorts and shows what the providers return.

A step's count is always the number of records its `url` lists for the same user, and the list page marks each
of them with `data-record="<kind>"`, so a test (and a sceptical reader) can follow the link and count them.
Providers are bulk-minded: their queries do not grow with the number of records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StoryItem:
    """A detail under a step: one record (a site) with its link and a short figure or note."""

    label: str
    url: str
    detail: str = ""
    links: tuple[tuple[str, str], ...] = ()  # further (label, url) pairs: the dossier, the plans naming the site


@dataclass(frozen=True)
class StoryStep:
    """One link of the chain: how many records of `kind` the user may see, and the page that lists exactly them."""

    position: int  # the place in the chain: evidence first (10), outcomes last (90)
    kind: str  # the marker the list page puts on each counted record: data-record="<kind>"
    label: str
    count: int
    url: str
    explanation: str = ""
    items: tuple[StoryItem, ...] = field(default=())
    members_only: bool = False  # counted from records the public does not see


StoryProvider = Callable[[Any, Any], list[StoryStep]]

_providers: dict[str, StoryProvider] = {}


def register(key: str, provider: StoryProvider) -> None:
    """Register (or replace, on reload) a module's story provider under a key such as "spaces"."""
    _providers[key] = provider


def unregister(key: str) -> None:
    """Remove a provider (tests, modules switched off)."""
    _providers.pop(key, None)


def story(city: Any, user: Any) -> list[StoryStep]:
    """Every registered module's steps for this city as this user may see them, in the chain's order."""
    steps: list[StoryStep] = []
    for key in sorted(_providers):
        steps.extend(_providers[key](city, user))
    return sorted(steps, key=lambda step: (step.position, step.kind))
