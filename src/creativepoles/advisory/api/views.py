"""API views of the advisory module: scoped by `for_user`, writes through the advisory services."""

from __future__ import annotations

from typing import Any

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from creativepoles.advisory import financials as fin
from creativepoles.advisory.api import serializers as s
from creativepoles.advisory.models import BusinessPlan, ConsultationSession
from creativepoles.advisory.services import plans as plan_services
from creativepoles.advisory.services import sessions as session_services
from creativepoles.core.api.base import ScopedModelViewSet, policy_action
from creativepoles.core.api.filters import city_filter
from creativepoles.core.permissions import CHANGE, CONTROL


class PlanFilter(filters.FilterSet):
    """Plans by city slug and status."""

    city = city_filter()

    class Meta:
        model = BusinessPlan
        fields = ["city", "status"]


def _financials_error(error: fin.FinancialsError) -> serializers.ValidationError:
    return serializers.ValidationError({"financials": error.errors})


class PlanViewSet(ScopedModelViewSet):
    """Business plans: the entrepreneur's own, a consultant's clients'; writes while the plan is editable."""

    base_queryset = BusinessPlan.objects.select_related("city")
    serializer_class = s.PlanSerializer
    filterset_class = PlanFilter
    search_fields = ["title", "firm_name"]
    ordering_fields = ["updated_at", "title"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        sections, financials = data.pop("section_texts", None), data.pop("financials", None)
        plan = plan_services.create_plan(self.request.user, title=data.pop("title"), city=data.pop("city"),
                                         template_key=data.pop("template", "") or "", **data)
        self._write_parts(plan, sections, financials)
        serializer.instance = plan

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        plan = serializer.instance
        assert isinstance(plan, BusinessPlan)
        data = dict(serializer.validated_data)
        data.pop("template", None)
        sections, financials = data.pop("section_texts", None), data.pop("financials", None)
        plan = plan_services.update_plan(self.request.user, plan, **data)
        self._write_parts(plan, sections, financials)
        serializer.instance = plan

    def _write_parts(self, plan: BusinessPlan, sections: Any, financials: Any) -> None:
        if sections is not None:
            if not isinstance(sections, dict):
                raise serializers.ValidationError({"sections": ["Give an object of section texts."]})
            for key, text in sections.items():
                plan_services.write_section(self.request.user, plan, str(key), str(text or ""))
        if financials is not None:
            try:
                plan_services.set_financials(self.request.user, plan, financials)
            except fin.FinancialsError as error:
                raise _financials_error(error) from None

    def perform_destroy(self, instance: BusinessPlan) -> None:
        plan_services.delete_plan(self.request.user, instance)

    @extend_schema(responses=s.ResultsSerializer, filters=False)
    @action(detail=True, pagination_class=None, filter_backends=[])
    def results(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Profit and loss, cash flow, break-even, funding gap, NPV and IRR of the three scenarios."""
        plan = self.get_object()
        try:
            fin.validate(plan.financials)
            errors: dict[str, str] = {}
        except fin.FinancialsError as error:
            errors = error.errors
        results = fin.results(plan) or {}
        return Response({"valid": not errors, "errors": errors,
                         "scenarios": {name: fin.jsonable(r) for name, r in results.items()}})

    @extend_schema(request=None, responses=s.PlanSerializer)
    @policy_action(CHANGE)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Submit the plan for review."""
        plan = self.get_object()
        try:
            plan = plan_services.submit_plan(request.user, plan)
        except fin.FinancialsError as error:
            raise _financials_error(error) from None
        return Response(s.PlanSerializer(plan, context=self.get_serializer_context()).data)

    @extend_schema(request=s.ReviewSerializer, responses=s.PlanSerializer)
    @policy_action(CONTROL)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Approve the submitted plan or request changes, with comments by section."""
        plan = self.get_object()
        body = s.ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        plan = plan_services.review_plan(request.user, plan, body.validated_data["decision"],
                                         body.validated_data.get("comments") or {})
        return Response(s.PlanSerializer(plan, context=self.get_serializer_context()).data)


class SessionFilter(filters.FilterSet):
    """Sessions by city slug, mode and date."""

    city = city_filter()

    class Meta:
        model = ConsultationSession
        fields = ["city", "mode", "date"]


class SessionViewSet(ScopedModelViewSet):
    """Consultation sessions: a centre's members read them, its consultants record them."""

    base_queryset = ConsultationSession.objects.select_related("city", "centre").prefetch_related("clients")
    serializer_class = s.ConsultationSessionSerializer
    filterset_class = SessionFilter
    search_fields = ["topic"]
    ordering_fields = ["date", "duration_hours"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        clients = data.pop("clients", None)
        serializer.instance = session_services.record_session(self.request.user, clients=clients, **data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        session = serializer.instance
        assert isinstance(session, ConsultationSession)
        data = dict(serializer.validated_data)
        clients = data.pop("clients", None)
        serializer.instance = session_services.update_session(self.request.user, session, clients=clients, **data)

    def perform_destroy(self, instance: ConsultationSession) -> None:
        session_services.delete_session(self.request.user, instance)
