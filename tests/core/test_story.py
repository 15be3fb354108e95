"""The city story: every count is the number of records its link lists, for visitors and members alike;
visitors see no member-only step and no e-mail; the page's queries stay flat as the records grow."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from creativepoles.core import story
from creativepoles.core.demo import load_demos
from creativepoles.core.models import City
from creativepoles.core.story import StoryStep

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
MEMBER_ONLY = {"business-plan", "training-session", "indicator"}


class Page(HTMLParser):
    """The story's steps (kind, shown count, link), the records a list page marks, and its next-page link."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[tuple[str, int, str]] = []
        self.records: dict[str, int] = {}
        self.next: str | None = None
        self._step: tuple[str, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("data-story-step"):
            self._step = (str(found["data-story-step"]), int(str(found["data-count"])))
        if found.get("data-story-link") and self._step is not None:
            self.steps.append((self._step[0], self._step[1], str(found["href"])))
        if found.get("data-record"):
            kind = str(found["data-record"])
            self.records[kind] = self.records.get(kind, 0) + 1
        if tag == "a" and found.get("rel") == "next":
            self.next = str(found["href"])


def parse(response: Any) -> Page:
    assert response.status_code == 200, response.status_code
    page = Page()
    page.feed(response.content.decode())
    return page


def records_behind(client: Client, url: str, kind: str) -> int:
    """Records of `kind` the linked list shows, over all its pages."""
    path = url.split("#")[0]
    base = path.split("?")[0]
    total, seen = 0, 0
    while path is not None:
        page = parse(client.get(path))
        total += page.records.get(kind, 0)
        seen += 1
        assert seen < 50, "pagination does not end"
        path = base + page.next if page.next and page.next.startswith("?") else page.next
    return total


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def add_demo_hotspots() -> None:
    """The test demo's register is small (80 firms a city, spread out): a dense block of studios beside a
    published site of every city gives each city a hotspot and a site near it."""
    from creativepoles.atlas.models import Firm
    from creativepoles.spaces.models import Site

    for site in Site.objects.filter(is_published=True, deleted_at__isnull=True).order_by("city_id", "pk"):
        if Firm.objects.filter(city=site.city, registry_id__startswith="story-").exists():
            continue
        Firm.objects.bulk_create([Firm(city=site.city, registry_id=f"story-{site.pk}-{i}", name=f"Studio {i}",
                                       nace="74.10", group="design", latitude=float(site.latitude) + i * 1e-5,
                                       longitude=float(site.longitude) + 3e-4) for i in range(15)])


def test_each_count_on_a_story_page_equals_the_records_behind_its_link() -> None:
    """Acceptance 3, over the whole demo network, as a visitor and as members with different reach."""
    from django.contrib.auth import get_user_model

    load_demos()
    add_demo_hotspots()
    users = get_user_model().objects
    viewers = {"visitor": None, **{name: users.get(email=f"{name}@demo.creativepoles.eu") for name in (
        "viewer", "klaipeda.editor", "consultant", "manager", "entrepreneur1.klaipeda")}}
    totals: dict[tuple[str, str], int] = {}
    wrong = []
    for name, user in viewers.items():
        client = client_for(user)
        for city in City.objects.order_by("slug"):
            page = parse(client.get(f"/cities/{city.slug}/story/"))
            for kind, count, url in page.steps:
                behind = records_behind(client, url, kind)
                totals[(name, kind)] = totals.get((name, kind), 0) + count
                if behind != count:
                    wrong.append(f"{name} {city.slug} {kind}: shows {count}, its link lists {behind} ({url})")
    assert wrong == []
    # The comparison above is only worth something when the chain has records at each link.
    for kind in ("hotspot", "site", "cluster-member", "event"):
        assert totals.get(("visitor", kind), 0) > 0, kind
    assert totals.get(("viewer", "indicator"), 0) > 0
    assert totals.get(("manager", "business-plan"), 0) > 0
    assert totals.get(("klaipeda.editor", "training-session"), 0) > 0
    assert not any(name == "visitor" and kind in MEMBER_ONLY for name, kind in totals)


def test_visitors_see_no_member_only_step_and_no_e_mail(world: dict[str, Any]) -> None:
    from creativepoles.advisory.models import BusinessPlan
    from creativepoles.learning.models import TrainingPackage, TrainingSession

    city = world["klaipeda"]
    BusinessPlan.objects.create(owner=world["outsider"], adviser=world["manager"], city=city, title="Studio",
                                site_id=1)
    package = TrainingPackage.objects.create(title="Pricing", organisation=world["k_org"], status="published",
                                             duration_hours=Decimal("6"))
    TrainingSession.objects.create(package=package, city=city, date=dt.date(2011, 5, 3),
                                   duration_hours=Decimal("3"))
    visitor = client_for(None).get("/cities/klaipeda/story/")
    html = visitor.content.decode()
    assert visitor.status_code == 200 and 'data-story-step="site"' in html
    assert not any(f'data-story-step="{kind}"' in html for kind in MEMBER_ONLY)
    assert EMAIL.findall(html) == []
    member = client_for(world["manager"]).get("/cities/klaipeda/story/").content.decode()
    for kind in ("business-plan", "training-session"):  # no project in this world, so no indicators
        assert f'data-story-step="{kind}"' in member, kind
    assert "members only" in member
    # A member of another city sees no training count of Klaipėda: the sessions are not theirs to see.
    other = client_for(world["other"]).get("/cities/klaipeda/story/").content.decode()
    assert 'data-story-step="training-session"' not in other


def _grow(world: dict[str, Any], n: int) -> None:
    """n more records at every link of Klaipėda's chain."""
    from creativepoles.advisory.models import BusinessPlan
    from creativepoles.atlas.models import Firm
    from creativepoles.clusters.models import Cluster, ClusterMember
    from creativepoles.events.models import Event
    from creativepoles.spaces.models import Site

    city = world["klaipeda"]
    start = Firm.objects.count()
    Firm.objects.bulk_create([Firm(city=city, registry_id=str(start + i), name=f"Studio {i}", nace="74.10",
                                   group="design", latitude=55.7 + (i % 5) * 1e-4, longitude=21.1)
                              for i in range(12 * n)])
    for i in range(n):
        site = Site.objects.create(city=city, name=f"Hall {start + i}", latitude=Decimal("55.7005"),
                                   longitude=Decimal("21.1"), is_published=True, gross_floor_area_m2=Decimal("800"))
        BusinessPlan.objects.create(owner=world["outsider"], adviser=world["manager"], city=city, title="Plan",
                                    site_id=site.pk)
        cluster = Cluster.objects.create(name=f"Cluster {start + i}", city=city)
        ClusterMember.objects.create(cluster=cluster, firm_name="Studio", city=city)
        starts = timezone.now() + dt.timedelta(days=10)
        Event.objects.create(city=city, title="Open studios", venue_name="Hall", capacity=5, starts_at=starts,
                             ends_at=starts, status="published")


def test_the_story_costs_the_same_queries_for_more_records(world: dict[str, Any]) -> None:
    client = client_for(world["manager"])
    _grow(world, 2)
    with CaptureQueriesContext(connection) as few:
        page = parse(client.get("/cities/klaipeda/story/"))
    shown = {kind: count for kind, count, _url in page.steps}
    assert shown["site"] == 2 and shown["business-plan"] == 2 and shown["cluster-member"] == 2
    _grow(world, 6)
    with CaptureQueriesContext(connection) as many:
        page = parse(client.get("/cities/klaipeda/story/"))
    assert {kind: count for kind, count, _url in page.steps}["site"] == 8
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_city_page_links_to_its_story_and_the_story_speaks_lithuanian(world: dict[str, Any]) -> None:
    client = client_for(None)
    assert "/cities/klaipeda/story/" in client.get("/cities/klaipeda/").content.decode()
    response = client.get("/cities/klaipeda/story/", HTTP_ACCEPT_LANGUAGE="lt")
    assert response.status_code == 200
    assert "Klaipėda" in response.content.decode() and "istorija" in response.content.decode().lower()
    assert client.get("/cities/nowhere/story/").status_code == 404


def test_the_registry_orders_steps_along_the_chain_and_forgets_unregistered_modules(world: dict[str, Any]) -> None:
    def late(city: Any, user: Any) -> list[StoryStep]:
        return [StoryStep(1, "first", "first", 0, "/"), StoryStep(99, "last", "last", 0, "/")]

    story.register("zz-test", late)
    try:
        kinds = [step.kind for step in story.story(world["klaipeda"], None)]
        assert kinds[0] == "first" and kinds[-1] == "last" and kinds.index("hotspot") < kinds.index("site")
    finally:
        story.unregister("zz-test")
    assert "first" not in [step.kind for step in story.story(world["klaipeda"], None)]
