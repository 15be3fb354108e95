"""`poles onboard-city`: the steps in order with their reports, a failed step resumed with --resume."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from creativepoles.atlas.models import Firm
from creativepoles.replication.extracts import HELSINKI
from creativepoles.replication.models import Onboarding, StepStatus
from creativepoles.spaces.models import Site
from tests.replication.conftest import register

pytestmark = pytest.mark.django_db
CITY = ["helsinki", "--name", "Helsinki", "--name-en", "Helsinki", "--country", "FI", "--lat", "60.1699",
        "--lon", "24.9384", "--bbox", "24.9352,60.1642,24.9534,60.1791"]


def run_command(*args: str) -> str:
    out = StringIO()
    call_command("onboard-city", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_onboards_a_city_and_prints_each_steps_report(partner: dict[str, Any], tmp_path: Path) -> None:
    out = run_command(*CITY, "--extract", str(HELSINKI), "--register", str(register(tmp_path, 30)),
                      "--method-from", "klaipeda", "--weight", "centre=0.4", "--publish", "2",
                      "--user", partner["manager"].email)
    run = Onboarding.objects.get()
    assert {s.status for s in run.steps.all()} == {StepStatus.DONE}
    for heading in ("City facts: done", "OpenStreetMap extract: done", "Business register: done",
                    "Assessment method and parameters: done", "First ranking: done", "Public pages: done"):
        assert heading in out
    assert f"candidate sites: {Site.objects.filter(city=run.city).count()}" in out
    assert "firms added: 30" in out and "Gross floor area: no site of this city has a value for it" in out
    assert "/spaces/public/helsinki/" in out and "Total:" in out
    assert Site.objects.filter(city=run.city, is_published=True).count() == 2


def test_a_failed_step_is_resumed_and_done_steps_are_not_redone(partner: dict[str, Any], tmp_path: Path) -> None:
    bad = register(tmp_path, 10, bad_line="T-x,,62.01,1,2020-01-01,Street,60.17,24.94")
    with pytest.raises(CommandError, match="--resume"):
        run_command(*CITY, "--extract", str(HELSINKI), "--register", str(bad), "--method-from", "klaipeda",
                    "--user", partner["manager"].email)
    run = Onboarding.objects.get()
    assert run.steps.get(key="register").status == StepStatus.FAILED and not Firm.objects.exists()
    sites = Site.objects.filter(city=run.city).count()
    out = run_command("--resume", str(run.pk), "--register", str(register(tmp_path / "..", 10)),
                      "--method-from", "klaipeda", "--user", partner["manager"].email)
    assert {s.status for s in run.steps.all()} == {StepStatus.DONE} and Firm.objects.count() == 10
    assert Site.objects.filter(city=run.city).count() == sites and "Public pages: done" in out


def test_it_refuses_unknown_users_missing_facts_and_non_managers(partner: dict[str, Any]) -> None:
    with pytest.raises(CommandError, match="No account"):
        run_command(*CITY, "--user", "nobody@example.test")
    with pytest.raises(CommandError, match="--name"):
        run_command("helsinki", "--user", partner["manager"].email)
    with pytest.raises(CommandError, match="programme managers"):
        run_command(*CITY, "--user", partner["editor"].email)
    with pytest.raises(CommandError, match="No onboarding run"):
        run_command("--resume", "999", "--user", partner["manager"].email)
    assert not Onboarding.objects.exists()
