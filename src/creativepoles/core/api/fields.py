"""Serializer fields shared by the apps' APIs."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers


class PrivateFileField(serializers.FileField):
    """A private upload: written like any file, read back as the URL of its scoped download view."""

    def __init__(self, url_name: str, **kwargs: Any) -> None:
        self.url_name = url_name
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        if not value:
            return None
        path = reverse(self.url_name, args=[value.instance.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path
