"""Acceptance 2: a method package exported from the demo, imported into an empty database together with the same
OpenStreetMap extract, gives the same ranking (same sites, order and scores) and the same course.

The demo onboards Helsinki, a city outside the network, from the shipped extract with Klaipėda's method adapted
to open data. One test holds both instances in turn: the demo instance exports Helsinki's package, `flush` empties
every table (inside the test's transaction, so the next test starts clean again), and the receiving instance
onboards Helsinki from nothing but a superuser, the same facts, the same extract and register, and the package.
"""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from creativepoles.core.demo import ensure_user
from creativepoles.learning.models import Course
from creativepoles.replication import demo as replication_demo
from creativepoles.replication.extracts import HELSINKI
from creativepoles.replication.models import Onboarding, Step, StepStatus
from creativepoles.replication.package import export_package, import_package
from creativepoles.replication.services import PackageMethod, continue_onboarding, start_onboarding
from creativepoles.replication.synthetic import write_register
from creativepoles.spaces.models import AssessmentRun, Method, Site
from tests.learning.course_shape import shape

pytestmark = pytest.mark.django_db
# Tables a flushed database fills again by itself (post_migrate): not data of the instance.
REBUILT = {"contenttypes.ContentType", "auth.Permission", "sites.Site"}


def ranking(run: AssessmentRun) -> list[tuple[str, int | None, str, int, float]]:
    """The run's results by rank: the site's OSM identity and name, its rank and score."""
    return [(r.site.osm_type, r.site.osm_id, r.site.name, r.rank, r.score)
            for r in run.results.select_related("site").order_by("rank", "site__osm_id")]


def onboarded_ranking() -> AssessmentRun:
    """The ranking Helsinki's onboarding made (its ranking step's run)."""
    run = Onboarding.objects.get(city__slug="helsinki")
    step = run.steps.get(key=Step.RANKING)
    assert step.status == StepStatus.DONE
    return AssessmentRun.objects.get(pk=step.report["run_id"])


def published() -> list[str]:
    return sorted(Site.objects.filter(city__slug="helsinki", is_published=True).values_list("name", flat=True))


def test_a_package_from_the_demo_ranks_and_teaches_alike_in_an_empty_database() -> None:
    call_command("demo", stdout=StringIO())
    manager = get_user_model().objects.get(email="manager@demo.creativepoles.eu")
    demo_run = onboarded_ranking()
    expected = ranking(demo_run)
    assert len(expected) >= 4 and len({score for *_s, score in expected}) == len(expected)
    expected_method = [(c.code, c.weight) for c in demo_run.method.criteria.order_by("code")]
    expected_published = published()
    assert expected_published
    demo_course = Course.objects.get(slug="creative-poles")
    expected_course = shape(demo_course)
    assert expected_course and any(kind == "quiz" for _t, items in expected_course for kind, *_r in items)
    data = export_package(manager, demo_run.method.city)

    # PostgreSQL refuses to TRUNCATE tables with deferred foreign-key checks still pending in this transaction.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    left = {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.label not in REBUILT}
    assert {label: n for label, n in left.items() if n} == {}

    admin = ensure_user("admin@replica.test")
    admin.is_superuser = True
    admin.save()
    facts = replication_demo.FACTS
    run = start_onboarding(admin, **facts)
    with tempfile.TemporaryDirectory() as folder:
        register = write_register(Path(folder) / "register.csv", facts["bbox"], replication_demo.DEMO_FIRMS,
                                  seed="helsinki-demo", prefix="HEL")
        steps = continue_onboarding(admin, run, extract=HELSINKI, register=register, source=PackageMethod(data))
    assert [s.status for s in steps] == [StepStatus.DONE] * len(steps) and len(steps) == 5
    method_step = run.steps.get(key=Step.METHOD)
    assert method_step.report["package"]["source_city"] == "Helsinki"
    got = onboarded_ranking()
    assert [(c.code, c.weight) for c in got.method.criteria.order_by("code")] == expected_method
    assert ranking(got) == expected
    assert published() == expected_published
    (course,) = Course.objects.all()
    assert course.title == demo_course.title and not course.is_published
    assert shape(course) == expected_course

    # The same package again: its method comes in as the next version and the ranked one is left as it was.
    imported = Method.objects.filter(city=run.city, name=got.method.name).order_by("version")
    before = [(m.pk, m.version, [(c.code, c.weight) for c in m.criteria.order_by("code")]) for m in imported]
    import_package(admin, data, run.city)
    after = [(m.pk, m.version, [(c.code, c.weight) for c in m.criteria.order_by("code")])
             for m in Method.objects.filter(city=run.city, name=got.method.name).order_by("version")]
    assert after[:-1] == before and after[-1][1] == before[-1][1] + 1
    assert ranking(AssessmentRun.objects.get(pk=got.pk)) == expected
