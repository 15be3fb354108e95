"""The course in and out: Common Cartridge 1.1 and SCORM 1.2 export, Common Cartridge import with its report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, require
from creativepoles.learning.cartridge import (
    CartridgeError,
    ExportChoice,
    ExportItem,
    ExportModule,
    ExportQuestion,
    ParsedCourse,
    ParsedLesson,
    parse_cartridge,
    write_cartridge,
)
from creativepoles.learning.models import Choice, Course, CourseModule, Lesson, Question, Quiz
from creativepoles.learning.scorm import write_scorm


def export_modules(course: Course) -> list[ExportModule]:
    """The course's modules with lessons and quizzes in order, as the writers take them."""
    modules = course.modules.prefetch_related("lessons", "quizzes__questions__choices")
    out = []
    for module in modules:
        items: list[tuple[int, int, ExportItem]] = []
        for lesson in module.lessons.all():
            items.append((lesson.order, 0, ExportItem(lesson.title, markdown=lesson.body or lesson.imported_html)))
        for quiz in module.quizzes.all():
            questions = [ExportQuestion(q.kind, q.text, [ExportChoice(c.text, c.correct, c.feedback)
                                                         for c in q.choices.all()], q.feedback)
                         for q in quiz.questions.all()]
            items.append((quiz.order, 1, ExportItem(quiz.title, questions=questions)))
        out.append(ExportModule(module.title, [item for _o, _k, item in sorted(items, key=lambda t: t[:2])]))
    return out


def export_cartridge(course: Course) -> bytes:
    """The course as an IMS Common Cartridge 1.1 (.imscc) that Moodle restores as a course."""
    return write_cartridge(course.title, export_modules(course), f"creativepoles-{course.slug}")


def export_scorm(course: Course) -> bytes:
    """The course's lessons as a SCORM 1.2 package."""
    return write_scorm(course.title, export_modules(course), f"creativepoles-{course.slug}")


def _free_slug(title: str) -> str:
    base = slugify(title)[:40] or "course"
    slug, n = base, 1
    while Course.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def import_cartridge(actor: Any, source: bytes | str | Path) -> tuple[Course, ParsedCourse]:
    """Make a draft course of a cartridge's pages and quizzes; the parsed course carries the report."""
    require(actor, ADD, Course(slug="new", title="new"))
    try:
        parsed = parse_cartridge(source)
    except CartridgeError:
        raise DomainError(_("This file is not a Common Cartridge package (no readable imsmanifest.xml)."),
                          "file") from None
    if not parsed.modules:
        raise DomainError(_("The package holds no pages or quizzes this platform can use."), "file")
    course = Course.objects.create(slug=_free_slug(parsed.title), title=parsed.title[:200])
    questions: list[tuple[Question, list[Choice]]] = []
    for m, parsed_module in enumerate(parsed.modules, start=1):
        module = CourseModule.objects.create(course=course, order=m, title=parsed_module.title[:200])
        for n, item in enumerate(parsed_module.items, start=1):
            if isinstance(item, ParsedLesson):
                Lesson.objects.create(module=module, order=n, title=item.title[:200], body=item.markdown,
                                      imported_html=item.html)
                continue
            quiz = Quiz.objects.create(module=module, order=n, title=item.title[:200])
            for q, parsed_question in enumerate(item.questions, start=1):
                question = Question(quiz=quiz, order=q, kind=parsed_question.kind, text=parsed_question.text,
                                    feedback=parsed_question.feedback)
                questions.append((question, [Choice(order=c, text=choice.text[:500], correct=choice.correct,
                                                    feedback=choice.feedback[:500])
                                             for c, choice in enumerate(parsed_question.choices, start=1)]))
    Question.objects.bulk_create([q for q, _c in questions])
    for question, choices in questions:
        for choice in choices:
            choice.question = question
    Choice.objects.bulk_create([c for _q, choices in questions for c in choices])
    record_audit(actor, "import_cartridge", course, {"skipped": len(parsed.skipped), "missing": len(parsed.missing)})
    return course, parsed
