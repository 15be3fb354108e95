"""Charter signatures and commitments, pilot projects and milestones."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, require
from creativepoles.programme.models import CharterVersion, PilotProject, Signatory


@transaction.atomic
def add_signatory(actor: Any, charter: CharterVersion, **data: Any) -> Signatory:
    """Record that a city's mayor (or head of institution) signed a charter version."""
    signatory = Signatory(charter=charter, **data)
    require(actor, ADD, signatory, _("You cannot write data of this city."), "city")
    signatory.full_clean()
    signatory.save()
    record_audit(actor, "sign_charter", signatory, {"city": signatory.city_id, "signed_on": str(signatory.signed_on)})
    return signatory


@transaction.atomic
def update_pilot(actor: Any, pilot: PilotProject, **data: Any) -> PilotProject:
    """Change a pilot's status, budget or description; history keeps every version."""
    require(actor, CHANGE, pilot, _("You cannot write data of this city."), "city")
    changes = apply_changes(pilot, data, ("title", "description", "site_reference", "site_id", "budget", "currency",
                                          "status", "evidence"))
    require(actor, CHANGE, pilot, _("You cannot write data of this city."), "city")
    pilot.full_clean()
    pilot.save()
    if changes:
        record_audit(actor, "update_pilot", pilot, changes)
    return pilot
