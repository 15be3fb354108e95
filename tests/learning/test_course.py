"""The course player: enrol, complete lessons, answer quizzes, see only one's own results, get the certificate."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from creativepoles.core.errors import NotInScope
from creativepoles.learning.models import Choice, Course, Enrolment, Lesson, Question, Quiz
from creativepoles.learning.services import course as services


def _answers_right(quiz: Quiz) -> dict[str, list[str]]:
    return {f"q{q.pk}": [str(c.pk) for c in q.choices.all() if c.correct] for q in quiz.questions.all()}


def test_it_takes_a_learner_through_the_course(course: Course, learner: Any) -> None:
    client = Client()
    client.force_login(learner)
    assert client.post(f"/learning/course/{course.slug}/enrol/").status_code == 302
    enrolment = Enrolment.objects.get(user=learner, course=course)
    for lesson in Lesson.objects.filter(module__course=course):
        assert client.post(f"/learning/course/{course.slug}/lessons/{lesson.pk}/done/").status_code == 302
    assert client.get(f"/learning/enrolments/{enrolment.pk}/certificate.pdf").status_code == 403  # quizzes open
    quizzes = list(Quiz.objects.filter(module__course=course))
    wrong = client.post(f"/learning/course/{course.slug}/quizzes/{quizzes[0].pk}/", {})
    assert "Your score: 0 %" in wrong.content.decode()
    for quiz in quizzes:
        page = client.post(f"/learning/course/{course.slug}/quizzes/{quiz.pk}/", _answers_right(quiz))
        assert "Your score: 100 %" in page.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    response = client.get(f"/learning/enrolments/{enrolment.pk}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Ada Learner" in text and course.title in text
    code = str(enrolment.certificate_code)
    assert f"/learning/certificates/{code}/" in text.replace("\n", "")
    verify = Client().get(f"/learning/certificates/{code}/")
    assert verify.status_code == 200 and course.title in verify.content.decode()
    assert "learner@example.test" not in verify.content.decode()


def test_it_scores_each_question_kind_exactly(course: Course, learner: Any) -> None:
    enrolment = services.enrol(learner, course)
    quiz = Quiz.objects.get(module__course=course, title="Check one")
    single, multiple = list(quiz.questions.all())
    music, games, coal = list(multiple.choices.all())
    design = single.choices.get(correct=True)
    half = services.submit_quiz(learner, enrolment, quiz, {single.pk: {design.pk}, multiple.pk: {music.pk}})
    assert (half.score, half.passed) == (50, False)
    extra = services.submit_quiz(learner, enrolment, quiz,
                                 {single.pk: {design.pk}, multiple.pk: {music.pk, games.pk, coal.pk}})
    assert extra.score == 50
    both = services.submit_quiz(learner, enrolment, quiz,
                                {single.pk: {design.pk, single.choices.get(correct=False).pk},
                                 multiple.pk: {music.pk, games.pk}})
    assert both.score == 50  # two answers to a single-choice question is wrong
    foreign = Choice.objects.exclude(question__quiz=quiz).first()
    assert foreign is not None
    right = services.submit_quiz(learner, enrolment, quiz, {single.pk: {design.pk},
                                                            multiple.pk: {music.pk, games.pk, foreign.pk}})
    assert (right.score, right.passed) == (100, True)
    assert services.progress(enrolment).best[quiz.pk] == 100


def test_it_shows_feedback_after_answering(course: Course, learner: Any) -> None:
    services.enrol(learner, course)
    client = Client()
    client.force_login(learner)
    quiz = Quiz.objects.get(module__course=course, title="Check two")
    question = Question.objects.get(quiz=quiz)
    false = question.choices.get(text="False")
    page = client.post(f"/learning/course/{course.slug}/quizzes/{quiz.pk}/", {f"q{question.pk}": [str(false.pk)]})
    assert "It does help." in page.content.decode() and "Not right." in page.content.decode()


def test_it_shows_a_learner_only_their_own_progress(course: Course, learner: Any, world: dict[str, Any]) -> None:
    mine = services.enrol(learner, course)
    theirs = services.enrol(world["outsider"], course)
    services.complete_lesson(world["outsider"], theirs, Lesson.objects.filter(module__course=course).first())
    client = Client()
    client.force_login(learner)
    assert client.get(f"/learning/enrolments/{mine.pk}/").status_code == 200
    assert client.get(f"/learning/enrolments/{theirs.pk}/").status_code == 404
    assert client.get(f"/learning/enrolments/{theirs.pk}/certificate.pdf").status_code == 404
    listed = client.get("/api/learning/enrolments/").json()
    assert [row["id"] for row in listed["results"]] == [mine.pk]
    editor = Client()
    editor.force_login(world["editor"])
    assert editor.get(f"/learning/enrolments/{mine.pk}/").status_code == 404
    assert editor.get("/api/learning/enrolments/").json()["results"] == []


def test_it_refuses_writes_to_another_learners_enrolment(course: Course, learner: Any, world: dict[str, Any]) -> None:
    theirs = services.enrol(world["outsider"], course)
    lesson = Lesson.objects.filter(module__course=course).first()
    assert lesson is not None
    with pytest.raises(NotInScope):
        services.complete_lesson(learner, theirs, lesson)
    with pytest.raises(NotInScope):
        services.submit_quiz(learner, theirs, Quiz.objects.filter(module__course=course).first(), {})
    assert not theirs.lessons_done.exists() and not theirs.attempts.exists()


def test_it_keeps_drafts_closed(course: Course, learner: Any) -> None:
    course.is_published = False
    course.save()
    client = Client()
    client.force_login(learner)
    assert client.get(f"/learning/course/{course.slug}/").status_code == 404
    assert client.post(f"/learning/course/{course.slug}/enrol/").status_code == 404
    assert not Enrolment.objects.exists()


def test_it_exports_the_course_for_anyone_who_sees_it(course: Course) -> None:
    response = Client().get(f"/learning/course/{course.slug}/export.imscc")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert re.search(r'filename="cp\.imscc"', response["Content-Disposition"])
    assert Client().get(f"/learning/course/{course.slug}/export.exe").status_code == 404
