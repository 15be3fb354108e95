"""Registration: seats, the waiting list, promotion on cancellation, approval, and clear refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.events.models import Event, EventStatus, Registration, RegistrationStatus
from creativepoles.events.services import registrations as services
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def fill(event: Event, n: int, start: int = 0) -> list[Registration]:
    return [services.register(None, event, f"Guest {i}", f"guest{i}@example.test") for i in range(start, start + n)]


def test_it_confirms_up_to_capacity_then_queues(event: Event) -> None:
    regs = fill(event, 12)
    assert [r.status for r in regs] == [RegistrationStatus.CONFIRMED] * 10 + [RegistrationStatus.WAITING] * 2


def test_it_promotes_the_first_in_line_when_a_seat_is_freed(event: Event, world: dict[str, Any]) -> None:
    regs = fill(event, 13)
    moved = services.cancel_registration(world["editor"], regs[3])
    assert moved is not None and moved.pk == regs[10].pk
    statuses = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert statuses[regs[3].pk] == RegistrationStatus.CANCELLED
    assert statuses[regs[10].pk] == RegistrationStatus.CONFIRMED
    assert statuses[regs[11].pk] == statuses[regs[12].pk] == RegistrationStatus.WAITING
    assert Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count() == 10


def test_it_promotes_nobody_when_a_waiting_person_cancels(event: Event) -> None:
    regs = fill(event, 12)
    assert services.cancel_registration(None, regs[11], by_code=True) is None
    assert Registration.objects.get(pk=regs[10].pk).status == RegistrationStatus.WAITING


def test_it_mails_the_promoted_person(event: Event, world: dict[str, Any], django_capture_on_commit_callbacks: Any,
                                      settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    regs = fill(event, 11)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(world["editor"], regs[0])
    assert [m.to for m in mail.outbox] == [["guest10@example.test"]]
    assert "confirmed" in mail.outbox[0].subject


def test_it_refuses_a_registration_after_closing(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"], registration_closes=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(DomainError, match="closed"):
        services.register(None, event, "Late", "late@example.test")
    assert not Registration.objects.exists()


def test_it_refuses_a_registration_for_a_past_draft_or_cancelled_event(world: dict[str, Any]) -> None:
    for event in (make_event(world["klaipeda"], days=-1), make_event(world["klaipeda"], status=EventStatus.DRAFT),
                  make_event(world["klaipeda"], status=EventStatus.CANCELLED)):
        with pytest.raises(DomainError, match="closed"):
            services.register(None, event, "Someone", "someone@example.test")
    assert not Registration.objects.exists()


def test_it_refuses_a_duplicate_registration(event: Event) -> None:
    services.register(None, event, "Ona", "ona@example.test")
    with pytest.raises(DomainError, match="already registered") as caught:
        services.register(None, event, "Ona again", "ONA@example.test")
    assert caught.value.field == "email"
    assert Registration.objects.count() == 1


def test_it_lets_a_cancelled_person_register_again(event: Event) -> None:
    first = services.register(None, event, "Ona", "ona@example.test")
    services.cancel_registration(None, first, by_code=True)
    again = services.register(None, event, "Ona", "ona@example.test")
    assert again.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize(("name", "email", "answers", "field"), [
    ("", "a@example.test", None, "name"),
    ("x" * 201, "a@example.test", None, "name"),
    ("Ona", "not-an-address", None, "email"),
    ("Ona", "", None, "email"),
    ("Ona", "a@example.test", ["diet"], "answers"),
    ("Ona", "a@example.test", {"shoe": "42"}, "answers"),
    ("Ona", "a@example.test", {"diet": 5}, "diet"),
    ("Ona", "a@example.test", {}, "organisation"),
])
def test_it_refuses_malformed_input_with_a_field_error(world: dict[str, Any], name: str, email: str, answers: Any,
                                                       field: str) -> None:
    event = make_event(world["klaipeda"], questions=[
        {"key": "diet", "label": "Diet", "required": False},
        {"key": "organisation", "label": "Organisation", "required": True}])
    with pytest.raises(DomainError) as caught:
        services.register(None, event, name, email, answers)
    assert caught.value.field == field
    assert not Registration.objects.exists()


def test_it_keeps_answers_and_links_a_signed_in_registrant(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"], questions=[{"key": "diet", "label": "Diet"}])
    registration = services.register(world["outsider"], event, answers={"diet": " vegan "})
    assert registration.owner == world["outsider"]
    assert registration.email == "outsider@example.test"
    assert registration.answers == {"diet": "vegan"}


def test_it_holds_seats_for_requests_awaiting_approval(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"], capacity=2, requires_approval=True)
    regs = fill(event, 3)
    assert [r.status for r in regs] == [RegistrationStatus.PENDING] * 2 + [RegistrationStatus.WAITING]
    with pytest.raises(NotInScope):
        services.approve_registration(world["other"], regs[0])
    services.approve_registration(world["editor"], regs[0])
    assert Registration.objects.get(pk=regs[0].pk).status == RegistrationStatus.CONFIRMED


def test_it_checks_in_once_by_code_for_organisers_only(event: Event, world: dict[str, Any]) -> None:
    registration = fill(event, 1)[0]
    with pytest.raises(NotInScope):
        services.check_in(world["other"], event, registration.code)
    with pytest.raises(DomainError, match="No registration"):
        services.check_in(world["editor"], event, "wrong-code")
    services.check_in(world["editor"], event, registration.code)
    assert Registration.objects.get(pk=registration.pk).checked_in_at is not None
    with pytest.raises(DomainError, match="already checked in"):
        services.check_in(world["editor"], event, registration.code)


def test_it_refuses_a_check_in_of_someone_waiting(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"], capacity=1)
    waiting = fill(event, 2)[1]
    with pytest.raises(DomainError, match="not confirmed"):
        services.check_in(world["editor"], event, waiting.code)


def test_it_lets_only_the_owner_or_organisers_cancel_without_the_code(event: Event, world: dict[str, Any]) -> None:
    mine = services.register(world["outsider"], event)
    with pytest.raises(NotInScope):
        services.cancel_registration(world["other"], mine)
    services.cancel_registration(world["outsider"], mine)
    with pytest.raises(DomainError, match="already cancelled"):
        services.cancel_registration(world["outsider"], mine)
