"""Domain errors raised by service functions and turned into field errors by views and the API."""

from __future__ import annotations


class DomainError(Exception):
    """A write refused for a business reason; `field` names the input at fault when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotInScope(DomainError):
    """The user may not write data of this city."""
