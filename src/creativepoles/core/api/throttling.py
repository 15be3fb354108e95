"""API throttling: every signed-in caller (token or session) is limited per user."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.throttling import UserRateThrottle


class PerUserThrottle(UserRateThrottle):
    """Per-user rate from settings.API_THROTTLE_RATE, counted in the shared cache."""

    def get_rate(self) -> str | None:
        # Read at each request, not at import as DRF's THROTTLE_RATES is: operators and tests set it.
        return str(settings.API_THROTTLE_RATE)

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        # Anonymous callers can only read published data; they are left to the reverse proxy's
        # per-address limits, since one office or campus address may stand for many visitors.
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
