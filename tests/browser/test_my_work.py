"""My work in Chromium: an editor sees a due report and an overspent line on the home page, opens the report
from there and submits it (acceptance 1 of issue 9)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from creativepoles.core.demo import DEMO_PASSWORD
from creativepoles.programme.models import PartnerReport
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_leads_an_editor_from_home_to_the_due_report_and_submits_it(page: Any) -> None:
    call_command("demo", stdout=open("/dev/null", "w"))
    draft = PartnerReport.objects.get(partner__organisation__city__slug="klaipeda", status="draft")
    log_in(page, "klaipeda.editor@demo.creativepoles.eu", DEMO_PASSWORD)
    reports = page.locator("#my-work-reports")
    assert "Overdue" in reports.inner_text()
    overspent = page.locator("#my-work-overspent").inner_text()
    assert "Staff over budget" in overspent and "LTL" in overspent
    # Only the editor's own organisation: no other partner's report or budget is listed.
    assert "Tartu" not in reports.inner_text() and "Tartu" not in overspent
    screenshot(page, "programme-my-work")

    reports.locator(f"a[href$='/reports/partner/{draft.pk}/']").click()
    page.wait_for_url(f"**/reports/partner/{draft.pk}/")
    assert page.locator("#report-status").inner_text() == "Draft"
    page.fill("#submit-form textarea[name=summary]", "Final period: pilot opened, accounts closed.")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#submit-form button[type=submit]")
    page.wait_for_selector("#report-locked")
    assert page.locator("#report-status").inner_text() == "Submitted"

    page.goto(page.base + "/")
    assert "No report is due." in page.locator("#my-work-reports").inner_text()
