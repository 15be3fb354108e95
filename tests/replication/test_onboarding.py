"""Onboarding services: each step's report, resumability, refusals that write nothing, method copies as versions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from creativepoles.atlas.models import Firm
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import AuditEntry, City
from creativepoles.replication.extracts import HELSINKI
from creativepoles.replication.models import Onboarding, OnboardingStep, StepStatus
from creativepoles.replication.services import (
    adopt_method,
    continue_onboarding,
    import_extract,
    import_register_file,
    partner_method,
    publish_city,
    rank_first,
    skip_step,
    start_onboarding,
)
from creativepoles.spaces.models import Method, PointOfInterest, Site
from creativepoles.spaces.services.replicate import copy_method
from tests.replication.conftest import FACTS, register

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {"cities": City.objects.count(), "runs": Onboarding.objects.count(), "steps": OnboardingStep.objects.count(),
            "sites": Site.objects.count(), "firms": Firm.objects.count(), "methods": Method.objects.count()}


def step(run: Onboarding, key: str) -> OnboardingStep:
    return OnboardingStep.objects.get(onboarding=run, key=key)


def test_it_adds_the_city_outside_the_network_with_its_facts(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    assert run.city.slug == "helsinki" and run.city.is_partner is False and run.city.country == "FI"
    facts = step(run, "facts")
    assert facts.status == StepStatus.DONE and facts.report["facts"]["bbox"] == FACTS["bbox"]
    assert run.current_step == "extract"
    assert [s.status for s in run.steps.order_by("pk")][1:] == [StepStatus.PENDING] * 5


@pytest.mark.parametrize("bad", [{"bbox": "24.9,60.1,24.8"}, {"bbox": "25.0,60.0,24.0,61.0"},
                                 {"bbox": "24.0,59.0,24.5,59.5"}, {"country": "Finland"}, {"lat": "north"},
                                 {"slug": "klaipeda"}])
def test_it_refuses_bad_facts_and_writes_nothing(partner: dict[str, Any], bad: dict[str, Any]) -> None:
    before = counts()
    with pytest.raises(DomainError):
        start_onboarding(partner["manager"], **{**FACTS, **bad})
    assert counts() == before


def test_only_the_network_onboards(partner: dict[str, Any]) -> None:
    before = counts()
    for user in (partner["editor"], partner["outsider"], None):
        with pytest.raises(NotInScope):
            start_onboarding(user, **FACTS)
    assert counts() == before
    run = start_onboarding(partner["manager"], **FACTS)
    with pytest.raises(NotInScope):
        import_extract(partner["editor"], run, HELSINKI)
    assert step(run, "extract").status == StepStatus.PENDING and not Site.objects.filter(city=run.city).exists()


def test_it_imports_the_extract_and_reports_sites_points_and_skips(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    done = import_extract(partner["manager"], run, HELSINKI)
    assert done.status == StepStatus.DONE, done.error
    report = done.report
    assert report["sites"] == Site.objects.filter(city=run.city).count() > 0
    assert report["pois"] == PointOfInterest.objects.filter(city=run.city).count() > 0
    assert sum(report["pois_by_category"].values()) == report["pois"]
    assert report["accessibility"] == report["sites"]
    assert done.started_at is not None and done.finished_at is not None
    assert OnboardingStep.objects.get(pk=done.pk).progress_done > 0  # written while the file was read
    assert AuditEntry.objects.filter(verb="finish_onboarding_step").exists()


def test_it_refuses_a_step_before_the_earlier_ones_are_done(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    with pytest.raises(DomainError, match="OpenStreetMap extract"):
        rank_first(partner["manager"], run)
    assert step(run, "ranking").status == StepStatus.PENDING


def test_a_bad_register_writes_nothing_reports_its_rows_and_the_step_reruns(partner: dict[str, Any],
                                                                           tmp_path: Path) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    import_extract(partner["manager"], run, HELSINKI)
    bad = register(tmp_path, 20, bad_line="T-bad,Broken firm,62.01,many,2020-01-01,Street 1,60.17,24.94")
    failed = import_register_file(partner["manager"], run, bad)
    assert failed.status == StepStatus.FAILED and "1 rows have errors" in failed.error
    assert failed.report["errors"] == [[22, "employees", "not a number"]]
    assert not Firm.objects.filter(city=run.city).exists()
    assert run.__class__.objects.get(pk=run.pk).current_step == "register"
    good = import_register_file(partner["manager"], run, register(tmp_path, 20))
    assert good.status == StepStatus.DONE and good.error == "" and good.report["created"] == 20
    assert Firm.objects.filter(city=run.city).count() == 20
    # Done steps are not redone: another file changes nothing.
    again = import_register_file(partner["manager"], run, register(tmp_path, 30))
    assert again.status == StepStatus.DONE and again.report["created"] == 20
    assert Firm.objects.filter(city=run.city).count() == 20


def test_an_interrupted_step_is_run_again(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    OnboardingStep.objects.filter(onboarding=run, key="extract").update(status=StepStatus.RUNNING)  # process died
    done = import_extract(partner["manager"], run, HELSINKI)
    assert done.status == StepStatus.DONE and done.report["sites"] > 0


def test_it_skips_only_the_optional_register(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    import_extract(partner["manager"], run, HELSINKI)
    with pytest.raises(DomainError):
        skip_step(partner["manager"], run, "method")
    assert skip_step(partner["manager"], run, "register").status == StepStatus.SKIPPED
    assert run.__class__.objects.get(pk=run.pk).current_step == "method"


def test_it_copies_the_method_with_adjusted_weights_leaving_out_criteria_without_values(
        partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    import_extract(partner["manager"], run, HELSINKI)
    skip_step(partner["manager"], run, "register")
    done = adopt_method(partner["manager"], run, partner_method("klaipeda"), {"centre": "0.5"})
    assert done.status == StepStatus.DONE, done.error
    method = Method.objects.get(pk=done.report["method_id"])
    assert method.city == run.city and method.version == 1 and method.name == partner["method"].name
    weights = {c.code: str(c.weight) for c in method.criteria.all()}
    # OSM sites have no gross floor area: that criterion is left out and said why.
    assert weights == {"centre": "0.50000", "stops": "0.20000", "public": "0.20000"}
    assert done.report["left_out"] == [{"code": "area", "label": "Gross floor area", "reason": "no_values"}]
    assert done.report["parameters"]["from_city"] == "Klaipėda"
    # The partner's method is untouched.
    assert {c.code: str(c.weight) for c in partner["method"].criteria.all()}["centre"] == "0.30000"


def test_a_copy_is_a_new_version_and_never_overwrites(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    import_extract(partner["manager"], run, HELSINKI)
    first = copy_method(partner["manager"], partner["method"].pk, run.city, {"centre": "0.1"})
    second = copy_method(partner["manager"], partner["method"].pk, run.city, {"centre": "0.9"})
    versions = Method.objects.filter(city=run.city, name=partner["method"].name).order_by("version")
    assert [m.version for m in versions] == [1, 2] and first["method_id"] != second["method_id"]
    assert str(versions[0].criteria.get(code="centre").weight) == "0.10000"


def test_bad_weights_fail_the_step_without_a_method(partner: dict[str, Any]) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    import_extract(partner["manager"], run, HELSINKI)
    skip_step(partner["manager"], run, "register")
    for weights in ({"centre": "-1"}, {"centre": "lots"}, {"nope": "1"}):
        failed = adopt_method(partner["manager"], run, partner_method("klaipeda"), weights)
        assert failed.status == StepStatus.FAILED and failed.error
    assert not Method.objects.filter(city=run.city).exists()
    assert adopt_method(partner["manager"], run, partner_method("klaipeda")).status == StepStatus.DONE


def test_it_ranks_and_publishes_for_visitors(partner: dict[str, Any], client: Any, tmp_path: Path) -> None:
    run = start_onboarding(partner["manager"], **FACTS)
    steps = continue_onboarding(partner["manager"], run, extract=HELSINKI, register=register(tmp_path, 40),
                                source=partner_method("klaipeda"), publish=3)
    assert [s.status for s in steps] == [StepStatus.DONE] * 5, [s.error for s in steps]
    ranking = step(run, "ranking").report
    assert ranking["sites"] == Site.objects.filter(city=run.city).count()
    published = step(run, "publish").report
    assert published["public_sites"] == 3 == Site.objects.filter(city=run.city, is_published=True).count()
    page = client.get(f"/spaces/public/{run.city.slug}/")
    assert page.status_code == 200
    for name in published["sites"]:
        assert name in page.content.decode()
    assert client.get(f"/spaces/runs/{ranking['run_id']}/").status_code == 200
    # A second pass changes nothing: done steps are not redone.
    assert continue_onboarding(partner["manager"], run, extract=HELSINKI, source=partner_method("klaipeda")) == []
    assert publish_city(partner["manager"], run).report == published


def test_it_asks_for_a_partner_city_that_has_a_method(partner: dict[str, Any]) -> None:
    with pytest.raises(DomainError):
        partner_method("tartu")
    with pytest.raises(DomainError):
        partner_method("nowhere")
