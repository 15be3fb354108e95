"""Demo campaigns and events: a campaign a year in each of the seven partner cities across the programme's
three years (2011–2013), their events with registrations and check-ins, a coming event per city, and the
marketing and events concept in two versions. Themes and venues are illustrative."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from creativepoles.core.demo import Demo, DemoContext, ensure_row
from creativepoles.events.models import (
    Campaign,
    CampaignStatus,
    ConceptStatus,
    ConceptVersion,
    Event,
    EventStatus,
    EventType,
    Registration,
    RegistrationStatus,
)

NAMESPACE = uuid.UUID("5b0f1d36-8f9e-4b43-9a51-0c7e3f1a2b10")
# city slug -> (venue, theme of the network's yearly campaign in that city)
VENUES: dict[str, tuple[str, str]] = {
    "klaipeda": ("Kultūros fabrikas", "Port city makers"),
    "brandenburg": ("Industriemuseum", "Steel and sound"),
    "cottbus": ("Dieselkraftwerk", "Energy of creativity"),
    "zielona-gora": ("Winery warehouse", "Wine, wool and design"),
    "linkoping": ("Tannefors halls", "Tech meets art"),
    "ostsam": ("Norrköping Visualiseringscenter", "Regional creative days"),
    "tartu": ("Aparaaditehas", "Smart city studios"),
}
YEARS = (2011, 2012, 2013)
GUESTS = 6  # registrations per past event; four of them came


def _event_uid(*parts: Any) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))


def _concept() -> None:
    first, _ = ensure_row(ConceptVersion, {"number": 1}, {
        "title": "Marketing and events concept",
        "target_markets": "Baltic Sea Region creative businesses; Investors in vacant buildings",
        "positioning": "Seven medium-sized cities, one creative network",
        "audiences": "Creative entrepreneurs; Students; Property owners",
        "channels": "City websites; Social media",
        "annual_calendar": "Spring: open studios; Autumn: network conference",
        "kpis": "Reach 50,000 people; 1,500 registrations",
        "status": ConceptStatus.APPROVED, "approved_on": dt.date(2011, 3, 15),
    })
    ensure_row(ConceptVersion, {"number": 2}, {
        "title": "Marketing and events concept",
        "target_markets": "Baltic Sea Region creative businesses; Investors in vacant buildings; EU brokerage events",
        "positioning": "Seven medium-sized cities, one creative network",
        "audiences": "Creative entrepreneurs; Students and young entrepreneurs; Property owners",
        "channels": "City websites; Social media; Partner newsletters",
        "annual_calendar": "Spring: open studios; Summer: summer academy; Autumn: network conference",
        "kpis": "Reach 60,000 people; 1,800 registrations",
        "status": ConceptStatus.APPROVED, "approved_on": dt.date(2012, 2, 20),
    })


def load_events_demo(context: DemoContext) -> None:
    """Campaigns and events in all seven cities across the programme years, and the concept."""
    with transaction.atomic():
        _concept()
        upcoming = (timezone.localdate().replace(day=1) + dt.timedelta(days=45)).replace(day=15)
        new_events: list[Event] = []
        for slug, (venue, theme) in VENUES.items():
            city = context.cities[slug]
            zone = ZoneInfo(city.time_zone)
            for year in YEARS:
                campaign, _ = ensure_row(Campaign, {"city": city, "theme": f"{theme} {year}"}, {
                    "starts_on": dt.date(year, 4, 1), "ends_on": dt.date(year, 10, 31),
                    "budget": Decimal("12000.00"), "channels": "Website, social media, posters",
                    "reach_target": 5000, "reach_achieved": 4200 + 300 * (year - 2011),
                    "registrations_target": 2 * GUESTS, "attendance_target": 8,
                    "status": CampaignStatus.COMPLETED,
                })
                for number, (month, kind) in enumerate(((5, EventType.WORKSHOP), (9, EventType.CONFERENCE))):
                    uid = _event_uid(slug, year, number)
                    if Event.objects.filter(uid=uid).exists():
                        continue
                    starts = dt.datetime(year, month, 12, 10, 0, tzinfo=zone)
                    new_events.append(Event(
                        uid=uid, city=city, campaign=campaign, kind=kind, status=EventStatus.PUBLISHED,
                        is_public=True, title=f"{theme}: {kind.label} {year}",
                        description=f"{kind.label} of the {theme} campaign.", venue_name=venue,
                        latitude=city.latitude, longitude=city.longitude, capacity=40, starts_at=starts,
                        ends_at=starts + dt.timedelta(hours=6), registration_closes=starts,
                        translations={"lt": {"title": f"{theme}: renginys {year}"}}))
            uid = _event_uid(slug, "upcoming")
            starts = dt.datetime.combine(upcoming, dt.time(17, 0), zone)
            existing = Event.objects.filter(uid=uid).first()
            if existing is None:
                new_events.append(Event(
                    uid=uid, city=city, kind=EventType.NETWORKING, status=EventStatus.PUBLISHED, is_public=True,
                    title=f"Creative Poles evening in {city.name_en}", venue_name=venue, capacity=30,
                    description="Meet the city's creative businesses.", starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=3)))
        created = Event.objects.bulk_create(new_events)
        guests = []
        for event in created:
            if event.starts_at.year > 2013:
                continue
            for n in range(GUESTS):
                guests.append(Registration(
                    event=event, name=f"Guest {n + 1}", email=f"guest{n + 1}.{event.pk}@example.test",
                    status=RegistrationStatus.CONFIRMED,
                    checked_in_at=event.starts_at if n < 4 else None))
        Registration.objects.bulk_create(guests)


DEMO = Demo(name="events", depends_on=("core", "programme"), load=load_events_demo)
