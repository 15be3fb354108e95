"""Indicator counters owned by the programme app itself: the charter and the pilot projects."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from creativepoles.programme import registry


def count_charter_cities(project: Any, city: Any = None) -> Decimal:
    """Partner cities whose mayor (or head) signed the latest charter version."""
    from creativepoles.programme.models import CharterVersion, Signatory

    latest = CharterVersion.objects.filter(project=project).order_by("-version").first()
    if latest is None:
        return Decimal("0")
    signed = Signatory.objects.filter(charter=latest, is_mayor=True)
    if city is not None:
        signed = signed.filter(city=city)
    return Decimal(signed.values("city").distinct().count())


def count_charter_cities_by_city(project: Any, cities: list[Any]) -> dict[int, Decimal]:
    """Per city: 1 when its mayor signed the latest charter version, in one query."""
    from creativepoles.programme.models import CharterVersion, Signatory

    latest = CharterVersion.objects.filter(project=project).order_by("-version").first()
    if latest is None:
        return {}
    signed = Signatory.objects.filter(charter=latest, is_mayor=True, city__in=[c.pk for c in cities])
    return {city_id: Decimal(1) for city_id in signed.values_list("city_id", flat=True).distinct()}


def count_pilots(project: Any, city: Any = None) -> Decimal:
    """Pilot projects running or completed."""
    from creativepoles.programme.models import PilotProject
    from creativepoles.programme.models.pilots import PilotStatus

    pilots = PilotProject.objects.filter(project=project, status__in=[PilotStatus.RUNNING, PilotStatus.COMPLETED])
    if city is not None:
        pilots = pilots.filter(city=city)
    return Decimal(pilots.count())


def count_pilots_by_city(project: Any, cities: list[Any]) -> dict[int, Decimal]:
    """Running or completed pilot projects per city, in one query."""
    from creativepoles.programme.models import PilotProject
    from creativepoles.programme.models.pilots import PilotStatus

    rows = (PilotProject.objects.filter(project=project, status__in=[PilotStatus.RUNNING, PilotStatus.COMPLETED],
                                        city__in=[c.pk for c in cities])
            .values("city").annotate(n=Count("pk")).values_list("city", "n"))
    return {city_id: Decimal(n) for city_id, n in rows}


def register_programme_counters() -> None:
    """Register the programme's own counters."""
    registry.register("programme.charter_cities", _("Cities whose mayor signed the charter"), "programme",
                      count_charter_cities, count_charter_cities_by_city)
    registry.register("programme.pilots", _("Pilot projects running or completed"), "programme", count_pilots,
                      count_pilots_by_city)
