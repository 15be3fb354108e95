"""The advisory demo: plans at every stage in every city, sessions for a realistic share of the 750 hours."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Sum

from creativepoles.advisory.demo import CENTRES, demo_hours
from creativepoles.advisory.models import BusinessPlan, ConsultationSession, PlanStatus
from creativepoles.core.demo import load_demos
from creativepoles.core.models import AuditEntry, City

pytestmark = pytest.mark.django_db


def test_it_loads_plans_at_every_stage_in_every_city_and_a_share_of_the_hours() -> None:
    load_demos(["advisory"])
    for city in City.objects.filter(slug__in=CENTRES):
        stages = set(BusinessPlan.objects.filter(city=city).values_list("status", flat=True))
        assert stages == set(PlanStatus.values), city
    hours = ConsultationSession.objects.aggregate(h=Sum("duration_hours"))["h"]
    assert hours == demo_hours() == Decimal("462")  # with learning's training hours toward the promised 750
    assert all(p.adviser_id and p.section_texts().get("summary") for p in BusinessPlan.objects.all())


def test_it_changes_nothing_when_loaded_twice() -> None:
    load_demos(["advisory"])
    counts = (BusinessPlan.objects.count(), ConsultationSession.objects.count(), AuditEntry.objects.count())
    load_demos(["advisory"])
    assert (BusinessPlan.objects.count(), ConsultationSession.objects.count(), AuditEntry.objects.count()) == counts
