"""Shared view helpers: the project from the URL, resolved through the user's scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from creativepoles.programme.models import Project


class ProjectMixin:
    """Loads `self.project` from the `acronym` URL argument and adds it to the context."""

    request: HttpRequest
    kwargs: dict[str, Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.project = get_object_or_404(Project.objects.for_user(request.user), acronym=kwargs["acronym"])
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["project"] = self.project
        return context
