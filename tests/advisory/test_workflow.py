"""The review workflow: submit, comments per section, changes requested, resubmit, approve; versions and diff."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.advisory.models import BusinessPlan, PlanComment, PlanStatus, PlanVersion
from creativepoles.advisory.services import plans as services
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import AuditEntry, Notification

pytestmark = pytest.mark.django_db


def test_it_starts_a_plan_from_a_template_with_sections_and_financials(advisory: dict[str, Any]) -> None:
    plan = services.create_plan(advisory["petras"], title="Kiln", city=advisory["tartu"],
                                template_key="crafts_workshop")
    texts = plan.section_texts()
    assert "ceramics" in texts["offer"].lower()
    assert plan.financials["streams"][0]["name"] == "Ceramics"
    assert plan.owner == advisory["petras"] and plan.status == PlanStatus.DRAFT


def test_it_refuses_an_unknown_template_and_writes_nothing(advisory: dict[str, Any]) -> None:
    before = BusinessPlan.objects.count()
    with pytest.raises(DomainError):
        services.create_plan(advisory["petras"], title="X", city=advisory["tartu"], template_key="circus")
    assert BusinessPlan.objects.count() == before


def test_it_runs_the_review_round_trip(advisory: dict[str, Any]) -> None:
    plan, ona, consultant = advisory["plan"], advisory["ona"], advisory["consultant"]
    services.submit_plan(ona, plan)
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (PlanStatus.SUBMITTED, 1)
    assert Notification.objects.filter(recipient=consultant, kind="advisory.plan_submitted").exists()
    # Submitted: the entrepreneur waits, the consultant reviews.
    with pytest.raises(DomainError):
        services.write_section(ona, plan, "summary", "Changed while under review")
    services.review_plan(consultant, plan, PlanStatus.CHANGES_REQUESTED,
                         {"market": "Who are your first three customers?", "summary": ""})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CHANGES_REQUESTED
    comment = PlanComment.objects.get(plan=plan)
    assert (comment.section, comment.version) == ("market", 1)
    services.write_section(ona, plan, "market", "The festival office, two theatres and the port authority.")
    services.submit_plan(ona, plan)
    plan.refresh_from_db()
    assert plan.version == 2
    diff = services.diff_versions(PlanVersion.objects.get(plan=plan, number=1),
                                  PlanVersion.objects.get(plan=plan, number=2))
    assert [block["section"] for block in diff] == ["market"]
    assert {"kind": "added", "text": "The festival office, two theatres and the port authority."} in diff[0]["lines"]
    services.review_plan(consultant, plan, PlanStatus.APPROVED)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert AuditEntry.objects.filter(verb="review_plan", object_id=str(plan.pk)).count() == 2


def test_it_asks_for_a_comment_before_sending_a_plan_back(advisory: dict[str, Any]) -> None:
    plan = advisory["plan"]
    services.submit_plan(advisory["ona"], plan)
    with pytest.raises(DomainError):
        services.review_plan(advisory["consultant"], plan, PlanStatus.CHANGES_REQUESTED, {})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_it_lets_only_the_plans_consultant_review(advisory: dict[str, Any]) -> None:
    plan = advisory["plan"]
    services.submit_plan(advisory["ona"], plan)
    for user in (advisory["other_consultant"], advisory["ona"], advisory["editor"]):
        with pytest.raises(NotInScope):
            services.review_plan(user, plan, PlanStatus.APPROVED)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_it_needs_a_consultant_and_a_summary_to_submit(advisory: dict[str, Any]) -> None:
    plan = services.create_plan(advisory["petras"], title="Empty", city=advisory["tartu"])
    with pytest.raises(DomainError) as caught:
        services.submit_plan(advisory["petras"], plan)
    assert caught.value.field == "adviser"
    services.update_plan(advisory["petras"], plan, adviser=advisory["other_consultant"],
                         centre=advisory["t_centre"])
    with pytest.raises(DomainError) as caught:
        services.submit_plan(advisory["petras"], plan)
    assert caught.value.field == "summary"
    assert not PlanVersion.objects.filter(plan=plan).exists()


def test_it_keeps_approved_plans(advisory: dict[str, Any]) -> None:
    plan = advisory["plan"]
    services.submit_plan(advisory["ona"], plan)
    services.review_plan(advisory["consultant"], plan, PlanStatus.APPROVED)
    with pytest.raises(DomainError):
        services.delete_plan(advisory["ona"], plan)
    assert BusinessPlan.objects.filter(pk=plan.pk).exists()


def test_it_shows_the_financial_changes_between_versions_in_words(advisory: dict[str, Any]) -> None:
    from tests.advisory.conftest import studio_financials

    plan, ona, consultant = advisory["plan"], advisory["ona"], advisory["consultant"]
    services.submit_plan(ona, plan)
    services.review_plan(consultant, plan, PlanStatus.CHANGES_REQUESTED, {"financials": "Price too low?"})
    data = studio_financials()
    data["streams"][0]["price"] = "55"
    services.set_financials(ona, plan, data)
    services.submit_plan(ona, plan)
    diff = services.diff_versions(*PlanVersion.objects.filter(plan=plan).order_by("number"))
    assert diff[0]["section"] == "financials"
    texts = [line["text"] for line in diff[0]["lines"]]
    assert texts == ["Revenue streams · 1 · Price: 50", "Revenue streams · 1 · Price: 55"]
