"""Reminder e-mails the day before an event, to every registrant holding a seat (a due job, once each)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from creativepoles.core.duejobs import DueJobContext
from creativepoles.events.models import HOLDS_SEAT, EventStatus, Registration
from creativepoles.events.services.mail import mail_registration

DESCRIPTION = gettext_lazy("Remind registrants the day before their event")


def remind_due(context: DueJobContext) -> None:
    """E-mail each registrant with a seat at an event that starts tomorrow (UTC day), at most once."""
    start = dt.datetime.combine(context.today + dt.timedelta(days=1), dt.time.min, dt.UTC)
    due = (Registration.objects.filter(event__starts_at__gte=start, event__starts_at__lt=start + dt.timedelta(days=1),
                                       event__status=EventStatus.PUBLISHED, status__in=HOLDS_SEAT)
           .exclude(email="").select_related("event").order_by("pk"))
    for registration in due:
        with transaction.atomic():
            if context.once(f"reminder:{registration.pk}", registration.event.starts_at.date()):
                subject = _("Tomorrow: %(title)s") % {"title": registration.event.title}
                body = _("A reminder: your event starts tomorrow. Your QR code is on your registration page.")
                mail_registration(registration, subject, body)
