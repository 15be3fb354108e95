"""iCalendar feeds (RFC 5545): per city, per campaign, all events, and a person's registrations.

Each event keeps one UID for life and a SEQUENCE that rises with every change calendar clients must see;
times are written in the city's time zone with its VTIMEZONE (icalendar builds it from zoneinfo). A feed
starts 90 days back unless older events are asked for. Its ETag comes from one aggregate query (count and
newest change), so a client polling an unchanged feed gets a 304 without the events being read, and the
rendered body is kept in the cache under that ETag.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation

from creativepoles.events.models import Event, EventStatus

WINDOW_DAYS = 90
PRODID = "-//Creative Poles//Events//EN"


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


def _vevent(event: Event, stamp: dt.datetime, site_url: str) -> icalendar.Event:
    name = event.city.time_zone
    zone = ZoneInfo(name)
    item = icalendar.Event()
    item.add("uid", f"event-{event.uid}@creativepoles")
    item.add("dtstamp", stamp)
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
    item.add("url", f"{site_url}{event.get_absolute_url()}")
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return item


def render(events: QuerySet[Event], name: str) -> bytes:
    """The calendar of these events with the VTIMEZONE of every zone they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().replace(microsecond=0)
    for event in events.select_related("city").order_by("starts_at", "pk").iterator(chunk_size=2000):
        calendar.add_component(_vevent(event, stamp, settings.SITE_URL))
    calendar.add_missing_timezones()
    return calendar.to_ical()  # type: ignore[no-any-return]


def feed_response(request: HttpRequest, events: QuerySet[Event], key: str, name: str, filename: str,
                  window: bool = True) -> HttpResponse:
    """The feed as text/calendar with an ETag; 304 when the client's copy is current."""
    if window:
        events, since = windowed(events, request)
        key = f"{key}|{since}"
    tag = etag_for(events, key)
    if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
        response["ETag"] = tag
        return response
    cache_key = f"events-feed:{tag}"
    body = cache.get(cache_key)
    if body is None:
        body = render(events, name)
        cache.set(cache_key, body, 3600)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = tag
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "private, no-cache" if "token" in key else "public, no-cache"
    return response


def public_events() -> Any:
    """Events every visitor may see (published or cancelled)."""
    return Event.objects.filter(is_public=True)
