"""Accounts: e-mail verification before login, password reset by e-mail, TOTP setup page, rate limiting."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from creativepoles.core.demo import ensure_user

pytestmark = pytest.mark.django_db


def test_it_requires_a_verified_email_before_login(client: Client) -> None:
    response = client.post("/accounts/signup/", {"email": "new@city.test", "password1": "a-Long-pass-4321",
                                                 "password2": "a-Long-pass-4321"})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert not EmailAddress.objects.get(email="new@city.test").verified
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    login = Client().post("/accounts/login/", {"login": "new@city.test", "password": "a-Long-pass-4321"})
    assert login.status_code == 302 and "confirm-email" in login["Location"]
    path = "/" + link.split("/", 3)[3]
    client.post(path)
    assert EmailAddress.objects.get(email="new@city.test").verified
    again = Client().post("/accounts/login/", {"login": "new@city.test", "password": "a-Long-pass-4321"})
    assert again.status_code == 302 and again["Location"] == "/"


def test_it_sends_a_password_reset_link(client: Client) -> None:
    ensure_user("officer@city.test")
    response = client.post("/accounts/password/reset/", {"email": "officer@city.test"})
    assert response.status_code == 302
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_it_offers_totp_setup(client: Client) -> None:
    ensure_user("officer@city.test", password="right-Password-99")
    client.post("/accounts/login/", {"login": "officer@city.test", "password": "right-Password-99"})
    # Security settings ask for the password again before MFA can be set up.
    client.post("/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/", {"password": "right-Password-99"})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()  # the authenticator code that confirms the new secret


def test_it_rate_limits_failed_logins(client: Client) -> None:
    ensure_user("officer@city.test", password="right-Password-99")
    for _ in range(5):
        client.post("/accounts/login/", {"login": "officer@city.test", "password": "wrong"})
    blocked = client.post("/accounts/login/", {"login": "officer@city.test", "password": "right-Password-99"})
    assert blocked.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
