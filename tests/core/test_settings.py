"""Typed settings helpers fail loudly on bad values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from creativepoles.env import email_settings, env_bool, env_int, env_list, env_str


def test_it_reads_typed_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 42
    assert env_list("X_LIST", []) == ["a", "b", "c"]
    assert env_str("X_MISSING", "fallback") == "fallback"


@pytest.mark.parametrize(("name", "value", "reader"), [
    ("X_BOOL", "perhaps", lambda: env_bool("X_BOOL", False)),
    ("X_INT", "4.2", lambda: env_int("X_INT", 0)),
])
def test_it_fails_loudly_on_bad_values(monkeypatch: pytest.MonkeyPatch, name: str, value: str, reader: object) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        reader()  # type: ignore[operator]


def test_it_requires_variables_without_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("X_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="X_REQUIRED"):
        env_str("X_REQUIRED")


def test_it_parses_email_urls() -> None:
    smtp = email_settings("smtp+tls://user%40x:p%20w@mail.example.org:2525")
    assert smtp["EMAIL_HOST"] == "mail.example.org" and smtp["EMAIL_PORT"] == 2525
    assert smtp["EMAIL_HOST_USER"] == "user@x" and smtp["EMAIL_HOST_PASSWORD"] == "p w"
    assert smtp["EMAIL_USE_TLS"] is True
    assert email_settings("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured):
        email_settings("carrier-pigeon://coop")
