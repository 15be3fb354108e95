"""E-mails to registrants, who may have no account: sent through the tasks worker once the write commits."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction

from creativepoles.core.tasks import send_notification
from creativepoles.events.models import ACTIVE, Registration


def _send(subject: str, body: str, to: str) -> None:
    send_notification.enqueue(subject, body, [to])


def mail_registration(registration: Registration, subject: str, body: str) -> None:
    """One message to one registrant, with the link to their registration; nothing if the write rolls back."""
    if not registration.email:
        return
    text = f"{body}\n\n{settings.SITE_URL}{registration.get_absolute_url()}"
    transaction.on_commit(partial(_send, str(subject), text, registration.email))


def mail_registrants(event: Any, subject: str, body: str) -> None:
    """One message to each active registrant of an event (each sees only their own address)."""
    for registration in Registration.objects.filter(event=event, status__in=ACTIVE).exclude(email=""):
        mail_registration(registration, subject, body)
