"""Serializer fields shared by the apps' APIs."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from creativepoles.core.permissions import EVIDENCE, can


class PrivateFileField(serializers.FileField):
    """A private upload: written like any file, read back as the URL of its scoped download view, and only
    to those the record's policy lets see its evidence (null for everyone else)."""

    def __init__(self, url_name: str, **kwargs: Any) -> None:
        self.url_name = url_name
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        if not value:
            return None
        request = self.context.get("request")
        if not can(request.user if request is not None else None, EVIDENCE, value.instance):
            return None
        path = reverse(self.url_name, args=[value.instance.pk])
        return request.build_absolute_uri(path) if request is not None else path
