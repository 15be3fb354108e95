"""The certificate of completion: an A4 PDF rendered by typst, with the URL that verifies it."""

from __future__ import annotations

import datetime as dt

import typst
from django.utils.translation import gettext as _

from creativepoles.core.exports import escape_typst


def certificate_pdf(learner: str, course: str, completed_on: dt.date, verify_url: str, code: str) -> bytes:
    """A one-page certificate; every text is escaped, the timestamp fixed so the PDF depends on its inputs only."""
    source = (
        '#set page(paper: "a4", margin: 2.5cm)\n#set text(size: 12pt)\n#set align(center)\n'
        "#v(3cm)\n#text(size: 26pt)[*" + escape_typst(_("Certificate of completion")) + "*]\n\n#v(1cm)\n"
        + escape_typst(_("This certifies that")) + "\n\n#text(size: 18pt)[*" + escape_typst(learner) + "*]\n\n"
        + escape_typst(_("has completed the course")) + "\n\n#text(size: 16pt)[_" + escape_typst(course) + "_]\n\n"
        + escape_typst(_("on %(date)s.") % {"date": completed_on.isoformat()}) + "\n\n#v(2cm)\n"
        + escape_typst(_("Verify this certificate at:")) + "\n\n" + escape_typst(verify_url) + "\n\n"
        + "#text(size: 9pt)[" + escape_typst(code) + "]\n"
    )
    pdf = typst.compile(source.encode("utf-8"), format="pdf", ignore_system_fonts=True,
                        timestamp=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    return bytes(pdf)
