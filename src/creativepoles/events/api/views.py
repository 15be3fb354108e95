"""Events API: events and campaigns (public), registrations (scoped to their registrant and organisers)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from creativepoles.core.api.base import ScopedReadOnlyViewSet
from creativepoles.events.api.serializers import CampaignSerializer, EventSerializer, RegistrationSerializer
from creativepoles.events.models import Campaign, Event, EventType, Registration


class EventViewSet(ScopedReadOnlyViewSet):
    """Events the user may see; `?city=<slug>` and `?kind=<type>` filter."""

    base_queryset = Event.objects.select_related("city")
    serializer_class = EventSerializer

    def get_queryset(self) -> QuerySet[Any]:
        events = super().get_queryset().order_by("starts_at", "pk")
        city = self.request.query_params.get("city")
        kind = self.request.query_params.get("kind")
        if city:
            events = events.filter(city__slug=city)
        if kind in EventType.values:
            events = events.filter(kind=kind)
        return events


class CampaignViewSet(ScopedReadOnlyViewSet):
    """The cities' campaigns."""

    base_queryset = Campaign.objects.select_related("city").prefetch_related("budget_lines").order_by("pk")
    serializer_class = CampaignSerializer


class RegistrationViewSet(ScopedReadOnlyViewSet):
    """A person's own registrations; the organisers see those of their city's events."""

    base_queryset = Registration.objects.filter(anonymised_at__isnull=True).order_by("pk")
    serializer_class = RegistrationSerializer
