"""The method package in Chromium: the manager downloads a package from the export page and imports it into a
new city from the import page, reaching the report. The screenshots illustrate docs/guides/replication.md ("Method package")."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from creativepoles.core.demo import DEMO_PASSWORD, load_demos
from creativepoles.core.services import add_city
from creativepoles.spaces.models import Method
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_exports_a_package_and_imports_it_into_a_new_city(page: Any, tmp_path: Path) -> None:
    load_demos(["spaces", "learning"])
    helsinki = add_city("helsinki", "Helsinki", "Helsinki", "FI", "60.1699", "24.9384", "Europe/Helsinki")
    log_in(page, "manager@demo.creativepoles.eu", DEMO_PASSWORD)
    page.goto(page.base + "/spaces/methods/")
    page.click("text=Export a method package")
    page.wait_for_selector("#package-export")
    page.select_option("select[name=city]", label="Klaipėda")
    screenshot(page, "replication-package-export")
    with page.expect_download() as download:
        page.click("#package-export button[type=submit]")
    path = tmp_path / "package.zip"
    download.value.save_as(path)
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(path.read_bytes())).read("manifest.json"))
    assert manifest["source_city"] == "Klaipėda" and manifest["parts"]["course"]["count"] == 1

    page.goto(page.base + "/replication/package/import/")
    page.set_input_files("input[name=file]", str(path))
    page.select_option("select[name=city]", label="Helsinki")
    screenshot(page, "replication-package-import")
    page.click("#package-import button[type=submit]")
    page.wait_for_selector("#package-report")
    report = page.locator("#package-report").inner_text()
    assert "From Klaipėda" in report and "into Helsinki" in report
    assert "Method “Creative reuse potential” from Klaipėda imported as version 1." in report
    assert "imported as the draft" in report
    screenshot(page, "replication-package-report")
    assert Method.objects.filter(city=helsinki, name="Creative reuse potential").count() == 1
