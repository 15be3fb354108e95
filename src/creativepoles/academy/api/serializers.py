"""Serializers of the academy API: no applicant's e-mail, scores only to those the policy lets see them."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from creativepoles.academy.models import Application, Edition, Review


class EditionSerializer(serializers.ModelSerializer[Edition]):
    """An edition with its deadline as an aware moment (the host city's local time)."""

    city: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    deadline = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Edition
        fields = ["id", "year", "title", "city", "venue", "starts_on", "ends_on", "capacity", "call_texts",
                  "deadline", "max_age", "max_years_since_founding", "rubric", "country_rules", "is_published"]


class ApplicationSerializer(serializers.ModelSerializer[Application]):
    """An application as its applicant, its reviewers or the managers see it."""

    class Meta:
        model = Application
        fields = ["id", "edition", "name", "kind", "field", "organisation_name", "country", "motivation",
                  "portfolio_url", "status", "score", "waiting_rank", "reason", "created_at", "updated_at"]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer[Review]):
    """A review: the scores by criterion and the weighted total."""

    class Meta:
        model = Review
        fields = ["id", "application", "scores", "comment", "total", "submitted_at"]
        read_only_fields = ["id", "application", "total", "submitted_at"]


class ScoreSerializer(serializers.Serializer[Any]):
    """Scores by criterion code and a comment."""

    scores = serializers.DictField(child=serializers.IntegerField())
    comment = serializers.CharField(required=False, allow_blank=True, default="")
