"""Query-string parameters read safely: a filter that is not a usable number is ignored with a message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.utils.translation import gettext as _

# The largest value a 64-bit key column (SQLite, PostgreSQL bigint) can hold; anything above cannot match
# a row and would overflow the database driver.
MAX_DB_INTEGER = 2**63 - 1


def parse_int(raw: str, minimum: int = 1, maximum: int = MAX_DB_INTEGER) -> int | None:
    """`raw` as a whole number within [minimum, maximum], or None (ASCII digits only: '²' is not 2)."""
    text = raw.strip()
    negative = text.startswith("-")
    digits = text[1:] if negative else text
    if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > 19:
        return None
    value = -int(digits) if negative else int(digits)
    return value if minimum <= value <= maximum else None


def query_int(request: Any, name: str, minimum: int = 1, maximum: int = MAX_DB_INTEGER) -> int | None:
    """An integer filter from the query string; missing gives None, garbage gives None and a warning."""
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    value = parse_int(raw, minimum, maximum)
    if value is None:
        messages.warning(request, _("The filter “%(name)s” was ignored: it must be a whole number from %(min)s.")
                         % {"name": name, "min": minimum})
    return value
