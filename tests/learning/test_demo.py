"""The learning demo: five packages, sessions in every city, the course's size, six cases; loading twice adds
nothing."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.core.demo import load_demos
from creativepoles.core.models import City
from creativepoles.learning.models import Case, Course, Lesson, Quiz, TrainingPackage, TrainingSession
from creativepoles.learning.services.exchange import export_cartridge
from tests.learning.test_cartridge import structural_problems


@pytest.mark.django_db
def test_it_loads_the_promised_demo_once() -> None:
    context = load_demos(["learning"])
    counts = (TrainingPackage.objects.count(), TrainingSession.objects.count(), Case.objects.count())
    assert TrainingPackage.objects.filter(status="published").count() == 5
    assert set(TrainingSession.objects.values_list("city_id", flat=True)) == set(City.objects.values_list("pk",
                                                                                                          flat=True))
    course = Course.objects.get(is_published=True)
    assert course.modules.count() >= 3
    assert Lesson.objects.filter(module__course=course).count() >= 6
    assert Quiz.objects.filter(module__course=course).count() >= 3
    assert Case.objects.filter(is_published=True).count() == 6
    assert any(case.cites for case in Case.objects.all())
    assert structural_problems(export_cartridge(course)) == []
    learner: Any = context.users["learner"]
    assert not learner.memberships.exists()
    load_demos(["learning"])
    assert (TrainingPackage.objects.count(), TrainingSession.objects.count(), Case.objects.count()) == counts
