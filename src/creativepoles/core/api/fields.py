"""Serializer fields shared by the apps' APIs."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.urls import reverse
from rest_framework import serializers
from rest_framework.fields import SkipField

from creativepoles.core.permissions import EVIDENCE, can

KEEP_HINT = "Upload a file (multipart) to replace it, send null to remove it; sending back the URL you read keeps it."


class PrivateFileField(serializers.FileField):
    """A private upload: written like any file, read back as the URL of its scoped download view, and only
    to those the record's policy lets see its evidence (null for everyone else)."""

    def __init__(self, url_name: str, **kwargs: Any) -> None:
        self.url_name = url_name
        if not kwargs.get("read_only"):
            kwargs.setdefault("help_text", KEEP_HINT)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        if not value:
            return None
        request = self.context.get("request")
        if not can(request.user if request is not None else None, EVIDENCE, value.instance):
            return None
        path = reverse(self.url_name, args=[value.instance.pk])
        return request.build_absolute_uri(path) if request is not None else path

    def run_validation(self, data: Any = serializers.empty) -> Any:
        # A client that PUTs back the representation it read sends the file's URL: that means "unchanged",
        # not "not a file" (which made every full update of an item with an attachment fail).
        if isinstance(data, str) and data and self._is_current_url(data):
            raise SkipField
        return super().run_validation(data)

    def _is_current_url(self, data: str) -> bool:
        """Whether `data` is the URL this field shows for the instance being updated."""
        instance = getattr(self.parent, "instance", None)
        if instance is None or not getattr(instance, "pk", None) or not getattr(instance, self.source or "", None):
            return False
        return urlsplit(data).path == reverse(self.url_name, args=[instance.pk])
