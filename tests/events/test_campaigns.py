"""Campaigns linked to the partner's budget lines, KPIs counted from their events, the versioned concept with its
diff and approval, and the two indicators the events module reports to the programme."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.events.models import Campaign, ConceptStatus, ConceptVersion
from creativepoles.events.services import campaigns as services
from creativepoles.events.services import registrations as registration_services
from creativepoles.programme import registry
from creativepoles.programme.models import BudgetLine, Partner, Project
from creativepoles.programme.registry import Window
from creativepoles.programme.services.project import generate_periods
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(world: dict[str, Any]) -> dict[str, BudgetLine]:
    project = Project.objects.create(title="UCP", acronym="ucp", number="1", start_date=dt.date(2010, 10, 1),
                                     total_amount=Decimal("1000"), total_currency="EUR")
    periods = generate_periods(world["manager"], project)
    k = Partner.objects.create(project=project, organisation=world["k_org"], number=2)
    t = Partner.objects.create(project=project, organisation=world["t_org"], number=3)
    return {
        "k": BudgetLine.objects.create(partner=k, category="external", period=periods[0], amount=Decimal("5000")),
        "t": BudgetLine.objects.create(partner=t, category="external", period=periods[0], amount=Decimal("7000")),
    }


def campaign_data(world: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"city": world["klaipeda"], "theme": "Port city makers", "starts_on": dt.date(2011, 4, 1),
            "ends_on": dt.date(2011, 10, 31), "budget": Decimal("12000.00"), **extra}


def test_it_links_only_budget_lines_of_the_campaign_city(world: dict[str, Any], lines: dict[str, Any]) -> None:
    with pytest.raises(DomainError, match="budget lines") as caught:
        services.create_campaign(world["editor"], budget_lines=[lines["t"]], **campaign_data(world))
    assert caught.value.field == "budget_lines" and not Campaign.objects.exists()
    campaign = services.create_campaign(world["editor"], budget_lines=[lines["k"]], **campaign_data(world))
    assert list(campaign.budget_lines.all()) == [lines["k"]]
    assert services.budget_share(campaign) == Decimal("5000")
    with pytest.raises(NotInScope):
        services.create_campaign(world["editor"], **campaign_data(world, city=world["tartu"]))
    client = Client()
    client.force_login(world["editor"])
    response = client.post("/events/campaigns/new/", {
        "city": world["klaipeda"].pk, "theme": "Second", "starts_on": "2012-04-01", "ends_on": "2012-10-01",
        "budget": "100.00", "budget_lines": [lines["k"].pk], "reach_target": "10", "reach_achieved": "0",
        "registrations_target": "5", "attendance_target": "5", "status": "planned"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Klaipėda agency" in page
    bad = client.post("/events/campaigns/new/", {"city": world["klaipeda"].pk, "theme": "Bad", "starts_on": "2012-04-01",
                                                  "ends_on": "2012-01-01", "budget": "-1"})
    assert bad.status_code == 400


def test_it_counts_registrations_and_attendance_from_the_events(world: dict[str, Any]) -> None:
    campaign = services.create_campaign(world["editor"], **campaign_data(world))
    event = make_event(world["klaipeda"], capacity=2, campaign=campaign)
    regs = [registration_services.register(None, event, f"P{n}", f"p{n}@example.test") for n in range(3)]
    registration_services.check_in(world["editor"], event, regs[0].code)
    assert services.campaign_results([campaign]) == {campaign.pk: {"registrations": 2, "attendance": 1}}
    page = Client().get(f"/events/campaigns/{campaign.pk}/").content.decode()
    assert 'id="campaign-registrations">2 /' in page and 'id="campaign-attendance">1 /' in page


def test_it_counts_cities_with_a_completed_campaign(world: dict[str, Any]) -> None:
    services.create_campaign(world["editor"], **campaign_data(world, status="completed"))
    services.create_campaign(world["other"], **campaign_data(world, city=world["tartu"], status="running"))
    window = Window(project=None, city_ids=[world["klaipeda"].pk, world["tartu"].pk, world["lead"].pk])
    counted = registry.count("events.campaign_cities", window)
    assert counted is not None
    assert counted.per_city == {world["klaipeda"].pk: 1, world["tartu"].pk: 0, world["lead"].pk: 0}
    assert counted.total == 1
    later = Window(project=None, city_ids=window.city_ids, start=dt.date(2012, 1, 1))
    assert registry.count("events.campaign_cities", later).total == 0  # type: ignore[union-attr]


def test_it_versions_the_concept_for_managers_only(world: dict[str, Any]) -> None:
    with pytest.raises(NotInScope):
        services.create_concept_version(world["editor"], title="Concept")
    first = services.create_concept_version(world["manager"], title="Concept", channels="Websites\nPosters")
    client = Client()
    client.force_login(world["manager"])
    assert client.get("/events/concept/new/").status_code == 200
    response = client.post("/events/concept/new/", {"title": "Concept", "channels": "Websites\nSocial media"})
    assert response.status_code == 302
    second = ConceptVersion.objects.get(number=2)
    assert services.concept_diff(first, second) == [
        ("channels", [(" ", "Websites"), ("-", "Posters"), ("+", "Social media")])]
    page = Client().get(f"/events/concept/{second.pk}/").content.decode()
    assert "<del>Posters</del>" in page and "<ins>Social media</ins>" in page
    editor = Client()
    editor.force_login(world["editor"])
    assert editor.get("/events/concept/new/").status_code == 403


def test_it_reports_the_approved_concept_once_for_the_network(world: dict[str, Any]) -> None:
    version = services.create_concept_version(world["manager"], title="Concept")
    window = Window(project=None, city_ids=[world["klaipeda"].pk, world["tartu"].pk])
    assert registry.count("events.marketing_concept", window).total == 0  # type: ignore[union-attr]
    with pytest.raises(NotInScope):
        services.approve_concept_version(world["editor"], version)
    services.approve_concept_version(world["manager"], version)
    counted = registry.count("events.marketing_concept", window)
    assert counted is not None and counted.total == 1 and set(counted.per_city.values()) == {0}
    kind = registry.kind("events.marketing_concept")
    assert kind is not None and not kind.additive and kind.not_additive_reason
    assert ConceptVersion.objects.get().status == ConceptStatus.APPROVED
    with pytest.raises(DomainError, match="already approved"):
        services.approve_concept_version(world["manager"], version)
