"""Writes of the atlas's reference data and single firms: correspondence tables, denominators, manual edits."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.analysis import nace
from creativepoles.atlas.models import CodeStatus, Correspondence, Denominator, Firm
from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import ADD, CHANGE, can, require

__all__ = ["import_denominators", "load_correspondence", "save_denominator", "update_firm"]

DENOMINATOR_FIELDS = ("firms", "employment", "population", "source", "approximate")
FIRM_FIELDS = ("name", "nace_raw", "nace_version", "nace", "group", "code_status", "employees", "turnover", "founded",
               "closed", "address", "latitude", "longitude", "sole_trader")


def _clean(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(" ".join(messages), None if field == "__all__" else field) from error


@transaction.atomic
def load_correspondence(actor: Any, text: str, source: str = "") -> int:
    """Replace the NACE Rev. 2.1 → Rev. 2 table and reclassify the firms that carry Rev. 2.1 codes."""
    require(actor, ADD, Correspondence(), _("Only the network's managers load correspondence tables."))
    try:
        table = nace.read_correspondence(text)
    except nace.NaceError as error:
        raise DomainError(_("The correspondence file cannot be read: %(error)s") % {"error": error}, "file") from error
    Correspondence.objects.all().delete()
    Correspondence.objects.bulk_create([Correspondence(rev21=k, rev2=v, source=source[:200]) for k, v in table.items()])
    changed = []
    for firm in Firm.objects.filter(nace_version=nace.REV21).only("pk", "nace_raw", "nace", "group", "code_status"):
        result = nace.classify(firm.nace_raw, nace.REV21, table)
        status = CodeStatus.OK if result.status == nace.OK else CodeStatus.UNMAPPED
        if (firm.nace, firm.group, firm.code_status) != (result.nace, result.group, status):
            firm.nace, firm.group, firm.code_status = result.nace, result.group, status
            changed.append(firm)
    Firm.objects.bulk_update(changed, ["nace", "group", "code_status"], batch_size=2000)
    first = Correspondence.objects.order_by("pk").first()
    if first is not None:
        record_audit(actor, "load_correspondence", first, {"links": len(table), "reclassified": len(changed)})
    return len(table)


@transaction.atomic
def save_denominator(actor: Any, city: City, year: int, **values: Any) -> Denominator:
    """Enter or correct a city's totals for a year."""
    row = Denominator.objects.filter(city=city, year=year).first() or Denominator(city=city, year=year)
    require(actor, CHANGE if row.pk else ADD, row, _("You cannot enter totals for this city."), "city")
    changes = apply_changes(row, values, DENOMINATOR_FIELDS)
    _clean(row)
    row.save()
    record_audit(actor, "save_denominator", row, changes)
    return row


@transaction.atomic
def update_firm(actor: Any, firm: Firm, **values: Any) -> Firm:
    """Correct one firm by hand; its code is classified again."""
    require(actor, CHANGE, firm, _("You cannot edit this firm."))
    if "nace_raw" in values or "nace_version" in values:
        raw = values.get("nace_raw", firm.nace_raw)
        version = values.get("nace_version", firm.nace_version)
        table = dict(Correspondence.objects.values_list("rev21", "rev2"))
        result = nace.classify(raw, version, table)
        if result.status == nace.MALFORMED:
            raise DomainError(_("%(code)s is not a NACE class") % {"code": raw}, "nace_raw")
        values.update(nace=result.nace, group=result.group,
                      code_status={nace.OK: CodeStatus.OK, nace.UNMAPPED: CodeStatus.UNMAPPED,
                                   nace.MISSING: CodeStatus.MISSING}[result.status])
    changes = apply_changes(firm, values, FIRM_FIELDS)
    _clean(firm)
    firm.save()
    record_audit(actor, "update_firm", firm, changes)
    return firm


@transaction.atomic
def import_denominators(actor: Any, rows: list[dict[str, str]]) -> tuple[int, list[tuple[int, str, str]]]:
    """Enter many cities' totals at once (city slug, year, firms, employment, population, source, approximate).

    All rows or none: returns (rows written, []) or (0, [(line, field, reason), ...]) and writes nothing.
    `actor` None is the trusted system (the command line).
    """
    cities = {c.slug: c for c in City.objects.all()}
    errors: list[tuple[int, str, str]] = []
    clean: list[tuple[City, int, dict[str, Any]]] = []
    for line, row in enumerate(rows, start=2):
        city = cities.get((row.get("city") or "").strip())
        if city is None:
            errors.append((line, "city", _("unknown city")))
            continue
        values: dict[str, Any] = {}
        for field in ("year", "firms", "employment", "population"):
            text = (row.get(field) or "").strip()
            if not text.isdigit():
                errors.append((line, field, _("a whole number is required")))
                break
            values[field] = int(text)
        else:
            values["source"] = (row.get("source") or "").strip()[:300]
            values["approximate"] = (row.get("approximate") or "").strip().lower() in ("1", "true", "yes", "y")
            if actor is not None and not can(actor, ADD, Denominator(city=city)):
                errors.append((line, "city", _("You cannot enter totals for this city.")))
                continue
            clean.append((city, values.pop("year"), values))
    if errors:
        transaction.set_rollback(True)
        return 0, errors
    for city, year, values in clean:
        row_obj = Denominator.objects.filter(city=city, year=year).first() or Denominator(city=city, year=year)
        changes = apply_changes(row_obj, values, DENOMINATOR_FIELDS)
        if changes or not row_obj.pk:
            _clean(row_obj)
            row_obj.save()
            record_audit(actor, "save_denominator", row_obj, changes)
    return len(clean), []
