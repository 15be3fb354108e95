"""The events part of a city's story: the city's coming events, as its calendar lists them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.story import StoryStep
from creativepoles.events.models import Event


def story_steps(city: Any, user: Any) -> list[StoryStep]:
    """Events from today on that the user may see: the calendar filtered by the city shows exactly these."""
    # The same bounds as the calendar's default: today's date, from midnight in the city's zone.
    start = dt.datetime.combine(timezone.localdate(), dt.time.min, ZoneInfo(city.time_zone))
    count = Event.objects.for_user(user).filter(city=city, starts_at__gte=start).count()
    return [StoryStep(
        position=50, kind="event", label=_("coming events"), count=count,
        url=reverse("events:calendar") + f"?city={city.slug}",
        explanation=_("Event campaigns bring people to the creative places: the calendar of the city from today."))]
