"""A course's content as plain data, so two courses (an export and its re-import) compare with ==."""

from __future__ import annotations

from typing import Any

from creativepoles.learning.models import Course


def shape(course: Course) -> list[tuple[str, list[Any]]]:
    """Modules with their lessons (title, Markdown or page) and quizzes (questions with answers), in order."""
    out = []
    for module in course.modules.all():
        items: list[Any] = [("lesson", lesson.title, lesson.body or lesson.imported_html)
                            for lesson in module.lessons.all()]
        for quiz in module.quizzes.all():
            items.append(("quiz", quiz.title, [
                (q.kind, q.text, q.feedback, [(c.text, c.correct, c.feedback) for c in q.choices.all()])
                for q in quiz.questions.all()]))
        out.append((module.title, items))
    return out
