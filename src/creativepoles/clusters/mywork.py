"""What the clusters module puts on the "My work" home page: meeting requests waiting for the user's answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.mywork import Item, Section


def sections(user: Any, today: dt.date) -> list[Section]:
    """Requests other firms sent to the user's profiles that are not answered yet."""
    from creativepoles.clusters.models import MeetingRequest, MeetingStatus

    if not getattr(user, "is_authenticated", False):
        return []
    waiting = list(MeetingRequest.objects.filter(invitee__owner=user, status=MeetingStatus.REQUESTED)
                   .select_related("requester", "event").order_by("event__starts_at", "pk")[:20])
    if not waiting:
        return []
    return [Section("clusters-meetings", _("Meeting requests waiting for your answer"), [
        Item(_("%(firm)s asks for a meeting at %(event)s") % {"firm": m.requester.firm_name, "event": m.event.title},
             reverse("clusters:agenda", args=[m.event_id]), level="due") for m in waiting], order=8)]
