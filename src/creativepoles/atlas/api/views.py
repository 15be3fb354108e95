"""API of the atlas: firms for their city's members, public denominators, public indicators with inputs."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from creativepoles.atlas.api import serializers as s
from creativepoles.atlas.models import Denominator, Firm
from creativepoles.atlas.services import indicators
from creativepoles.atlas.services.hotspots import city_hotspots, parse_params
from creativepoles.core.api.base import ScopedReadOnlyViewSet
from creativepoles.core.api.filters import city_filter
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City


class FirmFilter(filters.FilterSet):
    """Firms by city slug and group."""

    city = city_filter()

    class Meta:
        model = Firm
        fields = ["city", "group", "code_status", "sole_trader"]


class FirmViewSet(ScopedReadOnlyViewSet):
    """A city's register firms, for its members and the network's managers."""

    base_queryset = Firm.objects.select_related("city").order_by("city_id", "name", "pk")
    serializer_class = s.FirmSerializer
    filterset_class = FirmFilter
    search_fields = ["name", "registry_id"]


class DenominatorFilter(filters.FilterSet):
    """Denominators by city slug and year."""

    city = city_filter()

    class Meta:
        model = Denominator
        fields = ["city", "year"]


class DenominatorViewSet(ScopedReadOnlyViewSet):
    """Each city's totals by year (public)."""

    base_queryset = Denominator.objects.select_related("city").order_by("city_id", "year")
    serializer_class = s.DenominatorSerializer
    filterset_class = DenominatorFilter


def _int(value: Any, field: str, default: int) -> int:
    # Only an absent year takes the default: an empty one is not an integer, as the schema says, so it is a 400.
    if value is None:
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise serializers.ValidationError({field: [_("Enter a year.")]}) from None
    if not 1990 <= number <= 2100:
        raise serializers.ValidationError({field: [_("Enter a year between 1990 and 2100.")]})
    return number


class IndicatorViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[City]):
    """The cities with indicators; a city's public indicators (suppressed below the threshold), each with the
    inputs it was computed from."""

    queryset = City.objects.order_by("name_en")
    lookup_field = "slug"
    permission_classes = [permissions.AllowAny]
    filter_backends: list[Any] = []

    def get_serializer_class(self) -> Any:
        return s.CityIndicatorsSerializer if self.action == "retrieve" else s.CityLinkSerializer

    @extend_schema(responses=s.CityIndicatorsSerializer, parameters=[
        OpenApiParameter("year", int, description="The year (default: the latest with denominators)."),
        OpenApiParameter("from", int, description="Base year of the shift-share (default: five years before)."),
        OpenApiParameter("reference", str, description="partners, a country code such as LT, or EU."),
        OpenApiParameter("basis", str, enum=list(indicators.BASES), description="Count firms or employment."),
    ])
    def retrieve(self, request: Request, slug: str | None = None, **kwargs: Any) -> Response:
        """Indicators per creative group, specialisation and shift-share for one city."""
        from creativepoles.atlas.views.public import default_year

        city = get_object_or_404(City, slug=slug)
        cities = indicators.partner_cities()
        year = _int(request.query_params.get("year"), "year", default_year())
        base = _int(request.query_params.get("from"), "from", year - 5)
        if base >= year:
            raise serializers.ValidationError({"from": [_("The base year must come before the year.")]})
        reference = request.query_params.get("reference", indicators.PARTNERS)
        if reference not in {k for k, _v in indicators.reference_options(cities)}:
            raise serializers.ValidationError({"reference": [_("Unknown reference region.")]})
        basis = request.query_params.get("basis", "firms")
        if basis not in indicators.BASES:
            raise serializers.ValidationError({"basis": [_("Use firms or employment.")]})
        result = indicators.city_indicators(city, year, reference, basis, public=True, cities=cities)
        payload = {
            "city": city.slug, "year": year, "basis": basis, "reference": reference,
            "reference_source": result.reference.source, "whole": result.whole, "whole_source": result.whole_source,
            "population": result.population, "threshold": indicators.threshold(), "synthetic": result.synthetic,
            "groups": [{**row, "label": str(row["label"])} for row in result.rows],
            "krugman": result.krugman, "herfindahl": result.herfindahl,
            "shift_share": [{**row, "label": str(row["label"])} for row in
                            indicators.shift_share_table(city, base, year, reference, basis)],
        }
        return Response(s.CityIndicatorsSerializer(payload).data)

    @extend_schema(responses=s.HotspotsSerializer, parameters=[
        OpenApiParameter("eps", float, description="DBSCAN reach in metres (10-5000, default 150)."),
        OpenApiParameter("min_firms", int, description="Firms, itself included, that make a core (2-1000, default 10)."),
        OpenApiParameter("cell", float, description="Side of the Gi* grid's cells in metres (50-5000, default 500)."),
    ])
    @action(detail=True, pagination_class=None, filter_backends=[])
    def hotspots(self, request: Request, slug: str | None = None, **kwargs: Any) -> Response:
        """The city's public hotspots: hulls, sizes and dominant groups, and the significant Gi* cells."""
        city = get_object_or_404(City, slug=slug)
        try:
            params = parse_params(request.query_params)
        except DomainError as error:
            raise serializers.ValidationError({error.field or "eps": [error.message]}) from error
        result = city_hotspots(city, params, public=True)
        payload = {"city": city.slug, "eps_m": params.eps_m, "min_firms": params.min_firms, "cell_m": params.cell_m,
                   "firms": result["firms"], "clusters": result["clusters"], "hot_cells": result["hot_cells"]}
        return Response(s.HotspotsSerializer(payload).data)
