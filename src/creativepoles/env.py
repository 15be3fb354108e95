"""Typed readers for settings taken from environment variables; a bad value stops start-up."""

from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """Return a string variable, or fail when it is unset and has no default."""
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    """Return a boolean variable; only the usual spellings are accepted."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off).")


def env_int(name: str, default: int) -> int:
    """Return an integer variable."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated list variable, blanks dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def email_settings(url: str) -> dict[str, object]:
    """Turn EMAIL_URL (console://, smtp://user:pass@host:port, smtp+tls://, smtp+ssl://) into settings."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme not in {"smtp", "smtp+tls", "smtp+ssl"}:
        raise ImproperlyConfigured(f"EMAIL_URL scheme {parts.scheme!r} is not one of console, locmem, smtp, smtp+tls, smtp+ssl.")
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL needs a host, e.g. smtp+tls://user:password@mail.example.org:587.")
    try:
        port = parts.port or (465 if parts.scheme == "smtp+ssl" else 587 if parts.scheme == "smtp+tls" else 25)
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has an invalid port.") from None
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtp+ssl",
    }


DATABASE_CACHE_TABLE = "poles_cache"


def cache_settings(url: str) -> dict[str, dict[str, object]]:
    """Turn CACHE_URL (empty or db://, redis://host:port/db, rediss://, unix://, locmem://, dummy://) into CACHES."""
    parts = urlsplit(url)
    if parts.scheme in {"", "db"}:
        # The table is created by a core migration, so every `poles migrate` provides it.
        return {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                            "LOCATION": DATABASE_CACHE_TABLE}}
    if parts.scheme in {"redis", "rediss", "unix"}:
        if parts.scheme != "unix" and not parts.hostname:
            raise ImproperlyConfigured("CACHE_URL needs a host, e.g. redis://127.0.0.1:6379/0.")
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    if parts.scheme == "locmem":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                            "LOCATION": parts.netloc or "poles"}}
    if parts.scheme == "dummy":
        return {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    raise ImproperlyConfigured(
        f"CACHE_URL scheme {parts.scheme!r} is not one of db, redis, rediss, unix, locmem, dummy."
    )


def sqlite_options() -> dict[str, object]:
    """SQLite connection options that make concurrent writers wait for each other instead of failing."""
    return {
        # A deferred transaction that reads first and writes later cannot wait for the write lock
        # (SQLite answers "database is locked" at once to avoid a deadlock); IMMEDIATE takes the
        # lock at BEGIN, where the busy timeout applies.
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        # WAL lets readers go on while one writer commits; NORMAL sync is safe with WAL (a crash
        # may lose the last commits, never corrupt the file).
        "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
    }


_RATE_PERIODS = {"s", "m", "h", "d"}


def env_rate(name: str, default: str) -> str:
    """Return a request rate such as 600/min or 10/s (a number, a slash, a period in s, m, h or d)."""
    raw = os.environ.get(name)
    value = default if raw is None else raw.strip()
    count, _slash, period = value.partition("/")
    if not (count.isdigit() and int(count) > 0 and period[:1] in _RATE_PERIODS):
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate such as 600/min, 10/s or 5000/day.")
    return value
