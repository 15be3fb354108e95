"""Schemathesis over the whole API (/api/schema/), as anonymous, a city editor and the programme manager.

Every operation of the schema is one test per role, so pytest-xdist spreads them over its workers. The
seven cities' demo data is loaded once per worker inside a transaction that is rolled back at the end,
and each test runs in a savepoint of it, so the writes of one test (deletes included) never leak into
the next. Generation is derandomized: CI sees the same cases on every run.

Cases: valid requests (positive) and requests that break the schema (negative, JSON bodies only: a
form or multipart body cannot carry a non-object at all). Paths use the demo's real ids most of the
time and a generated one otherwise; valid bodies get real partners, periods, indicators and cities
half of the time, so that writes get past their foreign keys and reach the services.

Checks on every response: no 5xx, a documented status code and content type, a body valid against the
documented schema (the Error component for 4xx), and invalid requests refused.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.schemas import PayloadAlternatives
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from creativepoles.wsgi import application

ROLES = {
    "anonymous": None,
    "city_editor": "klaipeda.editor@demo.creativepoles.eu",
    "programme_manager": "manager@demo.creativepoles.eu",
}
# Cases per operation and role; with the schema's 59 operations that is 1,416 cases per role.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "24"))
MIN_CASES_PER_ROLE = 1000
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          negative_data_rejection]
# Body fields that name another row, and the list that holds the real values (by id, or by slug).
REFERENCES = {
    "partner": ("/api/programme/partners/", "id"),
    "period": ("/api/programme/periods/", "id"),
    "indicator": ("/api/programme/indicators/", "id"),
    "city": ("/api/cities/", "slug"),
}
KNOWN_IDS = 8

SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/", application)
OPERATIONS = sorted(result.ok().label for result in SCHEMA.get_all_operations())


class _Rollback(Exception):
    """Raised to undo the demo data at the end of the module."""


def _rows(client: Any, url: str) -> list[dict[str, Any]]:
    """Every row of a list endpoint, across its pages."""
    rows: list[dict[str, Any]] = []
    while url:
        page = client.get(url).json()
        rows.extend(page["results"])
        url = page["next"]
    return rows


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The demo data with a token per role and the real ids the cases draw from (as the manager sees them)."""
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                with open(os.devnull, "w") as quiet:
                    call_command("demo", stdout=quiet)
                users = get_user_model().objects
                tokens = {role: Token.objects.get_or_create(user=users.get(username=email))[0].key
                          for role, email in ROLES.items() if email}
                client = APIClient()
                client.credentials(HTTP_AUTHORIZATION=f"Token {tokens['programme_manager']}")
                path_ids = {}
                for label in OPERATIONS:
                    path = label.split(" ", 1)[1]
                    if "{" in path:
                        listing, rest = path.split("{", 1)
                        name = rest.split("}", 1)[0]
                        path_ids[path] = (name, [row[name] for row in _rows(client, listing)][:KNOWN_IDS])
                references = {field: [row[key] for row in _rows(client, url)] for field, (url, key)
                              in REFERENCES.items()}
                assert all(path_ids.values()) and all(references.values()), "the demo data has rows everywhere"
                # The WSGI app closes the database connection after every request, as in production; Django's
                # test client switches that off around its own requests (and back on after them, so only now),
                # and so must this module, or PostgreSQL loses the test transaction.
                request_started.disconnect(close_old_connections)
                request_finished.disconnect(close_old_connections)
                yield {"tokens": tokens, "path_ids": path_ids, "references": references}
                raise _Rollback
        except _Rollback:
            pass
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def _strategies(operation: Any, path: str, demo: dict[str, Any]) -> list[Any]:
    """Positive and negative cases, with generated path ids and with the demo's real ones."""
    strategies = []
    known = [{}]
    if "{" in path:
        name, values = demo["path_ids"][path]
        known += [{name: value} for value in values]
    # A form or multipart body cannot carry a non-object, so invalid bodies are sent as JSON only.
    json_only = dataclasses.replace(operation, body=PayloadAlternatives(
        [body for body in operation.body if body.media_type == "application/json"]))
    for mode, source in ((GenerationMode.POSITIVE, operation), (GenerationMode.NEGATIVE, json_only)):
        for path_parameters in known:
            strategies.append(source.as_strategy(generation_mode=mode, path_parameters=path_parameters or None))
    return strategies


def test_it_fuzzes_at_least_a_thousand_cases_per_role_over_every_path() -> None:
    paths = {label.split(" ", 1)[1] for label in OPERATIONS}
    assert paths == set(SCHEMA.raw_schema["paths"])
    writes = [label for label in OPERATIONS if label.split(" ", 1)[0] in {"POST", "PUT", "PATCH", "DELETE"}]
    assert len(writes) >= 20
    assert len(OPERATIONS) * EXAMPLES >= MIN_CASES_PER_ROLE


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("label", OPERATIONS)
def test_it_answers_every_operation_within_its_schema(demo: dict[str, Any], db: Any, role: str, label: str) -> None:
    method, path = label.split(" ", 1)
    operation = SCHEMA[path][method]
    token = demo["tokens"].get(role)
    headers = {"Authorization": f"Token {token}"} if token else {}
    references = demo["references"]
    count = 0

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=st.one_of(_strategies(operation, path, demo)), data=st.data())
    def run(case: Any, data: Any) -> None:
        nonlocal count
        count += 1
        if case.meta.generation.mode.is_positive and isinstance(case.body, dict) and data.draw(st.booleans()):
            for field in sorted(REFERENCES.keys() & case.body.keys()):  # sorted: set order varies per process
                case.body[field] = data.draw(st.sampled_from(references[field]))
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()
    # Hypothesis stops early only when it runs out of distinct cases; the per-role count relies on it not.
    assert count >= EXAMPLES
