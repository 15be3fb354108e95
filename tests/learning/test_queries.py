"""List pages cost the same queries for a few rows as for many."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from creativepoles.learning.models import Case, CourseModule, Lesson, Quiz, TrainingPackage, TrainingSession


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(world: dict[str, Any], course: Any, n: int) -> None:
    for i in range(n):
        package = TrainingPackage.objects.create(organisation=world["k_org"], title=f"P{i}", target_group="g",
                                                 learning_outcomes="o", duration_hours=Decimal(1), status="published")
        TrainingSession.objects.create(package=package, city=world["klaipeda"], date=dt.date(2011, 1, 1 + i),
                                       duration_hours=Decimal(1),
                                       course_module=course.modules.first())
        Case.objects.create(city=world["klaipeda"], organisation=world["k_org"], kind="pilot", title=f"C{i}",
                            context="c", method="m", results="r", is_published=True)
        module = CourseModule.objects.create(course=course, order=10 + i, title=f"M{i}")
        Lesson.objects.create(module=module, title="L", body="b")
        Quiz.objects.create(module=module, title="Q")


def test_it_keeps_list_pages_flat_as_rows_grow(world: dict[str, Any], course: Any) -> None:
    client = Client()
    client.force_login(world["manager"])
    urls = ["/learning/", "/learning/cases/", "/learning/sessions/", f"/learning/course/{course.slug}/"]
    _grow(world, course, 1)
    few = [_queries(client, url) for url in urls]
    _grow(world, course, 6)
    assert [_queries(client, url) for url in urls] == few
