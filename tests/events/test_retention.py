"""Registrants' personal data is anonymised by a due job a configurable number of days after the event."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from creativepoles.core.duejobs import run_due_jobs
from creativepoles.events.models import Registration
from creativepoles.events.services import registrations as services
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def test_it_anonymises_registrants_after_the_configured_days(world: dict[str, Any], settings: Any) -> None:
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 30
    event = make_event(world["klaipeda"], questions=[{"key": "diet", "label": "Diet"}])
    registration = services.register(world["outsider"], event, answers={"diet": "vegan"})
    services.check_in(world["editor"], event, registration.code)
    ends = event.ends_at.date()
    run_due_jobs(today=ends + dt.timedelta(days=30))
    assert Registration.objects.get().email == "outsider@example.test"
    run_due_jobs(today=ends + dt.timedelta(days=32))
    row = Registration.objects.get()
    assert (row.name, row.email, row.answers, row.owner) == ("—", "", {}, None)
    assert row.anonymised_at is not None and row.checked_in_at is not None and row.status == "confirmed"
    run_due_jobs(today=ends + dt.timedelta(days=33))  # nothing left to do, nothing fails
    assert Registration.objects.filter(anonymised_at__isnull=True).count() == 0


def test_it_leaves_coming_events_alone(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"])
    services.register(None, event, "Ona", "ona@example.test")
    run_due_jobs(today=timezone.localdate() + dt.timedelta(days=5))
    assert Registration.objects.get().email == "ona@example.test"


def test_it_reminds_registrants_with_a_seat_once_the_day_before(world: dict[str, Any], settings: Any,
                                                                 mailoutbox: Any,
                                                                 django_capture_on_commit_callbacks: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    event = make_event(world["klaipeda"], capacity=1)
    services.register(None, event, "Seat", "seat@example.test")
    services.register(None, event, "Line", "line@example.test")
    mailoutbox.clear()
    day_before = event.starts_at.date() - dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        run_due_jobs(today=day_before - dt.timedelta(days=1))
        run_due_jobs(today=day_before)
        run_due_jobs(today=day_before)
    assert [m.to for m in mailoutbox] == [["seat@example.test"]]
    assert mailoutbox[0].subject == "Tomorrow: Open studios"
