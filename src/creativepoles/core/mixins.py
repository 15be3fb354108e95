"""Base view mixins: every object view resolves its object through `for_user`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from creativepoles.core.permissions import VIEW, can


class ScopedQuerysetMixin:
    """Restrict a generic view's queryset to what the user may see (the rest is a 404); an object view
    whose `scope_action` the user may not do to a visible object answers 403."""

    request: HttpRequest
    model: type[Model]
    scope_action: str = VIEW

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()  # type: ignore[misc]
        return queryset.for_user(self.request.user, VIEW)  # type: ignore[no-any-return]

    def get_object(self, queryset: QuerySet[Any] | None = None) -> Any:
        obj = super().get_object(queryset)  # type: ignore[misc]
        if self.scope_action != VIEW and not can(self.request.user, self.scope_action, obj):
            raise PermissionDenied
        return obj


class HtmxPartialMixin:
    """Answer an htmx request with the partial template, a full request with the page."""

    request: HttpRequest
    partial_template_name: str | None = None

    def get_template_names(self) -> list[str]:
        if self.partial_template_name and getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return super().get_template_names()  # type: ignore[misc,no-any-return]
