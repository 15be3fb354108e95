"""Background tasks of the core app (Django tasks framework)."""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_notification(subject: str, body: str, recipients: list[str]) -> int:
    """Send an e-mail outside the request; returns the number of messages sent."""
    return send_mail(subject, body, None, recipients)
