"""Writes to training packages and sessions: versions, publishing, sessions, participants, attendance, feedback."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, require
from creativepoles.learning.models import (
    Feedback,
    PackageMaterial,
    PackageModule,
    PackageStatus,
    Participant,
    TrainingPackage,
    TrainingSession,
)

PACKAGE_FIELDS = ("organisation", "title", "target_group", "learning_outcomes", "format", "duration_hours")
SESSION_FIELDS = ("package", "module", "course_module", "city", "date", "duration_hours", "counted_participants")


def _clean(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from None


@transaction.atomic
def create_package(actor: Any, modules: list[tuple[str, Decimal]] | None = None, trainers: Any = (),
                   **data: Any) -> TrainingPackage:
    """Add the first version of a package, as a draft, with its modules (title, hours)."""
    package = TrainingPackage(**{k: v for k, v in data.items() if k in PACKAGE_FIELDS})
    require(actor, ADD, package, _("You cannot add packages for this organisation."), "organisation")
    _clean(package)
    package.save()
    package.family = package
    package.save(update_fields=["family"])
    package.trainers.set(list(trainers))
    PackageModule.objects.bulk_create([PackageModule(package=package, order=n, title=title, hours=hours)
                                       for n, (title, hours) in enumerate(modules or [], start=1)])
    record_audit(actor, "create_package", package, {"title": package.title})
    return package


@transaction.atomic
def update_package(actor: Any, package: TrainingPackage, **data: Any) -> TrainingPackage:
    """Change a draft; a published version stays as published (start a new version instead)."""
    require(actor, CHANGE, package)
    if package.status == PackageStatus.PUBLISHED:
        raise DomainError(_("A published version cannot change; start a new version."))
    changes = apply_changes(package, data, PACKAGE_FIELDS)
    require(actor, CHANGE, package)
    _clean(package)
    package.save()
    if changes:
        record_audit(actor, "update_package", package, changes)
    return package


@transaction.atomic
def publish_package(actor: Any, package: TrainingPackage) -> TrainingPackage:
    """Publish a draft version."""
    require(actor, CHANGE, package)
    package.status = PackageStatus.PUBLISHED
    package.save(update_fields=["status"])
    record_audit(actor, "publish_package", package, {"status": PackageStatus.PUBLISHED})
    return package


@transaction.atomic
def new_version(actor: Any, package: TrainingPackage) -> TrainingPackage:
    """Copy a version (modules and trainers) into the next draft version of the same package."""
    require(actor, CHANGE, package)
    family = package.family or package
    latest = TrainingPackage.objects.filter(family=family).order_by("-version").first()
    draft = TrainingPackage.objects.create(
        organisation=package.organisation, family=family, version=(latest.version if latest else 1) + 1,
        title=package.title, target_group=package.target_group, learning_outcomes=package.learning_outcomes,
        format=package.format, duration_hours=package.duration_hours)
    draft.trainers.set(list(package.trainers.all()))
    PackageModule.objects.bulk_create([PackageModule(package=draft, order=m.order, title=m.title, hours=m.hours)
                                       for m in package.modules.all()])
    record_audit(actor, "new_package_version", draft, {"version": draft.version})
    return draft


@transaction.atomic
def add_material(actor: Any, package: TrainingPackage, title: str, file: Any) -> PackageMaterial:
    """Attach a file to a package version."""
    material = PackageMaterial(package=package, title=title, file=file)
    require(actor, ADD, material)
    _clean(material)
    material.save()
    record_audit(actor, "update_package", package, {"material": title})
    return material


@transaction.atomic
def record_session(actor: Any, trainers: Any = (), **data: Any) -> TrainingSession:
    """Record a held session in a city; its hours count toward the city's training indicator."""
    session = TrainingSession(**{k: v for k, v in data.items() if k in SESSION_FIELDS})
    require(actor, ADD, session, _("You cannot record sessions in this city."), "city")
    if session.module is not None and session.module.package_id != session.package_id:
        raise DomainError(_("The module belongs to another package."), "module")
    _clean(session)
    session.save()
    session.trainers.set(list(trainers) or ([actor] if getattr(actor, "is_authenticated", False) else []))
    record_audit(actor, "record_session", session, {"hours": str(session.duration_hours), "city": session.city_id})
    return session


@transaction.atomic
def add_participant(actor: Any, session: TrainingSession, name: str, user: Any = None) -> Participant:
    """Register a participant (an account, or a name) in a session."""
    require(actor, CHANGE, session)
    participant = Participant(session=session, name=name or (user.get_full_name() if user else ""), user=user)
    _clean(participant)
    participant.save()
    record_audit(actor, "add_participant", session, {})
    return participant


@transaction.atomic
def mark_attendance(actor: Any, session: TrainingSession, present: set[int], counted: int | None = None) -> None:
    """Set who of the registered participants attended, and how many unregistered people were counted."""
    require(actor, CHANGE, session)
    rows = list(session.participants.all())
    for row in rows:
        row.attended = row.pk in present
    Participant.objects.bulk_update(rows, ["attended"])
    if counted is not None:
        if counted < 0:
            raise DomainError(_("Enter a number of zero or more."), "counted_participants")
        session.counted_participants = counted
        session.save(update_fields=["counted_participants"])
    record_audit(actor, "mark_attendance", session, {"attended": len(present & {r.pk for r in rows})})


@transaction.atomic
def give_feedback(token: str, rating: Any, comment: str = "") -> Feedback:
    """Store anonymous feedback given through a session's link."""
    session = TrainingSession.objects.filter(feedback_token=token).first()
    if session is None:
        raise DomainError(_("This feedback link is not valid."))
    try:
        value = int(rating)
    except (TypeError, ValueError):
        raise DomainError(_("Choose a rating from 1 to 5."), "rating") from None
    feedback = Feedback(session=session, rating=value, comment=comment or "")
    _clean(feedback)
    feedback.save()
    return feedback
