"""Apply a service's keyword data to a model instance and record what changed, for the audit trail."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def apply_changes(obj: Any, data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, list[Any]]:
    """Set the allowed fields that differ; return {field: [old, new]} as strings for the audit record."""
    allowed = set(fields)
    changes: dict[str, list[Any]] = {}
    for key, value in data.items():
        if key not in allowed:
            continue
        old = getattr(obj, key)
        if old != value:
            changes[key] = [plain(old), plain(value)]
            setattr(obj, key, value)
    return changes


def plain(value: Any) -> Any:
    """A JSON-safe form of a field value: ids for objects, strings for Decimals and dates."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if hasattr(value, "pk"):
        return value.pk
    return str(value)
