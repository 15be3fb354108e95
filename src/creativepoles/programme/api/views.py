"""API views of the programme: thin over `for_user` scoping, `figures` and the service functions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from creativepoles.core.api.base import ScopedModelViewSet, ScopedReadOnlyViewSet, policy_action
from creativepoles.core.api.filters import city_filter
from creativepoles.core.models import City
from creativepoles.core.permissions import CHANGE, CONTROL, VIEW
from creativepoles.programme import figures
from creativepoles.programme import models as m
from creativepoles.programme.api import serializers as s
from creativepoles.programme.services import indicators as indicator_services
from creativepoles.programme.services import project as project_services
from creativepoles.programme.services import reports as report_services
from creativepoles.programme.services import spending

SAFE = ("GET", "HEAD", "OPTIONS")


class ProjectViewSet(ScopedReadOnlyViewSet):
    """Projects by acronym; the detail carries the computed money table."""

    base_queryset = m.Project.objects.order_by("start_date", "acronym")
    lookup_field = "acronym"
    search_fields = ["title", "acronym"]

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return s.ProjectDetailSerializer if self.action == "retrieve" else s.ProjectSerializer

    @extend_schema(
        parameters=[OpenApiParameter("city", str, description="Only this city's values (city slug).")],
        responses=s.IndicatorProgressSerializer(many=True),
    )
    @action(detail=True, pagination_class=None, filter_backends=[])
    def indicators(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Indicator progress, live from the modules' counters or from manual values."""
        project = self.get_object()
        city = None
        slug = request.query_params.get("city")
        if slug:
            city = City.objects.filter(slug=slug).first()
            if city is None:
                raise serializers.ValidationError({"city": [_("Unknown city.")]})
        items = figures.indicator_progress(project, city)
        return Response(s.IndicatorProgressSerializer(s.progress_payload(items), many=True).data)

    @extend_schema(responses=s.TimelineSerializer)
    @action(detail=True, pagination_class=None, filter_backends=[])
    def timeline(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Phases and reporting periods."""
        data = s.timeline_payload(figures.timeline(self.get_object()))
        return Response(s.TimelineSerializer(data).data)


class PeriodFilter(filters.FilterSet):
    """Periods of a project."""

    project = filters.CharFilter(field_name="project__acronym")

    class Meta:
        model = m.Period
        fields = ["project", "number"]


class PeriodViewSet(ScopedReadOnlyViewSet):
    """Reporting periods (public, like their projects)."""

    serializer_class = s.PeriodSerializer
    filterset_class = PeriodFilter

    def get_queryset(self) -> QuerySet[Any]:
        projects = m.Project.objects.for_user(self.request.user, VIEW)
        return m.Period.objects.filter(project__in=projects.values("pk")).select_related("project")


class PartnerFilter(filters.FilterSet):
    """Partners by project acronym and city slug."""

    project = filters.CharFilter(field_name="project__acronym")
    city = city_filter("organisation__city")

    class Meta:
        model = m.Partner
        fields = ["project", "city", "role", "currency"]


class PartnerViewSet(ScopedReadOnlyViewSet):
    """Partners of the projects."""

    base_queryset = m.Partner.objects.select_related("project", "organisation__city")
    serializer_class = s.PartnerSerializer
    filterset_class = PartnerFilter


class BudgetLineFilter(filters.FilterSet):
    """Budget lines by partner, project, period number and category."""

    project = filters.CharFilter(field_name="partner__project__acronym")
    period = filters.NumberFilter(field_name="period__number")

    class Meta:
        model = m.BudgetLine
        fields = ["partner", "project", "period", "category"]


class BudgetLineViewSet(ScopedModelViewSet):
    """Planned amounts: public; programme managers set them through `set_budget_line`."""

    base_queryset = m.BudgetLine.objects.select_related("partner", "period")
    serializer_class = s.BudgetLineSerializer
    filterset_class = BudgetLineFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = serializer.validated_data
        serializer.instance = project_services.set_budget_line(
            self.request.user, data["partner"], data["category"], data.get("period"), data["amount"]
        )

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        line = serializer.instance
        assert isinstance(line, m.BudgetLine)
        amount = serializer.validated_data.get("amount", line.amount)
        serializer.instance = project_services.set_budget_line(
            self.request.user, line.partner, line.category, line.period, amount
        )


class ExpenditureFilter(filters.FilterSet):
    """Expenditure by partner, project, period number and category."""

    project = filters.CharFilter(field_name="partner__project__acronym")
    period = filters.NumberFilter(field_name="period__number")

    class Meta:
        model = m.Expenditure
        fields = ["partner", "project", "period", "category", "currency"]


class ExpenditureViewSet(ScopedModelViewSet):
    """Expenditure items of the partners the user's cities reach; deleting is soft."""

    base_queryset = m.Expenditure.objects.alive().select_related("partner", "period")
    serializer_class = s.ExpenditureSerializer
    filterset_class = ExpenditureFilter
    ordering_fields = ["date", "amount", "created_at"]
    search_fields = ["description", "supplier", "invoice_number"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        partner = data.pop("partner")
        data.setdefault("currency", partner.currency)
        if data.get("attachment") is None:
            data.pop("attachment", None)
        serializer.instance = spending.add_expenditure(self.request.user, partner, **data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        item = serializer.instance
        assert isinstance(item, m.Expenditure)
        data = {k: v for k, v in serializer.validated_data.items() if k != "partner"}
        if "attachment" in data and data["attachment"] is None:
            data["attachment"] = ""
        serializer.instance = spending.update_expenditure(self.request.user, item, **data)

    def perform_destroy(self, instance: m.Expenditure) -> None:
        spending.delete_expenditure(self.request.user, instance)


class ReportFilter(filters.FilterSet):
    """Partner reports by partner, project, period number, status and city."""

    project = filters.CharFilter(field_name="partner__project__acronym")
    period = filters.NumberFilter(field_name="period__number")
    city = city_filter("partner__organisation__city")

    class Meta:
        model = m.PartnerReport
        fields = ["partner", "project", "period", "status", "city"]


def _report_response(model: type[m.PartnerReport] | type[m.ProjectReport], pk: int,
                     serializer_class: type[BaseSerializer[Any]]) -> Response:
    """The report as it is now, read again after the service changed it."""
    report = model.objects.prefetch_related("snapshots").get(pk=pk)
    return Response(serializer_class(report).data)


class PartnerReportViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Partner reports: the partner city's editors open and submit them; programme managers control them."""

    base_queryset = m.PartnerReport.objects.select_related("partner__organisation__city", "period")
    serializer_class = s.PartnerReportSerializer
    filterset_class = ReportFilter

    def get_queryset(self) -> QuerySet[Any]:
        rows = super().get_queryset()
        return rows.prefetch_related("snapshots") if self.request.method in SAFE else rows

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = serializer.validated_data
        serializer.instance = report_services.open_partner_report(self.request.user, data["partner"], data["period"])

    @extend_schema(request=s.SubmitSerializer, responses=s.PartnerReportSerializer)
    @action(detail=True, methods=["post"])
    @policy_action(CHANGE)
    def submit(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Submit the report: the period's items lock and a snapshot is taken."""
        report = self.get_object()
        body = s.SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report_services.submit_partner_report(request.user, report, body.validated_data.get("summary"))
        return _report_response(m.PartnerReport, report.pk, s.PartnerReportSerializer)

    @extend_schema(request=None, responses=s.PartnerReportSerializer)
    @action(detail=True, methods=["post"], url_path="start-control")
    @policy_action(CONTROL)
    def start_control(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Take a submitted report into control (the partner's controller, never the submitter)."""
        report = self.get_object()
        report_services.start_control(request.user, report)
        return _report_response(m.PartnerReport, report.pk, s.PartnerReportSerializer)

    @extend_schema(request=None, responses=s.PartnerReportSerializer)
    @action(detail=True, methods=["post"])
    @policy_action(CONTROL)
    def certify(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Certify a controlled report at the sum of its verified items (its controller, never the submitter)."""
        report = self.get_object()
        report_services.certify(request.user, report)
        return _report_response(m.PartnerReport, report.pk, s.PartnerReportSerializer)

    @extend_schema(request=s.RequestChangesSerializer, responses=s.PartnerReportSerializer)
    @action(detail=True, methods=["post"], url_path="request-changes")
    @policy_action(CONTROL)
    def request_changes(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Send a report in control back to the partner with a comment."""
        report = self.get_object()
        body = s.RequestChangesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report_services.request_changes(request.user, report, body.validated_data["comment"])
        return _report_response(m.PartnerReport, report.pk, s.PartnerReportSerializer)

    @extend_schema(request=None, responses=s.PartnerReportSerializer)
    @action(detail=True, methods=["post"])
    @policy_action(CONTROL)
    def reopen(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Send the report back to draft; its snapshots stay (the partner's controller)."""
        report = self.get_object()
        report_services.reopen(request.user, report)
        return _report_response(m.PartnerReport, report.pk, s.PartnerReportSerializer)


class ProjectReportFilter(filters.FilterSet):
    """Project reports by project and period number."""

    project = filters.CharFilter(field_name="project__acronym")
    period = filters.NumberFilter(field_name="period__number")

    class Meta:
        model = m.ProjectReport
        fields = ["project", "period", "status"]


class ProjectReportViewSet(ScopedReadOnlyViewSet):
    """Project reports: seen by the partner cities, submitted by programme managers."""

    base_queryset = m.ProjectReport.objects.select_related("project", "period")
    serializer_class = s.ProjectReportSerializer
    filterset_class = ProjectReportFilter

    def get_queryset(self) -> QuerySet[Any]:
        rows = super().get_queryset()
        return rows.prefetch_related("snapshots") if self.request.method in SAFE else rows

    @extend_schema(request=s.SubmitSerializer, responses=s.ProjectReportSerializer)
    @action(detail=True, methods=["post"])
    @policy_action(CHANGE)
    def submit(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Submit the project report and take its snapshot."""
        report = self.get_object()
        body = s.SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report_services.submit_project_report(request.user, report, body.validated_data.get("summary"))
        return _report_response(m.ProjectReport, report.pk, s.ProjectReportSerializer)


class IndicatorFilter(filters.FilterSet):
    """Indicators of a project."""

    project = filters.CharFilter(field_name="project__acronym")

    class Meta:
        model = m.Indicator
        fields = ["project", "code", "provider"]


class IndicatorViewSet(ScopedReadOnlyViewSet):
    """Output indicators and their targets (public)."""

    base_queryset = m.Indicator.objects.select_related("project")
    serializer_class = s.IndicatorSerializer
    filterset_class = IndicatorFilter


class IndicatorValueFilter(filters.FilterSet):
    """Manual values by indicator, project and city."""

    project = filters.CharFilter(field_name="indicator__project__acronym")
    city = city_filter()

    class Meta:
        model = m.IndicatorValue
        fields = ["indicator", "project", "city"]


class IndicatorValueViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Manual indicator values: public; city editors record their city's through the service."""

    base_queryset = m.IndicatorValue.objects.select_related("indicator", "city")
    serializer_class = s.IndicatorValueSerializer
    filterset_class = IndicatorValueFilter

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        data = serializer.validated_data
        serializer.instance = indicator_services.record_value(
            self.request.user, data["indicator"], data.get("city"), data["value"], data["recorded_on"],
            data.get("note", ""), data.get("evidence_url", ""), data.get("evidence"),
        )


class ProjectScopedFilter(filters.FilterSet):
    """Rows of a project."""

    project = filters.CharFilter(field_name="project__acronym")


class CharterViewSet(ScopedReadOnlyViewSet):
    """Charter versions with signatories, commitments and the signing status of every partner city."""

    base_queryset = m.CharterVersion.objects.select_related("project").prefetch_related(
        "signatories__organisation", "signatories__city", "commitments__owner", "project__partners__organisation__city"
    )
    serializer_class = s.CharterVersionSerializer

    class CharterFilter(ProjectScopedFilter):
        """Charter versions of a project."""

        class Meta:
            model = m.CharterVersion
            fields = ["project", "version"]

    filterset_class = CharterFilter


class PilotViewSet(ScopedReadOnlyViewSet):
    """Pilot projects with their milestones (public)."""

    base_queryset = m.PilotProject.objects.select_related("project", "city").prefetch_related("milestones")
    serializer_class = s.PilotSerializer

    class PilotFilter(ProjectScopedFilter):
        """Pilots by project, city and status."""

        city = city_filter()

        class Meta:
            model = m.PilotProject
            fields = ["project", "city", "status"]

    filterset_class = PilotFilter


class ItemVerificationViewSet(ScopedReadOnlyViewSet):
    """Item verifications of the partner reports the user sees (the partner and its controller)."""

    base_queryset = m.ItemVerification.objects.select_related("error_type").order_by("report", "pk")
    serializer_class = s.ItemVerificationSerializer
    filterset_fields = ["report"]


class ClaimViewSet(ScopedReadOnlyViewSet):
    """Claims with the certificates they include, seen by the partner cities."""

    base_queryset = m.Claim.objects.select_related("project").prefetch_related(
        "certificates__report__period").order_by("project", "number")
    serializer_class = s.ClaimSerializer
