"""Values every page of the shell needs."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from creativepoles.core.permissions import scope_for


def _nav() -> list[tuple[str, str]]:
    # Only installed apps that declare entries appear, so the menu never lists a missing module.
    items: list[tuple[str, str]] = []
    for config in apps.get_app_configs():
        for label, name in getattr(config, "nav_items", []):
            try:
                items.append((str(label), reverse(name)))
            except NoReverseMatch:
                continue
    return items


def shell(request: HttpRequest) -> dict[str, Any]:
    """Navigation entries and the current user's scope."""
    return {"nav_items": _nav(), "scope": scope_for(getattr(request, "user", None))}
