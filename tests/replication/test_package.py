"""The method package: manifest, never overwriting, each part's report line, hostile files, rights, commands."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import AuditEntry, City
from creativepoles.learning.models import Course, CourseModule, Lesson, PackageModule, TrainingPackage
from creativepoles.replication.package import export_package, import_package
from creativepoles.replication.package.archive import MAX_MEMBER
from creativepoles.replication.package.manifest import ManifestError, read_manifest, safe_member
from creativepoles.spaces.models import Method, PreInvestmentParameters
from creativepoles.spaces.services.assessment import create_method
from creativepoles.spaces.services.preinvestment import update_parameters

pytestmark = pytest.mark.django_db

CRITERIA = [
    {"code": "area", "source_field": "gross_floor_area_m2", "weight": "0.6"},
    {"code": "rent", "source_field": "asking_rent_m2_month", "weight": "0.4", "benefit": False},
]


@pytest.fixture
def source(world: dict[str, Any]) -> dict[str, Any]:
    """Klaipėda with an AHP method, a direct method, its parameters, a published package and course."""
    manager, k = world["manager"], world["klaipeda"]
    ahp = create_method(manager, k, "Reuse potential", CRITERIA + [
        {"code": "stops", "source_field": "stops_within"}], pairwise=[[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]],
        normalisation="vector", aggregation="topsis", description="Three criteria", perspective="reuse")
    direct = create_method(manager, k, "Quick look", CRITERIA)
    update_parameters(manager, k, market_rent_m2_month="9.50", occupancy_pct="75", unit_costs={"good": "300"})
    package = TrainingPackage.objects.create(organisation=world["k_org"], title="Start-up coaching",
                                             target_group="Founders", learning_outcomes="A plan",
                                             duration_hours=Decimal("12.0"), status="published")
    package.family = package
    package.save()
    PackageModule.objects.create(package=package, order=1, title="Idea", hours=Decimal("4.0"))
    course = Course.objects.create(slug="ucp", title="Creative entrepreneurship", is_published=True)
    module = CourseModule.objects.create(course=course, order=1, title="Basics")
    Lesson.objects.create(module=module, order=1, title="Welcome", body="Hello **all**.")
    return {"ahp": ahp, "direct": direct, "data": export_package(manager, k)}


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def zipped(files: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_it_writes_a_manifest_with_format_instance_date_and_each_parts_schema_and_count(
        source: dict[str, Any]) -> None:
    files = members(source["data"])
    manifest = json.loads(files["manifest.json"])
    assert manifest["format_version"] == 1 and manifest["instance"] == "Lead university"
    assert manifest["source_city"] == "Klaipėda"
    parts = manifest["parts"]
    assert {name: part["count"] for name, part in parts.items()} == {
        "methods": 2, "parameters": 1, "classification": 9, "templates": 4, "training_packages": 1, "course": 1}
    assert all(part["schema_version"] == 1 for part in parts.values())
    assert parts["course"]["files"] == ["course/ucp.imscc"] and "course/ucp.imscc" in files
    assert read_manifest(manifest).parts["methods"].files == ("methods.json",)
    methods = json.loads(files["methods.json"])
    ahp = next(m for m in methods if m["name"] == "Reuse potential")
    assert ahp["pairwise"][0] == [1, 3, 5] and ahp["aggregation"] == "topsis" and ahp["weight_source"] == "ahp"


def test_the_manifest_check_names_what_is_wrong(source: dict[str, Any]) -> None:
    good = json.loads(members(source["data"])["manifest.json"])
    cases = {
        "not a Creative Poles method package": {**good, "format": "zip"},
        "format version 9": {**good, "format_version": 9},
        "created_at": {**good, "created_at": "yesterday"},
        "parts this instance does not know": {**good, "parts": {**good["parts"], "spells": good["parts"]["methods"]}},
        "“Assessment methods” has schema version 2": {**good, "parts": {**good["parts"], "methods": {**good["parts"]["methods"],
                                                                            "schema_version": 2}}},
        "“Course” is malformed": {**good, "parts": {**good["parts"], "course": {**good["parts"]["course"],
                                                                                "files": ["../etc/passwd"]}}},
    }
    for message, manifest in cases.items():
        with pytest.raises(ManifestError, match=message):
            read_manifest(manifest)
    assert [safe_member(n) for n in ("a/b.json", "../x", "/abs", "a\\b", "c:/x", "a//b")] == [
        True, False, False, False, False, False]


def test_it_imports_everything_into_a_city_with_nothing_and_reports_each_part(
        source: dict[str, Any], world: dict[str, Any]) -> None:
    tartu = world["tartu"]
    report = import_package(world["manager"], source["data"], tartu)
    copy = Method.objects.get(city=tartu, name="Reuse potential")
    original = source["ahp"]
    assert copy.version == 1 and copy.pairwise == original.pairwise and copy.weight_source == "ahp"
    assert (copy.normalisation, copy.aggregation, copy.description) == ("vector", "topsis", "Three criteria")
    assert [(c.code, c.source_field, c.benefit, c.weight) for c in copy.criteria.all()] == [
        (c.code, c.source_field, c.benefit, c.weight) for c in original.criteria.all()]
    params = PreInvestmentParameters.objects.get(city=tartu)
    assert params.market_rent_m2_month == Decimal("9.50") and params.unit_costs["good"] == "300"
    assert TrainingPackage.objects.get(organisation=world["t_org"]).modules.get().title == "Idea"
    assert Course.objects.filter(title="Creative entrepreneurship").count() == 2
    assert {line.part for line in report.lines} == {"methods", "parameters", "classification", "templates",
                                                     "training_packages", "course"}
    assert [line.outcome for line in report.part("parameters")] == ["imported"]
    assert all(line.outcome == "kept" and "the same as this instance" in line.text
               for line in report.part("templates"))
    entry = AuditEntry.objects.get(verb="import_method_package")
    assert entry.city_id == tartu.pk and entry.changes["imported"] == report.imported


def test_a_name_clash_makes_the_next_version_and_leaves_the_old_one_unchanged(
        source: dict[str, Any], world: dict[str, Any]) -> None:
    k = world["klaipeda"]
    before = {m.pk: (m.version, [(c.code, c.weight) for c in m.criteria.all()], m.description)
              for m in Method.objects.filter(city=k)}
    params = PreInvestmentParameters.objects.get(city=k)
    update_parameters(world["manager"], k, occupancy_pct="60")
    report = import_package(world["manager"], source["data"], k)
    assert {m.pk: (m.version, [(c.code, c.weight) for c in m.criteria.all()], m.description)
            for m in Method.objects.filter(city=k, pk__in=before)} == before
    assert Method.objects.get(city=k, name="Reuse potential", version=2).criteria.count() == 3
    assert Method.objects.get(city=k, name="Quick look", version=2)
    assert any("imported as version 2" in line.text and "kept unchanged" in line.text
               for line in report.part("methods"))
    params.refresh_from_db()
    assert params.occupancy_pct == Decimal("60")  # the city's own parameters are kept
    assert [line.outcome for line in report.part("parameters")] == ["kept"]
    versions = TrainingPackage.objects.filter(title="Start-up coaching").order_by("version")
    assert [(p.version, p.status) for p in versions] == [(1, "published"), (2, "draft")]
    assert "imported as draft version 2" in report.part("training_packages")[0].text


def _tampered(data: bytes, name: str, content: bytes | str) -> bytes:
    files: dict[str, bytes | str] = dict(members(data))
    files[name] = content
    return zipped(files)


def hostile_packages(good: bytes) -> dict[str, bytes]:
    manifest = json.loads(members(good)["manifest.json"])
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("methods.json", b"0" * (MAX_MEMBER + 1))
    traversal = dict(members(good))
    return {
        "not a zip archive": b"PK\x03\x04 but not really",
        "no manifest.json": zipped({"methods.json": "[]"}),
        "not valid JSON": _tampered(good, "manifest.json", "{not json"),
        "format version 2": _tampered(good, "manifest.json", json.dumps({**manifest, "format_version": 2})),
        "methods.json in the package is not valid JSON": _tampered(good, "methods.json", "[{"),
        "too large": bomb.getvalue(),
        "outside its folder": zipped({**traversal, "../evil.json": "{}"}),
        "holds 5 records but its manifest says 2": _tampered(good, "methods.json", json.dumps(
            json.loads(members(good)["methods.json"]) * 2 + [json.loads(members(good)["methods.json"])[0]])),
        "Unknown source": _tampered(good, "methods.json", json.dumps([
            {**m, "criteria": [{**c, "source_field": "magic"} for c in m["criteria"]]}
            for m in json.loads(members(good)["methods.json"])])),
        "lacks the file": zipped({k: v for k, v in members(good).items() if k != "course/ucp.imscc"}),
        "course cannot be read": _tampered(good, "course/ucp.imscc", b"not a cartridge"),
    }


def test_hostile_or_malformed_packages_are_refused_and_write_nothing(
        source: dict[str, Any], world: dict[str, Any]) -> None:
    before = row_counts()
    for message, data in hostile_packages(source["data"]).items():
        with pytest.raises(DomainError, match=message) as caught:
            import_package(world["manager"], data, world["tartu"])
        assert caught.value.field == "file", message
        assert row_counts() == before, message


def test_only_the_networks_programme_managers_exchange_packages(
        source: dict[str, Any], world: dict[str, Any]) -> None:
    before = row_counts()
    for user in (world["editor"], world["outsider"]):
        with pytest.raises(NotInScope):
            export_package(user, world["klaipeda"])
        with pytest.raises(NotInScope):
            import_package(user, source["data"], world["klaipeda"])
    assert row_counts() == before


def test_the_commands_export_and_import_with_a_report(
        source: dict[str, Any], world: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "methods.zip"
    email = world["manager"].email
    call_command("export-methods", "klaipeda", str(out), "--as", email, stdout=StringIO())
    assert json.loads(members(out.read_bytes())["manifest.json"])["source_city"] == "Klaipėda"
    text = StringIO()
    call_command("import-methods", str(out), "--city", "tartu", "--as", email, stdout=text)
    assert "+ [methods] Method “Quick look” from Klaipėda imported as version 1." in text.getvalue()
    assert Method.objects.filter(city__slug="tartu").count() == 2
    with pytest.raises(CommandError, match="not one of the network's programme managers"):
        call_command("import-methods", str(out), "--city", "tartu", "--as", world["editor"].email)
    with pytest.raises(CommandError, match="No city atlantis"):
        call_command("import-methods", str(out), "--city", "atlantis", "--as", email)
    with pytest.raises(CommandError, match="not a zip archive"):
        bad = tmp_path / "bad.zip"
        bad.write_bytes(b"nope")
        call_command("import-methods", str(bad), "--city", "tartu", "--as", email)
    assert City.objects.filter(slug="atlantis").count() == 0
