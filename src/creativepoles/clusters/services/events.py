"""Brokerage events: meeting requests, answers, the scheduler and personal agendas (also as iCalendar)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.analysis.schedule import Meeting, Schedule, schedule
from creativepoles.clusters.models import BrokerageEvent, MeetingRequest, MeetingStatus, Profile
from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import record_audit
from creativepoles.core.notifications import notify
from creativepoles.core.permissions import ADD, CHANGE, can, require

EVENT_FIELDS = ("city", "title", "description", "venue", "starts_at", "slot_minutes", "slots", "tables",
                "is_published")


def _full_clean(obj: Any, **kwargs: Any) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise domain_error_from(error) from None


@transaction.atomic
def create_event(actor: Any, **data: Any) -> BrokerageEvent:
    """Add a brokerage event in a city the actor edits."""
    event = BrokerageEvent(**{k: v for k, v in data.items() if k in EVENT_FIELDS})
    require(actor, ADD, event, _("You cannot add events in this city."), "city")
    _full_clean(event)
    event.save()
    record_audit(actor, "create_brokerage_event", event, {"title": event.title})
    return event


@transaction.atomic
def update_event(actor: Any, event: BrokerageEvent, **data: Any) -> BrokerageEvent:
    """Change an event's facts; fewer slots or tables than the schedule uses clear the schedule."""
    require(actor, CHANGE, event, _("You cannot change this event."), "city")
    changes = apply_changes(event, data, EVENT_FIELDS)
    require(actor, CHANGE, event, _("You cannot change this event."), "city")
    _full_clean(event)
    event.save()
    if {"slots", "tables", "starts_at", "slot_minutes"} & set(changes):
        event.meetings.update(slot=None, table=None)
        event.scheduled_at = None
        event.save(update_fields=["scheduled_at"])
    if changes:
        record_audit(actor, "update_brokerage_event", event, changes)
    return event


@transaction.atomic
def request_meeting(actor: Any, event: BrokerageEvent, requester: Profile, invitee: Profile,
                    message: str = "") -> MeetingRequest:
    """Ask another firm for a meeting at an event, from one's own profile; the invitee is notified."""
    if not can(actor, CHANGE, requester):
        raise DomainError(_("Ask from your own profile."), "requester")
    if invitee.visibility != "public" or invitee.pk == requester.pk or invitee.owner_id == requester.owner_id:
        raise DomainError(_("Choose another firm's profile."), "invitee")
    if MeetingRequest.objects.filter(event=event, requester=requester, invitee=invitee).exists() or \
            MeetingRequest.objects.filter(event=event, requester=invitee, invitee=requester).exists():
        raise DomainError(_("A meeting between these firms is already requested."), "invitee")
    meeting = MeetingRequest(event=event, requester=requester, invitee=invitee, message=message)
    require(actor, ADD, meeting)
    _full_clean(meeting)
    meeting.save()
    record_audit(actor, "request_meeting", meeting, {"event": event.pk, "invitee": invitee.pk})
    notify([invitee.owner], _("Meeting request from %(firm)s") % {"firm": requester.firm_name},
           message, url=event.get_absolute_url() + "agenda/")
    return meeting


@transaction.atomic
def answer_meeting(actor: Any, meeting: MeetingRequest, accept: bool) -> MeetingRequest:
    """The invitee accepts or declines; the requester may withdraw. A declined meeting leaves the schedule."""
    require(actor, CHANGE, meeting, _("Only the two firms answer a meeting request."))
    invitee = can(actor, CHANGE, meeting.invitee)
    if accept and not invitee:
        raise DomainError(_("Only the invited firm accepts a meeting."), "status")
    if meeting.status not in (MeetingStatus.REQUESTED, MeetingStatus.ACCEPTED):
        raise DomainError(_("This request is already closed."), "status")
    old = meeting.status
    meeting.status = (MeetingStatus.ACCEPTED if accept else
                      MeetingStatus.DECLINED if invitee else MeetingStatus.CANCELLED)
    if meeting.status != MeetingStatus.ACCEPTED:
        meeting.slot = meeting.table = None
    meeting.decided_at = timezone.now()
    meeting.save()
    record_audit(actor, "answer_meeting", meeting, {"status": [old, meeting.status]})
    other = meeting.requester if invitee else meeting.invitee
    notify([other.owner], _("Meeting %(status)s: %(firm)s") % {
        "status": meeting.get_status_display().lower(), "firm": (meeting.invitee if invitee else meeting.requester)
        .firm_name}, url=meeting.event.get_absolute_url() + "agenda/")
    if accept and meeting.event.scheduled_at is not None:
        _place_one(meeting)
    return meeting


def _place_one(meeting: MeetingRequest) -> None:
    """Put a meeting accepted after scheduling into the first slot where both firms and a table are free."""
    event = meeting.event
    placed = list(event.meetings.filter(status=MeetingStatus.ACCEPTED, slot__isnull=False)
                  .exclude(pk=meeting.pk).values_list("slot", "table", "requester__owner_id", "invitee__owner_id"))
    people = {meeting.requester.owner_id, meeting.invitee.owner_id}
    for slot in range(event.slots):
        here = [row for row in placed if row[0] == slot]
        if len(here) < event.tables and not any(people & {row[2], row[3]} for row in here):
            used = {row[1] for row in here}
            meeting.slot, meeting.table = slot, min(t for t in range(event.tables) if t not in used)
            meeting.save(update_fields=["slot", "table"])
            return


@transaction.atomic
def schedule_event(actor: Any, event: BrokerageEvent, exact_up_to: int = 60) -> Schedule:
    """Place every accepted meeting into slots and tables, nobody double-booked, as many held as possible.

    People are the profiles' owners: one person representing two firms still sits at one table at a time."""
    require(actor, CHANGE, event, _("You cannot schedule this event."))
    accepted = list(event.meetings.filter(status=MeetingStatus.ACCEPTED)
                    .values_list("pk", "requester__owner_id", "invitee__owner_id"))
    meetings = [Meeting(pk, (a, b)) for pk, a, b in accepted if a != b]
    result = schedule(meetings, event.slots, event.tables, exact_up_to=exact_up_to)
    event.meetings.update(slot=None, table=None)
    by_pk = {m.pk: m for m in event.meetings.filter(pk__in=[p.meeting for p in result.placements])}
    for p in result.placements:
        by_pk[p.meeting].slot, by_pk[p.meeting].table = p.slot, p.table
    MeetingRequest.objects.bulk_update(list(by_pk.values()), ["slot", "table"])
    event.scheduled_at = timezone.now()
    event.schedule_mode = result.mode
    event.schedule_bound = result.bound
    event.save(update_fields=["scheduled_at", "schedule_mode", "schedule_bound"])
    record_audit(actor, "schedule_brokerage_event", event, {"held": result.held, "bound": result.bound,
                                                            "mode": result.mode})
    return result


def agenda(actor: Any, event: BrokerageEvent) -> list[MeetingRequest]:
    """The actor's meetings at an event (asked or invited), scheduled ones first by time."""
    if not getattr(actor, "is_authenticated", False):
        return []
    rows = (MeetingRequest.objects.filter(event=event).filter(requester__owner=actor)
            | MeetingRequest.objects.filter(event=event).filter(invitee__owner=actor))
    return sorted(rows.select_related("requester__city", "invitee__city", "event").distinct(),
                  key=lambda m: (m.slot is None, m.slot or 0, m.pk))


def agenda_ical(actor: Any, event: BrokerageEvent) -> bytes:
    """The actor's scheduled meetings at an event as an iCalendar file."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Creative Poles//clusters//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.title)
    for meeting in agenda(actor, event):
        if meeting.slot is None or meeting.status != MeetingStatus.ACCEPTED:
            continue
        entry = icalendar.Event()
        entry.add("uid", f"meeting-{meeting.pk}@creativepoles")
        entry.add("dtstamp", timezone.now())
        entry.add("dtstart", meeting.slot_start())
        entry.add("dtend", meeting.slot_end())
        entry.add("summary", _("Meeting: %(a)s and %(b)s") % {"a": meeting.requester.firm_name,
                                                              "b": meeting.invitee.firm_name})
        entry.add("location", _("%(venue)s, table %(table)s") % {"venue": event.venue or event.title,
                                                                 "table": (meeting.table or 0) + 1})
        calendar.add_component(entry)
    return bytes(calendar.to_ical())
