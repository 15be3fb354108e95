"""The course player: course page, lessons, quizzes, a learner's progress, the certificate, exchange formats."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core import links
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.permissions import ADD, VIEW, could, get_object_for
from creativepoles.learning.certificate import certificate_pdf
from creativepoles.learning.forms import ImportForm
from creativepoles.learning.models import Course, Enrolment, Lesson, Quiz
from creativepoles.learning.services import course as services
from creativepoles.learning.services import exchange


def _course(request: HttpRequest, slug: str) -> Course:
    return get_object_or_404(Course.objects.for_user(request.user), slug=slug)


def _enrolment(request: HttpRequest, course: Course) -> Enrolment | None:
    if not request.user.is_authenticated:
        return None
    return Enrolment.objects.for_user(request.user).filter(course=course, user=request.user).first()


def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The course outline with the learner's progress, the in-person sessions per module, and the exports."""
    course = _course(request, slug)
    enrolment = _enrolment(request, course)
    progress = services.progress(enrolment) if enrolment else None
    modules = course.modules.prefetch_related("lessons", "quizzes", "sessions__city")
    return render(request, "learning/course_detail.html", {
        "course": course, "modules": modules, "enrolment": enrolment, "progress": progress,
        "can_import": could(request.user, ADD, Course),
    })


@login_required
@require_POST
def course_enrol(request: HttpRequest, slug: str) -> HttpResponse:
    """Enrol the signed-in user."""
    course = _course(request, slug)
    try:
        services.enrol(request.user, course)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are enrolled."))
    return HttpResponseRedirect(course.get_absolute_url())


def lesson(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A lesson, rendered through the sanitiser, with the good-practice cases it links to."""
    course = _course(request, slug)
    item = get_object_or_404(Lesson.objects.filter(module__course=course).select_related("module"), pk=pk)
    enrolment = _enrolment(request, course)
    done = bool(enrolment and enrolment.lessons_done.filter(lesson=item).exists())
    cases = links.links("learning.case", item.cases.values_list("pk", flat=True), request.user)
    return render(request, "learning/lesson.html", {
        "course": course, "lesson": item, "body": mark_safe(item.html()),  # noqa: S308 - sanitised by nh3
        "enrolment": enrolment, "done": done, "cases": sorted(cases.values()),
    })


@login_required
@require_POST
def lesson_done(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Mark a lesson done for the signed-in learner."""
    course = _course(request, slug)
    item = get_object_or_404(Lesson.objects.filter(module__course=course), pk=pk)
    enrolment = _enrolment(request, course)
    if enrolment is None:
        messages.error(request, _("Enrol in the course first."))
    else:
        services.complete_lesson(request.user, enrolment, item)
        messages.success(request, _("Lesson completed."))
    return HttpResponseRedirect(course.get_absolute_url())


def _answers(request: HttpRequest, quiz: Quiz) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for question in quiz.questions.all():
        values = request.POST.getlist(f"q{question.pk}")
        out[question.pk] = {int(v) for v in values if v.isdigit() and len(v) < 18}
    return out


def quiz(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A quiz: answer it (enrolled learners), then see the score and each question's feedback."""
    course = _course(request, slug)
    item = get_object_or_404(Quiz.objects.filter(module__course=course).select_related("module"), pk=pk)
    enrolment = _enrolment(request, course)
    attempt = None
    if request.method == "POST":
        if enrolment is None:
            raise PermissionDenied
        try:
            attempt = services.submit_quiz(request.user, enrolment, item, _answers(request, item))
        except DomainError as error:
            messages.error(request, error.message)
    questions = item.questions.prefetch_related("choices")
    results: dict[int, Any] = {}
    if attempt is not None:
        for question in questions:
            chosen = set(attempt.answers.get(str(question.pk), []))
            results[question.pk] = {"chosen": chosen, "right": services.correct_answer(question, chosen)}
    rows = [(q, results.get(q.pk)) for q in questions]
    return render(request, "learning/quiz.html", {"course": course, "quiz": item, "rows": rows,
                                                  "enrolment": enrolment, "attempt": attempt})


@login_required
def enrolment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A learner's progress and results (their own only)."""
    enrolment = get_object_for(request.user, VIEW, Enrolment.objects.select_related("course"), pk=pk)
    attempts = enrolment.attempts.select_related("quiz")[:50]
    return render(request, "learning/enrolment.html", {
        "enrolment": enrolment, "progress": services.progress(enrolment), "attempts": attempts})


def _learner_name(user: Any) -> str:
    return user.get_full_name().strip() or user.get_username()


@login_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate of completion as PDF, for the learner (once every lesson is done and quiz passed)."""
    enrolment = get_object_for(request.user, VIEW, Enrolment.objects.select_related("course", "user"), pk=pk)
    if enrolment.completed_at is None:
        raise PermissionDenied
    verify = settings.SITE_URL.rstrip("/") + reverse("learning:verify", args=[enrolment.certificate_code])
    pdf = certificate_pdf(_learner_name(enrolment.user), enrolment.course.title, enrolment.completed_at.date(),
                          verify, str(enrolment.certificate_code))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{enrolment.course.slug}.pdf"'
    return response


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone holding a certificate's URL can check it: the course and date, never an e-mail address."""
    enrolment = Enrolment.objects.filter(certificate_code=code, completed_at__isnull=False).select_related(
        "course", "user").first()
    holder = enrolment.user.get_full_name().strip() if enrolment else ""
    return render(request, "learning/verify.html", {"enrolment": enrolment, "holder": holder},
                  status=200 if enrolment else 404)


def course_export(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The course as a Common Cartridge 1.1 (Moodle restores it as a course) or as a SCORM 1.2 package."""
    course = _course(request, slug)
    if kind not in ("imscc", "scorm"):
        raise Http404
    if kind == "imscc":
        data, name, mime = exchange.export_cartridge(course), f"{course.slug}.imscc", "application/zip"
    else:
        data, name, mime = exchange.export_scorm(course), f"{course.slug}-scorm12.zip", "application/zip"
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def course_import(request: HttpRequest) -> HttpResponse:
    """Import a Common Cartridge as a draft course, with the report of what was skipped or missing."""
    if not could(request.user, ADD, Course):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            course, report = exchange.import_cartridge(request.user, form.cleaned_data["file"].read())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return render(request, "learning/import.html", {"form": ImportForm(), "report": report,
                                                             "course": course})
    return render(request, "learning/import.html", {"form": form, "report": report},
                  status=400 if request.method == "POST" else 200)
