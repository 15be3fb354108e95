"""The programme manager onboards a new city in Chromium: facts, the OSM extract and a register uploaded, a partner's
method with an adjusted weight, the first ranking, and the published ranking and public sites that visitors see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from creativepoles.core.demo import DEMO_PASSWORD, load_demos
from creativepoles.replication.extracts import HELSINKI
from creativepoles.replication.models import Onboarding, StepStatus
from creativepoles.replication.synthetic import write_register
from creativepoles.spaces.models import Site
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BBOX = "24.9352,60.1642,24.9534,60.1791"


def test_the_manager_onboards_a_city_and_reaches_its_published_ranking(page: Any, tmp_path: Path) -> None:
    load_demos(["spaces"])  # the network, its manager and the partner cities' methods; Helsinki is not in it yet
    register = write_register(tmp_path / "helsinki-register.csv", [float(v) for v in BBOX.split(",")], 300,
                              seed="browser", prefix="BR")
    log_in(page, "manager@demo.creativepoles.eu", DEMO_PASSWORD)
    page.goto(page.base + "/replication/onboarding/")
    for name, value in (("slug", "helsinki"), ("name", "Helsinki"), ("name_en", "Helsinki"), ("country", "FI"),
                        ("latitude", "60.1699"), ("longitude", "24.9384"), ("bbox", BBOX)):
        page.fill(f"#facts-form input[name={name}]", value)
    page.select_option("#facts-form select[name=time_zone]", "Europe/Helsinki")
    screenshot(page, "replication-facts")
    page.click("#facts-form button[type=submit]")
    page.wait_for_url("**/extract/")

    page.set_input_files("#step-form input[name=file]", str(HELSINKI))
    page.click("#step-form button[value=run]")
    page.wait_for_url("**/register/")
    page.goto(page.url.replace("/register/", "/extract/"))
    assert "candidate sites" in page.locator("#step-status").inner_text()
    screenshot(page, "replication-extract-report")
    page.goto(page.url.replace("/extract/", "/register/"))
    page.set_input_files("#step-form input[name=file]", str(register))
    page.click("#step-form button[value=run]")
    page.wait_for_url("**/method/")

    page.select_option("#step-form select[name=method]", label="Klaipėda: Creative reuse potential v1")
    page.click("#step-form button[value=show]")
    page.fill("#step-form input[name=weight_centre]", "0.4")
    screenshot(page, "replication-method")
    page.click("#step-form button[value=run]")
    page.wait_for_url("**/ranking/")
    page.click("#step-form button[value=run]")
    page.wait_for_url("**/publish/")
    page.fill("#step-form input[name=count]", "3")
    page.click("#step-form button[value=run]")
    page.wait_for_selector("#final-report")
    screenshot(page, "replication-final-report")

    run = Onboarding.objects.get(city__slug="helsinki")
    assert {s.status for s in run.steps.all()} == {StepStatus.DONE}
    assert Site.objects.filter(city=run.city, is_published=True).count() == 3
    page.click("#final-report >> text=The ranking")
    page.wait_for_url("**/spaces/runs/*/")
    assert "Helsinki" in page.content()
    screenshot(page, "replication-ranking")
    story = page.base + "/cities/helsinki/story/"
    page.goto(page.base + run.get_absolute_url())
    page.click("#final-report >> text=The city's story")
    page.wait_for_url(story)
    # The new city's story starts from its evidence: its published sites are counted and linked.
    assert page.locator("a[href*='/spaces/']").count() >= 1
    screenshot(page, "replication-new-city-story")

    # A visitor sees the published sites without signing in.
    visitor = page.context.browser.new_context()
    public = visitor.new_page()
    public.goto(page.base + "/spaces/public/helsinki/")
    for name in Site.objects.filter(city=run.city, is_published=True).values_list("name", flat=True):
        assert name in public.content()
    visitor.close()
