"""iCalendar feeds: parse with icalendar, VTIMEZONE for each zone, stable UID with a rising SEQUENCE, local times
across a daylight-saving change, the 90-day window, ETag and 304, cancelled events, the personal feed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from creativepoles.events.models import Campaign, Event
from creativepoles.events.services import events as event_services
from creativepoles.events.services import registrations as registration_services
from creativepoles.events.services.tokens import revoke_feed_token, start_feed_token
from tests.conftest import make_city
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db
TALLINN, STOCKHOLM = ZoneInfo("Europe/Tallinn"), ZoneInfo("Europe/Stockholm")


def parse(response: Any) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar: icalendar.Calendar) -> dict[str, Any]:
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def next_dst_sunday() -> dt.date:
    """The last Sunday of the next March (the EU's spring change) at least 30 days away."""
    today = timezone.localdate()
    year = today.year + (1 if today > dt.date(today.year, 2, 20) else 0)
    day = dt.date(year, 3, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


@pytest.fixture
def dst(world: dict[str, Any]) -> dict[str, Any]:
    """Events at 10:00 local time in Tartu and Linköping the day before and the day after the spring change."""
    tartu = world["tartu"]
    tartu.time_zone = "Europe/Tallinn"
    tartu.save()
    linkoping = make_city("linkoping", "Linköping", country="SE", lat="58.41", lon="15.62")
    linkoping.time_zone = "Europe/Stockholm"
    linkoping.save()
    change = next_dst_sunday()
    out = {}
    for city, zone in ((tartu, TALLINN), (linkoping, STOCKHOLM)):
        for label, day in (("before", change - dt.timedelta(days=1)), ("after", change + dt.timedelta(days=1))):
            starts = dt.datetime.combine(day, dt.time(10, 0), zone)
            out[f"{city.slug} {label}"] = Event.objects.create(
                city=city, title=f"{city.slug} {label}", venue_name="Hall", capacity=5, status="published",
                starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    return out


def test_it_writes_local_times_with_vtimezones_across_a_daylight_saving_change(dst: dict[str, Any]) -> None:
    calendar = parse(Client().get("/events/feed.ics"))
    zones = {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")}
    assert {"Europe/Tallinn", "Europe/Stockholm"} <= zones
    events = vevents(calendar)
    expected = {"tartu before": 2, "tartu after": 3, "linkoping before": 1, "linkoping after": 2}
    for summary, hours in expected.items():
        start = events[summary]["dtstart"]
        assert start.params["TZID"] == ("Europe/Tallinn" if summary.startswith("tartu") else "Europe/Stockholm")
        assert (start.dt.hour, start.dt.minute) == (10, 0)
        assert start.dt.utcoffset() == dt.timedelta(hours=hours), summary
        assert start.dt.astimezone(dt.UTC) == dst[summary].starts_at
    # The VTIMEZONE itself carries both offsets, so clients without a zone database get it right.
    tallinn = next(tz for tz in calendar.walk("VTIMEZONE") if str(tz["tzid"]) == "Europe/Tallinn")
    offsets = {c["tzoffsetto"].td for c in tallinn.walk() if c.name in ("STANDARD", "DAYLIGHT")}
    assert {dt.timedelta(hours=2), dt.timedelta(hours=3)} <= offsets


def test_it_keeps_the_uid_and_raises_the_sequence_on_every_edit(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"])
    first = vevents(parse(Client().get("/events/feed.ics")))["Open studios"]
    event_services.update_event(world["editor"], event, title="Open studios!", starts_at=event.starts_at
                                + dt.timedelta(hours=1))
    second = vevents(parse(Client().get("/events/feed.ics")))["Open studios!"]
    event_services.cancel_event(world["editor"], event, "Rain")
    third = vevents(parse(Client().get("/events/feed.ics")))["Open studios!"]
    assert str(first["uid"]) == str(second["uid"]) == str(third["uid"]) == f"event-{event.uid}@creativepoles"
    assert int(first["sequence"]) < int(second["sequence"]) < int(third["sequence"])
    assert str(third["status"]) == "CANCELLED"
    for item in (first, second, third):
        assert "dtstamp" in item


def test_it_leaves_the_sequence_alone_when_nothing_clients_show_changed(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"])
    event_services.update_event(world["editor"], event, capacity=20)
    assert Event.objects.get(pk=event.pk).sequence == 0


def test_it_answers_304_to_a_current_etag_and_200_after_a_change(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"])
    client = Client()
    first = client.get("/events/feed.ics")
    tag = first["ETag"]
    assert tag.startswith('"')
    again = client.get("/events/feed.ics", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again["ETag"] == tag and again.content == b""
    event_services.update_event(world["editor"], event, title="Moved")
    changed = client.get("/events/feed.ics", HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert "Moved" in vevents(parse(changed))


def test_it_starts_the_feed_90_days_back_unless_older_events_are_asked_for(world: dict[str, Any]) -> None:
    make_event(world["klaipeda"], days=-100, title="Old")
    make_event(world["klaipeda"], days=-80, title="Recent")
    assert set(vevents(parse(Client().get("/events/feed.ics")))) == {"Recent"}
    assert set(vevents(parse(Client().get("/events/feed.ics?all=1")))) == {"Old", "Recent"}


def test_it_feeds_a_city_and_a_campaign_without_drafts(world: dict[str, Any]) -> None:
    campaign = Campaign.objects.create(city=world["klaipeda"], theme="Makers", starts_on=dt.date(2026, 1, 1),
                                       ends_on=dt.date(2027, 1, 1))
    make_event(world["klaipeda"], title="In campaign", campaign=campaign)
    make_event(world["klaipeda"], title="Draft", status="draft")
    make_event(world["tartu"], title="Tartu")
    assert set(vevents(parse(Client().get("/events/cities/klaipeda/feed.ics")))) == {"In campaign"}
    assert set(vevents(parse(Client().get(f"/events/campaigns/{campaign.pk}/feed.ics")))) == {"In campaign"}
    assert Client().get("/events/cities/nowhere/feed.ics").status_code == 404


def test_it_serves_a_personal_feed_behind_a_revocable_secret(world: dict[str, Any]) -> None:
    mine = make_event(world["klaipeda"], title="Mine")
    make_event(world["klaipeda"], title="Not mine")
    registration_services.register(world["outsider"], mine)
    token = start_feed_token(world["outsider"])
    url = f"/events/feeds/{token.token}.ics"
    assert set(vevents(parse(Client().get(url)))) == {"Mine"}
    assert Client().get("/events/feeds/guessed.ics").status_code == 404
    revoke_feed_token(world["outsider"])
    assert Client().get(url).status_code == 404
    assert start_feed_token(world["outsider"]).token != token.token


def test_it_reads_a_feed_in_the_same_queries_however_many_events(world: dict[str, Any]) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            parse(Client().get("/events/feed.ics"))
        return len(captured)

    make_event(world["klaipeda"])
    few = queries()
    for n in range(25):
        make_event(world["tartu" if n % 2 else "klaipeda"], days=n + 2)
    assert queries() == few == 2


def test_it_names_the_feed_in_the_reader_s_language(world: dict[str, Any]) -> None:
    make_event(world["klaipeda"])
    english = Client().get("/events/feed.ics")
    lithuanian = Client(HTTP_ACCEPT_LANGUAGE="lt")
    lithuanian.cookies["django_language"] = "lt"
    answer = lithuanian.get("/events/feed.ics")
    assert str(parse(english)["x-wr-calname"]) == "Creative Poles events"
    assert str(parse(answer)["x-wr-calname"]) == "Creative Poles renginiai"
    assert english["ETag"] != answer["ETag"]


def test_it_renders_only_changed_events_again_and_keeps_the_others_byte_for_byte(
        world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from creativepoles.events import feeds

    kept = make_event(world["tartu"], title="Kept", description="Doors open, bring a friend",
                      latitude=Decimal("58.380000"), longitude=Decimal("26.720000"), address="Main street 1")
    edited = make_event(world["klaipeda"], title="Edited", days=12)
    rendered: list[str] = []
    real = feeds._vevent

    def counting(event: feeds.FeedRow, site_url: str) -> icalendar.Event:
        rendered.append(event.title)
        return real(event, site_url)

    monkeypatch.setattr(feeds, "_vevent", counting)
    before = Client().get("/events/feed.ics").content
    assert sorted(rendered) == ["Edited", "Kept"]
    rendered.clear()
    event_services.update_event(world["editor"], edited, title="Edited again")
    after = Client().get("/events/feed.ics")
    assert rendered == ["Edited again"]
    items = vevents(parse(after))
    assert set(items) == {"Kept", "Edited again"}
    assert items["Kept"].to_ical() in before and items["Kept"].to_ical() in after.content
    assert str(items["Kept"]["uid"]) == f"event-{kept.uid}@creativepoles"
    assert str(items["Kept"]["description"]) == "Doors open, bring a friend"
    assert str(items["Kept"]["location"]) == "Kultūros fabrikas, Main street 1"
    assert (items["Kept"]["geo"].latitude, items["Kept"]["geo"].longitude) == (58.38, 26.72)
    assert str(items["Kept"]["url"]).endswith(f"/events/{kept.pk}/")
    assert len(parse(after).walk("VTIMEZONE")) == len({world["klaipeda"].time_zone, world["tartu"].time_zone})
