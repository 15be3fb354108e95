"""The clusters demo: profiles in all seven cities, a scheduled event, five clusters; loading twice changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creativepoles.clusters.models import BrokerageEvent, Cluster, MeetingRequest, MeetingStatus, Profile
from creativepoles.core.demo import load_demos
from creativepoles.core.models import AuditEntry, City
from creativepoles.programme import registry
from creativepoles.programme.registry import Window

pytestmark = pytest.mark.django_db


def test_it_loads_profiles_in_every_city_an_event_with_a_schedule_and_five_clusters() -> None:
    load_demos(["clusters"])
    assert Profile.objects.values("city").distinct().count() == City.objects.count() == 7
    event = BrokerageEvent.objects.get()
    accepted = MeetingRequest.objects.filter(event=event, status=MeetingStatus.ACCEPTED)
    placed = list(accepted.filter(slot__isnull=False).values_list("slot", "table", "requester__owner",
                                                                   "invitee__owner"))
    assert event.scheduled_at is not None and len(placed) == accepted.count()
    assert len({(s, t) for s, t, _a, _b in placed}) == len(placed)
    people = [(s, person) for s, _t, a, b in placed for person in (a, b)]
    assert len(set(people)) == len(people)
    assert Cluster.objects.count() == 5
    count = registry.count("clusters.clusters", Window(None, list(City.objects.values_list("pk", flat=True))))
    assert count is not None and count.total == Decimal(4)
    rows = (Profile.objects.count(), MeetingRequest.objects.count(), AuditEntry.objects.count())
    load_demos(["clusters"])
    assert (Profile.objects.count(), MeetingRequest.objects.count(), AuditEntry.objects.count()) == rows
