"""The enterprise directory: one seam through which modules find the firms a business register holds.

The atlas owns the register; spaces (creative firms as points of interest), advisory (a client's firm) and
clusters (a profile's firm) only read it. They ask this module, and the atlas registers itself as the source in
its `AppConfig.ready()`, so the readers are built and tested without the atlas and never import its models.
With no source registered every question answers "nothing known", never an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class EnterpriseRef:
    """What other modules may know of a register firm: never a sole trader's address or contact."""

    id: int
    city_id: int
    name: str
    nace: str  # NACE Rev. 2 class, four digits with the dot ("62.01"), or "" when the register has none
    group: str  # creative group key, "" when the firm is not in a creative group
    group_label: str
    employees: int | None
    sole_trader: bool
    url: str = ""  # the firm's page in the atlas, "" when it has none


@dataclass(frozen=True)
class FirmPoint:
    """A creative firm as a point (WGS 84), for accessibility counts; sole traders are included but unnamed."""

    lon: float
    lat: float
    group: str


class EnterpriseSource(Protocol):
    """What a register answers (the atlas implements it)."""

    name: str

    def lookup(self, ids: Iterable[int]) -> Mapping[int, EnterpriseRef]: ...

    def search(self, city_id: int | None, text: str, limit: int) -> Sequence[EnterpriseRef]: ...

    def has_register(self, city_id: int) -> bool: ...

    def creative_points(self, city_id: int) -> Sequence[FirmPoint]: ...


_source: EnterpriseSource | None = None


def register(source: EnterpriseSource | None) -> None:
    """Make `source` the directory's register (None removes it: tests, the atlas switched off)."""
    global _source
    _source = source


def source_name() -> str:
    """The registered source's name, "" when there is none."""
    return _source.name if _source is not None else ""


def lookup(ids: Iterable[int]) -> Mapping[int, EnterpriseRef]:
    """The firms with these ids that the register holds (missing ids are simply absent)."""
    wanted = [int(i) for i in ids]
    if _source is None or not wanted:
        return {}
    return _source.lookup(wanted)


def search(city_id: int | None, text: str, limit: int = 20) -> Sequence[EnterpriseRef]:
    """Firms whose name or registry id matches `text`, in one city or all (at most `limit`)."""
    if _source is None or not text.strip():
        return []
    return _source.search(city_id, text.strip(), limit)


def has_register(city_id: int) -> bool:
    """Whether a business register is loaded for the city."""
    return _source is not None and _source.has_register(city_id)


def creative_points(city_id: int) -> Sequence[FirmPoint]:
    """Located creative firms of the city's register (empty when no register is loaded)."""
    if _source is None:
        return []
    return _source.creative_points(city_id)
