"""The hours indicator: learning's session hours per city, added to advisory's under one key."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from creativepoles.learning.counters import HOURS_KEY
from creativepoles.learning.models import Course, PackageStatus
from creativepoles.learning.services import packages as services
from creativepoles.programme import registry
from creativepoles.programme.registry import Window


def _window(world: dict[str, Any], **kwargs: Any) -> Window:
    return Window(project=None, city_ids=[world["klaipeda"].pk, world["tartu"].pk, world["lead"].pk], **kwargs)


def test_it_raises_tartus_hours_by_three_for_a_three_hour_session(world: dict[str, Any], package: Any) -> None:
    before = registry.count(HOURS_KEY, _window(world))
    assert before is not None
    services.record_session(world["other"], package=package, city=world["tartu"], date=dt.date(2011, 5, 1),
                            duration_hours=Decimal("3"))
    after = registry.count(HOURS_KEY, _window(world))
    assert after is not None
    assert after.per_city[world["tartu"].pk] - before.per_city[world["tartu"].pk] == Decimal("3")
    assert after.per_city[world["klaipeda"].pk] == before.per_city[world["klaipeda"].pk]
    assert after.total - before.total == Decimal("3")
    assert "learning" in after.modules


def test_it_adds_advisorys_hours_to_learnings(world: dict[str, Any], package: Any) -> None:
    services.record_session(world["other"], package=package, city=world["tartu"], date=dt.date(2011, 5, 1),
                            duration_hours=Decimal("3"))
    tartu = world["tartu"].pk
    existing = {p.module: p.count for p in registry.providers(HOURS_KEY)}
    registry.register(HOURS_KEY, "Hours", "advisory", lambda window: {tartu: Decimal("2.5")})
    try:
        counted = registry.count(HOURS_KEY, _window(world))
        assert counted is not None
        assert counted.per_city[tartu] == Decimal("5.5")
        assert set(counted.modules) >= {"advisory", "learning"}
    finally:
        registry.unregister(HOURS_KEY, "advisory")
        if "advisory" in existing:
            registry.register(HOURS_KEY, "Hours", "advisory", existing["advisory"])


def test_it_counts_only_sessions_inside_the_window(world: dict[str, Any], package: Any) -> None:
    for day in (dt.date(2011, 1, 10), dt.date(2011, 7, 10)):
        services.record_session(world["other"], package=package, city=world["tartu"], date=day,
                                duration_hours=Decimal("2"))
    learning = next(p for p in registry.providers(HOURS_KEY) if p.module == "learning")
    values = learning.count(_window(world, start=dt.date(2011, 7, 1), end=dt.date(2011, 12, 31)))
    assert values == {world["tartu"].pk: Decimal("2")}


def test_it_counts_published_packages_once_per_family(world: dict[str, Any], package: Any, trainer: Any) -> None:
    services.new_version(trainer, package)  # a draft second version is not a second package
    counted = registry.count("learning.packages", _window(world))
    assert counted is not None
    assert counted.per_city[world["klaipeda"].pk] == Decimal("1")
    assert package.status == PackageStatus.PUBLISHED


def test_it_counts_the_course_for_the_network_not_per_city(world: dict[str, Any]) -> None:
    Course.objects.create(slug="c", title="Course", is_published=True)
    Course.objects.create(slug="d", title="Draft", is_published=False)
    kind = registry.kind("learning.course")
    assert kind is not None and not kind.additive and kind.not_additive_reason
    counted = registry.count("learning.course", _window(world))
    assert counted is not None
    assert counted.total == Decimal("1")
    assert set(counted.per_city.values()) == {Decimal("0")}
