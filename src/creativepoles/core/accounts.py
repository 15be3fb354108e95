"""Sign-in limits that slow attackers without locking owners out: allauth's adapter, adjusted.

allauth counts failed logins per address and per account. A per-account limit that blocks lets
anyone lock an owner out by failing on purpose, so here:
- the per-address limit stays (`login_failed` .../ip): one address guessing many accounts;
- allauth's per-"key" limit is keyed by account AND address (`login_failed` .../key): one address
  guessing one account is stopped without touching the owner elsewhere;
- an account-wide limit (`login_failed_account`) counts failures from every address, and once it is
  reached it refuses only addresses the account has never signed in from, and only while the
  sliding window is full: a guesser spread over many addresses is slowed to its rate, the owner
  at a known address is never refused, and at a new address waits minutes at most.
All counters live in the shared cache (settings.CACHES), so they hold across workers.
"""

from __future__ import annotations

import hashlib
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.core.internal.ratelimit import get_ip
from django.core.cache import cache
from django.http import HttpRequest

ACCOUNT_WIDE = "login_failed_account"
KNOWN_ADDRESS_SECONDS = 90 * 24 * 3600


def _login(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "").strip().lower()


def _known_address_key(login: str, address: str) -> str:
    # Hashed: cache keys must not carry e-mail addresses (the database cache stores them in clear).
    digest = hashlib.sha256(f"{login}\n{address}".encode()).hexdigest()
    return f"poles:signin-address:{digest}"


def is_known_address(request: HttpRequest, login: str) -> bool:
    """True when this account has signed in successfully from the request's address lately."""
    return bool(cache.get(_known_address_key(login, get_ip(request))))


class AccountAdapter(DefaultAccountAdapter):
    """Failed-login limits per address and per (account, address); the account-wide one only slows."""

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth's per-"key" limit would otherwise be account-wide and lock the owner out too.
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        login = _login(credentials)
        if not login or is_known_address(request, login):
            return
        # A dry run: only failures are counted (in authentication_failed), so a correct password
        # from a new address is accepted as soon as the window has room again.
        if not ratelimit.consume(request, action=ACCOUNT_WIDE, key=login, dry_run=True):
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        super().authentication_failed(request, **credentials)
        login = _login(credentials)
        if login:
            ratelimit.consume(request, action=ACCOUNT_WIDE, key=login)

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        user = super().authenticate(request, **credentials)
        login = _login(credentials)
        if user is not None and login:
            cache.set(_known_address_key(login, get_ip(request)), True, KNOWN_ADDRESS_SECONDS)
        return user
