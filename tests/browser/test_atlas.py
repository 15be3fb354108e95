"""Atlas in Chromium: a visitor opens the map of Klaipėda, switches a group layer off and on, and opens the
comparison page; the screenshots illustrate docs/guides/atlas.md."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_switches_a_group_layer_and_compares_the_cities(page: Any, settings: Any) -> None:
    settings.ATLAS_DEMO_FIRMS_PER_CITY = 1000  # enough firms for hotspots in the screenshots
    call_command("demo", stdout=open("/dev/null", "w"))
    page.goto(page.base + "/atlas/")
    page.click("text=Klaipėda")
    page.wait_for_selector("table.indicators")
    screenshot(page, "atlas-city")

    page.goto(page.base + "/atlas/klaipeda/map/")
    page.wait_for_selector("#atlas-map[data-ready=true]")
    shown = int(page.get_attribute("#atlas-map", "data-visible") or "0")
    assert shown > 0
    box = page.locator("#atlas-layers input[data-layer]").first
    group = box.get_attribute("data-layer")
    in_group = int(page.evaluate(
        "g => JSON.parse(document.getElementById('atlas-map-data').textContent).points.features"
        ".filter(f => f.properties.group === g).length", group))
    box.uncheck()
    assert int(page.get_attribute("#atlas-map", "data-visible") or "0") == shown - in_group
    box.check()
    assert int(page.get_attribute("#atlas-map", "data-visible") or "0") == shown
    screenshot(page, "atlas-map")

    page.click("nav.subnav >> text=Comparison")
    page.wait_for_selector("#comparison")
    assert page.locator("#comparison tbody tr").count() == 7
    assert page.locator("figure.small-multiple").count() == 7
    screenshot(page, "atlas-compare")
    assert page.external == [] or all("tile.openstreetmap.org" in url for url in page.external)
