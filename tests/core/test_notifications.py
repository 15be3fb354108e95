"""Notifications: stored per recipient, e-mailed one by one after commit, listed and marked read by their owner only."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from creativepoles.core.models import Notification
from creativepoles.core.notifications import mark_read, notify, unread_count


def test_it_stores_one_note_per_person_and_mails_each_separately(
        world: dict[str, Any], django_capture_on_commit_callbacks: Any, settings: Any) -> None:
    settings.SITE_URL = "https://poles.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        notes = notify([world["editor"], world["other"], world["editor"]], "Report due", "Please submit.",
                       url="/programme/ucp/reports/", kind="test.reminder")
    assert len(notes) == Notification.objects.count() == 2
    assert {n.recipient for n in notes} == {world["editor"], world["other"]}
    assert sorted(m.to[0] for m in mail.outbox) == ["editor@klaipeda.test", "editor@tartu.test"]
    assert all(len(m.to) == 1 for m in mail.outbox), "nobody sees another recipient's address"
    assert mail.outbox[0].subject == "Report due"
    assert "https://poles.example.org/programme/ucp/reports/" in mail.outbox[0].body


def test_it_sends_nothing_when_the_write_rolls_back(
        world: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([world["editor"]], "Never", "Rolled back.")
            raise RuntimeError("the write failed")
    assert callbacks == [] and mail.outbox == [] and Notification.objects.count() == 0


def test_it_skips_inactive_users_and_can_stay_in_the_app(world: dict[str, Any]) -> None:
    world["other"].is_active = False
    world["other"].save()
    notes = notify([world["editor"], world["other"]], "In the app only", email=False)
    assert [n.recipient for n in notes] == [world["editor"]] and mail.outbox == []


def test_it_refuses_links_that_leave_the_platform(world: dict[str, Any]) -> None:
    for url in ("https://evil.test/", "//evil.test/x", "javascript:alert(1)"):
        with pytest.raises(ValueError):
            notify([world["editor"]], "Phish", url=url)
    assert Notification.objects.count() == 0


def test_it_lists_only_the_users_own_notes_and_marks_them_read(world: dict[str, Any], client: Client) -> None:
    mine = notify([world["editor"]], "Mine <b>bold</b>", "Body", url="/programme/", email=False)[0]
    notify([world["editor"]], "Second", email=False)
    theirs = notify([world["other"]], "Theirs", email=False)[0]
    assert client.get("/notifications/").status_code == 302  # to the login page
    client.force_login(world["editor"])
    page = client.get("/notifications/").content.decode()
    assert "Mine &lt;b&gt;bold&lt;/b&gt;" in page and "Second" in page and "Theirs" not in page
    assert "2 unread notifications." in page and 'href="/notifications/"' in page  # the user-menu link
    # Marking another user's note read changes nothing.
    assert client.post("/notifications/read/", {"id": theirs.pk}).status_code == 302
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.post("/notifications/read/", {"id": mine.pk})
    assert unread_count(world["editor"]) == 1
    assert client.post("/notifications/read/", {"id": "12abc"}).status_code == 400
    client.post("/notifications/read/")
    assert unread_count(world["editor"]) == 0 and unread_count(world["other"]) == 1
    assert "You have no notifications." not in client.get("/notifications/").content.decode()
    assert mark_read(world["editor"]) == 0


def test_it_shows_the_page_in_lithuanian(world: dict[str, Any], client: Client) -> None:
    client.force_login(world["editor"])
    client.cookies["django_language"] = "lt"
    page = client.get("/notifications/").content.decode()
    assert 'lang="lt"' in page and "Pranešimai" in page
