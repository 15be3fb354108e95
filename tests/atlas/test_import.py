"""Register imports: all rows or none with every bad row reported, idempotent, national layouts joined with
activity codes, XLSX, and a 100,000-row file with progress."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from creativepoles.atlas.models import CodeStatus, Correspondence, Firm
from creativepoles.atlas.services.register import import_register
from creativepoles.core.errors import DomainError
from tests.atlas.conftest import GOOD, HEADER
from tests.atlas.data import shared

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple[Any, ...]]:
    return list(Firm.objects.order_by("pk").values_list("registry_id", "name", "nace", "group", "employees",
                                                        "updated_at"))


def test_it_imports_a_register_and_classifies_each_firm(world: dict[str, Any], write: Any) -> None:
    report = import_register(world["editor"], world["klaipeda"], write("r.csv", GOOD))
    assert report.ok and (report.created, report.updated, report.unchanged) == (5, 0, 0)
    firms = {f.registry_id: f for f in Firm.objects.all()}
    assert (firms["100"].nace, firms["100"].group) == ("62.01", "it")
    assert (firms["101"].nace, firms["101"].group) == ("74.10", "design")  # a national subclass cut to the class
    assert firms["102"].sole_trader and not firms["100"].sole_trader
    assert firms["103"].group == "" and firms["103"].latitude is None
    assert firms["104"].closed == dt.date(2019, 5, 1)
    assert str(firms["100"].turnover) == "150000.50"
    assert report.groups == {"it": 1, "design": 1, "music": 1, "publishing": 1}


def test_it_changes_nothing_when_the_same_file_comes_again(world: dict[str, Any], write: Any) -> None:
    path = write("r.csv", GOOD)
    import_register(world["editor"], world["klaipeda"], path)
    before = snapshot()
    report = import_register(world["editor"], world["klaipeda"], path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert snapshot() == before
    changed = GOOD.replace("Uosto Design,74101,3", "Uosto Design,74101,5")
    report = import_register(world["editor"], world["klaipeda"], write("r2.csv", changed))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    assert Firm.objects.get(registry_id="101").employees == 5
    assert Firm.objects.count() == 5


@pytest.mark.parametrize(("line", "field"), [
    ("105,Bad Code,ABCD,1,,,,,,,", "nace"),
    ("105,Far Away,62.01,1,,,,,54.6872,25.2797,", "latitude"),  # Vilnius, 280 km from Klaipėda
    ("105,Half Located,62.01,1,,,,,55.71,,", "latitude"),
    ("105,Bad Date,62.01,1,,31/02/2020,,,,,", "founded"),
    ("105,Bad Count,62.01,many,,,,,,,", "employees"),
    ("100,Repeated,62.01,1,,,,,,,", "registry_id"),
])
def test_it_writes_nothing_and_reports_the_row_when_one_is_bad(world: dict[str, Any], write: Any, line: str,
                                                               field: str) -> None:
    report = import_register(world["editor"], world["klaipeda"], write("bad.csv", GOOD + line + "\n"))
    assert not report.ok
    assert [(n, f) for n, f, _reason in report.errors] == [(7, field)]
    assert Firm.objects.count() == 0


def test_it_refuses_an_import_into_another_city(world: dict[str, Any], write: Any) -> None:
    with pytest.raises(DomainError):
        import_register(world["other"], world["klaipeda"], write("r.csv", GOOD))
    with pytest.raises(DomainError):
        import_register(world["outsider"], world["klaipeda"], write("r.csv", GOOD))
    assert Firm.objects.count() == 0


def test_it_reads_xlsx_with_real_dates(world: dict[str, Any], tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["200", "Sheet Studio", "71.11", 2, None, dt.datetime(2016, 5, 4), None, "", 55.71, 21.13, ""])
    path = tmp_path / "r.xlsx"
    book.save(path)
    report = import_register(world["editor"], world["klaipeda"], path)
    assert report.ok
    firm = Firm.objects.get()
    assert (firm.group, firm.founded, firm.employees) == ("architecture", dt.date(2016, 5, 4), 2)


def test_it_joins_lithuanian_activity_codes_and_reports_firms_without_one(world: dict[str, Any], write: Any) -> None:
    jar = shared("registers", "lt-jar", "JAR_IREGISTRUOTI.sample.psv").read_text(encoding="utf-8")
    lines = jar.splitlines()
    extra = "302849341|Individuali įmonė „Dizaino studija“|Klaipėda, Tiltų g. 1|2012-02-02|110|Individuali įmonė|0|x|2012-02-02|2026-05-27"
    path = write("jar.psv", "\n".join([*lines, extra]) + "\n")
    codes = write("evrk.csv", "kodas,veikla\n302849341,741000\n")
    report = import_register(world["editor"], world["klaipeda"], path, "lt-jar", codes)
    assert report.ok and report.created == 2
    assert report.without_code == ["110003978"]  # the real row: no activity code in the second file
    studio = Firm.objects.get(registry_id="302849341")
    assert (studio.nace, studio.group, studio.sole_trader) == ("74.10", "design", True)
    lietkompexim = Firm.objects.get(registry_id="110003978")
    assert lietkompexim.code_status == CodeStatus.MISSING and lietkompexim.founded == dt.date(1991, 4, 25)
    assert "Lietkompexim" in lietkompexim.name


def test_it_joins_estonian_activity_codes(world: dict[str, Any], write: Any) -> None:
    path = shared("registers", "ee-ariregister", "ettevotja_rekvisiidid__lihtandmed.sample.csv")
    codes = write("emtak.csv", "ariregistri_kood;emtak_kood\n12652512;68201\n")
    report = import_register(world["other"], world["tartu"], path, "ee-ariregister", codes)
    assert report.ok and report.without_code == []
    firm = Firm.objects.get()
    assert (firm.registry_id, firm.nace, firm.group, firm.founded) == ("12652512", "68.20", "", dt.date(2014, 4, 25))


def test_it_maps_rev21_codes_only_through_a_loaded_table(world: dict[str, Any], write: Any) -> None:
    header = "registry_id,name,nace,nace_version\n"
    report = import_register(world["editor"], world["klaipeda"], write("r.csv", header + "1,New Code,62.10,2.1\n"))
    assert report.unmapped == ["1"]
    assert Firm.objects.get().code_status == CodeStatus.UNMAPPED
    from creativepoles.atlas.services.data import load_correspondence

    assert load_correspondence(world["manager"], "NACE2.1_CODE,NACE2_CODE\n62.10,62.01\n") == 1
    firm = Firm.objects.get()
    assert (firm.nace, firm.group, firm.code_status) == ("62.01", "it", CodeStatus.OK)
    assert Correspondence.objects.count() == 1
    with pytest.raises(DomainError):
        load_correspondence(world["editor"], "NACE2.1_CODE,NACE2_CODE\n62.10,62.01\n")


def test_it_imports_a_hundred_thousand_rows_with_progress(world: dict[str, Any], write: Any) -> None:
    lines = [HEADER] + [f"{i},Firm {i},{'62.01' if i % 3 else '47.11'},{i % 20},,2010-01-01,,,"
                        f"{55.70 + (i % 100) / 10000:.4f},{21.10 + (i % 77) / 10000:.4f},\n" for i in range(100_000)]
    path = write("big.csv", "".join(lines))
    seen: list[tuple[int, int]] = []
    report = import_register(None, world["klaipeda"], path, progress=lambda done, total: seen.append((done, total)))
    assert report.ok and report.created == 100_000
    assert Firm.objects.filter(city=world["klaipeda"]).count() == 100_000
    assert len(seen) >= 20 and seen[-1] == (100_000, 100_000)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert import_register(None, world["klaipeda"], path).unchanged == 100_000


def test_the_command_prints_the_bad_rows_and_refuses(world: dict[str, Any], write: Any) -> None:
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import-register", str(write("bad.csv", GOOD + "105,Bad,ABCD,1,,,,,,,\n")), city="klaipeda",
                     stdout=out, stderr=StringIO())
    assert "line 7, nace" in out.getvalue()
    call_command("import-register", str(write("ok.csv", GOOD)), city="klaipeda", stdout=out, stderr=StringIO())
    assert "5 created" in out.getvalue()
