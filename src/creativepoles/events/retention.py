"""Registrants' personal data is anonymised a configurable number of days after their event (a due job).

`EVENTS_ANONYMISE_AFTER_DAYS` (default 180) sets the delay. Counts survive: a registration keeps its
status and check-in time (campaign KPIs count them), but loses name, address, answers and its account link.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creativepoles.core.duejobs import DueJobContext
from creativepoles.core.models import record_audit
from creativepoles.events.models import Event, Registration

DESCRIPTION = _("Anonymise the registrants of events that ended long enough ago")


def anonymise_due(context: DueJobContext) -> None:
    """Anonymise the registrants of every event that ended more than the configured days before today."""
    days = int(getattr(settings, "EVENTS_ANONYMISE_AFTER_DAYS", 180))
    limit = dt.datetime.combine(context.today - dt.timedelta(days=days), dt.time.min, dt.UTC)
    due = Event.objects.filter(ends_at__lt=limit, registrations__anonymised_at__isnull=True).distinct()
    for event in due.order_by("pk"):
        with transaction.atomic():
            if not context.once(f"event:{event.pk}", context.today):
                continue
            count = anonymise_event(event)
            context.report.lines.append(f"{event.pk}: {count}")


def anonymise_event(event: Event) -> int:
    """Drop the personal data of an event's registrants; returns how many rows changed."""
    count = Registration.objects.filter(event=event, anonymised_at__isnull=True).update(
        name="—", email="", answers={}, owner=None, anonymised_at=timezone.now())
    record_audit(None, "anonymise_registrations", event, {"registrations": count})
    return count
