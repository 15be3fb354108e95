"""What the advisory module reports to the programme: consulting hours and approved business plans per city."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from creativepoles.programme import registry
from creativepoles.programme.registry import Window

HOURS_KEY = "hours.consulting_training"
PLANS_KEY = "advisory.business_plans"


def count_hours(window: Window) -> Mapping[int | None, Decimal]:
    """Hours of consultation sessions per city (learning's training hours count toward the same key)."""
    from creativepoles.advisory.models import ConsultationSession

    sessions = ConsultationSession.objects.filter(city_id__in=window.city_ids)
    if window.start:
        sessions = sessions.filter(date__gte=window.start)
    if window.end:
        sessions = sessions.filter(date__lte=window.end)
    rows = sessions.values("city_id").annotate(hours=Sum("duration_hours")).values_list("city_id", "hours")
    return {city_id: Decimal(hours) for city_id, hours in rows}


def count_plans(window: Window) -> Mapping[int | None, Decimal]:
    """Approved business plans per city, by the date of their approval."""
    from creativepoles.advisory.models import BusinessPlan, PlanStatus

    plans = BusinessPlan.objects.filter(city_id__in=window.city_ids, status=PlanStatus.APPROVED)
    if window.start:
        plans = plans.filter(decided_at__date__gte=window.start)
    if window.end:
        plans = plans.filter(decided_at__date__lte=window.end)
    rows = plans.values("city_id").annotate(n=Count("pk")).values_list("city_id", "n")
    return {city_id: Decimal(n) for city_id, n in rows}


def register() -> None:
    """Register the advisory counters with the programme's indicator registry."""
    registry.register(HOURS_KEY, _("Hours of consulting and training"), "advisory", count_hours)
    registry.register(PLANS_KEY, _("Business plans prepared with consulting centres"), "advisory", count_plans)
