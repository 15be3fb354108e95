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
    assert drawn_places(page) == 7
    assert page.locator("[data-figure=cities]").inner_text() == "7"
    screenshot(page, "home-lt")
    # The map's own controls speak the page's language too.
    assert page.locator("#city-map .leaflet-control-zoom-in").get_attribute("title") == "Priartinti"
    assert "OpenStreetMap autoriai" in page.locator("#city-map .leaflet-control-attribution").inner_text()
    # Every partner's language can be chosen; German starts with the shell, menus and home translated.
    with page.expect_navigation():
        page.select_option("#language-select", "de")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator(".main-nav").get_by_text("Städte").count() == 1
    assert page.get_by_role("heading", name="Partnerstädte").count() == 1
    page.wait_for_selector("#city-map[data-ready=true]")
    assert page.locator("#city-map .leaflet-control-zoom-in").get_attribute("title") == "Vergrößern"
    screenshot(page, "home-de")
    # Only map tiles may go out; they were blocked and the page still drew every city.
    assert all(url.startswith("https://tile.openstreetmap.org/") for url in page.external), page.external


def test_it_loads_the_api_docs_without_external_requests(page: Any) -> None:
    page.goto(page.base + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info")
    assert page.external == []


def drawn_places(page: Any) -> int:
    """Places on the map: single markers plus the places gathered in each cluster badge."""
    singles = page.locator("#city-map path.leaflet-interactive").count()
    clustered = sum(int(text) for text in page.locator("#city-map .map-cluster").all_inner_texts())
    return singles + clustered


def visible_label_boxes(page: Any) -> list[dict[str, float]]:
    """Bounding boxes of the map's labels a reader can see."""
    return page.eval_on_selector_all(
        "#city-map .leaflet-tooltip",
        "els => els.filter(e => getComputedStyle(e).visibility !== 'hidden')"
        ".map(e => { const r = e.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom, "
        "text: e.textContent}; })")


def test_it_draws_city_labels_that_never_overlap(page: Any) -> None:
    load_demos(["core"])
    for path in ("/", "/cities/"):
        page.goto(page.base + path)
        page.wait_for_selector("#city-map[data-ready=true]")
        page.wait_for_timeout(400)  # the cluster layer's own animation frame
        assert drawn_places(page) == 7
        boxes = visible_label_boxes(page)
        assert len(boxes) >= 3, boxes
        badges = page.eval_on_selector_all(
            "#city-map .map-cluster", "els => els.map(e => { const r = e.getBoundingClientRect(); "
            "return {l: r.left, r: r.right, t: r.top, b: r.bottom, text: 'cluster ' + e.textContent}; })")
        for i, one in enumerate(boxes):
            for other in boxes[i + 1:] + badges:
                overlap = one["l"] < other["r"] and other["l"] < one["r"] and one["t"] < other["b"] and other["t"] < one["b"]
                assert not overlap, (path, one["text"], other["text"])
        # Linköping lies inside Östsam's county: at the network's zoom they share one badge naming both.
        titles = " ".join(page.locator("#city-map .map-cluster span").evaluate_all("els => els.map(e => e.title)"))
        assert "Linköping" in titles and "Östsam" in titles, titles
    screenshot(page, "cities-map")
