"""A learner's path through the course: enrol, complete lessons, answer quizzes, finish with a certificate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, require
from creativepoles.learning.models import (
    Course,
    Enrolment,
    Lesson,
    LessonDone,
    Question,
    QuestionKind,
    Quiz,
    QuizAttempt,
)


@dataclass(frozen=True)
class Progress:
    """Where a learner stands: lessons done, quizzes passed, best score per quiz."""

    lessons_done: frozenset[int]
    lessons_total: int
    quizzes_passed: frozenset[int]
    quizzes_total: int
    best: dict[int, int]

    @property
    def percent(self) -> int:
        """Share of lessons done and quizzes passed."""
        total = self.lessons_total + self.quizzes_total
        return round(100 * (len(self.lessons_done) + len(self.quizzes_passed)) / total) if total else 0

    @property
    def complete(self) -> bool:
        """Every lesson done and every quiz passed."""
        return (self.lessons_total + self.quizzes_total > 0 and len(self.lessons_done) == self.lessons_total
                and len(self.quizzes_passed) == self.quizzes_total)


def progress(enrolment: Enrolment) -> Progress:
    """A learner's progress in three queries."""
    lessons = set(Lesson.objects.filter(module__course=enrolment.course_id).values_list("pk", flat=True))
    quizzes = set(Quiz.objects.filter(module__course=enrolment.course_id).values_list("pk", flat=True))
    done = set(enrolment.lessons_done.values_list("lesson_id", flat=True)) & lessons
    best: dict[int, int] = {}
    passed: set[int] = set()
    for quiz_id, score, ok in enrolment.attempts.values_list("quiz_id", "score", "passed"):
        best[quiz_id] = max(best.get(quiz_id, 0), score)
        if ok and quiz_id in quizzes:
            passed.add(quiz_id)
    return Progress(frozenset(done), len(lessons), frozenset(passed), len(quizzes), best)


@transaction.atomic
def enrol(actor: Any, course: Course) -> Enrolment:
    """Enrol the signed-in learner in a published course (again: their existing enrolment)."""
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Sign in to enrol."))
    existing = Enrolment.objects.filter(course=course, user=actor).first()
    if existing is not None:
        return existing
    if not course.is_published:
        raise DomainError(_("This course is not open for enrolment."))
    enrolment = Enrolment(course=course, user=actor)
    require(actor, ADD, enrolment)
    enrolment.save()
    record_audit(actor, "enrol", course, {})
    return enrolment


def _finish_if_complete(enrolment: Enrolment) -> None:
    if enrolment.completed_at is None and progress(enrolment).complete:
        enrolment.completed_at = timezone.now()
        enrolment.save(update_fields=["completed_at"])


@transaction.atomic
def complete_lesson(actor: Any, enrolment: Enrolment, lesson: Lesson) -> None:
    """Mark a lesson of the enrolment's course done."""
    require(actor, CHANGE, enrolment)
    if lesson.module.course_id != enrolment.course_id:
        raise DomainError(_("This lesson is not part of the course."))
    LessonDone.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    _finish_if_complete(enrolment)


def correct_answer(question: Question, chosen: set[int]) -> bool:
    """Whether the chosen answers are exactly the correct ones (one for single choice and true/false)."""
    right = {c.pk for c in question.choices.all() if c.correct}
    if question.kind != QuestionKind.MULTIPLE and len(chosen) != 1:
        return False
    return chosen == right


@transaction.atomic
def submit_quiz(actor: Any, enrolment: Enrolment, quiz: Quiz, answers: dict[int, set[int]]) -> QuizAttempt:
    """Score an attempt: the share of questions answered exactly right, passed at the course's pass mark."""
    require(actor, CHANGE, enrolment)
    if quiz.module.course_id != enrolment.course_id:
        raise DomainError(_("This quiz is not part of the course."))
    questions = list(quiz.questions.prefetch_related("choices"))
    if not questions:
        raise DomainError(_("This quiz has no questions."))
    right = 0
    stored: dict[str, list[int]] = {}
    for question in questions:
        valid = {c.pk for c in question.choices.all()}
        chosen = answers.get(question.pk, set()) & valid
        stored[str(question.pk)] = sorted(chosen)
        right += correct_answer(question, chosen)
    score = round(100 * right / len(questions))
    attempt = QuizAttempt.objects.create(enrolment=enrolment, quiz=quiz, answers=stored, score=score,
                                         passed=score >= enrolment.course.pass_mark)
    _finish_if_complete(enrolment)
    return attempt
