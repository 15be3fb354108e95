"""Base API viewset: the queryset comes from `for_user`, so the API is scoped like the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from creativepoles.core.scoping import CHANGE, VIEW


class ScopedModelViewSet(viewsets.ModelViewSet[Any]):
    """Reads see what `for_user(user, 'view')` allows; writes only what 'change' allows (else 404)."""

    base_queryset: QuerySet[Any]

    def get_queryset(self) -> QuerySet[Any]:
        action = VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else CHANGE
        return self.base_queryset.all().for_user(self.request.user, action)  # type: ignore[attr-defined,no-any-return]


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    """Read-only variant."""

    base_queryset: QuerySet[Any]

    def get_queryset(self) -> QuerySet[Any]:
        return self.base_queryset.all().for_user(self.request.user, VIEW)  # type: ignore[attr-defined,no-any-return]
