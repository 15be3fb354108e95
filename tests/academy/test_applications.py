"""Applying, editing until the deadline in the host city's time zone (across a DST change), withdrawing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from creativepoles.academy import services
from creativepoles.academy.models import Application, Status
from creativepoles.core.demo import ensure_user
from creativepoles.core.errors import DomainError, NotInScope
from tests import files

pytestmark = pytest.mark.django_db
UTC = dt.UTC
DATA = {"name": "Ona", "field": "Design", "organisation_name": "VDA", "country": "LT",
        "birth_date": dt.date(2001, 5, 5), "motivation": "Why not."}


def test_it_keeps_the_deadline_at_local_wall_clock_time_across_the_dst_change(academy: dict[str, Any]) -> None:
    edition = academy["edition"]
    # On 2027-03-28 Vilnius moves from UTC+2 to UTC+3 at 03:00: 23:59 local is 20:59 UTC, not 21:59.
    assert edition.deadline.astimezone(UTC) == dt.datetime(2027, 3, 28, 20, 59, tzinfo=UTC)
    edition.deadline_date = dt.date(2027, 3, 27)  # the evening before, still winter time
    assert edition.deadline.astimezone(UTC) == dt.datetime(2027, 3, 27, 21, 59, tzinfo=UTC)


def test_it_refuses_an_application_after_the_deadline_with_a_clear_message(academy: dict[str, Any]) -> None:
    edition, user = academy["edition"], ensure_user("late@example.test")
    # 21:30 UTC is 00:30 on the 29th in Vilnius (summer time): too late, although with the winter offset it
    # would still be 23:30 on the 28th.
    with pytest.raises(DomainError) as refused:
        services.apply(user, edition, now=dt.datetime(2027, 3, 28, 21, 30, tzinfo=UTC), **DATA)
    assert "The call closed on 2027-03-28 at 23:59 (Klaipėda time)" in refused.value.message
    assert not Application.objects.exists()
    application = services.apply(user, edition, now=dt.datetime(2027, 3, 28, 20, 58, tzinfo=UTC), **DATA)
    assert application.status == Status.SUBMITTED


def test_it_confirms_by_email_and_locks_edits_after_the_deadline(academy: dict[str, Any],
                                                                django_capture_on_commit_callbacks: Any) -> None:
    edition, user = academy["edition"], ensure_user("ona@example.test")
    before = dt.datetime(2027, 3, 1, 12, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.apply(user, edition, now=before, **DATA)
    assert [m.to for m in mail.outbox] == [["ona@example.test"]]
    services.update_application(user, application, now=before, motivation="Better reasons.")
    application.refresh_from_db()
    assert application.motivation == "Better reasons."
    with pytest.raises(DomainError, match="The call closed"):
        services.update_application(user, application, now=dt.datetime(2027, 3, 29, tzinfo=UTC), motivation="x")
    application.refresh_from_db()
    assert application.motivation == "Better reasons."
    other = ensure_user("mallory@example.test")
    with pytest.raises(NotInScope):
        services.update_application(other, application, now=before, motivation="Hijacked")


def test_it_checks_eligibility_and_one_application_per_person(academy: dict[str, Any]) -> None:
    edition, user = academy["edition"], ensure_user("old@example.test")
    now = dt.datetime(2027, 3, 1, tzinfo=UTC)
    with pytest.raises(DomainError) as refused:
        services.apply(user, edition, now=now, **{**DATA, "birth_date": dt.date(1980, 1, 1)})
    assert refused.value.field == "birth_date"
    with pytest.raises(DomainError) as refused:
        services.apply(user, edition, now=now, **{**DATA, "kind": "entrepreneur", "birth_date": None,
                                                  "founded_year": 2010})
    assert refused.value.field == "founded_year"
    services.apply(user, edition, now=now, **{**DATA, "kind": "entrepreneur", "founded_year": 2025})
    with pytest.raises(DomainError, match="already applied"):
        services.apply(user, edition, now=now, **DATA)


def test_it_checks_the_portfolio_file_content(academy: dict[str, Any]) -> None:
    edition, user = academy["edition"], ensure_user("files@example.test")
    now = dt.datetime(2027, 3, 1, tzinfo=UTC)
    fake = SimpleUploadedFile("work.pdf", b"MZ not a pdf at all", "application/pdf")
    with pytest.raises(DomainError) as refused:
        services.apply(user, edition, now=now, portfolio_file=fake, **DATA)
    assert refused.value.field == "portfolio_file"
    good = SimpleUploadedFile("work.pdf", files.pdf(), "application/pdf")
    application = services.apply(user, edition, now=now, portfolio_file=good, **DATA)
    assert application.portfolio_file


def test_it_withdraws(academy: dict[str, Any]) -> None:
    edition, user = academy["edition"], ensure_user("w@example.test")
    application = services.apply(user, edition, now=dt.datetime(2027, 3, 1, tzinfo=UTC), **DATA)
    services.withdraw(user, application)
    assert Application.objects.get().status == Status.WITHDRAWN
    with pytest.raises(DomainError):
        services.withdraw(user, application)


def test_the_page_refuses_a_late_application_with_the_message(academy: dict[str, Any], client: Any) -> None:
    edition = academy["edition"]
    edition.deadline_date = dt.date(2020, 1, 1)
    edition.save()
    client.force_login(ensure_user("page@example.test"))
    response = client.post(f"/academy/{edition.pk}/apply/", {**DATA, "kind": "student", "birth_date": "2001-05-05"})
    assert response.status_code == 400
    assert "The call closed on 2020-01-01 at 23:59 (Klaipėda time)" in response.content.decode()
    assert not Application.objects.exists()
