"""The pages of the load benchmark's mix keep their query count flat as every kind of row grows
(DESIGN.md convention 7): cities, partners, money, indicators, pilots, sites, assessments, points."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from creativepoles.core.models import City, Organisation, OrganisationKind
from creativepoles.programme.models import (
    BudgetLine,
    CharterVersion,
    CoFinancing,
    Expenditure,
    Indicator,
    Partner,
    PilotProject,
    Signatory,
)
from creativepoles.spaces.models import (
    Accessibility,
    AssessmentResult,
    AssessmentRun,
    Criterion,
    Method,
    PointOfInterest,
    Site,
)
from tests.conftest import make_city

PROVIDERS = ["programme.charter_cities", "programme.pilots", "spaces.method_cities", "spaces.dossier_sites", ""]


@pytest.fixture
def hot(project: dict[str, Any]) -> dict[str, Any]:
    """The project with indicators of every counter, a charter, a site with an assessment, and one of each row."""
    p = project["project"]
    for order, provider in enumerate(PROVIDERS):
        Indicator.objects.create(project=p, code=f"I{order}", name=f"Indicator {order}", unit="items",
                                 target=Decimal("5"), provider=provider, order=order)
    charter = CharterVersion.objects.create(project=p, version=1, title="Charter", text="We agree.")
    method = Method.objects.create(city=project["klaipeda"], name="Potential", perspective="redevelopment")
    Criterion.objects.create(method=method, code="centre", label="Centre", source_field="centre_m", benefit=False,
                             unit="m", weight=Decimal("1"), order=1)
    run = AssessmentRun.objects.create(method=method, city=project["klaipeda"], inputs={})
    state = {**project, "charter": charter, "method": method, "run": run, "n": 0}
    grow(state, 1)
    state["site"] = Site.objects.filter(is_published=True).order_by("pk").first()
    return state


def grow(state: dict[str, Any], times: int) -> None:
    """Add `times` more of every kind of row the hot pages show or count."""
    p, k = state["project"], state["klaipeda"]
    for _i in range(times):
        state["n"] += 1
        n = state["n"]
        city = make_city(f"city-{n}", f"City {n}", country="SE", lat="58.4", lon="15.6")
        City.objects.filter(pk=city.pk).update(is_partner=True)
        org = Organisation.objects.create(name=f"Agency {n}", kind=OrganisationKind.DEVELOPMENT_AGENCY, city=city)
        partner = Partner.objects.create(project=p, organisation=org, number=10 + n, currency="EUR")
        CoFinancing.objects.create(partner=partner, fund_rate=Decimal("0.85"))
        period = state["periods"][0]
        BudgetLine.objects.create(partner=partner, category="staff", period=period, amount=Decimal("1000.00"))
        Expenditure.objects.create(partner=partner, period=period, date=period.start + dt.timedelta(days=3),
                                   category="staff", description=f"Item {n}", amount=Decimal("10.00"),
                                   currency="EUR")
        Signatory.objects.create(charter=state["charter"], person=f"Mayor {n}", title="Mayor", organisation=org,
                                 city=city, signed_on=dt.date(2011, 1, 1))
        PilotProject.objects.create(project=p, city=city, title=f"Pilot {n}", status="running")
        site = Site.objects.create(city=k, name=f"Hall {n}", latitude=Decimal("55.70"), longitude=Decimal("21.15"),
                                   gross_floor_area_m2=Decimal("900"), is_published=True, status="selected")
        Accessibility.objects.create(site=site, centre_m=100.0 * n, nearest_stop_m=50.0, stops_within=n,
                                     nearest_university_m=800.0, culture_within=1, creative_within=0, radii={})
        AssessmentResult.objects.create(run=state["run"], site=site, score=1.0 / n, rank=n, contributions={})
        PointOfInterest.objects.create(city=k, category="culture", name=f"Gallery {n}", latitude=Decimal("55.701"),
                                       longitude=Decimal("21.151"), source="test")


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def hot_urls(state: dict[str, Any]) -> list[str]:
    """The benchmark's mix: home, public list, a site page, a dossier and its PDF, the API lists, the dashboard."""
    site = state["site"].pk
    return ["/", "/spaces/public/klaipeda/", f"/spaces/sites/{site}/", f"/spaces/sites/{site}/dossier/",
            "/api/cities/", "/api/organisations/", "/api/spaces/sites/", "/api/spaces/points-of-interest/",
            "/api/spaces/methods/", "/api/spaces/runs/", "/api/programme/projects/", "/api/programme/partners/",
            "/api/programme/indicators/", "/api/programme/expenditures/", "/api/programme/budget-lines/",
            "/api/programme/pilots/", "/api/programme/charter/", "/programme/ucp/"]


def counts(client: Client, urls: list[str]) -> dict[str, int]:
    """Queries per URL (each answered once before, so per-process warm-ups are not counted)."""
    out = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)
        out[url] = len(queries)
    return out


@pytest.mark.parametrize("who", ["anonymous", "manager", "editor"])
def test_it_keeps_the_hot_pages_queries_flat_as_rows_grow(hot: dict[str, Any], who: str) -> None:
    client = Client() if who == "anonymous" else login(hot[who])
    urls = hot_urls(hot)
    few = counts(client, urls)
    grow(hot, 6)
    assert counts(client, urls) == few


def test_it_counts_the_dashboard_indicators_per_city_in_a_fixed_number_of_queries(hot: dict[str, Any]) -> None:
    client = login(hot["manager"])
    response = client.get("/programme/ucp/")
    assert response.status_code == 200
    progress = {row.indicator.provider: row for row in response.context["progress"]}
    per_city = dict((c.slug, v) for c, v in progress["programme.pilots"].per_city)
    assert per_city["city-1"] == Decimal(1) and progress["programme.pilots"].achieved == Decimal(1)
    assert dict((c.slug, v) for c, v in progress["programme.charter_cities"].per_city)["city-1"] == Decimal(1)
    assert dict((c.slug, v) for c, v in progress["spaces.dossier_sites"].per_city)["klaipeda"] == Decimal(1)
    assert dict((c.slug, v) for c, v in progress["spaces.method_cities"].per_city)["klaipeda"] == Decimal(1)
    with CaptureQueriesContext(connection) as before:
        client.get("/programme/ucp/")
    grow(hot, 4)
    with CaptureQueriesContext(connection) as after:
        response = client.get("/programme/ucp/")
    assert len(after) == len(before)
    assert progress["programme.pilots"].achieved == Decimal(1)
    assert {row.indicator.provider: row for row in response.context["progress"]}["programme.pilots"].achieved == 5
