"""Acceptance 3: sessions feed the hours indicator per city; only approved plans count as business plans."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from creativepoles.advisory.counters import HOURS_KEY, PLANS_KEY
from creativepoles.advisory.models import PlanStatus
from creativepoles.advisory.services import plans, sessions
from creativepoles.programme import registry
from creativepoles.programme.registry import Window

pytestmark = pytest.mark.django_db


def window(world: dict[str, Any], **dates: Any) -> Window:
    return Window(project=None, city_ids=[world["klaipeda"].pk, world["tartu"].pk], **dates)


def test_it_adds_a_two_hour_klaipeda_session_to_klaipedas_hours(advisory: dict[str, Any]) -> None:
    before = registry.count(HOURS_KEY, window(advisory))
    assert before is not None and "advisory" in before.modules
    sessions.record_session(advisory["consultant"], clients=[advisory["ona"]], date=dt.date(2011, 5, 3),
                            duration_hours=Decimal("2"), city=advisory["klaipeda"], centre=advisory["k_centre"],
                            topic="Pricing", mode="in_person")
    after = registry.count(HOURS_KEY, window(advisory))
    assert after is not None
    k, t = advisory["klaipeda"].pk, advisory["tartu"].pk
    assert after.per_city[k] - before.per_city[k] == Decimal("2")
    assert after.per_city[t] == before.per_city[t]
    assert after.total - before.total == Decimal("2")
    # A period report counts only its period.
    may = registry.count(HOURS_KEY, window(advisory, start=dt.date(2011, 5, 1), end=dt.date(2011, 5, 31)))
    june = registry.count(HOURS_KEY, window(advisory, start=dt.date(2011, 6, 1), end=dt.date(2011, 6, 30)))
    assert may is not None and june is not None
    assert (may.per_city[k], june.per_city[k]) == (Decimal("2"), Decimal("0"))


def test_it_adds_up_with_another_modules_hours(advisory: dict[str, Any]) -> None:
    sessions.record_session(advisory["consultant"], date=dt.date(2011, 5, 3), duration_hours=Decimal("1.5"),
                            city=advisory["klaipeda"], centre=advisory["k_centre"], topic="Pricing")
    registry.register(HOURS_KEY, "Hours", "learning-stand-in",
                      lambda w: {advisory["klaipeda"].pk: Decimal("3")})
    try:
        count = registry.count(HOURS_KEY, window(advisory))
        assert count is not None and count.per_city[advisory["klaipeda"].pk] == Decimal("4.5")
    finally:
        registry.unregister(HOURS_KEY, "learning-stand-in")


def test_it_refuses_sessions_outside_the_consultants_centres(advisory: dict[str, Any]) -> None:
    from creativepoles.advisory.models import ConsultationSession
    from creativepoles.core.errors import NotInScope

    for user in (advisory["other_consultant"], advisory["ona"], advisory["editor"]):
        with pytest.raises(NotInScope):
            sessions.record_session(user, date=dt.date(2011, 5, 3), duration_hours=Decimal("2"),
                                    city=advisory["klaipeda"], centre=advisory["k_centre"], topic="x")
    assert not ConsultationSession.objects.exists()


def test_it_counts_approved_plans_only(advisory: dict[str, Any]) -> None:
    k = advisory["klaipeda"].pk
    plan = advisory["plan"]

    def counted() -> Decimal:
        result = registry.count(PLANS_KEY, window(advisory))
        assert result is not None
        return result.per_city[k]

    assert counted() == 0
    plans.submit_plan(advisory["ona"], plan)
    assert counted() == 0
    plans.review_plan(advisory["consultant"], plan, PlanStatus.CHANGES_REQUESTED, {"risks": "Add a plan B."})
    assert counted() == 0
    plans.submit_plan(advisory["ona"], plan)
    plans.review_plan(advisory["consultant"], plan, PlanStatus.APPROVED)
    assert counted() == 1
