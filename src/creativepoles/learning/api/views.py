"""API views of the learning module: scoped by `for_user`, writes through the learning services."""

from __future__ import annotations

from typing import Any

from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from creativepoles.core.api.base import ScopedModelViewSet, ScopedReadOnlyViewSet, policy_action
from creativepoles.core.permissions import CHANGE
from creativepoles.learning.api import serializers as s
from creativepoles.learning.models import (
    Case,
    Course,
    Enrolment,
    Participant,
    TrainingPackage,
    TrainingSession,
)
from creativepoles.learning.services import course as course_services
from creativepoles.learning.services import library as library_services
from creativepoles.learning.services import packages as package_services


class PackageViewSet(ScopedReadOnlyViewSet):
    """Training packages: published versions for everyone, drafts for their organisation."""

    base_queryset = TrainingPackage.objects.select_related("organisation__city").prefetch_related("modules")
    serializer_class = s.PackageSerializer
    search_fields = ["title", "target_group"]

    @policy_action(CHANGE)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """Publish a draft version."""
        package = package_services.publish_package(request.user, self.get_object())
        return Response(s.PackageSerializer(package, context={"request": request}).data)


class SessionViewSet(ScopedModelViewSet):
    """Training sessions of the user's cities and those they train; recording goes through the service."""

    base_queryset = TrainingSession.objects.select_related("city", "package")
    serializer_class = s.TrainingSessionSerializer
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = package_services.record_session(self.request.user, **serializer.validated_data)


class ParticipantViewSet(ScopedReadOnlyViewSet):
    """Participants: for the session's trainers, the participant themself and the network's managers."""

    base_queryset = Participant.objects.all()
    serializer_class = s.ParticipantSerializer


class CourseViewSet(ScopedReadOnlyViewSet):
    """The blended-learning course with its modules, lessons and quizzes (correct answers are not exposed)."""

    base_queryset = Course.objects.prefetch_related("modules__lessons", "modules__quizzes__questions__choices")
    serializer_class = s.CourseSerializer


class EnrolmentViewSet(ScopedModelViewSet):
    """The signed-in learner's own enrolments and progress; POST enrols."""

    base_queryset = Enrolment.objects.select_related("course")
    serializer_class = s.EnrolmentSerializer
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        course = Course.objects.for_user(self.request.user).filter(pk=serializer.validated_data["course"].pk).first()
        if course is None:
            from rest_framework.exceptions import NotFound

            raise NotFound
        serializer.instance = course_services.enrol(self.request.user, course)


class CaseViewSet(ScopedModelViewSet):
    """Good-practice cases: published ones for everyone; the city's editors write them."""

    base_queryset = Case.objects.select_related("city")
    serializer_class = s.CaseSerializer
    search_fields = ["title", "context", "method", "results"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        serializer.instance = library_services.create_case(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        assert isinstance(serializer.instance, Case)
        serializer.instance = library_services.update_case(self.request.user, serializer.instance,
                                                           **serializer.validated_data)
