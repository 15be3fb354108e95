"""Abuse limits: per address and per (account, address) for sign-in, reset and sign-up; the
account-wide limit only slows; the token API answers 429 past its per-user rate."""

from __future__ import annotations

import time
from typing import Any

import pytest
from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from creativepoles.core.demo import ensure_user

pytestmark = pytest.mark.django_db

OWNER = "officer@city.test"
PASSWORD = "right-Password-99"
TOO_MANY = "Too many failed login attempts"


def sign_in(address: str, password: str, login: str = OWNER) -> tuple[Client, Any]:
    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"login": login, "password": password})
    return client, response


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def owner() -> Any:
    return ensure_user(OWNER, password=PASSWORD)


def test_it_stops_a_guesser_at_one_address_but_not_the_owner_elsewhere(owner: Any) -> None:
    responses = [sign_in("203.0.113.7", f"wrong-{n}")[1] for n in range(20)]
    assert all(TOO_MANY in r.content.decode() for r in responses[5:])  # per (account, address)
    guesser, _response = sign_in("203.0.113.7", PASSWORD)
    assert not signed_in(guesser)
    client, _response = sign_in("198.51.100.20", PASSWORD)
    assert signed_in(client)


def test_it_throttles_failures_spread_over_fifty_addresses(owner: Any) -> None:
    addresses = [f"192.0.2.{n}" for n in range(1, 51)]
    throttled = 0
    for round_ in range(4):
        for address in addresses:
            _client, response = sign_in(address, f"wrong-{round_}-{address}")
            throttled += TOO_MANY in response.content.decode()
    # The account-wide window (20 per 15 minutes) holds: every failure past it is refused unchecked.
    assert throttled == 200 - 20


def test_it_lets_the_owner_in_from_a_known_address_during_a_spread_attack(owner: Any) -> None:
    home, _response = sign_in("198.51.100.20", PASSWORD)
    assert signed_in(home)
    for n in range(60):
        sign_in(f"192.0.2.{n + 1}", "wrong")
    stranger, response = sign_in("198.51.100.99", PASSWORD)  # a new address is slowed ...
    assert not signed_in(stranger) and TOO_MANY in response.content.decode()
    again, _response = sign_in("198.51.100.20", PASSWORD)  # ... the owner's known address is not
    assert signed_in(again)


def test_it_only_slows_new_addresses_until_the_window_passes(owner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(30):
        sign_in(f"192.0.2.{n + 1}", "wrong")
    assert not signed_in(sign_in("198.51.100.99", PASSWORD)[0])
    later = time.time() + 16 * 60
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)
    assert signed_in(sign_in("198.51.100.98", PASSWORD)[0])


def test_it_limits_password_reset_mails_per_account(owner: Any) -> None:
    from django.core import mail

    statuses = [Client(REMOTE_ADDR=f"192.0.2.{n}").post("/accounts/password/reset/", {"email": OWNER}).status_code
                for n in range(1, 9)]
    assert statuses[:5] == [302] * 5 and statuses[5:] == [429] * 3
    assert len(mail.outbox) == 5


def test_it_limits_password_resets_per_address(owner: Any) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [client.post("/accounts/password/reset/", {"email": f"nobody{n}@city.test"}).status_code
                for n in range(22)]
    assert 429 not in statuses[:20] and statuses[20:] == [429, 429]


def test_it_limits_sign_ups_per_address() -> None:
    client = Client(REMOTE_ADDR="203.0.113.10")
    statuses = [client.post("/accounts/signup/", {"email": f"new{n}@city.test", "password1": "a-Long-pass-4321",
                                                  "password2": "a-Long-pass-4321"}).status_code for n in range(11)]
    assert statuses[:10] == [302] * 10 and statuses[10] == 429
    other = Client(REMOTE_ADDR="203.0.113.11").post(
        "/accounts/signup/", {"email": "new-elsewhere@city.test", "password1": "a-Long-pass-4321",
                              "password2": "a-Long-pass-4321"})
    assert other.status_code == 302


def test_it_keeps_the_counters_in_the_shared_cache(owner: Any) -> None:
    # Workers share nothing but the cache (settings.CACHES): the counters must be there.
    from django.test import RequestFactory

    sign_in("203.0.113.7", "wrong")
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="203.0.113.7")
    rate = ratelimit.parse_rate("20/15m/key")
    key = ratelimit.get_cache_key(request, app="allauth.account", action="login_failed_account", rate=rate, key=OWNER)
    assert len(cache.get(key, [])) == 1


def test_it_throttles_token_requests_per_user(settings: Any, world: dict[str, Any]) -> None:
    settings.API_THROTTLE_RATE = "5/min"
    editor, other = APIClient(), APIClient()
    editor.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world['editor']).key}")
    other.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world['other']).key}")
    statuses = [editor.get("/api/organisations/").status_code for _ in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    assert "Retry-After" in editor.get("/api/cities/")
    assert other.get("/api/organisations/").status_code == 200  # per user, not for everyone
    assert APIClient().get("/api/organisations/").status_code == 200  # anonymous reads are not throttled here
