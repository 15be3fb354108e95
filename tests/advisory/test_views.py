"""Pages and API of the advisory module: bad financial input is a field error (acceptance 2), scoping (4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from creativepoles.advisory.models import BusinessPlan, ConsultationSession, PlanStatus
from creativepoles.advisory.services import plans as services
from creativepoles.advisory.services import sessions
from tests.advisory.conftest import studio_financials

pytestmark = pytest.mark.django_db


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def grid(**cells: str) -> dict[str, str]:
    """The financial form as posted: one stream, one staff line, rent, a loan."""
    data = {"streams-0-name": "Prints", "streams-0-units_per_year": "2400", "streams-0-price": "50",
            "streams-0-unit_cost": "20", "streams-0-seasonality_pct": "5 5 5 10 10 10 10 10 10 10 10 5",
            "staff-0-role": "Designer", "staff-0-monthly_cost": "4000", "fixed_costs-0-name": "Rent",
            "fixed_costs-0-monthly": "1000", "loans-0-name": "Bank", "loans-0-amount": "5000",
            "loans-0-rate_pct": "6", "loans-0-term_months": "24", "own_funds": "1000"}
    data.update(cells)
    return data


@pytest.mark.parametrize(("cell", "value", "message"), [
    ("streams-0-price", "-5", "Must not be negative."),
    ("loans-0-term_months", "0", "Must be between 1 and 360."),
    ("streams-0-seasonality_pct", "5 5 5 10 10 10 10 10 10 10 10 5 5", "Give 12 monthly shares"),
    ("streams-0-seasonality_pct", "13:100", "Months are numbered from 1 to 12."),
    ("streams-0-seasonality_pct", "1:200", "lie between 0 and 100 %"),
    ("streams-0-units_per_year", "many", "Enter a number."),
])
def test_it_answers_bad_financial_input_with_field_errors(advisory: dict[str, Any], cell: str, value: str,
                                                          message: str) -> None:
    plan = advisory["plan"]
    before = plan.financials
    response = login(advisory["ona"]).post(f"/advisory/plans/{plan.pk}/financials/", grid(**{cell: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    # The message sits beside the input it is about.
    assert html.index(f'name="{cell}"') < html.index(message) < html.index(f'name="{cell}"') + 600
    plan.refresh_from_db()
    assert plan.financials == before


def test_it_saves_good_financial_input_and_shows_the_results(advisory: dict[str, Any]) -> None:
    plan, client = advisory["plan"], login(advisory["ona"])
    response = client.post(f"/advisory/plans/{plan.pk}/financials/", grid(**{"loans-0-amount": "1000"}))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.financials["streams"][0]["seasonality_pct"][3] == "10"
    assert plan.financials["loans"][0]["amount"] == "1000"
    page = client.get(f"/advisory/plans/{plan.pk}/").content.decode()
    assert 'id="scenarios"' in page and "negative" in page  # the first months run into the red


def test_it_answers_bad_financial_input_through_the_api_with_field_errors(advisory: dict[str, Any], api: Any) -> None:
    plan = advisory["plan"]
    api.force_authenticate(advisory["ona"])
    bad = studio_financials(streams=[{"units_per_year": "10", "price": "-1", "seasonality_pct": [8] * 13}],
                            loans=[{"amount": "100", "rate_pct": "5", "term_months": 0}])
    response = api.patch(f"/api/advisory/plans/{plan.pk}/", {"financials": bad}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["financials.streams.0.price"] == ["Must not be negative."]
    assert "financials.streams.0.seasonality_pct" in body and "financials.loans.0.term_months" in body
    results = api.get(f"/api/advisory/plans/{plan.pk}/results/").json()
    assert results["valid"] is True
    assert results["scenarios"]["base"]["break_even_month"] == 6
    assert results["scenarios"]["base"]["funding_gap"] == "28200.00"


def test_it_hides_anothers_plan_behind_a_404(advisory: dict[str, Any]) -> None:
    plan = advisory["plan"]
    petras = login(advisory["petras"])
    for url in ("", "edit/", "financials/", "versions/", "plan.pdf", "financials.xlsx", "review/"):
        assert petras.get(f"/advisory/plans/{plan.pk}/{url}").status_code == 404, url
    assert login(advisory["other_consultant"]).get(f"/advisory/plans/{plan.pk}/").status_code == 404
    assert login(advisory["consultant"]).get(f"/advisory/plans/{plan.pk}/").status_code == 200


def test_it_lists_a_consultants_clients_plans_only(advisory: dict[str, Any], api: Any) -> None:
    other = services.create_plan(advisory["petras"], title="Petras's venue", city=advisory["tartu"],
                                 adviser=advisory["other_consultant"], centre=advisory["t_centre"])
    page = login(advisory["consultant"]).get("/advisory/").content.decode()
    assert "Ona&#x27;s studio" in page and other.title not in page
    assert "Ona Maker" in page  # the client list
    api.force_authenticate(advisory["consultant"])
    assert [p["title"] for p in api.get("/api/advisory/plans/").json()["results"]] == ["Ona's studio"]
    api.force_authenticate(advisory["petras"])
    assert [p["title"] for p in api.get("/api/advisory/plans/").json()["results"]] == ["Petras's venue"]


def test_it_lets_anyone_signed_in_start_a_plan_of_their_own(advisory: dict[str, Any]) -> None:
    client = login(advisory["petras"])
    assert Client().get("/advisory/plans/new/").status_code == 302  # to sign in
    response = client.post("/advisory/plans/new/", {"title": "Stage", "city": advisory["tartu"].pk,
                                                    "template": "performing_arts_venue"})
    assert response.status_code == 302
    plan = BusinessPlan.objects.get(title="Stage")
    assert plan.owner == advisory["petras"] and plan.financials["streams"][0]["name"] == "Tickets"


def test_it_walks_the_review_through_the_pages(advisory: dict[str, Any]) -> None:
    plan, ona, consultant = advisory["plan"], login(advisory["ona"]), login(advisory["consultant"])
    assert ona.post(f"/advisory/plans/{plan.pk}/submit/").status_code == 302
    response = consultant.post(f"/advisory/plans/{plan.pk}/review/", {"decision": PlanStatus.CHANGES_REQUESTED})
    assert response.status_code == 400  # say what to change
    response = consultant.post(f"/advisory/plans/{plan.pk}/review/", {
        "decision": PlanStatus.CHANGES_REQUESTED, "comment_competition": "Name the studios you compete with."})
    assert response.status_code == 302
    page = ona.get(f"/advisory/plans/{plan.pk}/").content.decode()
    assert "Name the studios you compete with." in page and "Changes requested" in page
    assert ona.post(f"/advisory/plans/{plan.pk}/sections/competition/", {"text": "Studio A, studio B"}).status_code == 302
    assert ona.post(f"/advisory/plans/{plan.pk}/submit/").status_code == 302
    versions = ona.get(f"/advisory/plans/{plan.pk}/versions/").content.decode()
    assert "Studio A, studio B" in versions and "diff-added" in versions


def test_it_offers_only_the_consultants_centres_and_clients(advisory: dict[str, Any]) -> None:
    client = login(advisory["consultant"])
    page = client.get("/advisory/sessions/new/").content.decode()
    assert "Klaipėda advice" in page and "Tartu advice" not in page
    assert "Ona Maker" in page and "Petras" not in page
    assert login(advisory["ona"]).get("/advisory/sessions/new/").status_code == 403
    response = client.post("/advisory/sessions/new/", {
        "date": "2011-05-03", "duration_hours": "2", "city": advisory["klaipeda"].pk,
        "centre": advisory["t_centre"].pk, "topic": "Pricing", "mode": "online"})
    assert response.status_code == 400 and not ConsultationSession.objects.exists()
    response = client.post("/advisory/sessions/new/", {
        "date": "2011-05-03", "duration_hours": "2", "city": advisory["klaipeda"].pk,
        "centre": advisory["k_centre"].pk, "topic": "Pricing", "mode": "online", "clients": [advisory["ona"].pk]})
    assert response.status_code == 302
    session = ConsultationSession.objects.get()
    assert (session.duration_hours, session.adviser) == (Decimal("2"), advisory["consultant"])
    assert list(session.clients.all()) == [advisory["ona"]]
    assert login(advisory["ona"]).get(session.get_absolute_url()).status_code == 200  # a client sees it


def test_it_refuses_a_session_longer_than_a_working_day(advisory: dict[str, Any]) -> None:
    from creativepoles.core.errors import DomainError

    with pytest.raises(DomainError) as caught:
        sessions.record_session(advisory["consultant"], date=dt.date(2011, 5, 3), duration_hours=Decimal("30"),
                                city=advisory["klaipeda"], centre=advisory["k_centre"], topic="x")
    assert caught.value.field == "duration_hours"


def test_it_puts_plans_to_review_and_plans_sent_back_on_the_home_page(advisory: dict[str, Any]) -> None:
    plan = advisory["plan"]
    services.submit_plan(advisory["ona"], plan)
    home = login(advisory["consultant"]).get("/").content.decode()
    assert "Business plans to review" in home and f"/advisory/plans/{plan.pk}/" in home
    services.review_plan(advisory["consultant"], plan, PlanStatus.CHANGES_REQUESTED, {"team": "Who sells?"})
    home = login(advisory["ona"]).get("/").content.decode()
    assert "Your business plans with changes requested" in home and f"/advisory/plans/{plan.pk}/" in home
    assert "Business plans to review" not in login(advisory["consultant"]).get("/").content.decode()
