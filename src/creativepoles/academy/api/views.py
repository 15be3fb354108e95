"""API views of the academy: scoped by `for_user`, writes through the academy services."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from creativepoles.academy import services
from creativepoles.academy.api import serializers as s
from creativepoles.academy.models import Application, Edition, Review
from creativepoles.core.api.base import ScopedReadOnlyViewSet, policy_action
from creativepoles.core.permissions import CHANGE, CONTROL


class EditionViewSet(ScopedReadOnlyViewSet):
    """Editions: published ones for everyone; the managers run the selection."""

    base_queryset = Edition.objects.select_related("city")
    serializer_class = s.EditionSerializer

    @extend_schema(request=None, responses=s.ApplicationSerializer(many=True))
    @policy_action(CONTROL)
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def select(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Run the selection; answers the applications with their new status and reason."""
        edition = self.get_object()
        services.run_selection(request.user, edition)
        rows = edition.applications.order_by("status", "waiting_rank", "-score")
        return Response(s.ApplicationSerializer(rows, many=True).data)


class ApplicationViewSet(ScopedReadOnlyViewSet):
    """Applications: an applicant's own, a reviewer's assigned ones (never a conflicted one), all for managers."""

    base_queryset = Application.objects.all()
    serializer_class = s.ApplicationSerializer
    filterset_fields = ["edition", "status", "country"]

    @extend_schema(request=None)
    @policy_action(CHANGE)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Withdraw the application."""
        application = services.withdraw(request.user, self.get_object())
        return Response(s.ApplicationSerializer(application).data)

    @extend_schema(request=None)
    @policy_action(CHANGE)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Decline a place; it goes to the next on the waiting list."""
        application = self.get_object()
        services.decline(request.user, application)
        application.refresh_from_db()
        return Response(s.ApplicationSerializer(application).data)


class ReviewViewSet(ScopedReadOnlyViewSet):
    """Reviews: a reviewer's own assignments; the managers see all of their editions'."""

    base_queryset = Review.objects.all()
    serializer_class = s.ReviewSerializer

    @extend_schema(request=s.ScoreSerializer, responses=s.ReviewSerializer)
    @policy_action(CHANGE)
    @action(detail=True, methods=["post"])
    def score(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Score the application by the rubric."""
        review = self.get_object()
        data = s.ScoreSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.score_review(request.user, review, data.validated_data["scores"],
                                       data.validated_data["comment"])
        return Response(s.ReviewSerializer(review).data)
