"""Import a city's business register (CSV or XLSX) into the atlas: all rows or none, every bad row reported.

A file is read through a column mapping (a source's layout: which column holds the registry id, the name,
the activity code ...). National registers such as Lithuania's JAR and Estonia's äriregister carry no
activity code: their codes come from a second file keyed by registry id (as statistics offices publish
them), joined here; every firm left without a code is reported. Re-importing the same file changes
nothing: rows are matched on (city, registry id) and written only when a value differs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from creativepoles.analysis import nace
from creativepoles.analysis.geo import geodesic_distance_m
from creativepoles.atlas.models import CodeStatus, Correspondence, Firm
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import ADD, require

__all__ = ["LAYOUTS", "ImportReport", "Layout", "import_register", "read_table"]

FIELDS = ("registry_id", "name", "nace", "nace_version", "employees", "turnover", "founded", "closed", "address",
          "latitude", "longitude", "legal_form", "sole_trader")
WRITTEN = ("name", "nace_raw", "nace_version", "nace", "group", "code_status", "employees", "turnover", "founded",
           "closed", "address", "latitude", "longitude", "sole_trader")
BATCH = 2000
PROGRESS_EVERY = 5000


@dataclass(frozen=True)
class Layout:
    """A source's columns: our field -> its column; the activity file's id and code columns; sole-trader forms."""

    key: str
    label: Any
    columns: dict[str, str]
    delimiter: str | None = None
    activity_id: str = "registry_id"
    activity_code: str = "nace"
    activity_version: str = nace.REV2
    sole_trader_forms: tuple[str, ...] = ()


LAYOUTS: dict[str, Layout] = {layout.key: layout for layout in (
    Layout("generic", gettext_lazy("Generic (our column names)"), {f: f for f in FIELDS}),
    # Registrų centras JAR open data (pipe-delimited); codes from Statistics Lithuania's legal-entity activity set.
    Layout("lt-jar", gettext_lazy("Lithuania: Registrų centras (JAR) with Statistics Lithuania's EVRK codes"),
           {"registry_id": "ja_kodas", "name": "ja_pavadinimas", "address": "adresas", "founded": "ja_reg_data",
            "legal_form": "form_pavadinimas"}, delimiter="|", activity_id="kodas", activity_code="veikla",
           sole_trader_forms=("individuali įmonė",)),
    # e-Business Register simple data (semicolon-delimited, dd.mm.yyyy); EMTAK codes from the general data.
    Layout("ee-ariregister", gettext_lazy("Estonia: e-äriregister simple data with EMTAK codes"),
           {"registry_id": "ariregistri_kood", "name": "nimi", "address": "ads_normaliseeritud_taisaadress",
            "founded": "ettevotja_esmakande_kpv", "legal_form": "ettevotja_oiguslik_vorm"}, delimiter=";",
           activity_id="ariregistri_kood", activity_code="emtak_kood",
           sole_trader_forms=("füüsilisest isikust ettevõtja",)),
)}


@dataclass
class ImportReport:
    """What an import did, or why it wrote nothing: bad rows as (line, field, reason)."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)
    without_code: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    groups: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "errors": [list(e) for e in self.errors[:500]], "error_count": len(self.errors),
                "without_code": self.without_code[:200], "without_code_count": len(self.without_code),
                "unmapped": self.unmapped[:200], "unmapped_count": len(self.unmapped), "groups": self.groups}


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1257"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(_("The file is neither UTF-8 nor Baltic Windows text."), "file")


def read_table(path: str | Path, delimiter: str | None = None) -> tuple[list[str], Iterator[list[str]], int]:
    """Header, rows (as text) and row count of a CSV (any common delimiter) or XLSX file."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        values = [["" if v is None else (v.isoformat()[:10] if isinstance(v, dt.date) else str(v)) for v in row]
                  for row in sheet.iter_rows(values_only=True)]
        if not values:
            raise DomainError(_("The file is empty."), "file")
        return [h.strip() for h in values[0]], iter(values[1:]), len(values) - 1
    text = _decode(path.read_bytes())
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;|\t").delimiter
        except csv.Error:
            delimiter = ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise DomainError(_("The file is empty."), "file")
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    return [h.strip() for h in rows[0]], iter(body), len(body)


def _date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    raise ValueError(_("not a date (YYYY-MM-DD or DD.MM.YYYY)"))


def _int(text: str) -> int | None:
    text = text.strip().replace(" ", "")
    if not text:
        return None
    value = int(float(text)) if text.replace(".", "", 1).isdigit() else int(text)
    if value < 0:
        raise ValueError(_("must not be negative"))
    return value


def _decimal(text: str) -> Decimal | None:
    text = text.strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(_("not a number")) from error
    if not value.is_finite():
        raise ValueError(_("not a number"))
    return value.quantize(Decimal("0.01"))


def _coordinate(text: str, limit: float) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    value = float(text)
    if not math.isfinite(value) or abs(value) > limit:
        raise ValueError(_("not a coordinate"))
    return value


def _activity_codes(path: str | Path, layout: Layout) -> dict[str, str]:
    """Registry id -> activity code from the second file (its first matching columns)."""
    header, rows, _count = read_table(path)
    lower = [h.lower() for h in header]
    try:
        id_col = lower.index(layout.activity_id.lower())
        code_col = lower.index(layout.activity_code.lower())
    except ValueError as error:
        raise DomainError(_("The activity file needs the columns %(id)s and %(code)s.")
                          % {"id": layout.activity_id, "code": layout.activity_code}, "activity_file") from error
    return {row[id_col].strip(): row[code_col].strip() for row in rows if len(row) > max(id_col, code_col)}


def _max_distance_m() -> float:
    return float(getattr(settings, "ATLAS_MAX_DISTANCE_KM", 40)) * 1000.0


def _parse(city: City, header: list[str], rows: Iterable[list[str]], layout: Layout, codes: dict[str, str] | None,
           correspondence: dict[str, str], report: ImportReport,
           progress: Callable[[int], None] | None) -> dict[str, dict[str, Any]]:
    """Rows as field values by registry id; bad rows go to the report."""
    index = {h.lower(): i for i, h in enumerate(header)}
    columns = {f: index.get(c.lower()) for f, c in layout.columns.items()}
    for required in ("registry_id", "name"):
        if columns.get(required) is None:
            raise DomainError(_("The file has no %(column)s column.") % {"column": layout.columns[required]}, "file")
    if codes is None and columns.get("nace") is None:
        raise DomainError(_("The file has no activity code column: add an activity-code file."), "activity_file")
    out: dict[str, dict[str, Any]] = {}
    located: list[tuple[int, float, float]] = []
    for number, row in enumerate(rows, start=2):
        report.rows += 1
        if progress and report.rows % PROGRESS_EVERY == 0:
            progress(report.rows)

        def cell(name: str, row: list[str] = row) -> str:
            col = columns.get(name)
            return row[col].strip() if col is not None and col < len(row) else ""

        registry_id, name = cell("registry_id"), cell("name")
        if not registry_id or not name:
            report.errors.append((number, "registry_id" if not registry_id else "name", _("required")))
            continue
        if registry_id in out:
            report.errors.append((number, "registry_id", _("repeats an earlier row of this file")))
            continue
        raw = codes.get(registry_id, "") if codes is not None else cell("nace")
        version = cell("nace_version") or layout.activity_version
        if version not in (nace.REV2, nace.REV21):
            report.errors.append((number, "nace_version", _("use 2 or 2.1")))
            continue
        classified = nace.classify(raw, version, correspondence)
        if classified.status == nace.MALFORMED:
            report.errors.append((number, "nace", _("%(code)s is not a NACE class") % {"code": raw}))
            continue
        values: dict[str, Any] = {"name": name[:300], "nace_raw": raw[:20], "nace_version": version,
                                  "nace": classified.nace, "group": classified.group,
                                  "code_status": {nace.OK: CodeStatus.OK, nace.UNMAPPED: CodeStatus.UNMAPPED,
                                                  nace.MISSING: CodeStatus.MISSING}[classified.status],
                                  "address": cell("address")[:300]}
        if classified.status == nace.MISSING:
            report.without_code.append(registry_id)
        elif classified.status == nace.UNMAPPED:
            report.unmapped.append(registry_id)
        bad = False
        for key, parse in (("employees", _int), ("turnover", _decimal), ("founded", _date), ("closed", _date),
                           ("latitude", lambda t: _coordinate(t, 90)), ("longitude", lambda t: _coordinate(t, 180))):
            try:
                values[key] = parse(cell(key))
            except ValueError as error:
                message = str(error) if str(error) and "invalid literal" not in str(error) else _("not a number")
                report.errors.append((number, key, message))
                bad = True
        if bad:
            continue
        if (values["latitude"] is None) != (values["longitude"] is None):
            report.errors.append((number, "latitude", _("give both coordinates or neither")))
            continue
        form = cell("legal_form").lower()
        values["sole_trader"] = any(f in form for f in layout.sole_trader_forms) or cell("sole_trader").lower() in (
            "1", "true", "yes", "y")
        if values["latitude"] is not None:
            located.append((number, values["longitude"], values["latitude"]))
        out[registry_id] = values
    if located:
        # One vectorised geodesic check for every located row: a point far from the city is a wrong city or swapped axes.
        lines = [n for n, _x, _y in located]
        dist = geodesic_distance_m([x for _n, x, _y in located], [y for _n, _x, y in located],
                                   [float(city.longitude)] * len(located), [float(city.latitude)] * len(located))
        limit = _max_distance_m()
        for line, distance in zip(lines, dist, strict=True):
            if distance > limit:
                report.errors.append((line, "latitude", _("%(km).0f km from the city centre: outside the city")
                                      % {"km": distance / 1000}))
    report.errors.sort()
    return out


def import_register(actor: Any, city: City, path: str | Path, layout: str = "generic",
                    activity_path: str | Path | None = None,
                    progress: Callable[[int, int], None] | None = None) -> ImportReport:
    """Import a register file into a city: all rows or none; rows matched on registry id are updated in place.

    `actor` None is the trusted system (the command line, the demo); everyone else needs the right to add firms.
    """
    if actor is not None:
        require(actor, ADD, Firm(city=city), _("You cannot import a register into this city."), "city")
    if layout not in LAYOUTS:
        raise DomainError(_("Unknown layout."), "layout")
    spec = LAYOUTS[layout]
    header, rows, total = read_table(path, spec.delimiter)
    codes = _activity_codes(activity_path, spec) if activity_path else None
    correspondence = dict(Correspondence.objects.values_list("rev21", "rev2"))
    report = ImportReport()
    step = (lambda done: progress(done, total)) if progress else None
    parsed = _parse(city, header, rows, spec, codes, correspondence, report, step)
    if not report.ok:
        return report
    with transaction.atomic():
        existing = {row["registry_id"]: row for row in
                    Firm.objects.filter(city=city).values("pk", "registry_id", *WRITTEN)}
        new: list[Firm] = []
        changed: list[Firm] = []
        for registry_id, values in parsed.items():
            old = existing.get(registry_id)
            if old is None:
                new.append(Firm(city=city, registry_id=registry_id, **values))
            elif any(old[k] != values[k] for k in WRITTEN):
                changed.append(Firm(pk=old["pk"], city=city, registry_id=registry_id, **values))
            else:
                report.unchanged += 1
        Firm.objects.bulk_create(new, batch_size=BATCH)
        if changed:
            Firm.objects.bulk_update(changed, list(WRITTEN), batch_size=BATCH)
        report.created, report.updated = len(new), len(changed)
        for values in parsed.values():
            if values["group"]:
                report.groups[values["group"]] = report.groups.get(values["group"], 0) + 1
        record_audit(actor, "import_register", city, {"file": Path(path).name, "created": report.created,
                                                      "updated": report.updated, "unchanged": report.unchanged})
    if progress:
        progress(total, total)
    return report
