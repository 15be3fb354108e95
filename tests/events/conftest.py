"""Events fixtures: an event in Klaipėda open for registration, organised by the Klaipėda editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from creativepoles.events.models import Event, EventStatus


def make_event(city: Any, capacity: int = 10, days: int = 10, **extra: Any) -> Event:
    """A published event `days` from now with a registration window open until it starts."""
    starts = timezone.now() + dt.timedelta(days=days)
    values: dict[str, Any] = {
        "city": city, "title": "Open studios", "venue_name": "Kultūros fabrikas", "capacity": capacity,
        "starts_at": starts, "ends_at": starts + dt.timedelta(hours=3), "status": EventStatus.PUBLISHED,
    }
    values.update(extra)
    return Event.objects.create(**values)


@pytest.fixture
def event(world: dict[str, Any]) -> Event:
    return make_event(world["klaipeda"])
