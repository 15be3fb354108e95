"""Registration with capacity, the waiting list, cancellation that promotes the next in line, approval, check-in.

Seats are counted and given under a lock on the event row, so concurrent registrations never exceed the
capacity: on PostgreSQL `SELECT … FOR UPDATE` on the event (only the event's row: `of=("self",)`); on SQLite
the transaction itself is the lock, because the settings open every transaction with BEGIN IMMEDIATE and so
one writer at a time counts and inserts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import CHANGE, require
from creativepoles.events.models import (
    HOLDS_SEAT,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from creativepoles.events.services.mail import mail_registration

MAX_ANSWER = 1000


def _locked_event(event_id: int) -> Event:
    """The event row, locked until the transaction ends (a no-op on SQLite, where BEGIN IMMEDIATE locks)."""
    return Event.objects.select_for_update(of=("self",)).select_related("city").get(pk=event_id)


def registration_open(event: Event, now: dt.datetime | None = None) -> bool:
    """Whether the event takes registrations now."""
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED:
        return False
    if event.registration_opens and now < event.registration_opens:
        return False
    closes = event.registration_closes or event.starts_at
    return now < closes


def _clean_answers(event: Event, answers: Any) -> dict[str, str]:
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise DomainError(_("Answers must be given by question."), "answers")
    known = {q["key"]: q for q in event.questions}
    unknown = set(answers) - set(known)
    if unknown:
        raise DomainError(_("Unknown question: %(key)s.") % {"key": sorted(unknown)[0][:40]}, "answers")
    clean: dict[str, str] = {}
    for key, question in known.items():
        value = answers.get(key, "")
        if not isinstance(value, str) or len(value) > MAX_ANSWER or "\x00" in value:
            raise DomainError(_("An answer must be a text of at most 1000 characters."), key)
        if question.get("required") and not value.strip():
            raise DomainError(_("Please answer: %(question)s") % {"question": question["label"]}, key)
        clean[key] = value.strip()
    return clean


def register(actor: Any, event: Event, name: str = "", email: str = "", answers: Any = None) -> Registration:
    """Register a person: a seat while there is one (or a request when the event needs approval), else the line."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    if user is not None:
        name = name or user.get_full_name() or user.email
        email = email or user.email
    if not isinstance(name, str) or not name.strip() or len(name) > 200 or "\x00" in name:
        raise DomainError(_("Please give your name (at most 200 characters)."), "name")
    if not isinstance(email, str) or not email:
        raise DomainError(_("Please give your e-mail address."), "email")
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Enter a valid e-mail address."), "email") from None
    try:
        return _register(user, event.pk, name.strip(), email.strip().lower(), answers)
    except IntegrityError:
        # A parallel request with the same address won the unique constraint.
        raise DomainError(_("This address is already registered for the event."), "email") from None


@transaction.atomic
def _register(user: Any, event_id: int, name: str, email: str, answers: Any) -> Registration:
    event = _locked_event(event_id)
    if not registration_open(event):
        raise DomainError(_("Registration for this event is closed."))
    clean = _clean_answers(event, answers)
    if Registration.objects.filter(event=event, email=email).exclude(status=RegistrationStatus.CANCELLED).exists():
        raise DomainError(_("This address is already registered for the event."), "email")
    taken = Registration.objects.filter(event=event, status__in=HOLDS_SEAT).count()
    if taken < event.capacity:
        status = RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
    else:
        status = RegistrationStatus.WAITING
    registration = Registration.objects.create(event=event, owner=user, name=name, email=email, answers=clean,
                                               status=status)
    record_audit(user, "register", event, {"registration": registration.pk, "status": status})
    _tell(registration)
    return registration


def _tell(registration: Registration) -> None:
    title = registration.event.title
    if registration.status == RegistrationStatus.CONFIRMED:
        subject = _("Your registration is confirmed: %(title)s") % {"title": title}
        body = _("You have a seat. Show the QR code on your registration page at the entrance.")
    elif registration.status == RegistrationStatus.PENDING:
        subject = _("Your registration awaits approval: %(title)s") % {"title": title}
        body = _("The organisers will confirm your seat soon.")
    else:
        subject = _("You are on the waiting list: %(title)s") % {"title": title}
        body = _("We will write as soon as a seat becomes free.")
    mail_registration(registration, subject, body)


def _promote(event: Event) -> Registration | None:
    """Give a freed seat to the first in line (called with the event locked)."""
    taken = Registration.objects.filter(event=event, status__in=HOLDS_SEAT).count()
    if taken >= event.capacity:
        return None
    first = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
        "created_at", "pk").first()
    if first is None:
        return None
    first.status = RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
    first.save(update_fields=["status"])
    record_audit(None, "promote_registration", event, {"registration": first.pk})
    _tell(first)
    return first


@transaction.atomic
def cancel_registration(actor: Any, registration: Registration, by_code: bool = False) -> Registration | None:
    """Cancel a registration (its owner, the organisers, or whoever holds its secret code); returns who moved up."""
    if not by_code:
        require(actor, CHANGE, registration, _("You cannot cancel this registration."))
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("This registration is already cancelled."))
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    record_audit(actor, "cancel_registration", event, {"registration": registration.pk})
    return _promote(event)


@transaction.atomic
def approve_registration(actor: Any, registration: Registration) -> Registration:
    """Confirm a registration that awaited approval."""
    event = _locked_event(registration.event_id)
    require(actor, CHANGE, event, _("Only the organisers approve registrations."))
    registration.refresh_from_db()
    if registration.status != RegistrationStatus.PENDING:
        raise DomainError(_("Only a registration awaiting approval can be approved."))
    registration.status = RegistrationStatus.CONFIRMED
    registration.save(update_fields=["status"])
    record_audit(actor, "approve_registration", event, {"registration": registration.pk})
    _tell(registration)
    return registration


@transaction.atomic
def check_in(actor: Any, event: Event, code: str) -> Registration:
    """Check a registrant in by the code of their QR code (or from the list); twice is refused with a clear note."""
    require(actor, CHANGE, event, _("Only the organisers check people in."))
    if not isinstance(code, str) or not code or len(code) > 40:
        raise DomainError(_("This is not a registration code."), "code")
    registration = (Registration.objects.select_for_update(of=("self",)).filter(event=event, code=code.strip())
                    .first())
    if registration is None:
        raise DomainError(_("No registration for this event has this code."), "code")
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError(_("This registration is not confirmed (%(status)s).")
                          % {"status": registration.get_status_display()}, "code")
    if registration.checked_in_at is not None:
        raise DomainError(_("%(name)s is already checked in.") % {"name": registration.name}, "code")
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at"])
    record_audit(actor, "check_in", event, {"registration": registration.pk})
    return registration
