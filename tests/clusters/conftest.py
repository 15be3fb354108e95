"""Clusters fixtures: entrepreneurs with profiles in several cities, on top of the shared world."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from creativepoles.core.demo import ensure_user
from tests.conftest import make_city


@pytest.fixture
def firms(world: dict[str, Any]) -> dict[str, Any]:
    """Four entrepreneurs in four cities whose profiles complement each other, one hidden, and an event."""
    from creativepoles.clusters.models import BrokerageEvent, Profile

    cottbus = make_city("cottbus", "Cottbus", country="DE", lat="51.76", lon="14.33")
    users = {key: ensure_user(f"{key}@firm.test") for key in ("ana", "ben", "cai", "dora", "hid")}
    specs = {
        "ana": (world["klaipeda"], "music", "Soundtracks and sound design for films", "Video production and editing",
                ["music"], ["video"]),
        "ben": (world["tartu"], "film-video", "Videoproduktion, Filmschnitt", "Filmmusik", ["video"], ["music"]),
        "cai": (cottbus, "design", "Branding and graphic design for festivals", "Music for festival campaigns",
                ["graphic", "festivals"], ["music", "festivals"]),
        "dora": (world["lead"], "software-games", "Websites for festivals", "Festival branding",
                 ["web", "festivals"], ["graphic", "festivals"]),
        "hid": (cottbus, "film-video", "Video production and editing", "Soundtracks and sound design",
                ["video"], ["music"]),
    }
    profiles = {}
    for key, (city, group, offers, seeks, offer_tags, seek_tags) in specs.items():
        profiles[key] = Profile.objects.create(
            owner=users[key], firm_name=f"{key.title()} studio", city=city, group=group, offers=offers, seeks=seeks,
            offer_tags=offer_tags, seek_tags=seek_tags, interests=["product"],
            visibility="hidden" if key == "hid" else "public")
    event = BrokerageEvent.objects.create(
        city=world["klaipeda"], title="Baltic match", venue="Kultūros fabrikas", slots=4, tables=2,
        starts_at=timezone.make_aware(dt.datetime(2030, 5, 20, 10, 0)))
    return {"users": users, "profiles": profiles, "event": event, "cottbus": cottbus}
