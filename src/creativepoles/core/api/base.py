"""Base API viewsets: reads come from `for_user(user, 'view')`; every write asks the same policy.

An object outside the user's view scope is a 404; a write the policy refuses on a visible object is a 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import permissions, viewsets
from rest_framework.request import Request

from creativepoles.core.permissions import ADD, CHANGE, DELETE, VIEW, can, could

METHOD_ACTIONS = {"GET": VIEW, "HEAD": VIEW, "OPTIONS": VIEW, "POST": ADD, "PUT": CHANGE, "PATCH": CHANGE,
                  "DELETE": DELETE}


def required_action(view: Any, request: Request) -> str:
    """The policy action a request needs: an extra action's declared `permission_action`, else by method."""
    handler = getattr(view, getattr(view, "action", "") or "", None)
    declared = getattr(handler, "permission_action", None)
    if declared and request.method not in permissions.SAFE_METHODS:
        return str(declared)
    return METHOD_ACTIONS.get(request.method or "GET", VIEW)


class PolicyPermission(permissions.BasePermission):
    """Lets a request through only when the model's policy grants its action."""

    def has_permission(self, request: Request, view: Any) -> bool:
        action = required_action(view, request)
        if action == ADD and getattr(view, "detail", False) is False and hasattr(view, "create"):
            # Offer creation only to those who may add somewhere; which city or partner is checked by the service.
            return could(request.user, ADD, view.get_queryset().model)
        return True

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        action = required_action(view, request)
        return action == VIEW or can(request.user, action, obj)


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    """Read-only and scoped; extra write actions declare `permission_action` (see `policy_action`)."""

    base_queryset: QuerySet[Any]
    permission_classes = [PolicyPermission]

    def get_queryset(self) -> QuerySet[Any]:
        return self.base_queryset.all().for_user(self.request.user, VIEW)  # type: ignore[attr-defined,no-any-return]


class ScopedModelViewSet(ScopedReadOnlyViewSet, viewsets.ModelViewSet[Any]):
    """Reads, writes and extra actions, each allowed by the model's policy."""


def policy_action(action: str) -> Any:
    """Mark an extra viewset action with the policy action it needs (e.g. `certify` needs `control`)."""

    def mark(func: Any) -> Any:
        func.permission_action = action
        return func

    return mark
