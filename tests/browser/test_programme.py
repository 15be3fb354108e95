"""Programme in Chromium: the manager's dashboard, a partner submitting its report, the lock."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from creativepoles.core.demo import DEMO_PASSWORD
from creativepoles.programme.models import PartnerReport
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_dashboard_and_locks_a_submitted_report(page: Any, chromium: Any) -> None:
    call_command("demo", stdout=open("/dev/null", "w"))
    log_in(page, "manager@demo.creativepoles.eu", DEMO_PASSWORD)
    page.goto(page.base + "/programme/urban-creative-poles/")
    page.wait_for_selector("#spending-chart[data-ready=true]")
    assert "2,393,287.50 EUR" in page.locator("[data-money=total]").inner_text()
    assert "8,263,543.00 LTL" in page.locator("[data-money=total-other]").inner_text()
    klaipeda = page.locator("tr[data-partner=klaipeda]").inner_text()
    for figure in ("1,107,105.00 LTL", "320,639.77 EUR", "941,039.00 LTL", "272,543.73 EUR", "166,066.00 LTL",
                   "48,096.04 EUR"):
        assert figure in klaipeda
    screenshot(page, "programme-dashboard")

    draft = PartnerReport.objects.get(partner__organisation__city__slug="klaipeda", status="draft")
    partner_context = chromium.new_context(viewport={"width": 1280, "height": 900})
    partner_page = partner_context.new_page()
    partner_page.base = page.base
    log_in(partner_page, "klaipeda.editor@demo.creativepoles.eu", DEMO_PASSWORD)
    partner_page.goto(f"{page.base}/programme/urban-creative-poles/reports/partner/{draft.pk}/")
    assert partner_page.locator("#report-status").inner_text() == "Draft"
    partner_page.fill("#submit-form textarea[name=summary]", "Final period: pilot opened, accounts closed.")
    partner_page.on("dialog", lambda dialog: dialog.accept())
    partner_page.click("#submit-form button[type=submit]")
    partner_page.wait_for_selector("#report-locked")
    assert partner_page.locator("#report-status").inner_text() == "Submitted"
    assert partner_page.locator("#submit-form").count() == 0
    screenshot(partner_page, "programme-report-locked")
    partner_context.close()

    page.goto(page.base + "/programme/urban-creative-poles/reports/")
    row = page.locator(f"tr[data-report='{draft.pk}']")
    assert "Submitted" in row.inner_text() and "🔒" in row.inner_text()
    screenshot(page, "programme-reports")
