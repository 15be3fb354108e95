"""The city story in Chromium: a visitor follows the chain from the city page; the programme manager sees the
members' steps too, and a count's link opens the list of exactly its records. Takes the guide's screenshot."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.core.demo import DEMO_PASSWORD, load_demos
from tests.browser.conftest import log_in, screenshot
from tests.core.test_story import add_demo_hotspots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_and_a_manager_follow_the_story_of_klaipeda(page: Any) -> None:
    load_demos()
    add_demo_hotspots()
    page.goto(f"{page.base}/cities/klaipeda/")
    page.click("#city-story-link")
    page.wait_for_selector("#story")
    steps = page.locator("[data-story-step]")
    kinds = [steps.nth(i).get_attribute("data-story-step") for i in range(steps.count())]
    assert kinds[:2] == ["hotspot", "site"] and "business-plan" not in kinds and "indicator" not in kinds
    assert page.locator(".badge", has_text="members only").count() == 0

    log_in(page, "manager@demo.creativepoles.eu", DEMO_PASSWORD)
    page.goto(f"{page.base}/cities/klaipeda/story/")
    page.wait_for_selector('[data-story-step="business-plan"]')
    screenshot(page, "replication-story")
    site_step = page.locator('[data-story-step="site"]')
    shown = int(site_step.get_attribute("data-count") or "-1")
    assert shown > 0
    site_step.locator("[data-story-link]").click()
    page.wait_for_selector("#site-rows")
    assert page.locator('[data-record="site"]').count() == shown
