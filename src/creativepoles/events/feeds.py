"""iCalendar feeds (RFC 5545): per city, per campaign, all events, and a person's registrations.

Each event keeps one UID for life and a SEQUENCE that rises with every change calendar clients must see;
times are written in the city's time zone with its VTIMEZONE (icalendar builds it from zoneinfo). A feed
starts 90 days back unless older events are asked for. Its ETag comes from one aggregate query (count and
newest change), so a client polling an unchanged feed gets a 304 without the events being read, and the
rendered body is kept in the cache under that ETag.

Rendering is icalendar's per-property work (about half a millisecond per event: parameters, escaping,
folding); a 90-day window that runs a year ahead holds thousands of events in a large network. Each VEVENT
depends on its row alone (DTSTAMP is the event's last change, as RFC 5545 asks of a calendar without METHOD),
so the VEVENTs of a feed's last render are kept in one cache entry and only new or changed events are
rendered again: after one edit the feed is rebuilt from the kept parts instead of from scratch.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import uuid
from decimal import Decimal
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone, translation

from creativepoles.events.models import Event, EventStatus

WINDOW_DAYS = 90
PRODID = "-//Creative Poles//Events//EN"
PARTS_SECONDS = 7 * 24 * 3600


class FeedRow(NamedTuple):
    """What a VEVENT shows of an event. Read as plain rows: building thousands of model instances (and
    decoding their JSON fields) took most of the time of a feed rebuilt from kept VEVENTs."""

    pk: int
    uid: uuid.UUID
    sequence: int
    updated_at: dt.datetime
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str
    description: str
    venue_name: str
    address: str
    online_url: str
    latitude: Decimal | None
    longitude: Decimal | None
    status: str
    time_zone: str


FEED_FIELDS = (*FeedRow._fields[:-1], "city__time_zone")


def windowed(events: QuerySet[Event], request: HttpRequest) -> tuple[QuerySet[Event], str]:
    """Events from 90 days back, or all of them with `?all=1` (older events on request)."""
    if request.GET.get("all") == "1":
        return events, "all"
    start = timezone.now() - dt.timedelta(days=WINDOW_DAYS)
    return events.filter(starts_at__gte=start), start.date().isoformat()


def etag_for(events: QuerySet[Event], key: str) -> str:
    """A strong validator of the feed: which feed, how many events and the newest change among them."""
    facts = events.order_by().aggregate(n=Count("pk"), last=Max("updated_at"))
    # The calendar's name is translated: each language has its own validator and cached body.
    raw = f"{key}|{facts['n']}|{facts['last']}|{translation.get_language()}"
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def _vevent(event: FeedRow, site_url: str) -> icalendar.Event:
    name = event.time_zone
    zone = ZoneInfo(name)
    item = icalendar.Event()
    item.add("uid", f"event-{event.uid}@creativepoles")
    item.add("dtstamp", event.updated_at)
    # Wall-clock time with the zone named: icalendar would otherwise look the zone's name up for every value.
    item.add("dtstart", event.starts_at.astimezone(zone).replace(tzinfo=None), parameters={"TZID": name})
    item.add("dtend", event.ends_at.astimezone(zone).replace(tzinfo=None), parameters={"TZID": name})
    item.add("sequence", event.sequence)
    item.add("last-modified", event.updated_at)
    item.add("summary", event.title)
    if event.description:
        item.add("description", event.description)
    location = ", ".join(p for p in (event.venue_name, event.address) if p) or event.online_url
    if location:
        item.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        item.add("geo", (float(event.latitude), float(event.longitude)))
    item.add("url", f"{site_url}{reverse('events:event-detail', args=[event.pk])}")
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return item


@functools.lru_cache(maxsize=32)
def _vtimezone(name: str) -> bytes:
    """The VTIMEZONE of a zone, built once per process (icalendar derives it from zoneinfo)."""
    try:
        return icalendar.Timezone.from_tzid(name).to_ical()  # type: ignore[no-any-return]
    except ValueError:
        return b""


def _version(event: FeedRow) -> str:
    """What a VEVENT depends on: the row's last change, its sequence and its city's zone."""
    return f"{event.pk}|{event.sequence}|{event.updated_at.isoformat()}|{event.time_zone}"


def render(events: QuerySet[Event], name: str, parts_key: str) -> bytes:
    """The calendar of these events with the VTIMEZONE of every zone they use.

    The VEVENTs of this feed's last render are read from the cache under `parts_key` and reused where the
    event has not changed; the new set replaces them.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    kept: dict[str, bytes] = cache.get(parts_key) or {}
    parts: dict[str, bytes] = {}
    zones: set[str] = set()
    for values in events.order_by("starts_at", "pk").values_list(*FEED_FIELDS).iterator(chunk_size=2000):
        event = FeedRow(*values)
        zones.add(event.time_zone)
        version = _version(event)
        part = kept.get(version)
        parts[version] = part if part is not None else _vevent(event, settings.SITE_URL).to_ical()
    cache.set(parts_key, parts, PARTS_SECONDS)
    end = b"END:VCALENDAR\r\n"
    head = calendar.to_ical()
    if not head.endswith(end):  # pragma: no cover - icalendar always closes the calendar this way
        raise ValueError("unexpected end of an iCalendar object")
    return b"".join([head[: -len(end)], *(_vtimezone(zone) for zone in sorted(zones)), *parts.values(), end])


def feed_response(request: HttpRequest, events: QuerySet[Event], key: str, name: str, filename: str,
                  window: bool = True) -> HttpResponse:
    """The feed as text/calendar with an ETag; 304 when the client's copy is current."""
    # The kept VEVENTs are shared by every language and every day's window of the feed.
    parts = key
    if window:
        events, since = windowed(events, request)
        key = f"{key}|{since}"
        parts = f"{parts}|{'all' if since == 'all' else 'window'}"
    parts_key = "events-feed-parts:" + hashlib.sha256(parts.encode()).hexdigest()[:32]
    tag = etag_for(events, key)
    if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
        response["ETag"] = tag
        return response
    cache_key = f"events-feed:{tag}"
    body = cache.get(cache_key)
    if body is None:
        body = render(events, name, parts_key)
        cache.set(cache_key, body, 3600)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = tag
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "private, no-cache" if "token" in key else "public, no-cache"
    return response


def public_events() -> Any:
    """Events every visitor may see (published or cancelled)."""
    return Event.objects.filter(is_public=True)
