"""Writes to events: create, change (the feed's SEQUENCE rises), cancel with notice to registrants."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from creativepoles.core import links
from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, require
from creativepoles.events.models import ACTIVE, Campaign, Event, EventStatus, Registration
from creativepoles.events.services.mail import mail_registrants

EVENT_FIELDS = (
    "city", "campaign", "title", "description", "translations", "kind", "starts_at", "ends_at", "venue_name",
    "address", "latitude", "longitude", "site_id", "online_url", "capacity", "registration_opens",
    "registration_closes", "questions", "requires_approval", "status",
)
# Changes calendar clients must pick up: RFC 5545 asks for a higher SEQUENCE when these move.
SCHEDULE_FIELDS = {"title", "description", "starts_at", "ends_at", "venue_name", "address", "online_url", "status"}
LANGUAGES = {"en", "lt", "et", "lv", "pl", "de", "sv"}


def check_event(event: Event) -> None:
    """Field rules the model cannot say: the window, the campaign's city, the questions and translations."""
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        raise DomainError(_("The event cannot end before it starts."), "ends_at")
    if event.registration_opens and event.registration_closes and \
            event.registration_closes < event.registration_opens:
        raise DomainError(_("Registration cannot close before it opens."), "registration_closes")
    if event.campaign_id and event.campaign and event.campaign.city_id != event.city_id:
        raise DomainError(_("The campaign belongs to another city."), "campaign")
    questions = event.questions
    if not isinstance(questions, list) or not all(
            isinstance(q, dict) and isinstance(q.get("key"), str) and q["key"].isidentifier()
            and isinstance(q.get("label"), str) and 0 < len(q["label"]) <= 200 for q in questions):
        raise DomainError(_("Each question needs a short key (letters, digits, _) and a label."), "questions")
    if len({q["key"] for q in questions}) != len(questions):
        raise DomainError(_("Two questions share a key."), "questions")
    texts = event.translations
    if not isinstance(texts, dict) or not all(
            lang in LANGUAGES and isinstance(t, dict) and all(k in ("title", "description") and isinstance(v, str)
                                                              for k, v in t.items())
            for lang, t in texts.items()):
        raise DomainError(_("Translations are texts by language: a title and a description."), "translations")
    if not event.online_url and not event.venue_name:
        raise DomainError(_("Give a venue or an online link."), "venue_name")


def _check_site(actor: Any, event: Event) -> None:
    """A venue in the spaces inventory must be a site the actor can see (asked through core's links)."""
    if event.site_id is not None and links.link("spaces.site", event.site_id, actor) is None:
        raise DomainError(_("Choose a site of the inventory that you can see."), "site_id")


def _validate(event: Event) -> None:
    check_event(event)
    try:
        event.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from None


@transaction.atomic
def create_event(actor: Any, **data: Any) -> Event:
    """Add an event to a city the actor organises events in."""
    event = Event(**{k: v for k, v in data.items() if k in EVENT_FIELDS})
    require(actor, ADD, event, _("You cannot add events in this city."), "city")
    if event.campaign_id and not isinstance(event.campaign, Campaign):
        raise DomainError(_("Unknown campaign."), "campaign")
    _check_site(actor, event)
    _validate(event)
    event.save()
    record_audit(actor, "create_event", event, {"title": event.title, "city": event.city_id})
    return event


@transaction.atomic
def update_event(actor: Any, event: Event, **data: Any) -> Event:
    """Change an event; a change calendar clients must see raises its SEQUENCE (the UID never changes)."""
    require(actor, CHANGE, event, _("You cannot change events of this city."), "city")
    if data.get("status") == EventStatus.CANCELLED and event.status != EventStatus.CANCELLED:
        raise DomainError(_("Cancel the event with the cancel button, so registrants are told."), "status")
    changes = apply_changes(event, data, EVENT_FIELDS)
    require(actor, CHANGE, event, _("You cannot move events to this city."), "city")
    if "site_id" in changes:
        _check_site(actor, event)
    _validate(event)
    if SCHEDULE_FIELDS & set(changes):
        event.sequence = F("sequence") + 1
    event.save()
    event.refresh_from_db(fields=["sequence"])
    if changes:
        record_audit(actor, "update_event", event, changes)
    if {"starts_at", "ends_at", "venue_name", "address", "online_url"} & set(changes):
        mail_registrants(event, _("Changed: %(title)s") % {"title": event.title},
                         _("The time or place of this event has changed. See the event page for the details."))
    return event


@transaction.atomic
def cancel_event(actor: Any, event: Event, reason: str = "") -> Event:
    """Cancel an event: the feeds show it as cancelled and every registrant is told."""
    require(actor, CHANGE, event, _("You cannot change events of this city."), "city")
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("The event is already cancelled."))
    event.status = EventStatus.CANCELLED
    event.sequence = F("sequence") + 1
    event.save(update_fields=["status", "sequence", "updated_at"])
    event.refresh_from_db(fields=["sequence"])
    record_audit(actor, "cancel_event", event, {"reason": reason})
    mail_registrants(event, _("Cancelled: %(title)s") % {"title": event.title},
                     reason or _("The organisers have cancelled this event."))
    return event


def active_registrations(event: Event) -> Any:
    """Registrations still in play (a seat, a request or a place in line)."""
    return Registration.objects.filter(event=event, status__in=ACTIVE)
