"""API error handling: domain and validation errors become HTTP 400 with field errors; a write outside the
user's rights is a 403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from creativepoles.core.errors import DomainError, NotInScope


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map domain and model validation errors to 400 responses keyed by field."""
    if isinstance(exc, NotInScope):
        exc = exceptions.PermissionDenied(exc.message)
    elif isinstance(exc, DomainError):
        exc = exceptions.ValidationError({exc.field or "non_field_errors": [exc.message]})
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)
