"""API views of the clusters module: scoped by `for_user`, writes through the clusters services."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from creativepoles.clusters.api import serializers as s
from creativepoles.clusters.models import BrokerageEvent, Cluster, ClusterMember, MeetingRequest, Profile
from creativepoles.clusters.services import events as event_services
from creativepoles.clusters.services import profiles as services
from creativepoles.core.api.base import ScopedModelViewSet, ScopedReadOnlyViewSet, policy_action
from creativepoles.core.api.filters import city_filter
from creativepoles.core.permissions import CHANGE


class ProfileFilter(filters.FilterSet):
    """Profiles by city slug and creative group."""

    city = city_filter()

    class Meta:
        model = Profile
        fields = ["city", "group"]


class ProfileViewSet(ScopedModelViewSet):
    """Partner profiles: public ones for everyone, hidden ones for their owner; only the owner changes one."""

    base_queryset = Profile.objects.select_related("city")
    serializer_class = s.ProfileSerializer
    filterset_class = ProfileFilter
    search_fields = ["firm_name", "offers", "seeks"]
    ordering_fields = ["firm_name", "updated_at"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = services.create_profile(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Profile)
        serializer.instance = services.update_profile(self.request.user, serializer.instance,
                                                      **serializer.validated_data)

    @extend_schema(responses=s.SuggestionSerializer(many=True), filters=False)
    @action(detail=True, pagination_class=None, filter_backends=[])
    @policy_action(CHANGE)
    def suggestions(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Suggested partners of one's own profile, with the reasons (only the owner may ask)."""
        profile = self.get_object()
        found = services.suggestions_for(request.user, profile)
        return Response(s.SuggestionSerializer([{
            "profile": f.profile.pk, "firm_name": f.profile.firm_name, "city": f.profile.city.slug,
            "score": f.reasons.score, "mutual": f.reasons.mutual, "words_offered": f.reasons.words_offered,
            "words_sought": f.reasons.words_sought, "tags_offered": f.reasons.tags_offered,
            "tags_sought": f.reasons.tags_sought, "complementary_groups": f.reasons.complementary_groups,
            "other_city": f.reasons.other_city} for f in found], many=True).data)


class EventViewSet(ScopedReadOnlyViewSet):
    """Brokerage events."""

    base_queryset = BrokerageEvent.objects.select_related("city")
    serializer_class = s.BrokerageEventSerializer
    ordering_fields = ["starts_at"]


class MeetingViewSet(ScopedReadOnlyViewSet):
    """Meeting requests the user is part of (or organises)."""

    base_queryset = MeetingRequest.objects.select_related("requester", "invitee")
    serializer_class = s.MeetingSerializer
    filterset_fields = ["event", "status"]

    @extend_schema(request=None, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    @policy_action(CHANGE)
    def accept(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """The invitee accepts the meeting."""
        meeting = event_services.answer_meeting(request.user, self.get_object(), True)
        return Response(s.MeetingSerializer(meeting).data)

    @extend_schema(request=None, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    @policy_action(CHANGE)
    def decline(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """The invitee declines, or the requester withdraws."""
        meeting = event_services.answer_meeting(request.user, self.get_object(), False)
        return Response(s.MeetingSerializer(meeting).data)


class ClusterViewSet(ScopedReadOnlyViewSet):
    """Clusters with their members and activities."""

    base_queryset = Cluster.objects.select_related("city").prefetch_related(
        Prefetch("members", queryset=ClusterMember.objects.select_related("city")), "activities")
    serializer_class = s.ClusterSerializer
    filterset_fields = ["status", "cooperation"]
    ordering_fields = ["name"]
