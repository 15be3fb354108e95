"""Expenditure import from CSV or XLSX: every bad row reported, and nothing written unless all rows pass."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.programme.models import CostCategory, Expenditure, Partner, Period
from creativepoles.programme.models.project import CURRENCIES
from creativepoles.programme.services.spending import add_expenditure, require_partner_editor

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
FILE_LINE = 0  # errors about the file as a whole, not one of its lines
REQUIRED = ("period", "date", "category", "description", "amount", "currency")
OPTIONAL = ("supplier", "invoice_number")
ALIASES = {"invoice": "invoice_number", "invoice_no": "invoice_number", "cost_category": "category"}
PLAIN_AMOUNT = re.compile(r"-?\d+(\.\d+)?")
GROUPED_AMOUNT = re.compile(r"-?\d{1,3}(,\d{3})+\.\d+")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FORMULA_ESCAPED = re.compile(r"'[=+\-@\t\r]")


@dataclass(frozen=True)
class RowError:
    """One problem of an import: the 1-based file line (the header is line 1; 0 is the whole file)."""

    line: int
    field: str
    message: str


@dataclass(frozen=True)
class ImportResult:
    """What a successful import wrote."""

    created: int


class ImportFailed(Exception):
    """An import refused as a whole; `errors` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(f"{e.line}:{e.field}: {e.message}" for e in errors))
        self.errors = errors


class CellError(ValueError):
    """A cell value that cannot be used; the message is shown to the user."""


def _header_key(name: Any) -> str:
    """A header cell as a column key: case, spaces and hyphens do not matter."""
    key = re.sub(r"[\s\-]+", "_", str(name or "").strip().lower())
    return ALIASES.get(key, key)


def _text(value: Any) -> str:
    """A cell as stripped text; an apostrophe our exports put before a formula character is removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text[1:] if FORMULA_ESCAPED.match(text) else text


def _period(value: Any) -> int:
    """A period number: a whole number from 1."""
    if isinstance(value, bool):
        raise CellError(_("Enter the period number, e.g. 2."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value)
    if not text.isdigit() or int(text) < 1:
        raise CellError(_("Enter the period number, e.g. 2."))
    return int(text)


def _date(value: Any) -> dt.date:
    """A date as YYYY-MM-DD text or a spreadsheet date without a time."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise CellError(_("Enter a date without a time."))
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not ISO_DATE.fullmatch(text):
        raise CellError(_("Enter the date as YYYY-MM-DD."))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CellError(_("This date does not exist.")) from None


def _category_names() -> dict[str, str]:
    """Category values and labels (English and the active language), lower-cased, to their value."""
    names = {c.value.lower(): c.value for c in CostCategory}
    names.update({str(c.label).lower(): c.value for c in CostCategory})
    with translation.override("en"):
        names.update({str(c.label).lower(): c.value for c in CostCategory})
    return names


def _category(value: Any, names: dict[str, str]) -> str:
    """A cost category given by its value (staff) or its label (Staff)."""
    found = names.get(_text(value).lower())
    if found is None:
        raise CellError(_("Unknown cost category; use one of: %(values)s.")
                        % {"values": ", ".join(CostCategory.values)})
    return found


def _amount(value: Any) -> Decimal:
    """A positive amount with at most two decimals; a comma is only accepted as a thousands separator."""
    if isinstance(value, bool):
        raise CellError(_("Enter an amount such as 1234.56."))
    if isinstance(value, int | float | Decimal):
        text = str(value)  # str() of a float is its shortest exact form, so 0.1 stays 0.1
    else:
        text = _text(value)
        if GROUPED_AMOUNT.fullmatch(text):
            text = text.replace(",", "")
        elif "," in text:
            raise CellError(_("Use a dot for decimals; commas only separate thousands, e.g. 1,234.56."))
        elif not PLAIN_AMOUNT.fullmatch(text):
            raise CellError(_("Enter an amount such as 1234.56."))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Enter an amount such as 1234.56.")) from None
    if not amount.is_finite() or amount <= 0:
        raise CellError(_("The amount must be more than zero."))
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(_("Use at most two decimals."))
    if amount >= Decimal("1e12"):
        raise CellError(_("The amount is too large."))
    return amount.quantize(Decimal("0.01"))


def _currency(value: Any) -> str:
    """A currency code the programme knows."""
    code = _text(value).upper()
    if code not in dict(CURRENCIES):
        raise CellError(_("Use one of the currencies: %(codes)s.") % {"codes": ", ".join(dict(CURRENCIES))})
    return code


def _limited(value: Any, field: str, required: bool) -> str:
    """Text within the model field's length; required text may not be empty."""
    text = _text(value)
    if required and not text:
        raise CellError(_("This value is required."))
    limit = getattr(Expenditure._meta.get_field(field), "max_length", None)
    if limit and len(text) > limit:
        raise CellError(_("At most %(limit)s characters.") % {"limit": limit})
    return text


def _read_csv(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    """Records of a UTF-8 CSV (BOM optional) with the line each starts on; ';' or ',' sniffed from the header."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CellError(_("The CSV file is not UTF-8 text; save it as CSV UTF-8.")) from None
    if "\x00" in text:
        raise CellError(_("This is not a CSV text file."))
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise CellError(_("The CSV file cannot be read near line %(line)s: %(reason)s")
                            % {"line": start, "reason": error}) from None
        yield start, record


def _has_dtd(content: bytes) -> bool:
    """Whether any XML part of the workbook declares a DTD (spreadsheet programs never write one)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
                continue
            with archive.open(info) as member:
                tail = b""
                # Streamed with an overlap so a declaration split across chunks is still seen, and bounded in
                # memory whatever the part decompresses to.
                while chunk := member.read(64 * 1024):
                    window = (tail + chunk).lower()
                    if b"<!doctype" in window or b"<!entity" in window:
                        return True
                    tail = window[-16:]
    return False


def _read_xlsx(content: bytes) -> Iterator[tuple[int, list[Any]]]:
    """Rows of the first sheet with their row numbers; formulas give their saved values."""
    if not content.startswith(b"PK\x03\x04"):
        raise CellError(_("This file is not an Excel workbook (.xlsx); save it as .xlsx or CSV."))
    try:
        if _has_dtd(content):
            raise CellError(_("The workbook contains XML document type declarations, which are not accepted; "
                              "save it again from your spreadsheet program."))
        # Parsed through defusedxml (openpyxl uses it when installed), so entities are never expanded even if
        # a declaration slipped past the check above.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except CellError:
        raise
    except Exception:  # noqa: BLE001 - zip, XML (ParseError, DefusedXmlException) and openpyxl errors alike
        raise CellError(_("This file is not a readable Excel workbook (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    except CellError:
        raise
    except Exception:  # noqa: BLE001 - a damaged sheet fails in many ways inside openpyxl and its XML parser
        raise CellError(_("This file is not a readable Excel workbook (.xlsx).")) from None
    finally:
        workbook.close()


def _records(uploaded_name: str, content: bytes) -> Iterator[tuple[int, list[Any]]]:
    """The file's records by extension, after checking that the content matches it."""
    name = uploaded_name.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    if name.endswith(".csv"):
        if content.startswith(b"PK\x03\x04"):
            raise CellError(_("This file is a workbook, not CSV text; name it .xlsx or save it as CSV."))
        return _read_csv(content)
    raise CellError(_("Upload a .csv or .xlsx file."))


def _columns(header: list[Any]) -> tuple[dict[str, int], list[RowError]]:
    """Column positions by key; missing or repeated columns are errors on line 1."""
    positions: dict[str, int] = {}
    errors = []
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if key in REQUIRED or key in OPTIONAL:
            if key in positions:
                errors.append(RowError(1, key, _("The column appears twice.")))
            positions[key] = index
    missing = [key for key in REQUIRED if key not in positions]
    if missing:
        errors.append(RowError(1, "header", _("Missing columns: %(columns)s. Expected: %(expected)s.")
                               % {"columns": ", ".join(missing), "expected": ", ".join(REQUIRED + OPTIONAL)}))
    return positions, errors


def _clean_row(line: int, record: list[Any], positions: dict[str, int],
               names: dict[str, str]) -> tuple[dict[str, Any], list[RowError]]:
    """One record as typed values, with an error per bad cell."""
    parsers: dict[str, Any] = {
        "period": _period, "date": _date, "category": lambda v: _category(v, names), "amount": _amount,
        "currency": _currency, "description": lambda v: _limited(v, "description", True),
        "supplier": lambda v: _limited(v, "supplier", False),
        "invoice_number": lambda v: _limited(v, "invoice_number", False),
    }
    row: dict[str, Any] = {"line": line}
    errors = []
    # Errors come in the file's column order, as the user reads the row.
    for key in sorted(parsers, key=lambda k: positions.get(k, len(parsers) + len(record))):
        parse = parsers[key]
        if key not in positions:
            row[key] = ""
            continue
        value = record[positions[key]] if positions[key] < len(record) else None
        if key in REQUIRED and _text(value) == "":
            errors.append(RowError(line, key, _("This value is required.")))
            continue
        try:
            row[key] = parse(value)
        except CellError as error:
            errors.append(RowError(line, key, str(error)))
    return row, errors


def parse_expenditure_file(uploaded_name: str, content: bytes) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Read and check every row of an upload: the typed rows (each with its file line) only when no error."""
    if len(content) > MAX_BYTES:
        return [], [RowError(FILE_LINE, "file", _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20})]
    if not content.strip():
        return [], [RowError(FILE_LINE, "file", _("The file is empty."))]
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    names = _category_names()
    positions: dict[str, int] = {}
    try:
        records = _records(uploaded_name, content)
        header = None
        for line, record in records:
            if all(_text(v) == "" for v in record):
                continue  # blank lines (and trailing empty spreadsheet rows) carry nothing
            if header is None:
                if line != 1:
                    return [], [RowError(1, "file", _("The first line must be the header."))]
                header = record
                positions, header_errors = _columns(record)
                if header_errors:
                    return [], header_errors
                continue
            if len(rows) >= MAX_ROWS:
                return [], [RowError(line, "file", _("The file has more than %(max)s rows; split it.")
                                     % {"max": MAX_ROWS})]
            row, row_errors = _clean_row(line, record, positions, names)
            rows.append(row)
            errors.extend(row_errors)
    except CellError as error:
        return [], [RowError(FILE_LINE, "file", str(error))]
    if header is None or not rows:
        return [], [RowError(FILE_LINE, "file", _("The file has no expenditure rows."))]
    return ([] if errors else rows), errors


def _validation_errors(line: int, error: ValidationError) -> list[RowError]:
    """A model validation error as one row error per message."""
    if not hasattr(error, "error_dict"):
        return [RowError(line, "", message) for message in error.messages]
    return [RowError(line, "" if field == NON_FIELD_ERRORS else field, message)
            for field, messages in error.message_dict.items() for message in messages]


def import_expenditures(actor: Any, partner: Partner, uploaded_name: str, content: bytes) -> ImportResult:
    """Add every row of an upload as an expenditure item of the partner, or none of them."""
    try:
        require_partner_editor(actor, partner)
    except NotInScope as error:
        raise ImportFailed([RowError(FILE_LINE, error.field or "partner", error.message)]) from None
    rows, errors = parse_expenditure_file(uploaded_name, content)
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        periods = {p.number: p for p in Period.objects.filter(project_id=partner.project_id)}
        for row in rows:
            data = dict(row)
            line = data.pop("line")
            period = periods.get(data["period"])
            if period is None:
                errors.append(RowError(line, "period", _("The project has no period %(n)s.") % {"n": data["period"]}))
                continue
            data["period"] = period
            try:
                add_expenditure(actor, partner, **data)  # atomic itself: a refused row rolls back to its savepoint
            except NotInScope as error:
                raise ImportFailed([RowError(line, error.field or "partner", error.message)]) from None
            except DomainError as error:
                errors.append(RowError(line, error.field or "", error.message))
            except ValidationError as error:
                errors.extend(_validation_errors(line, error))
        if errors:
            # Raised inside the atomic block, so the rows already added are rolled back with it.
            raise ImportFailed(errors)
    return ImportResult(created=len(rows))
