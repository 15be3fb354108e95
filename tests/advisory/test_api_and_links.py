"""The advisory API (plans, results, sessions), the premises' rent from spaces and the firm from the register."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import pytest

from creativepoles.advisory import financials as fin
from creativepoles.advisory.models import BusinessPlan, ConsultationSession, PlanStatus
from creativepoles.advisory.services import plans as services
from creativepoles.core import enterprises
from creativepoles.core.enterprises import EnterpriseRef, FirmPoint
from creativepoles.core.errors import DomainError
from creativepoles.spaces.models import PreInvestmentParameters, Site

pytestmark = pytest.mark.django_db


def test_it_creates_submits_and_reviews_a_plan_through_the_api(advisory: dict[str, Any], api: Any) -> None:
    api.force_authenticate(advisory["petras"])
    response = api.post("/api/advisory/plans/", {
        "title": "Game studio", "city": "tartu", "template": "software_studio",
        "sections": {"summary": "A mobile game about Tartu's river."}}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["sections"]["summary"] == "A mobile game about Tartu's river."
    assert api.post(f"/api/advisory/plans/{pk}/submit/").status_code == 400  # no consultant yet
    plan = BusinessPlan.objects.get(pk=pk)
    services.update_plan(advisory["petras"], plan, adviser=advisory["other_consultant"], centre=advisory["t_centre"])
    assert api.post(f"/api/advisory/plans/{pk}/submit/").json()["status"] == PlanStatus.SUBMITTED
    assert api.post(f"/api/advisory/plans/{pk}/review/", {"decision": "approved"}, format="json").status_code == 403
    api.force_authenticate(advisory["other_consultant"])
    response = api.post(f"/api/advisory/plans/{pk}/review/", {
        "decision": "changes_requested", "comments": {"market": "Which players?"}}, format="json")
    assert response.status_code == 200 and response.json()["status"] == PlanStatus.CHANGES_REQUESTED
    results = api.get(f"/api/advisory/plans/{pk}/results/").json()
    assert set(results["scenarios"]) == {"pessimistic", "base", "optimistic"}
    assert len(results["scenarios"]["base"]["months"]) == 12 and len(results["scenarios"]["base"]["years"]) == 5


def test_it_records_sessions_through_the_api(advisory: dict[str, Any], api: Any) -> None:
    api.force_authenticate(advisory["consultant"])
    body = {"date": "2011-05-03", "duration_hours": "2.5", "city": "klaipeda", "centre": advisory["k_centre"].pk,
            "topic": "Prices", "mode": "online", "clients": [advisory["ona"].pk]}
    response = api.post("/api/advisory/sessions/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["adviser"] == advisory["consultant"].pk
    bad = api.post("/api/advisory/sessions/", {**body, "clients": [advisory["petras"].pk]}, format="json")
    assert bad.status_code == 400 and "clients" in bad.json()
    too_long = api.post("/api/advisory/sessions/", {**body, "duration_hours": "30"}, format="json")
    assert too_long.status_code == 400 and "duration_hours" in too_long.json()
    api.force_authenticate(advisory["other_consultant"])
    assert api.post("/api/advisory/sessions/", body, format="json").status_code == 403
    assert api.get("/api/advisory/sessions/").json()["count"] == 0
    assert ConsultationSession.objects.count() == 1


def test_it_takes_the_premises_rent_from_the_site_or_the_city(advisory: dict[str, Any]) -> None:
    k = advisory["klaipeda"]
    asking = Site.objects.create(city=k, name="Tobacco factory", latitude=k.latitude, longitude=k.longitude,
                                 asking_rent_m2_month=Decimal("6.50"), is_published=True)
    plain = Site.objects.create(city=k, name="Linen mill", latitude=k.latitude, longitude=k.longitude,
                                is_published=True)
    PreInvestmentParameters.objects.create(city=k, affordable_rent_m2_month=Decimal("3.20"))
    plan, ona = advisory["plan"], advisory["ona"]
    services.update_plan(ona, plan, site_id=asking.pk, premises_area_m2=Decimal("80"))
    premises = fin.plan_premises(plan)
    assert premises is not None and (premises.monthly, premises.from_asking_rent) == (Decimal("520.00"), True)
    without = fin.results(plan)
    services.update_plan(ona, plan, site_id=plain.pk)
    premises = fin.plan_premises(plan)
    assert premises is not None and (premises.monthly, premises.from_asking_rent) == (Decimal("256.00"), False)
    # The rent is a fixed cost of every month: 1,000 of the plan's own rent plus 256.
    results = fin.results(plan)
    assert results is not None and without is not None
    assert results["base"].months[0].fixed_costs == Decimal("1256.00")
    assert without["base"].months[0].fixed_costs == Decimal("1520.00")
    with pytest.raises(DomainError):
        services.update_plan(ona, plan, site_id=999999)


class Register:
    """A stand-in business register with one firm."""

    name = "test register"

    def lookup(self, ids: Iterable[int]) -> Mapping[int, EnterpriseRef]:
        firm = EnterpriseRef(id=42, city_id=0, name="UAB Plakatai", nace="74.10", group="design",
                             group_label="Design", employees=2, sole_trader=False)
        return {i: firm for i in ids if i == 42}

    def search(self, city_id: int | None, text: str, limit: int) -> Sequence[EnterpriseRef]:
        return []

    def has_register(self, city_id: int) -> bool:
        return True

    def creative_points(self, city_id: int) -> Sequence[FirmPoint]:
        return []


def test_it_links_the_firm_only_through_the_enterprise_directory(advisory: dict[str, Any]) -> None:
    plan, ona = advisory["plan"], advisory["ona"]
    installed = enterprises._source  # the atlas registers itself at start-up; this test swaps in its own
    enterprises.register(None)
    try:
        services.update_plan(ona, plan, firm_name="Ona's studio", enterprise_id=7)  # no register: typed by hand
        enterprises.register(Register())
        with pytest.raises(DomainError) as caught:
            services.update_plan(ona, plan, enterprise_id=8)
        assert caught.value.field == "enterprise_id"
        services.update_plan(ona, plan, enterprise_id=42)
        plan.refresh_from_db()
        assert plan.enterprise_id == 42
    finally:
        enterprises.register(installed)


@pytest.mark.parametrize("financials", [[1, 2], "text", {"streams": [{"name": "a\x00b", "units_per_year": "1",
                                                                       "price": "1"}]}])
def test_it_refuses_financials_that_are_not_named_values_or_hold_a_nul(advisory: dict[str, Any], api: Any,
                                                                       financials: Any) -> None:
    plan = advisory["plan"]
    before = plan.financials
    api.force_authenticate(advisory["ona"])
    response = api.patch(f"/api/advisory/plans/{plan.pk}/", {"financials": financials}, format="json")
    assert response.status_code == 400 and "financials.financials" in response.json()
    plan.refresh_from_db()
    assert plan.financials == before
    assert login_page_ok(advisory, plan)


def login_page_ok(advisory: dict[str, Any], plan: BusinessPlan) -> bool:
    from django.test import Client

    client = Client()
    client.force_login(advisory["ona"])
    return client.get(f"/advisory/plans/{plan.pk}/financials/").status_code == 200


def test_it_names_the_citys_advisory_centres_on_the_city_page(advisory: dict[str, Any]) -> None:
    from django.test import Client

    anonymous = Client().get(f"/cities/{advisory['klaipeda'].slug}/").content.decode()
    assert "Klaipėda advice" in anonymous and "Tartu advice" not in anonymous
    assert "/advisory/sessions/?city=klaipeda" not in anonymous
    client = Client()
    client.force_login(advisory["consultant"])
    assert "/advisory/sessions/?city=klaipeda" in client.get(f"/cities/{advisory['klaipeda'].slug}/").content.decode()
