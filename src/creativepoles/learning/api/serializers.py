"""Serializers of the learning API: hours are decimal strings; participants only reach those who may see them."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from creativepoles.core.models import City, Organisation
from creativepoles.learning.models import (
    Case,
    Course,
    CourseModule,
    Enrolment,
    Lesson,
    PackageModule,
    Participant,
    Question,
    Quiz,
    TrainingPackage,
    TrainingSession,
)


class PackageModuleSerializer(serializers.ModelSerializer[PackageModule]):
    class Meta:
        model = PackageModule
        fields = ["id", "order", "title", "hours"]


class PackageSerializer(serializers.ModelSerializer[TrainingPackage]):
    """A package version with its modules."""

    organisation: serializers.StringRelatedField[Any] = serializers.StringRelatedField()
    city: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(source="organisation.city",
                                                                          slug_field="slug", read_only=True)
    modules = PackageModuleSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingPackage
        fields = ["id", "family", "version", "title", "target_group", "learning_outcomes", "format",
                  "duration_hours", "status", "organisation", "city", "modules"]
        read_only_fields = fields


class TrainingSessionSerializer(serializers.ModelSerializer[TrainingSession]):
    """A held session; writes go through `record_session`."""

    city = serializers.SlugRelatedField(slug_field="slug", queryset=City.objects.all())
    package = serializers.PrimaryKeyRelatedField(queryset=TrainingPackage.objects.all())

    class Meta:
        model = TrainingSession
        fields = ["id", "package", "module", "course_module", "city", "date", "duration_hours",
                  "counted_participants"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Only packages the user can see can be named.
            self.fields["package"].queryset = TrainingPackage.objects.for_user(request.user)  # type: ignore[attr-defined]


class ParticipantSerializer(serializers.ModelSerializer[Participant]):
    class Meta:
        model = Participant
        fields = ["id", "session", "name", "attended"]
        read_only_fields = fields


class LessonSerializer(serializers.ModelSerializer[Lesson]):
    class Meta:
        model = Lesson
        fields = ["id", "order", "title", "body"]


class QuizSerializer(serializers.ModelSerializer[Quiz]):
    questions = serializers.SerializerMethodField()

    class Meta:
        model = Quiz
        fields = ["id", "order", "title", "questions"]

    def get_questions(self, quiz: Quiz) -> list[dict[str, Any]]:
        """Questions and answers, without telling which answers are correct."""
        return [{"id": q.pk, "kind": q.kind, "text": q.text,
                 "choices": [{"id": c.pk, "text": c.text} for c in q.choices.all()]}
                for q in quiz.questions.all() if isinstance(q, Question)]


class CourseModuleSerializer(serializers.ModelSerializer[CourseModule]):
    lessons = LessonSerializer(many=True, read_only=True)
    quizzes = QuizSerializer(many=True, read_only=True)

    class Meta:
        model = CourseModule
        fields = ["id", "order", "title", "lessons", "quizzes"]


class CourseSerializer(serializers.ModelSerializer[Course]):
    modules = CourseModuleSerializer(many=True, read_only=True)

    class Meta:
        model = Course
        fields = ["id", "slug", "title", "summary", "language", "is_published", "pass_mark", "modules"]
        read_only_fields = fields


class EnrolmentSerializer(serializers.ModelSerializer[Enrolment]):
    """The learner's own enrolment with progress."""

    course = serializers.PrimaryKeyRelatedField(queryset=Course.objects.all())
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Enrolment
        fields = ["id", "course", "enrolled_at", "completed_at", "progress"]
        read_only_fields = ["id", "enrolled_at", "completed_at", "progress"]

    def get_progress(self, enrolment: Enrolment) -> int:
        """Percent of lessons done and quizzes passed."""
        from creativepoles.learning.services.course import progress

        return progress(enrolment).percent


class CaseSerializer(serializers.ModelSerializer[Case]):
    """A good-practice case; no contact address is part of it."""

    city = serializers.SlugRelatedField(slug_field="slug", queryset=City.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = Case
        fields = ["id", "city", "organisation", "kind", "title", "context", "method", "cost", "currency", "results",
                  "cites", "is_published"]
