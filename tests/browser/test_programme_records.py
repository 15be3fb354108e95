"""Programme in Chromium: spending alerts on the dashboard and partner page, pilots and the charter in the app."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from creativepoles.core.demo import DEMO_PASSWORD
from creativepoles.programme.models import Milestone, PilotProject, Signatory
from tests import files
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BASE = "/programme/urban-creative-poles"


def test_it_shows_alerts_and_lets_an_editor_run_pilots_and_sign_the_charter(page: Any, chromium: Any,
                                                                           tmp_path: Any) -> None:
    call_command("demo", stdout=open("/dev/null", "w"))
    log_in(page, "manager@demo.creativepoles.eu", DEMO_PASSWORD)
    page.goto(page.base + BASE + "/")
    alerts = page.locator("#finance-alerts")
    assert alerts.locator("li.level-over").count() >= 1 and "Period" not in alerts.inner_text()
    assert page.locator("#partner-money-total [data-money=total-budget]").inner_text().endswith("EUR")
    # The first alert leads to the partner's page, which shows the same overspent line.
    first = alerts.locator("li.level-over").first
    line = first.get_attribute("data-alert")
    first.locator("a").click()
    page.wait_for_selector("#category-usage")
    assert page.locator(f"#finance-alerts li[data-alert='{line}']").count() == 1
    page.locator("#category-usage").scroll_into_view_if_needed()
    screenshot(page, "programme-finance-alerts")

    # The budget grid shows its last period and the totals column inside a 1280 px window.
    page.click("a[href$='/budget/']")
    page.wait_for_selector("#budget-grid")
    last = page.locator("#budget-grid thead th").last.bounding_box()
    last_period = page.locator("#budget-grid thead th").nth(-2).bounding_box()
    assert last is not None and last_period is not None
    assert last["x"] + last["width"] <= 1280 and last_period["x"] + last_period["width"] <= 1280
    assert page.locator("#budget-grid tfoot [data-total=all]").inner_text().strip() != ""

    editor_context = chromium.new_context(viewport={"width": 1280, "height": 900})
    editor = editor_context.new_page()
    editor.base = page.base
    log_in(editor, "klaipeda.editor@demo.creativepoles.eu", DEMO_PASSWORD)
    editor.goto(editor.base + BASE + "/pilots/")
    pilot = PilotProject.objects.get(city__slug="klaipeda")
    # Only the editor's own city's pilot can be changed from here.
    assert editor.locator("a[href$='/milestones/new/']").count() == 1
    editor.click(f"article[data-pilot='{pilot.pk}'] a[href$='/milestones/new/']")
    editor.fill("input[name=title]", "Open studio day for tenants")
    editor.fill("input[name=due_on]", "2013-09-01")
    editor.click("form.form button[type=submit]")
    editor.wait_for_url(editor.base + BASE + "/pilots/")
    assert "Open studio day for tenants" in editor.locator(f"article[data-pilot='{pilot.pk}']").inner_text()
    assert Milestone.objects.filter(pilot=pilot, title="Open studio day for tenants").exists()
    editor.locator(f"article[data-pilot='{pilot.pk}']").scroll_into_view_if_needed()
    screenshot(editor, "programme-pilots")

    signature = Signatory.objects.get(city__slug="klaipeda")
    signed = tmp_path / "charter-signed.pdf"
    signed.write_bytes(files.pdf())
    editor.goto(editor.base + BASE + "/charter/")
    assert editor.locator("#signatories a[href*='/charter/signatories/']").count() == 1
    editor.click(f"tr[data-signatory='{signature.pk}'] a")
    editor.set_input_files("input[name=evidence]", str(signed))
    editor.click("form.form button[type=submit]")
    editor.wait_for_url(editor.base + BASE + "/charter/")
    assert "evidence" in editor.locator("tr[data-city=klaipeda]").inner_text()
    signature.refresh_from_db()
    assert signature.evidence
    screenshot(editor, "programme-charter")
    editor_context.close()
