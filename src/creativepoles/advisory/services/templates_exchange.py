"""Business-plan templates out of one instance and into another (the method package).

The templates are part of the software (`advisory.guidance`), so the package carries them for comparison:
the receiving instance reports which are the same as its own and which differ, and never replaces its own.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from creativepoles.advisory.guidance import TEMPLATES, template
from creativepoles.core.errors import DomainError

TEMPLATES_SCHEMA = 1
KEPT = "kept"
Line = tuple[str, str]


def export_templates() -> list[dict[str, Any]]:
    """Each template's key, English label, section prompts and financial model."""
    with translation.override("en"):
        return [{"key": t.key, "label": str(t.label), "sections": {k: str(v) for k, v in t.sections.items()},
                 "financials": t.financials} for t in TEMPLATES]


def import_templates(data: Any) -> list[Line]:
    """Report, per packaged template, whether this instance has the same one; nothing is written."""
    if not isinstance(data, list) or not all(isinstance(t, dict) and isinstance(t.get("key"), str)
                                             and isinstance(t.get("label"), str) for t in data):
        raise DomainError(_("The package's business-plan templates are malformed."), "file")
    ours = {t["key"]: t for t in export_templates()}
    lines: list[Line] = []
    for item in data:
        values = {"label": item["label"][:200]}
        own = ours.get(item["key"])
        if own is None or template(item["key"]) is None:
            lines.append((KEPT, _("Business-plan template “%(label)s” is not part of this instance's software; not "
                                  "imported (templates ship with the software).") % values))
        elif own == item:
            lines.append((KEPT, _("Business-plan template “%(label)s”: the same as this instance's.") % values))
        else:
            lines.append((KEPT, _("Business-plan template “%(label)s”: this instance's version is kept; the "
                                  "package's differs.") % values))
    return lines
