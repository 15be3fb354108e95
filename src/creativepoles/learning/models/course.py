"""The blended-learning course: modules, lessons and quizzes; enrolments with progress, results, certificate."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.permissions import Everyone, Network, Owner, Policy, ScopedQuerySet


class CourseQuerySet(ScopedQuerySet["Course"]):
    """A published course is public; the network's managers edit the network's one course."""

    policy = Policy(
        view=Everyone(is_published=True) | Network(),
        add=Network(),
        change=Network(),
        delete=Network(),
    )


class Course(models.Model):
    """The blended-learning course for cities that repeat the programme's methods."""

    slug = models.SlugField(_("short name"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    is_published = models.BooleanField(_("published"), default=False)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=60,
                                                 validators=[MinValueValidator(0), MaxValueValidator(100)])

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:course-detail", args=[self.slug])


class CourseModule(models.Model):
    """A module of the course: lessons and quizzes, and the in-person sessions that go with it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["course", "order", "pk"]
        verbose_name = _("course module")
        verbose_name_plural = _("course modules")

    def __str__(self) -> str:
        return f"{self.course.title} · {self.title}"


class Lesson(models.Model):
    """A lesson written in Markdown (rendered through the sanitiser, never as raw HTML)."""

    module = models.ForeignKey(CourseModule, on_delete=models.CASCADE, related_name="lessons")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), max_length=100000, blank=True)
    # Pages imported from another platform's cartridge keep their (sanitised) HTML instead of Markdown.
    imported_html = models.TextField(_("imported page"), blank=True, editable=False)
    cases = models.ManyToManyField("learning.Case", blank=True, related_name="lessons",
                                   verbose_name=_("good-practice cases"))

    class Meta:
        ordering = ["module", "order", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:lesson", args=[self.module.course.slug, self.pk])

    def html(self) -> str:
        """The lesson as sanitised HTML: its Markdown rendered, or the imported page cleaned again."""
        from creativepoles.learning.markdown import clean_html, render

        return render(self.body) if self.body or not self.imported_html else clean_html(self.imported_html)


class Quiz(models.Model):
    """A quiz at the end of a module."""

    module = models.ForeignKey(CourseModule, on_delete=models.CASCADE, related_name="quizzes")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["module", "order", "pk"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:quiz", args=[self.module.course.slug, self.pk])


class QuestionKind(models.TextChoices):
    """The question types Moodle and QTI 1.2 share."""

    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class Question(models.Model):
    """A question with its choices; feedback is shown after answering."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("type"), max_length=12, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    text = models.TextField(_("question"))
    feedback = models.TextField(_("feedback"), blank=True)

    class Meta:
        ordering = ["quiz", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]


class Choice(models.Model):
    """One answer of a question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.CharField(_("answer"), max_length=500)
    correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(_("feedback"), max_length=500, blank=True)

    class Meta:
        ordering = ["question", "order", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.text


class EnrolmentQuerySet(ScopedQuerySet["Enrolment"]):
    """A learner owns their enrolment: they alone (and the network's managers) see progress and results."""

    policy = Policy(
        view=Owner("user") | Network(),
        add=Owner("user"),
        change=Owner("user"),
        delete=Owner("user") | Network(),
    )


class Enrolment(models.Model):
    """A learner on the course; complete when every lesson is done and every quiz passed."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    certificate_code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="learning_one_enrolment")]

    def __str__(self) -> str:
        return f"{self.course} · {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("learning:enrolment", args=[self.pk])


class LessonDone(models.Model):
    """A lesson a learner has completed."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lessons_done")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="learning_lesson_once")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submitted attempt at a quiz, scored on submission."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.quiz_id}: {self.score} %"
