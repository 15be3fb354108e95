"""Serializers of the clusters API: profiles (writable by their owner), events, meetings, clusters."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from creativepoles.clusters.models import (
    BrokerageEvent,
    Cluster,
    ClusterActivity,
    ClusterMember,
    Cooperation,
    MeetingRequest,
    Profile,
)
from creativepoles.clusters.taxonomy import LANGUAGES, TAGS
from creativepoles.core.api.serializers import WritableCityField


class CitySlugField(serializers.SlugRelatedField[Any]):
    """A read-only city given by its slug."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="slug", read_only=True, **kwargs)


class ProfileSerializer(serializers.ModelSerializer[Profile]):
    """A partner profile; tags are taxonomy keys; writes go through the clusters services."""

    city = WritableCityField(slug_field="slug")
    offer_tags = serializers.ListField(child=serializers.ChoiceField(choices=TAGS), required=False)
    seek_tags = serializers.ListField(child=serializers.ChoiceField(choices=TAGS), required=False)
    languages = serializers.ListField(child=serializers.ChoiceField(choices=LANGUAGES), required=False)
    interests = serializers.ListField(child=serializers.ChoiceField(choices=Cooperation.choices), required=False)

    class Meta:
        model = Profile
        fields = ["id", "firm_name", "enterprise_id", "city", "group", "offers", "seeks", "offer_tags", "seek_tags",
                  "languages", "interests", "visibility", "updated_at"]
        read_only_fields = ["updated_at"]


class SuggestionSerializer(serializers.Serializer[Any]):
    """A suggested partner with the reasons."""

    profile = serializers.IntegerField()
    firm_name = serializers.CharField()
    city = serializers.CharField()
    score = serializers.FloatField()
    mutual = serializers.BooleanField()
    words_offered = serializers.ListField(child=serializers.CharField())
    words_sought = serializers.ListField(child=serializers.CharField())
    tags_offered = serializers.ListField(child=serializers.CharField())
    tags_sought = serializers.ListField(child=serializers.CharField())
    complementary_groups = serializers.BooleanField()
    other_city = serializers.BooleanField()


class BrokerageEventSerializer(serializers.ModelSerializer[BrokerageEvent]):
    """A brokerage event."""

    city = CitySlugField()

    class Meta:
        model = BrokerageEvent
        fields = ["id", "city", "title", "description", "venue", "starts_at", "slot_minutes", "slots", "tables",
                  "is_published", "scheduled_at", "schedule_mode", "schedule_bound"]


class MeetingSerializer(serializers.ModelSerializer[MeetingRequest]):
    """A meeting request with its slot and table once scheduled."""

    requester_name = serializers.CharField(source="requester.firm_name", read_only=True)
    invitee_name = serializers.CharField(source="invitee.firm_name", read_only=True)

    class Meta:
        model = MeetingRequest
        fields = ["id", "event", "requester", "requester_name", "invitee", "invitee_name", "message", "status",
                  "slot", "table", "created_at", "decided_at"]
        read_only_fields = fields


class MemberSerializer(serializers.ModelSerializer[ClusterMember]):
    """A member firm of a cluster."""

    city = CitySlugField()

    class Meta:
        model = ClusterMember
        fields = ["id", "firm_name", "city", "contact_name", "role", "profile"]


class ActivitySerializer(serializers.ModelSerializer[ClusterActivity]):
    """A joint activity or offer."""

    class Meta:
        model = ClusterActivity
        fields = ["id", "kind", "title", "date", "description"]


class ClusterSerializer(serializers.ModelSerializer[Cluster]):
    """A cluster with its members and activities."""

    city = CitySlugField()
    members = MemberSerializer(many=True, read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)

    class Meta:
        model = Cluster
        fields = ["id", "name", "focus", "cooperation", "status", "city", "is_published", "established_on",
                  "members", "activities"]
