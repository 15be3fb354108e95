"""Charter signatures and commitments, pilot projects and milestones."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import NotInScope
from creativepoles.core.models import record_audit
from creativepoles.core.scoping import scope_for
from creativepoles.programme.models import CharterVersion, PilotProject, Signatory


def _require_city(actor: Any, city_id: int | None) -> None:
    if not scope_for(actor).can_change_city(city_id, ("city_editor",)):
        raise NotInScope(_("You cannot write data of this city."), "city")


@transaction.atomic
def add_signatory(actor: Any, charter: CharterVersion, **data: Any) -> Signatory:
    """Record that a city's mayor (or head of institution) signed a charter version."""
    city = data.get("city")
    _require_city(actor, city.pk if city else None)
    signatory = Signatory(charter=charter, **data)
    signatory.full_clean()
    signatory.save()
    record_audit(actor, "sign_charter", signatory, {"city": signatory.city_id, "signed_on": str(signatory.signed_on)})
    return signatory


@transaction.atomic
def update_pilot(actor: Any, pilot: PilotProject, **data: Any) -> PilotProject:
    """Change a pilot's status, budget or description; history keeps every version."""
    _require_city(actor, pilot.city_id)
    changes = apply_changes(pilot, data, ("title", "description", "site_reference", "site_id", "budget", "currency",
                                          "status", "evidence"))
    pilot.full_clean()
    pilot.save()
    if changes:
        record_audit(actor, "update_pilot", pilot, changes)
    return pilot
