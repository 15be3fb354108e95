"""Walk every named URL pattern with unknown ids, malformed JSON and wrong types: never a 500."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from creativepoles.core.demo import ensure_user

pytestmark = pytest.mark.django_db

UNKNOWN_VALUES: list[Any] = [999999, "no-such-thing", str(uuid.UUID(int=0)), "AAAA"]
WRONG_TYPES = {
    "name": 123, "kind": {"a": 1}, "city": [1, 2], "website": 5, "is_public": "maybe",
    "amount": "lots", "date": "yesterday", "latitude": "north", "population": -3, "email": ["x"],
}
QUERY_NOISE = {"page": "-1", "ordering": "no_such_field", "city": "\x00", "kind": "[]", "search": "'\""}


def named_patterns(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[tuple[str, list[str]]]:
    """Every (qualified name, argument names) in the URL map."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.regex.groupindex)


def urls_with(values: list[Any]) -> list[str]:
    """Reverse every pattern, filling each argument with the first value its converter accepts."""
    out = set()
    for name, args in named_patterns():
        for value in values:
            kwargs = {arg: ("json" if arg == "format" else value) for arg in args}
            try:
                out.add(reverse(name, kwargs=kwargs))
                break
            except (NoReverseMatch, TypeError):
                continue
    return sorted(out)


def check_all(client: Client, urls: list[str]) -> list[str]:
    """Send GET, query noise, malformed JSON and wrong types; return what answered 5xx."""
    failures = []
    for url in urls:
        if "logout" in url:
            continue  # logging out mid-walk would change who the rest of the walk is for
        attempts = [
            ("GET", lambda: client.get(url)),
            ("GET noise", lambda: client.get(url, QUERY_NOISE)),
            ("POST bad json", lambda: client.post(url, "{not json", content_type="application/json")),
            ("POST wrong types", lambda: client.post(url, WRONG_TYPES, content_type="application/json")),
            ("POST form wrong types", lambda: client.post(url, {k: str(v) for k, v in WRONG_TYPES.items()})),
            ("PUT wrong types", lambda: client.put(url, WRONG_TYPES, content_type="application/json")),
            ("PATCH bad json", lambda: client.patch(url, "[[[", content_type="application/json")),
            ("DELETE", lambda: client.delete(url)),
        ]
        for label, send in attempts:
            response = send()
            if response.status_code >= 500:
                failures.append(f"{label} {url} -> {response.status_code}")
    return failures


@pytest.mark.parametrize("who", ["anonymous", "editor", "manager", "superuser"])
def test_it_never_answers_500_for_unknown_ids(world: dict[str, Any], who: str) -> None:
    client = Client()
    if who == "superuser":
        client.force_login(ensure_user("root@example.test", is_staff=True, is_superuser=True))
    elif who != "anonymous":
        client.force_login(world[who])
    assert check_all(client, urls_with(UNKNOWN_VALUES)) == []


@pytest.mark.parametrize("who", ["editor", "manager"])
def test_it_never_answers_500_for_existing_objects(world: dict[str, Any], who: str) -> None:
    client = Client()
    client.force_login(world[who])
    urls = urls_with([world["k_org"].pk, "klaipeda"])
    urls = [u for u in urls if not u.startswith("/admin/")]
    assert check_all(client, urls) == []
