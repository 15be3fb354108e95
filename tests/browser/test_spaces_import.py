"""An editor imports an OpenStreetMap extract in Chromium, watches it run in the worker and finds the sites."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

from creativepoles.core.demo import DEMO_PASSWORD
from creativepoles.spaces.models import ImportRun, ImportStatus, Site
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Two disused warehouses by the Klaipėda harbour and a brownfield whose outline crosses the
# extract's edge (node 99 lies outside it), as in any extract cut to a city's bounding box.
EXTRACT = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="browser test">
<node id="1" version="1" lat="55.7020" lon="21.1280"/><node id="2" version="1" lat="55.7020" lon="21.1300"/>
<node id="3" version="1" lat="55.7030" lon="21.1300"/><node id="4" version="1" lat="55.7030" lon="21.1280"/>
<node id="5" version="1" lat="55.6980" lon="21.1400"/><node id="6" version="1" lat="55.6980" lon="21.1420"/>
<node id="7" version="1" lat="55.6990" lon="21.1420"/><node id="8" version="1" lat="55.6990" lon="21.1400"/>
<node id="9" version="1" lat="55.7060" lon="21.1200"/><node id="10" version="1" lat="55.7060" lon="21.1240"/>
<node id="11" version="1" lat="55.7080" lon="21.1240"/>
<node id="20" version="1" lat="55.7010" lon="21.1290"><tag k="highway" v="bus_stop"/></node>
<way id="100" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
<tag k="building" v="warehouse"/><tag k="name" v="Harbour store 4"/></way>
<way id="101" version="1"><nd ref="5"/><nd ref="6"/><nd ref="7"/><nd ref="8"/><nd ref="5"/>
<tag k="disused:building" v="industrial"/><tag k="building" v="industrial"/><tag k="name" v="Old net factory"/></way>
<way id="102" version="1"><nd ref="9"/><nd ref="10"/><nd ref="11"/><nd ref="99"/><nd ref="9"/>
<tag k="landuse" v="brownfield"/><tag k="name" v="Rail yard"/></way>
</osm>
"""


@pytest.fixture
def worker() -> Iterator[Any]:
    """Start the database task worker (as `poles db_worker` runs it) in a thread, only when asked to."""
    workers: list[tuple[Worker, threading.Thread]] = []

    def start() -> None:
        instance = Worker(queue_names=["*"], interval=0.2, batch=False, backend_name="default",
                          startup_delay=False, max_tasks=None, worker_id="browser-test")

        def run() -> None:
            try:
                instance.run()
            finally:
                connection.close()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        workers.append((instance, thread))

    yield start
    for instance, thread in workers:
        instance.running = False
        thread.join(timeout=10)


def test_it_imports_an_extract_watches_it_run_and_shows_the_sites(page: Any, worker: Any, settings: Any,
                                                                  tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("demo", stdout=open("/dev/null", "w"))
    extract = tmp_path / "klaipeda-harbour.osm"
    extract.write_text(EXTRACT, encoding="utf-8")
    log_in(page, "klaipeda.editor@demo.creativepoles.eu", DEMO_PASSWORD)

    page.goto(page.base + "/spaces/")
    page.click("nav.subnav >> text=OpenStreetMap imports")
    page.select_option("select[name=city]", label="Klaipėda")
    page.set_input_files("input[name=file]", str(extract))
    page.click("form.stacked button[type=submit]")
    # Queued until the worker runs: the page polls the run's status.
    page.wait_for_selector("#import-status[data-status=queued][hx-trigger]")
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.QUEUED and not Site.objects.filter(osm_id=100).exists()

    worker()
    page.wait_for_selector("#import-status[data-status=succeeded]", timeout=30000)
    summary = page.locator("#import-status").inner_text()
    assert "industrial_building" in summary and "1 outline crosses the extract's edge" in summary
    screenshot(page, "spaces-import")

    page.click("text=See the sites on the map")
    page.wait_for_selector("#site-map[data-ready=true]")
    rows = page.locator("#site-rows").inner_text()
    for name in ("Harbour store 4", "Old net factory", "Rail yard"):
        assert name in rows
        assert page.locator(".leaflet-tooltip", has_text=name).count() == 1
    screenshot(page, "spaces-import-map")
    rail_yard = Site.objects.get(osm_id=102)
    assert rail_yard.outline_cut and rail_yard.status == "candidate"
    page.click("#site-rows >> text=Rail yard")
    assert "at least" in page.locator("main").inner_text()
