"""Shared caching of what is the same for everyone, keyed by its content so a change shows at once.

A key is a hash of everything the cached thing shows (and the active language), computed from the
data read fresh on every request: only the expensive step (drawing, typesetting, rendering) is
skipped. Nothing can go stale, and no expiry has to be guessed; the timeout only frees space.
Per-user or private content must never be passed through here.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import get_language

T = TypeVar("T")
logger = logging.getLogger(__name__)
# Content keys never go stale; a day only bounds how long unused entries take up room.
TIMEOUT = 24 * 3600
# Bump when the code that renders a cached thing changes, so old renderings are not reused.
FORMAT = 2


def enabled() -> bool:
    """Whether the shared cache is used (setting PAGE_CACHE; off is the load benchmark's baseline)."""
    return bool(getattr(settings, "PAGE_CACHE", True))


def content_key(namespace: str, *parts: Any) -> str:
    """A cache key from a namespace, the active language and a hash of the content's parts."""
    payload = json.dumps([FORMAT, get_language(), parts], cls=DjangoJSONEncoder, sort_keys=True,
                         separators=(",", ":"), ensure_ascii=False)
    return f"poles:{namespace}:{hashlib.sha256(payload.encode()).hexdigest()}"


def get_or_compute(key: str, compute: Callable[[], T]) -> T:
    """The cached value under key, or compute it and keep it; an unreachable cache only costs speed."""
    if not enabled():
        return compute()
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must slow pages down, never break them
        logger.warning("page cache unavailable for reading", exc_info=True)
        return compute()
    if value is not None:
        return value  # type: ignore[no-any-return]
    value = compute()
    try:
        cache.set(key, value, TIMEOUT)
    except Exception:  # noqa: BLE001
        logger.warning("page cache unavailable for writing", exc_info=True)
    return value


def anonymous_fragment(request: HttpRequest, template_name: str, context: dict[str, Any], namespace: str,
                       *parts: Any) -> str:
    """A page piece rendered from context; for anonymous visitors it is shared under a key of its parts.

    Signed-in users always get a fresh rendering, so nothing rendered for them can reach anyone else;
    parts must hold every value the piece shows.
    """
    def render() -> str:
        return render_to_string(template_name, context)

    if getattr(request, "user", None) is None or request.user.is_authenticated:
        return render()
    return get_or_compute(content_key(namespace, template_name, *parts), render)
