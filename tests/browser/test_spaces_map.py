"""Spaces in Chromium: an editor places a site on the map and draws its outline; the public finds the catalogue."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from creativepoles.core.demo import DEMO_PASSWORD
from creativepoles.spaces.models import Accessibility, AssessmentRun, Site
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _map_point(page: Any, selector: str, fx: float, fy: float) -> tuple[float, float]:
    """Page coordinates of a point at fractions (fx, fy) of an element's box."""
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] * fx, box["y"] + box["height"] * fy


def test_it_places_a_site_by_clicking_the_map_and_draws_its_outline(page: Any) -> None:
    call_command("demo", stdout=open("/dev/null", "w"))
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    # Blocked tiles are expected; a script error or a CSP refusal is not.
    page.on("console", lambda m: problems.append(m.text) if m.type == "error"
            and "Failed to load resource" not in m.text else None)
    log_in(page, "klaipeda.editor@demo.creativepoles.eu", DEMO_PASSWORD)
    page.goto(page.base + "/spaces/sites/new/")
    page.select_option("select[name=city]", label="Klaipėda")
    page.fill("input[name=name]", "Drawn harbour shed")
    page.wait_for_selector("#site-form-map[data-ready=true]")
    # The address search looks in the city's own imported data and moves the marker to the place found.
    page.fill("#address-query", "Tilž")
    page.click("#address-search-button")
    page.locator("#address-results button").first.click()
    mill = Site.objects.get(name__startswith="Former linen mill")
    assert float(page.input_value("input[name=latitude]")) == pytest.approx(float(mill.latitude), abs=1e-6)
    # Tiles are blocked in tests: the map, its marker and the drawing tools must work without them.
    page.mouse.click(*_map_point(page, "#site-form-map", 0.5, 0.5))
    page.wait_for_selector("#site-form-map[data-placed=true]")
    latitude = float(page.input_value("input[name=latitude]"))
    longitude = float(page.input_value("input[name=longitude]"))
    assert 55.6 < latitude < 55.8 and 21.0 < longitude < 21.3

    page.click(".leaflet-pm-toolbar .leaflet-pm-icon-polygon")
    corners = [(0.6, 0.3), (0.8, 0.3), (0.8, 0.5), (0.6, 0.5)]
    for fx, fy in corners:
        page.mouse.click(*_map_point(page, "#site-form-map", fx, fy))
    page.mouse.click(*_map_point(page, "#site-form-map", *corners[0]))  # back to the first corner closes it
    page.wait_for_selector("#site-form-map[data-outline=true]")
    assert not problems, problems
    assert page.input_value("input[name=latitude]") == f"{latitude:.6f}"  # drawing did not move the site
    page.locator("#site-form-map").scroll_into_view_if_needed()
    screenshot(page, "spaces-site-form")
    page.click("#site-form button[type=submit]")
    page.wait_for_selector("#site-footprint")
    site = Site.objects.get(name="Drawn harbour shed")
    assert site.geometry["type"] == "Polygon" and len(site.geometry["coordinates"][0]) == 5
    assert site.footprint_m2 is not None and site.footprint_m2 > 0
    assert float(site.latitude) == pytest.approx(latitude, abs=1e-6)
    assert Accessibility.objects.filter(site=site).exists()  # measured on save, not at the next assessment
    assert page.locator("#site-footprint").inner_text() != "—"
    assert not problems, problems
    page.wait_for_selector("#site-map[data-ready=true]")
    # The site page's map draws the outline as well as the point: two vector paths.
    assert page.locator("#site-map .leaflet-overlay-pane path").count() == 2
    page.goto(page.base + f"/spaces/sites/{site.pk}/edit/")  # the stored outline comes back for editing
    page.wait_for_selector("#site-form-map[data-outline=true]")
    assert not problems, problems
    assert all(url.startswith("https://tile.openstreetmap.org/") for url in page.external), page.external


def test_it_reaches_the_public_catalogue_in_two_clicks_from_home(page: Any) -> None:
    call_command("demo", stdout=open("/dev/null", "w"))
    page.goto(page.base + "/")
    page.click(".city-cards a[href='/cities/klaipeda/']")  # the city card: one click
    page.wait_for_url("**/cities/**")
    screenshot(page, "core-city-links")
    page.click("a[href='/spaces/public/klaipeda/']")  # two clicks
    page.wait_for_url("**/spaces/public/klaipeda/")
    assert page.locator("h1").count() == 1 and page.locator("table tbody tr").count() >= 1
    page.goto(page.base + "/")
    page.locator("a.city-card-link[href='/spaces/public/klaipeda/']").click()  # or straight from home: one click
    page.wait_for_url("**/spaces/public/klaipeda/")


def test_it_compares_ranked_sites_and_charts_their_stability(page: Any) -> None:
    call_command("demo", stdout=open("/dev/null", "w"))
    log_in(page, "klaipeda.editor@demo.creativepoles.eu", DEMO_PASSWORD)
    run = AssessmentRun.objects.filter(city__slug="klaipeda").order_by("-pk").first()
    assert run is not None
    page.goto(page.base + run.get_absolute_url())
    page.wait_for_selector("#sensitivity-chart[data-ready=true]")
    page.locator("#method-explained").scroll_into_view_if_needed()
    screenshot(page, "spaces-ranking-explained")
    boxes = page.locator("#ranking tbody input[name=site]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.click("text=Compare the chosen sites")
    page.wait_for_selector("#comparison")
    assert page.locator("#comparison thead th").count() == 3
    screenshot(page, "spaces-compare")
