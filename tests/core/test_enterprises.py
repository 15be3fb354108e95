"""The enterprise directory answers "nothing known" without a register and passes questions to the one registered."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from creativepoles.core import enterprises
from creativepoles.core.enterprises import EnterpriseRef, FirmPoint

FIRM = EnterpriseRef(id=7, city_id=1, name="Studio Baltic", nace="74.10", group="design", group_label="Design",
                     employees=4, sole_trader=False)


class FakeRegister:
    name = "fake register"

    def lookup(self, ids: Iterable[int]) -> dict[int, EnterpriseRef]:
        return {i: FIRM for i in ids if i == FIRM.id}

    def search(self, city_id: int | None, text: str, limit: int) -> list[EnterpriseRef]:
        return [FIRM][:limit] if text.lower() in FIRM.name.lower() else []

    def has_register(self, city_id: int) -> bool:
        return city_id == 1

    def creative_points(self, city_id: int) -> list[FirmPoint]:
        return [FirmPoint(21.13, 55.71, "design")] if city_id == 1 else []


@pytest.fixture
def no_register() -> Iterator[None]:
    saved = enterprises._source
    enterprises.register(None)
    yield
    enterprises.register(saved)


def test_it_knows_nothing_without_a_register(no_register: None) -> None:
    assert enterprises.source_name() == ""
    assert enterprises.lookup([7]) == {}
    assert list(enterprises.search(1, "studio")) == []
    assert enterprises.has_register(1) is False
    assert list(enterprises.creative_points(1)) == []


def test_it_asks_the_registered_source(no_register: None) -> None:
    enterprises.register(FakeRegister())
    assert enterprises.source_name() == "fake register"
    assert enterprises.lookup(["7", 8]) == {7: FIRM}
    assert list(enterprises.search(None, "  baltic ")) == [FIRM]
    assert list(enterprises.search(None, "   ")) == []
    assert enterprises.has_register(1) and not enterprises.has_register(2)
    assert [p.group for p in enterprises.creative_points(1)] == ["design"]
