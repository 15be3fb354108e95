"""Report life cycle; a submitted report does not change when later data changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from creativepoles.core.demo import ensure_user
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import Membership, Role
from creativepoles.programme.models import PartnerReport, ReportSnapshot
from creativepoles.programme.services import control, reports, spending
from creativepoles.programme.services.project import set_budget_line

pytestmark = pytest.mark.django_db


def add_item(project: dict[str, Any], amount: str, period: int = 0, day: int = 10) -> Any:
    p = project["periods"][period]
    return spending.add_expenditure(
        project["editor"], project["klaipeda_partner"], period=p, date=p.start + dt.timedelta(days=day),
        category="staff", description="Coordinator", amount=Decimal(amount), currency="LTL",
    )


def test_it_freezes_the_report_at_submission(project: dict[str, Any]) -> None:
    add_item(project, "1000.00")
    report = reports.open_partner_report(project["editor"], project["klaipeda_partner"], project["periods"][0])
    snapshot = reports.submit_partner_report(project["editor"], report, "First half year")
    frozen = dict(snapshot.data)
    assert frozen["items_total"] == "1000.00" and frozen["budget_total"] == "1107105.00"

    # Later changes: the budget grows, another period gets spending, the period itself is locked.
    set_budget_line(project["manager"], project["klaipeda_partner"], "travel", project["periods"][2], Decimal("5"))
    add_item(project, "250.00", period=1)
    with pytest.raises(DomainError) as locked:
        add_item(project, "99.00")
    assert locked.value.field == "period"

    report.refresh_from_db()
    assert report.latest_snapshot().data == frozen
    with pytest.raises(ValueError, match="immutable"):
        snapshot.save()
    assert reports.partner_snapshot(report)["budget_total"] == "1107110.00"  # live figures moved on


def test_it_walks_the_life_cycle_and_keeps_versions(project: dict[str, Any]) -> None:
    controller = ensure_user("controller@klaipeda.test")
    Membership.objects.create(user=controller, organisation=project["k_org"], role=Role.CONTROLLER)
    add_item(project, "500.00")
    report = reports.open_partner_report(project["editor"], project["klaipeda_partner"], project["periods"][0])
    reports.submit_partner_report(project["editor"], report)
    with pytest.raises(NotInScope):
        reports.start_control(project["editor"], report)
    reports.start_control(controller, report)
    reports.reopen(controller, report)
    add_item(project, "20.00")
    reports.submit_partner_report(project["editor"], report)
    reports.start_control(controller, report)
    control.answer_checklist(controller, report, {q.pk: ("yes", "") for q, _a in control.checklist(report)})
    reports.certify(controller, report)
    report.refresh_from_db()
    assert report.status == "certified" and report.certified_amount == Decimal("520.00")
    versions = [s.data["items_total"] for s in ReportSnapshot.objects.filter(partner_report=report).order_by("version")]
    assert versions == ["500.00", "520.00"]
    with pytest.raises(DomainError):
        reports.reopen(controller, report)


def test_it_refuses_another_partners_editor(project: dict[str, Any]) -> None:
    with pytest.raises(NotInScope):
        reports.open_partner_report(project["other"], project["klaipeda_partner"], project["periods"][0])
    report = PartnerReport.objects.create(partner=project["klaipeda_partner"], period=project["periods"][0])
    with pytest.raises(NotInScope):
        reports.submit_partner_report(project["other"], report)


def test_it_refuses_items_outside_their_period(project: dict[str, Any]) -> None:
    with pytest.raises(DomainError) as error:
        add_item(project, "10.00", period=0, day=400)
    assert error.value.field == "date"
