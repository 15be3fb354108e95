"""API error handling: one error format (`core.api.schema.ERROR_SCHEMA`) for every refusal.

Domain and model validation errors become HTTP 400 with field errors, a write outside the user's
rights a 403; everything else keeps DRF's
`{"detail": ...}`. Bodies are flattened so that each field maps to a list of messages, whatever
shape a serializer produced (a bare list, nested serializers, list items).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from creativepoles.core.errors import DomainError, NotInScope

NON_FIELD = "non_field_errors"


def _flatten(data: Any, prefix: str, out: dict[str, list[str]]) -> None:
    """Collect the messages of a (possibly nested) error structure under dotted field names."""
    if isinstance(data, dict):
        for key, value in data.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data):
            if isinstance(value, dict | list | tuple):
                _flatten(value, f"{prefix}.{index}" if prefix else str(index), out)
            else:
                out.setdefault(prefix or NON_FIELD, []).append(str(value))
    else:
        out.setdefault(prefix or NON_FIELD, []).append(str(data))


def error_body(data: Any) -> dict[str, Any]:
    """The body of an error answer in the one format: `detail` as a string, every other key a list of strings."""
    if isinstance(data, dict) and set(data) == {"detail"} and isinstance(data["detail"], str):
        return dict(data)
    out: dict[str, list[str]] = {}
    _flatten(data, "", out)
    detail = out.pop("detail", None)
    body: dict[str, Any] = dict(out)
    if detail:
        body["detail"] = " ".join(detail)
    return body or {"detail": str(exceptions.ValidationError.default_detail)}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map domain and model validation errors to 400 responses keyed by field; normalise every error body."""
    if isinstance(exc, NotInScope):
        exc = exceptions.PermissionDenied(exc.message)
    elif isinstance(exc, DomainError):
        exc = exceptions.ValidationError({exc.field or NON_FIELD: [exc.message]})
    elif isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {NON_FIELD if key == "__all__" else key: value for key, value in exc.message_dict.items()}
        else:
            detail = {NON_FIELD: exc.messages}
        exc = exceptions.ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code >= 400:
        response.data = error_body(response.data)
    return response
