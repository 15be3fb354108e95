"""Serializers of the events API: public facts of events; registrations only as their policy shows them."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from creativepoles.events.models import Campaign, Event, Registration


class EventSerializer(serializers.ModelSerializer[Event]):
    """An event; times in UTC (ISO 8601), the city by its slug and time zone."""

    city: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    time_zone = serializers.CharField(source="city.time_zone", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    online_url = serializers.CharField(read_only=True, help_text="A web address, or empty for a venue.")

    class Meta:
        model = Event
        fields = ["id", "uid", "sequence", "city", "time_zone", "campaign", "title", "description", "translations",
                  "kind", "starts_at", "ends_at", "venue_name", "address", "latitude", "longitude", "site_id",
                  "online_url", "capacity", "registration_opens", "registration_closes", "questions",
                  "requires_approval", "status", "url", "updated_at"]
        read_only_fields = fields


class CampaignSerializer(serializers.ModelSerializer[Campaign]):
    """A campaign and its targets."""

    city: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "city", "theme", "starts_on", "ends_on", "budget", "budget_lines", "channels",
                  "reach_target", "reach_achieved", "registrations_target", "attendance_target", "status"]
        read_only_fields = fields


class RegistrationSerializer(serializers.ModelSerializer[Registration]):
    """A registration as its registrant or the event's organisers see it (blank address once anonymised)."""

    email = serializers.CharField(read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "event", "name", "email", "answers", "status", "created_at", "checked_in_at"]
        read_only_fields = fields
