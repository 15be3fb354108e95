"""Control certificate and claim exports (typst PDF, XLSX through core.exports)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import typst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from creativepoles.core.exports import escape_typst, typst_table, xlsx_bytes
from creativepoles.core.formatting import format_amount
from creativepoles.programme.models import Claim
from creativepoles.programme.services import payments


def _line(label: str, value: Any) -> str:
    return f"*{escape_typst(label)}:* {escape_typst(value)} \\\n"


def _document(title: str, body: str) -> bytes:
    language = (get_language() or "en")[:2].lower()
    language = language if re.fullmatch(r"[a-z]{2}", language) else "en"
    source = (
        '#set page(paper: "a4", margin: (x: 1.8cm, y: 2cm), numbering: "1 / 1")\n'
        f'#set text(size: 9.5pt, lang: "{language}")\n'
        "#set table(stroke: 0.5pt + luma(170), inset: (x: 5pt, y: 4pt))\n"
        "= " + escape_typst(title) + "\n\n" + body
    )
    # A fixed timestamp keeps the PDF a pure function of its data.
    return bytes(typst.compile(source.encode("utf-8"), format="pdf", ignore_system_fonts=True,
                               timestamp=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))


def certificate_typst(data: dict[str, Any]) -> str:
    """The body of a control certificate."""
    cur = data["currency"]
    out = [_line(_("Project"), data["project"]), _line(_("Partner"), data["partner"]),
           _line(_("Period"), data["period"]), _line(_("Status"), data["status"]),
           _line(_("Declared"), format_amount(data["declared"], cur)),
           _line(_("Parked for a later report"), format_amount(data["parked"], cur)),
           _line(_("Verified total"), format_amount(data["verified"], cur)),
           _line(_("Items in the sample"), "%s / %s" % (data["sampled"], data["items"])),
           "\n== " + escape_typst(_("Verified by cost category")) + "\n"]
    rows = [[c["label"], format_amount(c["declared"], cur), format_amount(c["verified"], cur)]
            for c in data["by_category"]]
    rows.append([_("Total"), format_amount(data["declared"], cur), format_amount(data["verified"], cur)])
    out.append(typst_table([_("Category"), _("Declared"), _("Verified")], rows, "(1fr, auto, auto)", 1))
    out.append("\n== " + escape_typst(_("Deductions by type of error")) + "\n")
    rows = [[name, format_amount(amount, cur)] for name, amount in data["deductions"]]
    rows.append([_("Total"), format_amount(sum((a for _n, a in data["deductions"]), Decimal("0.00")), cur)])
    out.append(typst_table([_("Type of error"), _("Deducted")], rows, "(1fr, auto)", 1))
    out.append("\n== " + escape_typst(_("Control checklist")) + "\n")
    out.append(typst_table([_("Question"), _("Answer"), _("Comment")], data["checklist"], "(1fr, auto, 1fr)"))
    out.append("\n" + _line(_("Controller"), data["checked_by"]) + _line(_("Certified on"), data["certified_at"]))
    return "".join(out)


def certificate_pdf(data: dict[str, Any]) -> bytes:
    """The control certificate as an A4 PDF."""
    return _document(_("Control certificate"), certificate_typst(data))


def claim_data(claim: Claim) -> dict[str, Any]:
    """The claim's certificates and totals, for its PDF and XLSX."""
    certified, fund = payments.claim_total(claim)
    return {
        "title": str(claim), "project": claim.project.title,
        "certificates": [
            {"partner": str(e.report.partner), "period": e.report.period.number, "currency": e.currency,
             "certified": e.certified, "certified_eur": e.certified_eur, "fund": e.fund_name, "fund_eur": e.fund_eur}
            for e in claim.certificates.select_related("report__partner__organisation", "report__period")],
        "lines": [{"partner": str(line.partner), "fund": line.fund, "certified_eur": line.certified_eur,
                   "fund_eur": line.fund_eur} for line in payments.claim_lines(claim)],
        "certified_eur": certified, "fund_eur": fund,
    }


def claim_pdf(data: dict[str, Any]) -> bytes:
    """The claim as an A4 PDF listing its certificates."""
    out = [_line(_("Project"), data["project"]), "\n== " + escape_typst(_("Certificates")) + "\n"]
    rows = [[c["partner"], c["period"], format_amount(c["certified"], c["currency"]),
             format_amount(c["certified_eur"], "EUR"), c["fund"], format_amount(c["fund_eur"], "EUR")]
            for c in data["certificates"]]
    rows.append([_("Total"), "", "", format_amount(data["certified_eur"], "EUR"), "",
                 format_amount(data["fund_eur"], "EUR")])
    out.append(typst_table([_("Partner"), _("Period"), _("Certified"), _("Certified (EUR)"), _("Fund"),
                            _("Fund share (EUR)")], rows, "(1fr, auto, auto, auto, auto, auto)", 2))
    out.append("\n== " + escape_typst(_("By partner and fund")) + "\n")
    rows = [[line["partner"], line["fund"], format_amount(line["certified_eur"], "EUR"),
             format_amount(line["fund_eur"], "EUR")] for line in data["lines"]]
    out.append(typst_table([_("Partner"), _("Fund"), _("Certified (EUR)"), _("Fund share (EUR)")], rows,
                           "(1fr, auto, auto, auto)", 2))
    return _document(data["title"], "".join(out))


def claim_xlsx(data: dict[str, Any]) -> bytes:
    """The claim's certificates and partner lines as a workbook."""
    certificates = [[c["partner"], c["period"], c["certified"], c["currency"], c["certified_eur"], c["fund"],
                     c["fund_eur"]] for c in data["certificates"]]
    certificates.append([_("Total"), "", "", "", data["certified_eur"], "", data["fund_eur"]])
    lines = [[line["partner"], line["fund"], line["certified_eur"], line["fund_eur"]] for line in data["lines"]]
    return xlsx_bytes([
        (_("Certificates"), [_("Partner"), _("Period"), _("Certified"), _("Currency"), _("Certified (EUR)"),
                             _("Fund"), _("Fund share (EUR)")], certificates),
        (_("By partner and fund"), [_("Partner"), _("Fund"), _("Certified (EUR)"), _("Fund share (EUR)")], lines),
    ])
