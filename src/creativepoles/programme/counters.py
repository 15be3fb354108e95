"""Indicator counters owned by the programme app itself: the charter and the pilot projects."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from creativepoles.programme import registry
from creativepoles.programme.registry import Window


def count_charter_cities(window: Window) -> Mapping[int | None, Decimal]:
    """Per city 1 when its mayor (or head) signed the latest charter version within the window, else 0."""
    from creativepoles.programme.models import CharterVersion, Signatory

    latest = CharterVersion.objects.filter(project=window.project).order_by("-version").first()
    if latest is None:
        return {}
    signed = Signatory.objects.filter(charter=latest, is_mayor=True, city_id__in=window.city_ids)
    if window.start:
        signed = signed.filter(signed_on__gte=window.start)
    if window.end:
        signed = signed.filter(signed_on__lte=window.end)
    return {city_id: Decimal(1) for city_id in signed.values_list("city_id", flat=True).distinct()}


def count_pilots(window: Window) -> Mapping[int | None, Decimal]:
    """Pilot projects running or completed, per city (a pilot has no dates: the window does not narrow it)."""
    from creativepoles.programme.models import PilotProject
    from creativepoles.programme.models.pilots import PilotStatus

    rows = (PilotProject.objects.filter(project=window.project, city_id__in=window.city_ids,
                                        status__in=[PilotStatus.RUNNING, PilotStatus.COMPLETED])
            .values("city_id").annotate(n=Count("pk")).values_list("city_id", "n"))
    return {city_id: Decimal(n) for city_id, n in rows}


def register_programme_counters() -> None:
    """Register the programme's own counters."""
    registry.register("programme.charter_cities", _("Cities whose mayor signed the charter"), "programme",
                      count_charter_cities)
    registry.register("programme.pilots", _("Pilot projects running or completed"), "programme", count_pilots)
