"""Benchmark the public events calendar and the all-events iCalendar feed with many events (issue 17).

Run: nice .venv/bin/python benchmarks/events_calendar.py [--events 50000] [--requests 60]

Builds a fresh SQLite file database in a temporary folder (production settings, `migrate`), bulk-creates
the events of the seven partner cities spread evenly from 20 years back to one year ahead (so a 90-day
window holds about 6 % of them), then requests through Django's test client:

- the public calendar (first page, the default "from today"), and filtered by city and type;
- the all-events feed as a calendar client polls it: a conditional GET answered 304 from the ETag, a full
  GET served from the body cache under its ETag, a full GET after one event of the window changed (its
  VEVENT rendered again, the others reused from the feed's last render), and a full GET rendered afresh
  (cache cleared);
- the baseline: the unwindowed feed (`?all=1`, every event ever), rendered afresh.

It prints p50 and p95 latency and the query count of each, and the ratios against the baseline. It runs at
a tenth of the events first, so the query counts at both sizes show whether they grow with the events.
Target: p95 under 100 ms for the calendar and the feed as clients poll it, with flat query counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_P95_MS = 100.0


def setup(folder: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="creativepoles.settings", VAR_DIR=str(folder), SECRET_KEY="benchmark-key",
        DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite3'}", CACHE_URL="locmem://", ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(total: int) -> None:
    """Add events until `total` exist, spread from 20 years back to a year ahead over the seven cities."""
    from django.utils import timezone

    from creativepoles.core.demo import CITIES, ensure_row
    from creativepoles.core.models import City
    from creativepoles.events.models import Event, EventStatus, EventType

    cities = []
    for row in CITIES:
        data = {k: v for k, v in row.items() if k != "slug"}
        cities.append(ensure_row(City, {"slug": row["slug"]}, data)[0])
    have = Event.objects.count()
    now = timezone.now()
    start = now - dt.timedelta(days=20 * 365)
    span = (now + dt.timedelta(days=365) - start).total_seconds()
    kinds = list(EventType.values)
    batch: list[Any] = []
    for n in range(have, total):
        starts = start + dt.timedelta(seconds=span * n / total)
        batch.append(Event(city=cities[n % len(cities)], title=f"Event {n}", kind=kinds[n % len(kinds)],
                           venue_name="Hall", address="Main street 1", capacity=50, starts_at=starts,
                           ends_at=starts + dt.timedelta(hours=2), status=EventStatus.PUBLISHED, is_public=True))
        if len(batch) == 5000:
            Event.objects.bulk_create(batch)
            batch = []
    Event.objects.bulk_create(batch)


def measure(path: str, requests: int, headers: dict[str, str] | None = None, clear_cache: bool = False,
            expect: int = 200, before: Callable[[], None] | None = None) -> dict[str, float]:
    """Latency percentiles (ms) and query count of GET path through the test client."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if not clear_cache:
        client.get(path, **(headers or {}))  # warm up, and fill the body cache
    times = []
    queries = 0
    for _ in range(requests):
        if clear_cache:
            cache.clear()
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(path, **(headers or {}))
            times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == expect, (path, response.status_code)
        queries = len(captured)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[max(0, int(round(0.95 * len(times))) - 1)],
            "queries": queries, "bytes": len(response.content)}


def edit_one() -> None:
    """Change one event of the feed's window as an organiser's edit does (title, sequence, last change)."""
    from django.db.models import F
    from django.utils import timezone

    from creativepoles.events.models import Event

    event = Event.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    assert event is not None
    Event.objects.filter(pk=event.pk).update(title=f"{event.title}*", sequence=F("sequence") + 1,
                                             updated_at=timezone.now())


def run(events: int, requests: int) -> dict[str, dict[str, float]]:
    from django.test import Client

    fill(events)
    tag = Client().get("/events/feed.ics")["ETag"]
    slow = 3
    return {
        "calendar": measure("/events/", requests),
        "calendar city+type": measure("/events/?city=tartu&kind=workshop", requests),
        "feed 304 (ETag)": measure("/events/feed.ics", requests, {"HTTP_IF_NONE_MATCH": tag}, expect=304),
        "feed 200 cached": measure("/events/feed.ics", requests),
        "feed 200 after one edit": measure("/events/feed.ics", 10, before=edit_one),
        "feed 200 rendered": measure("/events/feed.ics", slow, clear_cache=True),
        "baseline: unwindowed feed": measure("/events/feed.ics?all=1", 2, clear_cache=True),
    }


def report(events: int, results: dict[str, dict[str, float]]) -> None:
    base = results["baseline: unwindowed feed"]["p95"]
    print(f"\n{events:,} events")
    print(f"{'request':28} {'p50 ms':>9} {'p95 ms':>9} {'queries':>8} {'bytes':>10} {'p95 vs baseline':>16}")
    for name, r in results.items():
        print(f"{name:28} {r['p50']:9.1f} {r['p95']:9.1f} {int(r['queries']):8d} {int(r['bytes']):10d} "
              f"{r['p95'] / base:16.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="events-bench-") as folder:
        setup(Path(folder))
        small = run(max(1, args.events // 10), args.requests)
        report(max(1, args.events // 10), small)
        large = run(args.events, args.requests)
        report(args.events, large)
    flat = all(small[k]["queries"] == large[k]["queries"] for k in large if not k.startswith("baseline"))
    polled = ("calendar", "calendar city+type", "feed 304 (ETag)", "feed 200 cached")
    met = all(large[k]["p95"] < TARGET_P95_MS for k in polled)
    print(f"\nquery counts flat from {args.events // 10:,} to {args.events:,} events: {flat}")
    print(f"p95 under {TARGET_P95_MS:.0f} ms for the calendar and the feed as clients poll it: {met}")
    sys.exit(0 if flat and met else 1)


if __name__ == "__main__":
    main()
