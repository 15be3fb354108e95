"""Brokerage events: request, accept or decline, schedule without double-booking, agendas and iCalendar."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from creativepoles.clusters.models import MeetingRequest, MeetingStatus
from creativepoles.clusters.services import events as services
from creativepoles.core.errors import DomainError
from creativepoles.core.models import Notification

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_takes_a_request_through_acceptance_to_both_agendas(world: dict[str, Any], firms: dict[str, Any]) -> None:
    event, p, u = firms["event"], firms["profiles"], firms["users"]
    ana, ben = client_for(u["ana"]), client_for(u["ben"])
    response = ana.post(f"/clusters/events/{event.pk}/request/", {"requester": p["ana"].pk, "invitee": p["ben"].pk,
                                                                  "message": "Soundtracks for your films?"})
    assert response.status_code == 302
    meeting = MeetingRequest.objects.get()
    assert Notification.objects.filter(recipient=u["ben"]).exists()
    # Only the invitee accepts; the requester may only withdraw.
    with pytest.raises(DomainError):
        services.answer_meeting(u["ana"], meeting, True)
    assert client_for(u["cai"]).post(f"/clusters/meetings/{meeting.pk}/answer/", {"answer": "accept"}).status_code \
        == 404
    assert ben.post(f"/clusters/meetings/{meeting.pk}/answer/", {"answer": "accept"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED and meeting.slot is None
    result = services.schedule_event(world["editor"], event)
    assert result.held == 1 and result.mode == "exact"
    meeting.refresh_from_db()
    assert meeting.slot is not None and meeting.table is not None
    start = timezone.localtime(meeting.slot_start()).strftime("%H:%M")
    for client in (ana, ben):
        page = client.get(f"/clusters/events/{event.pk}/agenda/").content.decode()
        assert start in page and "Accepted" in page
        ics = client.get(f"/clusters/events/{event.pk}/agenda.ics")
        assert ics["Content-Type"].startswith("text/calendar")
        entries = [c for c in icalendar.Calendar.from_ical(ics.content).walk("VEVENT")]
        assert len(entries) == 1 and entries[0].decoded("dtstart") == meeting.slot_start()
    assert client_for(u["cai"]).get(f"/clusters/events/{event.pk}/agenda.ics").content.count(b"VEVENT") == 0


def test_it_places_a_meeting_accepted_after_scheduling(world: dict[str, Any], firms: dict[str, Any]) -> None:
    event, p, u = firms["event"], firms["profiles"], firms["users"]
    services.schedule_event(world["editor"], event)
    meeting = services.request_meeting(u["cai"], event, p["cai"], p["dora"])
    services.answer_meeting(u["dora"], meeting, True)
    meeting.refresh_from_db()
    assert meeting.slot == 0 and meeting.table == 0


def test_it_schedules_without_double_booking_and_reports_the_bound(world: dict[str, Any],
                                                                   firms: dict[str, Any]) -> None:
    event, p, u = firms["event"], firms["profiles"], firms["users"]
    event.slots, event.tables = 2, 1
    event.save()
    keys = ["ana", "ben", "cai", "dora"]
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            m = services.request_meeting(u[a], event, p[a], p[b])
            services.answer_meeting(u[b], m, True)
    result = services.schedule_event(world["editor"], event)
    assert result.held == 2 == result.bound  # one table, two slots
    placed = list(MeetingRequest.objects.filter(slot__isnull=False).values_list("slot", "table"))
    assert len(placed) == len(set(placed)) == 2
    assert client_for(world["other"]).post(f"/clusters/events/{event.pk}/schedule/").status_code == 403


def test_it_refuses_requests_that_are_not_one_s_own_or_twice(firms: dict[str, Any]) -> None:
    event, p, u = firms["event"], firms["profiles"], firms["users"]
    with pytest.raises(DomainError):
        services.request_meeting(u["ben"], event, p["ana"], p["cai"])
    services.request_meeting(u["ana"], event, p["ana"], p["cai"])
    with pytest.raises(DomainError):
        services.request_meeting(u["cai"], event, p["cai"], p["ana"])
    with pytest.raises(DomainError):
        services.request_meeting(u["ana"], event, p["ana"], p["ana"])
    assert MeetingRequest.objects.count() == 1


def test_it_lets_city_editors_add_events_in_their_city_only(world: dict[str, Any]) -> None:
    editor = client_for(world["editor"])
    data = {"title": "Match", "starts_at": "2030-06-01T10:00", "slot_minutes": 20, "slots": 8, "tables": 4,
            "is_published": "on"}
    assert editor.post("/clusters/events/new/", {**data, "city": world["tartu"].pk}).status_code == 400
    assert editor.post("/clusters/events/new/", {**data, "city": world["klaipeda"].pk}).status_code == 302
    assert client_for(world["outsider"]).get("/clusters/events/new/").status_code == 403


def test_it_puts_unanswered_requests_on_the_invitee_s_home_page(firms: dict[str, Any]) -> None:
    p, u = firms["profiles"], firms["users"]
    meeting = services.request_meeting(u["ana"], firms["event"], p["ana"], p["ben"])
    page = client_for(u["ben"]).get("/").content.decode()
    assert "Ana studio asks for a meeting at Baltic match" in page
    assert "asks for a meeting" not in client_for(u["ana"]).get("/").content.decode()
    services.answer_meeting(u["ben"], meeting, False)
    assert "asks for a meeting" not in client_for(u["ben"]).get("/").content.decode()
