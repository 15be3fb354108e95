"""Finance on the pages: totals rows, shares of budget with warnings, the flexibility rule, EUR counter-values."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from creativepoles.programme import figures
from creativepoles.programme.models import BudgetLine, Partner
from creativepoles.programme.services import spending

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def spend(project: dict[str, Any], amount: str, category: str = "staff") -> None:
    p0 = project["periods"][0]
    spending.add_expenditure(project["other"], project["tartu_partner"], period=p0, date=p0.start,
                             category=category, description="Tartu spending", amount=Decimal(amount), currency="EUR")


def alerts_block(html: str) -> str:
    match = re.search(r'<div class="alerts" id="finance-alerts".*?</div>', html, re.S)
    return match.group(0) if match else ""


def tartu_money(project: dict[str, Any]) -> figures.PartnerMoney:
    return figures.partner_money(project["project"], Partner.objects.filter(pk=project["tartu_partner"].pk))[0]


def test_it_warns_on_the_dashboard_and_the_partner_page_when_a_line_is_spent_past_100_percent(
        project: dict[str, Any]) -> None:
    spend(project, "141000.00")  # Tartu's staff line is 100,000.00 EUR
    dashboard = alerts_block(as_user(project["manager"]).get("/programme/ucp/").content.decode())
    assert "PP3 Tartu city" in dashboard and "Staff: spent 141 % of its budget" in dashboard
    assert 'data-alert="category-staff"' in dashboard and "level-over" in dashboard
    page = as_user(project["other"]).get(f"/programme/ucp/partners/{project['tartu_partner'].pk}/").content.decode()
    assert "Staff: spent 141 % of its budget" in alerts_block(page)
    assert re.search(r'<tr data-category="staff" class="level-over">.*?141\xa0%', page, re.S)


def test_it_shows_no_warning_below_the_thresholds(project: dict[str, Any]) -> None:
    spend(project, "50000.00")
    assert alerts_block(as_user(project["manager"]).get("/programme/ucp/").content.decode()) == ""
    page = as_user(project["other"]).get(f"/programme/ucp/partners/{project['tartu_partner'].pk}/").content.decode()
    assert alerts_block(page) == "" and "50\xa0%" in page


def test_it_warns_from_the_configured_share(project: dict[str, Any], settings: Any) -> None:
    spend(project, "95000.00")
    assert [a.usage.key for a in tartu_money(project).alerts] == ["total", "staff", "1"]
    assert {a.usage.level for a in tartu_money(project).alerts} == {figures.Level.WARN}
    settings.SPENDING_WARN_PERCENT = 96
    assert tartu_money(project).alerts == []


def test_it_allows_a_category_its_flexibility_while_the_partner_total_stays_within(project: dict[str, Any]) -> None:
    BudgetLine.objects.create(partner=project["tartu_partner"], category="travel", period=project["periods"][1],
                              amount=Decimal("100000.00"))
    spend(project, "110000.00")  # 10 % over the staff line; the partner's 200,000.00 are not exceeded
    staff = {u.key: u for u in tartu_money(project).categories}["staff"]
    assert (staff.level, staff.flexibility, staff.excess) == (figures.Level.OVER, "within", Decimal("10000.00"))
    assert "within the category's flexibility" in tartu_money(project).alerts[0].message
    spend(project, "0.01")  # one cent beyond the 10 %: for the manager to decide, nothing is deducted
    staff = {u.key: u for u in tartu_money(project).categories}["staff"]
    assert staff.flexibility == "flagged" and tartu_money(project).spent == Decimal("110000.01")


def test_it_flags_a_category_over_budget_when_the_partner_total_is_exceeded(project: dict[str, Any],
                                                                            settings: Any) -> None:
    spend(project, "105000.00")  # within 10 % of the line, but the partner has no other budget
    staff = {u.key: u for u in tartu_money(project).categories}["staff"]
    assert staff.flexibility == "flagged"
    settings.BUDGET_FLEXIBILITY_BY_CATEGORY = {"staff": 0}
    BudgetLine.objects.create(partner=project["tartu_partner"], category="travel", amount=Decimal("100000.00"))
    assert {u.key: u for u in tartu_money(project).categories}["staff"].flexibility == "flagged"
    settings.BUDGET_FLEXIBILITY_BY_CATEGORY = {}
    assert {u.key: u for u in tartu_money(project).categories}["staff"].flexibility == "within"


def test_it_totals_the_dashboard_in_eur_and_shows_the_fund_share_as_a_percentage(project: dict[str, Any]) -> None:
    spend(project, "1000.00")
    html = as_user(project["manager"]).get("/programme/ucp/").content.decode()
    total = re.search(r'<tr id="partner-money-total">.*?</tr>', html, re.S).group(0)  # type: ignore[union-attr]
    # Klaipėda's 1,107,105.00 LTL are 320,639.77 EUR; with Tartu's 100,000.00 EUR and the lead's nothing.
    assert 'data-money="total-budget">420,639.77 EUR' in total
    assert 'data-money="total-spent">1,000.00 EUR' in total
    assert "ERDF 85\xa0%" in html and "0.8500" not in html
    tartu_row = re.search(r'<tr data-partner="tartu">.*?</tr>', html, re.S).group(0)  # type: ignore[union-attr]
    assert tartu_row.count("100,000.00 EUR") == 1  # a EUR partner's budget is not repeated as its counter-value


def test_it_shows_eur_counter_values_and_totals_in_the_expenditure_list(project: dict[str, Any]) -> None:
    p0 = project["periods"][0]
    spending.add_expenditure(project["editor"], project["klaipeda_partner"], period=p0, date=p0.start,
                             category="staff", description="Coordinator", amount=Decimal("1234.56"), currency="LTL")
    html = as_user(project["manager"]).get("/programme/ucp/expenditure/").content.decode()
    assert "<td class=\"num\" data-eur>357.55 EUR</td>" in html
    assert 'data-money="total-eur">357.55 EUR' in html


def test_it_totals_the_budget_grid_and_keeps_every_period(project: dict[str, Any]) -> None:
    url = f"/programme/ucp/partners/{project['klaipeda_partner'].pk}/budget/"
    html = as_user(project["manager"]).get(url).content.decode()
    last = project["periods"][-1].number
    assert f">P{last}</th>" in html and f'name="b_infrastructure_{last}"' in html
    assert 'data-total="staff">600,000.00' in html and 'data-total="all">1,107,105.00 LTL' in html


def test_it_totals_the_project_report_in_eur_and_the_partner_report_by_category(project: dict[str, Any]) -> None:
    from creativepoles.programme.models import PartnerReport, ProjectReport

    spend(project, "1000.00")
    p0 = project["periods"][0]
    project_report = ProjectReport.objects.create(project=project["project"], period=p0)
    html = as_user(project["manager"]).get(f"/programme/ucp/reports/project/{project_report.pk}/").content.decode()
    assert 'data-money="total-budget">420,639.77 EUR' in html and 'data-money="total-spent">1,000.00 EUR' in html
    report = PartnerReport.objects.create(partner=project["tartu_partner"], period=p0)
    html = as_user(project["other"]).get(f"/programme/ucp/reports/partner/{report.pk}/").content.decode()
    assert 'data-money="items-total-foot">1,000.00 EUR' in html
    assert re.search(r"<tfoot><tr><th scope=\"row\">Total</th><td class=\"num\">100,000.00 EUR</td>", html)
