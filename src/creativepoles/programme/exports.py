"""Programme exports: the expenditure list and report snapshots as XLSX and PDF (typst), on core.exports."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import typst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from creativepoles.analysis.money import convert
from creativepoles.core.exports import SheetSpec, escape_typst, typst_table, xlsx_bytes
from creativepoles.core.formatting import format_amount, format_quantity
from creativepoles.core.formatting import to_decimal as _dec
from creativepoles.programme.models import CostCategory


def expenditures_rows(queryset: Any) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of an expenditure export; the English header can be imported back."""
    # "Amount (EUR)" is the counter-value at the fixed rate; the import ignores the column, so files go back in.
    header = [_("Partner"), _("Period"), _("Date"), _("Category"), _("Description"), _("Supplier"),
              _("Invoice number"), _("Amount"), _("Currency"), _("Amount (EUR)")]
    rows = [
        [str(item.partner), item.period.number, item.date, str(item.get_category_display()), item.description,
         item.supplier, item.invoice_number, item.amount, item.currency, convert(item.amount, item.currency, "EUR")]
        for item in queryset.select_related("partner__organisation", "period")
    ]
    return header, rows


def expenditure_totals(rows: list[list[Any]]) -> tuple[list[str], list[list[Any]]]:
    """Totals of exported rows per currency, each with its EUR counter-value, and the grand total in EUR."""
    by_currency: dict[str, tuple[Decimal, Decimal]] = {}
    for row in rows:
        amount, eur = by_currency.get(row[8], (Decimal("0.00"), Decimal("0.00")))
        by_currency[row[8]] = (amount + row[7], eur + row[9])
    totals: list[list[Any]] = [[_("Total"), currency, amount, eur]
                               for currency, (amount, eur) in sorted(by_currency.items())]
    totals.append([_("Total (EUR)"), "EUR", None, sum((eur for _a, eur in by_currency.values()), Decimal("0.00"))])
    return [_("Figure"), _("Currency"), _("Amount"), _("Amount (EUR)")], totals


def _quantity(value: Any) -> int | Decimal:
    """An indicator figure: whole numbers as int so they do not show as money."""
    number = _dec(value)
    return int(number) if number == number.to_integral_value() else number


def _date(value: Any) -> dt.date | str:
    """A snapshot date string as a date, or unchanged when it is not ISO."""
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)


def _category_label(value: str) -> str:
    """The label of a cost category value; unknown values (from older snapshots) as they are."""
    try:
        return str(CostCategory(value).label)
    except ValueError:
        return value


def _partner_sheets(snap: dict[str, Any]) -> list[SheetSpec]:
    """Summary, by category, items and indicators of a partner report."""
    period = snap["period"]
    summary = [
        [_("Project"), snap.get("title") or snap.get("project", "")],
        [_("Partner"), snap["partner"]],
        [_("City"), snap["city"]],
        [_("Period"), period["number"]],
        [_("Period start"), _date(period["start"])],
        [_("Period end"), _date(period["end"])],
        [_("Currency"), snap["currency"]],
        [_("Budget total"), _dec(snap["budget_total"])],
        [_("Spent total"), _dec(snap["spent_total"])],
        [_("Budget in the period"), _dec(snap["budget_period"])],
        [_("Spent in the period"), _dec(snap["spent_period"])],
        [_("Summary of progress"), snap.get("summary", "")],
    ]
    categories = [[c["label"], _dec(c["budget"]), _dec(c["spent"])] for c in snap["by_category"]]
    categories.append([_("Total"), sum((r[1] for r in categories), Decimal("0.00")),
                       sum((r[2] for r in categories), Decimal("0.00"))])
    currency = snap["currency"]
    items = [
        [_date(i["date"]), _category_label(i["category"]), i["description"], i.get("supplier", ""),
         i.get("invoice_number", ""), _dec(i["amount"]), i["currency"], _dec(i["amount_partner_currency"])]
        for i in snap["items"]
    ]
    items.append([_("Total"), "", "", "", "", None, "", _dec(snap.get("items_total"))])
    # Indicators by name: codes are internal keys and never shown to readers.
    indicators = [
        [i["name"], i["unit"], _quantity(i["target"]), _quantity(i["achieved_city"]), _quantity(i["achieved_total"])]
        for i in snap["indicators"]
    ]
    return [
        (_("Summary"), [_("Field"), _("Value")], summary),
        (_("By category"), [_("Category"), _("Budget (%(currency)s)") % {"currency": currency},
                            _("Spent (%(currency)s)") % {"currency": currency}], categories),
        (_("Items"), [_("Date"), _("Category"), _("Description"), _("Supplier"), _("Invoice number"), _("Amount"),
                      _("Currency"), _("Amount (%(currency)s)") % {"currency": currency}], items),
        (_("Indicators"), [_("Indicator"), _("Unit"), _("Target"), _("Achieved in the city"),
                           _("Achieved in total")], indicators),
    ]


def _project_sheets(snap: dict[str, Any]) -> list[SheetSpec]:
    """Summary, partners and indicators of a project report."""
    period, total = snap["period"], snap["total"]
    summary = [
        [_("Project"), snap.get("title") or snap["project"]],
        [_("Period"), period["number"]],
        [_("Period start"), _date(period["start"])],
        [_("Period end"), _date(period["end"])],
        [_("Total budget"), _dec(total["amount"])],
        [_("Currency"), total["currency"]],
        [_("Total budget (%(currency)s)") % {"currency": total["derived_currency"]}, _dec(total["derived"])],
        [_("Counter-value stated in the source"), _dec(total["stated"]) if total.get("stated") else None],
        [_("Summary of progress"), snap.get("summary", "")],
    ]
    partners = [
        [p["partner"], p["city"], p["currency"], _dec(p["budget"]), _dec(p["spent"]), _dec(p["budget_eur"]),
         _dec(p["spent_eur"]), _dec(p["certified"])]
        for p in snap["partners"]
    ]
    partners.append([_("Total"), "", "EUR", None, None, sum((r[5] for r in partners), Decimal("0.00")),
                     sum((r[6] for r in partners), Decimal("0.00")), None])
    indicators = [
        [i["name"], i["unit"], _quantity(i["target"]), _quantity(i["achieved"]), i.get("counted_by", "")]
        for i in snap["indicators"]
    ]
    return [
        (_("Summary"), [_("Field"), _("Value")], summary),
        (_("Partners"), [_("Partner"), _("City"), _("Currency"), _("Budget"), _("Spent"), _("Budget (EUR)"),
                         _("Spent (EUR)"), _("Certified")], partners),
        (_("Indicators"), [_("Indicator"), _("Unit"), _("Target"), _("Achieved"), _("Counted by")], indicators),
    ]


def report_xlsx(snapshot: dict[str, Any]) -> bytes:
    """A report snapshot (partner or project) as a workbook whose numbers equal the snapshot's."""
    if snapshot.get("kind") == "project":
        return xlsx_bytes(_project_sheets(snapshot))
    return xlsx_bytes(_partner_sheets(snapshot))


def _line(label: str, value: Any) -> str:
    """A bold label and its value on one line."""
    return f"*{escape_typst(label)}:* {escape_typst(value)} \\\n"


def _partner_typst(snap: dict[str, Any]) -> str:
    """Typst body of a partner report."""
    cur, period = snap["currency"], snap["period"]
    out = ["= " + escape_typst(_("Partner report")) + "\n\n",
           _line(_("Project"), snap.get("title") or snap.get("project", "")),
           _line(_("Partner"), snap["partner"]),
           _line(_("City"), snap["city"]),
           _line(_("Period"), "%s (%s – %s)" % (period["number"], period["start"], period["end"])),
           _line(_("Currency"), cur), "\n== " + escape_typst(_("Figures")) + "\n"]
    out.append(typst_table([_("Figure"), _("Amount")], [
        [_("Budget total"), format_amount(snap["budget_total"], cur)],
        [_("Spent total"), format_amount(snap["spent_total"], cur)],
        [_("Budget in the period"), format_amount(snap["budget_period"], cur)],
        [_("Spent in the period"), format_amount(snap["spent_period"], cur)],
    ], "(1fr, auto)", 1))
    out.append("\n== " + escape_typst(_("By cost category")) + "\n")
    rows = [[c["label"], format_amount(c["budget"]), format_amount(c["spent"])] for c in snap["by_category"]]
    rows.append([_("Total"), format_amount(sum((_dec(c["budget"]) for c in snap["by_category"]), Decimal(0))),
                 format_amount(sum((_dec(c["spent"]) for c in snap["by_category"]), Decimal(0)))])
    out.append(typst_table([_("Category"), _("Budget (%(currency)s)") % {"currency": cur},
                       _("Spent (%(currency)s)") % {"currency": cur}], rows, "(1fr, auto, auto)", 1))
    out.append("\n== " + escape_typst(_("Expenditure items")) + "\n")
    rows = [[i["date"], _category_label(i["category"]),
             " · ".join(x for x in (i["description"], i.get("supplier", ""), i.get("invoice_number", "")) if x),
             format_amount(i["amount"], i["currency"]), format_amount(i["amount_partner_currency"])]
            for i in snap["items"]]
    rows.append([_("Total"), "", "", "", format_amount(snap.get("items_total"))])
    out.append(typst_table([_("Date"), _("Category"), _("Description · supplier · invoice"), _("Amount"),
                       _("In %(currency)s") % {"currency": cur}], rows, "(auto, auto, 1fr, auto, auto)", 3))
    out.append("\n== " + escape_typst(_("Indicators")) + "\n")
    rows = [[i["name"], i["unit"], format_quantity(i["target"]), format_quantity(i["achieved_city"]),
             format_quantity(i["achieved_total"])] for i in snap["indicators"]]
    out.append(typst_table([_("Indicator"), _("Unit"), _("Target"), _("In the city"), _("In total")], rows,
                           "(1fr, auto, auto, auto, auto)", 2))
    return "".join(out)


def _project_typst(snap: dict[str, Any]) -> str:
    """Typst body of a project report."""
    period, total = snap["period"], snap["total"]
    counter = format_amount(total["derived"], total["derived_currency"])
    if total.get("stated"):
        counter += "; " + _("stated in the source: %(amount)s") % {
            "amount": format_amount(total["stated"], total["derived_currency"])}
    out = ["= " + escape_typst(_("Project report")) + "\n\n",
           _line(_("Project"), snap.get("title") or snap["project"]),
           _line(_("Period"), "%s (%s – %s)" % (period["number"], period["start"], period["end"])),
           _line(_("Total budget"), "%s (%s)" % (format_amount(total["amount"], total["currency"]), counter)),
           "\n== " + escape_typst(_("Partners")) + "\n"]
    rows = [[p["partner"], p["city"], format_amount(p["budget"], p["currency"]),
             format_amount(p["spent"], p["currency"]), format_amount(p["budget_eur"]), format_amount(p["spent_eur"]),
             format_amount(p["certified"], p["currency"])] for p in snap["partners"]]
    rows.append([_("Total"), "", "", "", format_amount(sum((_dec(p["budget_eur"]) for p in snap["partners"]),
                                                           Decimal(0))),
                 format_amount(sum((_dec(p["spent_eur"]) for p in snap["partners"]), Decimal(0))), ""])
    out.append(typst_table([_("Partner"), _("City"), _("Budget"), _("Spent"), _("Budget (EUR)"), _("Spent (EUR)"),
                       _("Certified")], rows, "(1fr, auto, auto, auto, auto, auto, auto)", 2))
    out.append("\n== " + escape_typst(_("Indicators")) + "\n")
    rows = [[i["name"], i["unit"], format_quantity(i["target"]), format_quantity(i["achieved"]),
             i.get("counted_by", "")] for i in snap["indicators"]]
    out.append(typst_table([_("Indicator"), _("Unit"), _("Target"), _("Achieved"), _("Counted by")], rows,
                           "(1fr, auto, auto, auto, auto)", 2))
    return "".join(out)


def report_typst(snapshot: dict[str, Any]) -> str:
    """The whole typst source of a report snapshot; every snapshot string is escaped."""
    language = (get_language() or "en")[:2].lower()
    language = language if re.fullmatch(r"[a-z]{2}", language) else "en"
    body = _project_typst(snapshot) if snapshot.get("kind") == "project" else _partner_typst(snapshot)
    summary = snapshot.get("summary") or ""
    if summary.strip():
        body += "\n== " + escape_typst(_("Summary of progress")) + "\n" + escape_typst(summary) + "\n"
    note = escape_typst(_("Draft: live figures, not yet submitted.") if snapshot.get("draft")
                        else _("Snapshot taken at submission; figures do not change afterwards."))
    return (
        '#set page(paper: "a4", margin: (x: 1.8cm, y: 2cm), numbering: "1 / 1")\n'
        f'#set text(size: 9.5pt, lang: "{language}")\n'
        "#set table(stroke: 0.5pt + luma(170), inset: (x: 5pt, y: 4pt))\n"
        "#set par(justify: false)\n"
        + body + "\n#v(1em)\n#emph[" + note + "]\n"
    )


def report_pdf(snapshot: dict[str, Any]) -> bytes:
    """A report snapshot as an A4 PDF rendered by typst with its built-in fonts (no network, no system fonts)."""
    source = report_typst(snapshot)
    # A fixed timestamp keeps the PDF a pure function of the snapshot.
    pdf = typst.compile(source.encode("utf-8"), format="pdf", ignore_system_fonts=True,
                        timestamp=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    return bytes(pdf)
