"""The atlas's classification out of one instance and into another (the method package).

The creative groups ↔ NACE mapping is versioned data shipped with the software (`analysis.nace`): the
package names the version and carries the mapping so the receiving instance can tell whether its atlas
counts firms the same way. Only the loaded Rev. 2.1 → Rev. 2 correspondence is data in the database; it is
loaded when the receiving instance has none, and a loaded table is kept.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.analysis import nace
from creativepoles.atlas.models import Correspondence
from creativepoles.atlas.services.data import load_correspondence
from creativepoles.core.errors import DomainError

CLASSIFICATION_SCHEMA = 1
IMPORTED = "imported"
KEPT = "kept"
Line = tuple[str, str]
MAX_LINKS = 5000  # NACE Rev. 2.1 has about 650 classes; more links is not a correspondence table


def export_classification() -> dict[str, Any]:
    """The classification version, its group → NACE classes mapping, and the loaded correspondence table."""
    return {
        "version": nace.CLASSIFICATION_VERSION,
        "groups": {key: list(codes) for key, (_label, codes) in nace.DCMS_GROUPS.items()},
        "correspondence": [[c.rev21, c.rev2, c.source] for c in Correspondence.objects.order_by("rev21")],
    }


def _bad(what: str) -> DomainError:
    return DomainError(_("The package's classification is malformed: %(what)s.") % {"what": what}, "file")


def _check(data: Any) -> tuple[str, dict[str, list[str]], list[list[str]]]:
    if not isinstance(data, dict) or not isinstance(data.get("version"), str):
        raise _bad("version")
    groups, links = data.get("groups"), data.get("correspondence", [])
    if not isinstance(groups, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(c, str) for c in v)
            for k, v in groups.items()):
        raise _bad("groups")
    if not isinstance(links, list) or len(links) > MAX_LINKS or not all(
            isinstance(row, list) and len(row) == 3 and all(isinstance(v, str) and len(v) <= 200 for v in row)
            for row in links):
        raise _bad("correspondence")
    return data["version"], groups, links


@transaction.atomic
def import_classification(actor: Any, data: Any) -> list[Line]:
    """Compare the package's classification with this instance's; load its correspondence table if none is."""
    version, groups, links = _check(data)
    ours = {key: list(codes) for key, (_label, codes) in nace.DCMS_GROUPS.items()}
    values = {"version": version, "ours": nace.CLASSIFICATION_VERSION}
    if version == nace.CLASSIFICATION_VERSION and groups == ours:
        lines: list[Line] = [(KEPT, _("Classification %(version)s: the same as this instance's, nothing to "
                                      "change.") % values)]
    else:
        lines = [(KEPT, _("Classification: the package uses %(version)s with another mapping; this instance keeps "
                          "%(ours)s, so its atlas counts differ from the exporting instance's.") % values)]
    if not links:
        return lines
    if Correspondence.objects.exists():
        lines.append((KEPT, _("NACE correspondence: this instance has its own table, kept unchanged; the "
                              "package's %(n)s links were not loaded.") % {"n": len(links)}))
        return lines
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["NACE2.1_CODE", "NACE2_CODE"])
    writer.writerows([row[0], row[1]] for row in links)
    loaded = load_correspondence(actor, out.getvalue(), links[0][2] or _("method package"))
    lines.append((IMPORTED, _("NACE correspondence: %(n)s links loaded.") % {"n": loaded}))
    return lines
