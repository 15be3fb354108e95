"""The shared cache: CACHE_URL chooses it, bad values stop start-up, the database cache's table
comes with the migrations, and Redis works when named."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from typing import Any

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from creativepoles.env import cache_settings


@pytest.mark.parametrize(("url", "backend"), [
    ("", "django.core.cache.backends.db.DatabaseCache"),
    ("db://", "django.core.cache.backends.db.DatabaseCache"),
    ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
    ("rediss://cache.example.org:6380/0", "django.core.cache.backends.redis.RedisCache"),
    ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
    ("dummy://", "django.core.cache.backends.dummy.DummyCache"),
])
def test_it_chooses_the_backend_from_cache_url(url: str, backend: str) -> None:
    assert cache_settings(url)["default"]["BACKEND"] == backend


def test_it_keeps_the_redis_url_and_the_table_name() -> None:
    assert cache_settings("redis://127.0.0.1:6379/1")["default"]["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert cache_settings("")["default"]["LOCATION"] == "poles_cache"


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "redis://", "redis:/nohost", "file:///tmp/cache"])
def test_it_refuses_bad_cache_urls(url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_settings(url)


def test_it_stops_start_up_on_a_bad_cache_url() -> None:
    env = {**os.environ, "CACHE_URL": "memcached://127.0.0.1:11211", "DJANGO_SETTINGS_MODULE": "creativepoles.settings"}
    result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "CACHE_URL scheme 'memcached'" in result.stderr


def test_it_uses_the_database_cache_without_cache_url() -> None:
    env = {key: value for key, value in os.environ.items() if key != "CACHE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "creativepoles.settings"
    code = "import django; django.setup(); from django.core.cache import caches; print(type(caches['default']).__name__)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "DatabaseCache", result.stderr


@pytest.mark.django_db
def test_it_creates_the_cache_table_in_the_migrations() -> None:
    # The test database is built by the migrations, like `poles migrate` on a fresh install.
    assert "poles_cache" in connection.introspection.table_names()
    db_cache = DatabaseCache("poles_cache", {})
    db_cache.set("probe", {"n": 1}, 30)
    assert db_cache.get("probe") == {"n": 1}
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM poles_cache")
        assert cursor.fetchone()[0] == 1


def test_it_shares_values_through_redis(settings: Any) -> None:
    # Redis runs beside the app on this machine (127.0.0.1:6379); a unique prefix keeps other users' keys apart.
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")
    prefix = f"poles-test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {**cache_settings(url)["default"], "KEY_PREFIX": prefix}}
    first, second = caches.create_connection("default"), caches.create_connection("default")
    try:
        first.set("shared", "across workers", 30)
        assert second.get("shared") == "across workers"
    finally:
        first.delete("shared")
