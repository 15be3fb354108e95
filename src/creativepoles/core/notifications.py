"""One notification service for every module: a note in the app and, by default, an e-mail via the tasks worker."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from creativepoles.core.models import Notification
from creativepoles.core.tasks import send_notification

__all__ = ["mark_read", "notify", "unread_count"]


def _internal_path(url: str | None) -> str:
    """The link as a path inside the platform; anything else is dropped rather than mailed out."""
    if not url:
        return ""
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError(f"a notification links inside the platform, not to {url!r}")
    return url


def _send(subject: str, text: str, to: str) -> None:
    """Hand one e-mail to the tasks worker."""
    send_notification.enqueue(subject, text, [to])


@transaction.atomic
def notify(recipients: Iterable[Any], subject: Any, body: Any = "", url: str | None = None, *,
           kind: str = "message", email: bool = True) -> list[Notification]:
    """Store one notification per active recipient and, once committed, e-mail each one separately."""
    path = _internal_path(url)
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    notes = Notification.objects.bulk_create([
        Notification(recipient=user, kind=kind, subject=str(subject)[:200], body=str(body), url=path)
        for user in unique.values()
    ])
    if email:
        text = str(body) + (f"\n\n{settings.SITE_URL}{path}" if path else "")
        for user in unique.values():
            if user.email:
                # One message per person, so no recipient sees the others' addresses; after commit, so a
                # rolled-back write sends nothing.
                transaction.on_commit(partial(_send, str(subject), text, user.email))
    return notes


def unread_count(user: Any) -> int:
    """How many notifications the user has not read."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def for_recipient(user: Any) -> QuerySet[Notification]:
    """The user's own notifications, newest first; nobody reads another person's."""
    return Notification.objects.filter(recipient=user) if user.is_authenticated else Notification.objects.none()


@transaction.atomic
def mark_read(user: Any, pk: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) read; returns how many changed."""
    notes = for_recipient(user).filter(read_at__isnull=True)
    if pk is not None:
        notes = notes.filter(pk=pk)
    return notes.update(read_at=timezone.now())
