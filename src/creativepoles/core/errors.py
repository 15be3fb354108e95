"""Domain errors raised by service functions and turned into field errors by views and the API."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class DomainError(Exception):
    """A write refused for a business reason; `field` names the input at fault when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotInScope(DomainError):
    """The user may not write data of this city."""


def domain_error_from(error: ValidationError, default_field: str | None = None) -> DomainError:
    """A model's ValidationError as a DomainError on its first field, so views show it as a form error."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            if messages:
                return DomainError(" ".join(messages), None if field == NON_FIELD_ERRORS else field)
    return DomainError(" ".join(error.messages), default_field)
