"""Base view mixins: every object view resolves its object through `for_user`."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from creativepoles.core.scoping import VIEW


class ScopedQuerysetMixin:
    """Restrict a generic view's queryset to what the user may reach; the rest is a 404."""

    request: HttpRequest
    model: type[Model]
    scope_action: str = VIEW

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()  # type: ignore[misc]
        return queryset.for_user(self.request.user, self.scope_action)  # type: ignore[no-any-return]


class HtmxPartialMixin:
    """Answer an htmx request with the partial template, a full request with the page."""

    request: HttpRequest
    partial_template_name: str | None = None

    def get_template_names(self) -> list[str]:
        if self.partial_template_name and getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return super().get_template_names()  # type: ignore[misc,no-any-return]
