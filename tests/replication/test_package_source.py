"""The method step's package source: a method package uploaded in the wizard or named on the command line."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from creativepoles.replication.extracts import HELSINKI
from creativepoles.replication.models import Onboarding, Step, StepStatus
from creativepoles.replication.package import export_package
from creativepoles.replication.services import import_extract, skip_step, start_onboarding
from creativepoles.spaces.models import Method
from tests.replication.conftest import FACTS

pytestmark = pytest.mark.django_db


def at_method_step(manager: Any) -> Onboarding:
    run = start_onboarding(manager, **FACTS)
    import_extract(manager, run, HELSINKI)
    skip_step(manager, run, Step.REGISTER)
    return run


def test_the_wizard_takes_the_method_from_an_uploaded_package(partner: dict[str, Any]) -> None:
    manager = partner["manager"]
    data = export_package(manager, partner["klaipeda"])
    run = at_method_step(manager)
    client = Client()
    client.force_login(manager)
    url = f"/replication/onboarding/{run.pk}/method/"
    page = client.get(url).content.decode()
    assert 'id="package-form"' in page and 'value="package"' in page

    refused = client.post(url, {"action": "package", "package": SimpleUploadedFile("m.zip", b"not a zip")})
    assert refused.status_code == 400 and "zip" in refused.content.decode().lower()
    assert run.steps.get(key=Step.METHOD).status != StepStatus.DONE
    assert not Method.objects.filter(city=run.city).exists()

    response = client.post(url, {"action": "package", "package": SimpleUploadedFile("m.zip", data)})
    assert response.status_code == 302 and response["Location"] == f"/replication/onboarding/{run.pk}/ranking/"
    step = run.steps.get(key=Step.METHOD)
    assert step.status == StepStatus.DONE and step.report["source"] == "package"
    assert step.report["package"]["source_city"] == "Klaipėda" and step.report["package"]["imported"] >= 1
    # The package's method as it came (version 1) and the city's working copy without the criteria OpenStreetMap
    # cannot feed (floor area), as the next version.
    versions = list(Method.objects.filter(city=run.city, name="Creative reuse potential").order_by("version"))
    assert [m.version for m in versions] == [1, 2] and step.report["method_id"] == versions[1].pk
    assert versions[0].criteria.count() == 4
    assert sorted(versions[1].criteria.values_list("code", flat=True)) == ["centre", "public", "stops"]
    assert {c["code"] for c in step.report["left_out"]} == {"area"}


def test_the_command_takes_the_method_from_a_package_file(partner: dict[str, Any], tmp_path: Path) -> None:
    manager = partner["manager"]
    package = tmp_path / "methods.zip"
    package.write_bytes(export_package(manager, partner["klaipeda"]))
    args = ["helsinki", "--name", "Helsinki", "--name-en", "Helsinki", "--country", "FI", "--lat", "60.1699",
            "--lon", "24.9384", "--time-zone", "Europe/Helsinki", "--bbox", "24.9352,60.1642,24.9534,60.1791",
            "--extract", str(HELSINKI), "--user", manager.email]
    with pytest.raises(CommandError, match="not both"):
        call_command("onboard-city", *args, "--method-package", str(package), "--method-from", "klaipeda",
                     stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("onboard-city", *args, "--method-package", str(tmp_path / "missing.zip"),
                     stdout=StringIO(), stderr=StringIO())
    assert not Onboarding.objects.exists()
    call_command("onboard-city", *args, "--method-package", str(package), stdout=StringIO(), stderr=StringIO())
    run = Onboarding.objects.get()
    assert {s.key: s.status for s in run.steps.all()} == {
        Step.FACTS: StepStatus.DONE, Step.EXTRACT: StepStatus.DONE, Step.REGISTER: StepStatus.SKIPPED,
        Step.METHOD: StepStatus.DONE, Step.RANKING: StepStatus.DONE, Step.PUBLISH: StepStatus.DONE}
    assert run.steps.get(key=Step.METHOD).report["source"] == "package"
