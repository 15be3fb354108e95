"""API views of the spaces module: scoped by `for_user`, writes through the spaces services."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from creativepoles.core.api.base import ScopedModelViewSet, ScopedReadOnlyViewSet
from creativepoles.core.api.filters import city_filter
from creativepoles.core.permissions import VIEW
from creativepoles.spaces import dossier
from creativepoles.spaces.api import serializers as s
from creativepoles.spaces.models import AssessmentResult, AssessmentRun, Method, PointOfInterest, Site
from creativepoles.spaces.services import sites as services


class SiteFilter(filters.FilterSet):
    """Sites by city slug, status, condition and publication."""

    city = city_filter()

    class Meta:
        model = Site
        fields = ["city", "status", "condition", "ownership", "is_published"]


class SiteViewSet(ScopedModelViewSet):
    """Sites: published ones for everyone, all of a city's for its members; its editors change them."""

    base_queryset = Site.objects.alive().select_related("city")
    serializer_class = s.SiteSerializer
    filterset_class = SiteFilter
    search_fields = ["name", "address", "former_use"]
    ordering_fields = ["name", "updated_at", "gross_floor_area_m2", "year_built"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = services.create_site(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Site)
        serializer.instance = services.update_site(self.request.user, serializer.instance,
                                                   **serializer.validated_data)

    def perform_destroy(self, instance: Site) -> None:
        services.delete_site(self.request.user, instance)

    @extend_schema(responses=s.DossierSerializer, filters=False)
    @action(detail=True, pagination_class=None, filter_backends=[])
    def dossier(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """The site's dossier as on its page: facts, accessibility, latest assessment, pre-investment, sources."""
        site = self.get_object()
        context = dossier.dossier_context(site, show_private=dossier.can_see_private(request.user, site))
        return Response(s.DossierSerializer(dossier.jsonable(context)).data)


class PoiFilter(filters.FilterSet):
    """Points of interest by city slug and category."""

    city = city_filter()

    class Meta:
        model = PointOfInterest
        fields = ["city", "category", "kind", "source"]


class PointOfInterestViewSet(ScopedReadOnlyViewSet):
    """Points of interest (open data, public)."""

    base_queryset = PointOfInterest.objects.select_related("city")
    serializer_class = s.PointOfInterestSerializer
    filterset_class = PoiFilter
    search_fields = ["name", "kind"]
    ordering_fields = ["name", "category"]


class MethodFilter(filters.FilterSet):
    """Methods by city slug."""

    city = city_filter()

    class Meta:
        model = Method
        fields = ["city", "aggregation", "normalisation", "locked"]


class MethodViewSet(ScopedReadOnlyViewSet):
    """Assessment methods with their criteria (public: the method is part of the evidence)."""

    base_queryset = Method.objects.select_related("city").prefetch_related("criteria")
    serializer_class = s.MethodSerializer
    filterset_class = MethodFilter
    search_fields = ["name", "perspective"]
    ordering_fields = ["name", "version", "created_at"]


class RunFilter(filters.FilterSet):
    """Runs by city slug and method."""

    city = city_filter()

    class Meta:
        model = AssessmentRun
        fields = ["city", "method"]


class AssessmentRunViewSet(ScopedReadOnlyViewSet):
    """Assessment runs with the results of the sites the user may see."""

    base_queryset = AssessmentRun.objects.select_related("city", "method")
    serializer_class = s.AssessmentRunSerializer
    filterset_class = RunFilter
    ordering_fields = ["created_at"]

    def get_queryset(self) -> QuerySet[Any]:
        # A run is public evidence, but an unpublished site of another city must not show through it.
        visible = Site.objects.for_user(self.request.user, VIEW).values("pk")
        results = AssessmentResult.objects.filter(site__in=visible).select_related("site").order_by("rank")
        return super().get_queryset().prefetch_related(Prefetch("results", queryset=results,
                                                                to_attr="visible_results"))
