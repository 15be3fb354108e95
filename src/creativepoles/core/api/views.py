"""API views for cities and organisations."""

from __future__ import annotations

from typing import Any

from django_filters import rest_framework as filters
from rest_framework.serializers import BaseSerializer

from creativepoles.core import services
from creativepoles.core.api.base import ScopedModelViewSet, ScopedReadOnlyViewSet
from creativepoles.core.api.filters import city_filter
from creativepoles.core.api.serializers import CitySerializer, OrganisationSerializer
from creativepoles.core.models import City, Organisation


class CityViewSet(ScopedReadOnlyViewSet):
    """Cities of the network (public)."""

    base_queryset = City.objects.select_related("part_of")
    serializer_class = CitySerializer
    lookup_field = "slug"
    filterset_fields = ["country", "is_partner"]
    search_fields = ["name", "name_en"]
    ordering_fields = ["name_en", "population"]


class OrganisationFilter(filters.FilterSet):
    """Filter organisations by city slug and kind."""

    city = city_filter()

    class Meta:
        model = Organisation
        fields = ["city", "kind", "is_public"]


class OrganisationViewSet(ScopedModelViewSet):
    """Organisations: public ones for all, editors change their city's."""

    base_queryset = Organisation.objects.filter(deleted_at__isnull=True).select_related("city")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    search_fields = ["name", "name_en"]
    ordering_fields = ["name", "updated_at"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = services.create_organisation(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Organisation)
        serializer.instance = services.update_organisation(
            self.request.user, serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: Organisation) -> None:
        services.delete_organisation(self.request.user, instance)
