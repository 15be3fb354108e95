"""Learning fixtures: a trainer in Klaipėda, a learner without a role, a small published course."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from creativepoles.core.demo import ensure_user
from creativepoles.core.models import Membership, Role
from creativepoles.learning.models import (
    Choice,
    Course,
    CourseModule,
    Lesson,
    PackageFormat,
    Question,
    QuestionKind,
    Quiz,
)
from creativepoles.learning.services import packages as package_services

REPO = Path(__file__).resolve().parents[2]


def shared_file(*parts: str) -> Path:
    """A file of the shared test data: /work/shared/testdata in a worktree, ../shared/testdata in CI."""
    for root in (REPO.parent / "shared" / "testdata", Path("/work/shared/testdata")):
        path = root.joinpath(*parts)
        if path.exists():
            return path
    raise FileNotFoundError("/".join(parts))


@pytest.fixture
def trainer(world: dict[str, Any]) -> Any:
    """A consultant/trainer of the Klaipėda agency."""
    user = ensure_user("trainer@klaipeda.test")
    Membership.objects.create(user=user, organisation=world["k_org"], role=Role.CONSULTANT)
    return user


@pytest.fixture
def learner(db: Any) -> Any:
    """An account without any role."""
    return ensure_user("learner@example.test", first_name="Ada", last_name="Learner")


@pytest.fixture
def package(world: dict[str, Any], trainer: Any) -> Any:
    """A published package of the Klaipėda agency."""
    created = package_services.create_package(
        trainer, organisation=world["k_org"], title="Starting a creative business", target_group="Students",
        learning_outcomes="A business model", format=PackageFormat.TRAINING, duration_hours=Decimal("12"),
        modules=[("Canvas", Decimal("6")), ("Pricing", Decimal("6"))], trainers=[trainer])
    return package_services.publish_package(trainer, created)


@pytest.fixture
def course(db: Any) -> Course:
    """A published course: two modules, three lessons, two quizzes of every question kind."""
    course = Course.objects.create(slug="cp", title="Creative Poles course", is_published=True, pass_mark=60)
    first = CourseModule.objects.create(course=course, order=1, title="Basics")
    second = CourseModule.objects.create(course=course, order=2, title="Spaces")
    Lesson.objects.create(module=first, order=1, title="What is creative", body="# Creative\n\n**Design** counts.")
    Lesson.objects.create(module=first, order=2, title="Mapping", body="| a | b |\n| - | - |\n| 1 | 2 |")
    Lesson.objects.create(module=second, order=1, title="Vacant buildings", body="1. Visit\n2. Score")
    quiz = Quiz.objects.create(module=first, order=3, title="Check one")
    q1 = Question.objects.create(quiz=quiz, order=1, kind=QuestionKind.SINGLE, text="Which is creative?",
                                 feedback="Design is.")
    Choice.objects.create(question=q1, order=1, text="Design", correct=True, feedback="Yes")
    Choice.objects.create(question=q1, order=2, text="Mining", correct=False, feedback="No")
    q2 = Question.objects.create(quiz=quiz, order=2, kind=QuestionKind.MULTIPLE, text="Which two?")
    Choice.objects.create(question=q2, order=1, text="Music", correct=True)
    Choice.objects.create(question=q2, order=2, text="Games", correct=True)
    Choice.objects.create(question=q2, order=3, text="Coal", correct=False)
    quiz2 = Quiz.objects.create(module=second, order=2, title="Check two")
    q3 = Question.objects.create(quiz=quiz2, order=1, kind=QuestionKind.TRUE_FALSE, text="Interim use helps.")
    Choice.objects.create(question=q3, order=1, text="True", correct=True)
    Choice.objects.create(question=q3, order=2, text="False", correct=False, feedback="It does help.")
    return course
