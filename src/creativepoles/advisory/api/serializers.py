"""Serializers of the advisory API: plans with their sections and inputs, results, sessions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from rest_framework import serializers

from creativepoles.advisory.models import BusinessPlan, ConsultationSession, PlanStatus
from creativepoles.core.api.serializers import WritableCityField
from creativepoles.core.models import Organisation, OrganisationKind


class PlanSerializer(serializers.ModelSerializer[BusinessPlan]):
    """A business plan; sections and financials are JSON objects; the status moves through actions."""

    city = WritableCityField(slug_field="slug")
    template = serializers.CharField(required=False, allow_blank=True, max_length=40,
                                     help_text="A creative group's template, on creation only.")
    sections = serializers.JSONField(required=False, source="section_texts", help_text="Section key -> text.")
    financials = serializers.JSONField(required=False, help_text="The financial model's inputs.")

    class Meta:
        model = BusinessPlan
        fields = ["id", "title", "city", "template", "firm_name", "enterprise_id", "site_id", "premises_area_m2",
                  "sections", "financials", "status", "version", "created_at", "updated_at", "submitted_at",
                  "decided_at"]
        read_only_fields = ["status", "version", "created_at", "updated_at", "submitted_at", "decided_at"]


class ResultsSerializer(serializers.Serializer[Any]):
    """The financial results of the three scenarios (money as decimal strings)."""

    valid = serializers.BooleanField()
    errors = serializers.DictField(child=serializers.CharField())  # type: ignore[assignment]
    scenarios = serializers.DictField(child=serializers.JSONField())


class ReviewSerializer(serializers.Serializer[Any]):
    """A consultant's decision with comments by section."""

    decision = serializers.ChoiceField(choices=[PlanStatus.APPROVED, PlanStatus.CHANGES_REQUESTED])
    comments = serializers.DictField(child=serializers.CharField(max_length=4000, allow_blank=True), required=False)


class ConsultationSessionSerializer(serializers.ModelSerializer[ConsultationSession]):
    """A consultation session; its hours count toward the programme's consulting-and-training hours."""

    city = WritableCityField(slug_field="slug")
    centre = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.ADVISORY_CENTRE, deleted_at__isnull=True))
    clients = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                                 queryset=get_user_model().objects.all())
    adviser: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = ConsultationSession
        fields = ["id", "date", "duration_hours", "city", "centre", "adviser", "clients", "topic", "mode", "notes",
                  "created_at"]
        read_only_fields = ["created_at"]
