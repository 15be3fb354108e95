"""The shell in Chromium: log in, switch to Lithuanian, see the map of the partner cities."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.core.demo import DEMO_PASSWORD, load_demos
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_logs_in_switches_language_and_shows_the_map(page: Any) -> None:
    load_demos(["core"])
    page.goto(page.base + "/")
    screenshot(page, "home")
    log_in(page, "manager@demo.creativepoles.eu", DEMO_PASSWORD)
    assert page.locator(".user-name").inner_text() == "manager@demo.creativepoles.eu"

    # Choosing a language submits the form; wait for that navigation, not for the current page's load.
    with page.expect_navigation():
        page.select_option("#language-select", "lt")
    assert page.locator("html").get_attribute("lang") == "lt"
    assert page.locator(".main-nav").get_by_text("Miestai").count() == 1
    page.wait_for_selector("#city-map[data-ready=true]")
    assert page.locator("#city-map .leaflet-interactive").count() == 7
    assert page.locator("[data-figure=cities]").inner_text() == "7"
    screenshot(page, "home-lt")
    # Only map tiles may go out; they were blocked and the page still drew every city.
    assert all(url.startswith("https://tile.openstreetmap.org/") for url in page.external), page.external


def test_it_loads_the_api_docs_without_external_requests(page: Any) -> None:
    page.goto(page.base + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info")
    assert page.external == []
