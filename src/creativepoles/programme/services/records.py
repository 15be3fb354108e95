"""Charter versions, signatures and commitments, pilot projects and milestones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, require
from creativepoles.programme.models import (
    CharterVersion,
    Commitment,
    Milestone,
    PilotProject,
    Project,
    Signatory,
)

PILOT_FIELDS = ("city", "title", "description", "site_reference", "site_id", "budget", "currency", "status",
                "evidence")
MILESTONE_FIELDS = ("title", "due_on", "done_on")
VERSION_FIELDS = ("title", "text", "adopted_on")
SIGNATORY_FIELDS = ("person", "title", "organisation", "city", "signed_on", "is_mayor", "evidence")
COMMITMENT_FIELDS = ("text", "owner", "due_on", "status")


def city_refused() -> str:
    """The refusal for a city the actor may not write (translated when it is raised, not at import)."""
    return _("You cannot write data of this city.")


def _check_organisation_city(organisation: Any, city: Any) -> None:
    """A signatory signs for an organisation of the city they sign for."""
    if organisation is not None and city is not None and organisation.city_id != city.pk:
        raise DomainError(_("The organisation is not in this city."), "organisation")


@transaction.atomic
def add_signatory(actor: Any, charter: CharterVersion, **data: Any) -> Signatory:
    """Record that a city's mayor (or head of institution) signed a charter version."""
    signatory = Signatory(charter=charter, **data)
    require(actor, ADD, signatory, city_refused(), "city")
    _check_organisation_city(signatory.organisation, signatory.city)
    signatory.full_clean()
    signatory.save()
    record_audit(actor, "sign_charter", signatory, {"city": signatory.city_id, "signed_on": str(signatory.signed_on)})
    return signatory


@transaction.atomic
def update_signatory(actor: Any, signatory: Signatory, **data: Any) -> Signatory:
    """Correct a signature or attach its signed document; the city must stay one the actor may write."""
    require(actor, CHANGE, signatory, city_refused(), "city")
    changes = apply_changes(signatory, data, SIGNATORY_FIELDS)
    # Checked again after the change: moving the signature to another city needs that city's rights too.
    require(actor, CHANGE, signatory, city_refused(), "city")
    _check_organisation_city(signatory.organisation, signatory.city)
    signatory.full_clean()
    signatory.save()
    if changes:
        record_audit(actor, "update_signatory", signatory, changes)
    return signatory


@transaction.atomic
def add_charter_version(actor: Any, project: Project, **data: Any) -> CharterVersion:
    """Adopt a new version of the charter text; it becomes the current one, earlier signatures stay with theirs."""
    latest = project.charter_versions.order_by("-version").values_list("version", flat=True).first() or 0
    version = CharterVersion(project=project, version=latest + 1,
                             **{k: v for k, v in data.items() if k in VERSION_FIELDS})
    require(actor, ADD, version, _("Only programme managers can change the charter."))
    version.full_clean()
    version.save()
    record_audit(actor, "add_charter_version", version, {"version": version.version})
    return version


@transaction.atomic
def update_charter_version(actor: Any, version: CharterVersion, **data: Any) -> CharterVersion:
    """Correct a charter version's title, text or adoption date."""
    require(actor, CHANGE, version, _("Only programme managers can change the charter."))
    if data.get("text", version.text) != version.text and version.signatories.exists():
        # People signed this wording: a new wording is a new version, so their signatures keep their meaning.
        raise DomainError(_("This version has been signed; adopt a new version to change its text."), "text")
    changes = apply_changes(version, data, VERSION_FIELDS)
    version.full_clean()
    version.save()
    if changes:
        record_audit(actor, "update_charter_version", version, changes)
    return version


@transaction.atomic
def add_commitment(actor: Any, version: CharterVersion, **data: Any) -> Commitment:
    """Add a commitment of the charter with its owner and due date."""
    require(actor, CHANGE, version, _("Only programme managers can change the charter."))
    commitment = Commitment(charter=version, **{k: v for k, v in data.items() if k in COMMITMENT_FIELDS})
    commitment.full_clean()
    commitment.save()
    record_audit(actor, "add_commitment", commitment, {"text": commitment.text})
    return commitment


@transaction.atomic
def update_commitment(actor: Any, commitment: Commitment, **data: Any) -> Commitment:
    """Change a commitment's wording, owner, due date or progress."""
    require(actor, CHANGE, commitment.charter, _("Only programme managers can change the charter."))
    changes = apply_changes(commitment, data, COMMITMENT_FIELDS)
    commitment.full_clean()
    commitment.save()
    if changes:
        record_audit(actor, "update_commitment", commitment, changes)
    return commitment


@transaction.atomic
def add_pilot(actor: Any, project: Project, **data: Any) -> PilotProject:
    """Start a pilot project in a partner city."""
    pilot = PilotProject(project=project, **{k: v for k, v in data.items() if k in PILOT_FIELDS})
    require(actor, ADD, pilot, city_refused(), "city")
    if not project.partners.filter(organisation__city=pilot.city).exists():
        raise DomainError(_("Pilots run in partner cities of the project."), "city")
    pilot.full_clean()
    pilot.save()
    record_audit(actor, "add_pilot", pilot, {"title": pilot.title, "city": pilot.city_id})
    return pilot


@transaction.atomic
def update_pilot(actor: Any, pilot: PilotProject, **data: Any) -> PilotProject:
    """Change a pilot's status, budget or description; history keeps every version."""
    require(actor, CHANGE, pilot, city_refused(), "city")
    changes = apply_changes(pilot, data, PILOT_FIELDS)
    # Checked again after the change: moving a pilot to another city needs that city's rights too.
    require(actor, CHANGE, pilot, city_refused(), "city")
    if "city" in changes and not pilot.project.partners.filter(organisation__city=pilot.city).exists():
        raise DomainError(_("Pilots run in partner cities of the project."), "city")
    pilot.full_clean()
    pilot.save()
    if changes:
        record_audit(actor, "update_pilot", pilot, changes)
    return pilot


@transaction.atomic
def add_milestone(actor: Any, pilot: PilotProject, **data: Any) -> Milestone:
    """Add a dated step to a pilot; whoever may change the pilot plans its milestones."""
    require(actor, CHANGE, pilot, city_refused())
    milestone = Milestone(pilot=pilot, **{k: v for k, v in data.items() if k in MILESTONE_FIELDS})
    _check_milestone_dates(milestone)
    milestone.full_clean()
    milestone.save()
    record_audit(actor, "add_milestone", milestone, {"title": milestone.title, "due_on": str(milestone.due_on)})
    return milestone


@transaction.atomic
def update_milestone(actor: Any, milestone: Milestone, **data: Any) -> Milestone:
    """Reschedule a milestone or mark it done."""
    require(actor, CHANGE, milestone.pilot, city_refused())
    changes = apply_changes(milestone, data, MILESTONE_FIELDS)
    _check_milestone_dates(milestone)
    milestone.full_clean()
    milestone.save()
    if changes:
        record_audit(actor, "update_milestone", milestone, changes)
    return milestone


def _check_milestone_dates(milestone: Milestone) -> None:
    """A milestone cannot be marked done on a day still to come."""
    if milestone.done_on and milestone.done_on > dt.date.today():
        raise DomainError(_("A milestone cannot be done in the future."), "done_on")
