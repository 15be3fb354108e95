"""Manual indicator values, for outputs no installed module counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import ADD, CHANGE, require
from creativepoles.programme import registry
from creativepoles.programme.models import Indicator, IndicatorValue


@transaction.atomic
def record_value(actor: Any, indicator: Indicator, city: City | None, value: Decimal, recorded_on: dt.date,
                 note: str = "", evidence_url: str = "", evidence: Any = None) -> IndicatorValue:
    """Record a manual contribution with its evidence; refused where a module already counts."""
    if city is None:
        # A value for the whole project is the project's managers' to give.
        require(actor, CHANGE, indicator.project, _("Only programme managers record values for the whole project."),
                "city")
    if registry.kind(indicator.provider) is not None:
        raise DomainError(_("This indicator is counted by a module; manual values are not used."), "indicator")
    if not (evidence or evidence_url or note):
        raise DomainError(_("Give evidence: a file, a link or a note."), "evidence_url")
    item = IndicatorValue(indicator=indicator, city=city, value=value, recorded_on=recorded_on, note=note,
                          evidence_url=evidence_url, created_by=actor)
    if evidence:
        item.evidence = evidence
    if city is not None:
        require(actor, ADD, item, _("You cannot record values for this city."), "city")
    item.full_clean()
    item.save()
    record_audit(actor, "record_indicator_value", item, {"value": str(value), "city": city.pk if city else None})
    return item
