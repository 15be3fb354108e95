"""Learning in Chromium: a learner enrols, completes lessons and quizzes and downloads the certificate; the
SCORM package's pages find a stub LMS API in a parent frame and report completion to it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from creativepoles.core.demo import DEMO_PASSWORD, ensure_user, load_demos
from creativepoles.learning.models import Course, Enrolment, Lesson, Quiz
from creativepoles.learning.services.exchange import export_scorm
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_takes_a_learner_from_enrolment_to_the_certificate(page: Any, tmp_path: Path) -> None:
    load_demos(["learning"])
    ensure_user("new.learner@example.test", first_name="Neringa", last_name="Petraitė")
    course = Course.objects.get(slug="creative-poles")
    log_in(page, "new.learner@example.test", DEMO_PASSWORD)
    page.goto(page.base + course.get_absolute_url())
    screenshot(page, "learning-course")
    page.click("#enrol")
    page.wait_for_selector("#progress")
    assert "0 %" in page.locator("#progress").inner_text()

    lessons = list(Lesson.objects.filter(module__course=course).order_by("module__order", "order"))
    page.goto(page.base + lessons[0].get_absolute_url())
    screenshot(page, "learning-lesson")
    for lesson in lessons:
        page.goto(page.base + lesson.get_absolute_url())
        page.click("#complete-lesson")
        page.wait_for_selector("#progress")

    for n, quiz in enumerate(Quiz.objects.filter(module__course=course).order_by("module__order", "order")):
        page.goto(page.base + quiz.get_absolute_url())
        for question in quiz.questions.all():
            for choice in question.choices.filter(correct=True):
                page.check(f"input[name=q{question.pk}][value='{choice.pk}']")
        page.click("#submit-quiz")
        page.wait_for_selector("#quiz-result")
        assert "100 %" in page.locator("#quiz-result").inner_text()
        if n == 0:
            screenshot(page, "learning-quiz")

    page.goto(page.base + course.get_absolute_url())
    assert "100 %" in page.locator("#progress").inner_text()
    screenshot(page, "learning-completed")
    with page.expect_download() as download_info:
        page.click("#certificate-link")
    target = tmp_path / "certificate.pdf"
    download_info.value.save_as(target)
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    enrolment = Enrolment.objects.get(user__email="new.learner@example.test")
    assert "Neringa Petraitė" in text and course.title in text.replace("\n", " ")
    assert str(enrolment.certificate_code) in text.replace("\n", "")


PARENT = """<!DOCTYPE html><html><head><title>Stub LMS</title><script>
window.API = {calls: [],
  LMSInitialize: function (a) { this.calls.push(["LMSInitialize", a]); return "true"; },
  LMSSetValue: function (k, v) { this.calls.push(["LMSSetValue", k, v]); return "true"; },
  LMSGetValue: function (k) { this.calls.push(["LMSGetValue", k]); return ""; },
  LMSCommit: function (a) { this.calls.push(["LMSCommit", a]); return "true"; },
  LMSFinish: function (a) { this.calls.push(["LMSFinish", a]); return "true"; },
  LMSGetLastError: function () { return "0"; }, LMSGetErrorString: function () { return ""; },
  LMSGetDiagnostic: function () { return ""; }};
</script></head><body><iframe id="sco" src="%s" width="900" height="600"></iframe></body></html>"""
MIDDLE = """<!DOCTYPE html><html><body><iframe id="inner" src="%s" width="880" height="560"></iframe></body></html>"""


def _serve(page: Any, files: dict[str, bytes]) -> None:
    """Serve a package's files (and the stub LMS pages) from one made-up origin, as an LMS would."""

    def handler(route: Any) -> None:
        name = route.request.url.split("http://lms.test/", 1)[1].split("?")[0]
        if name not in files:
            route.fulfill(status=404, body="")
            return
        kind = "text/html" if name.endswith(".html") else "application/javascript"
        route.fulfill(status=200, body=files[name], headers={"Content-Type": f"{kind}; charset=utf-8"})

    page.route("http://lms.test/**", handler)


@pytest.mark.parametrize("nested", [False, True])
def test_it_reports_a_scos_completion_to_the_api_in_a_parent_frame(page: Any, nested: bool) -> None:
    load_demos(["learning"])
    archive = zipfile.ZipFile(io.BytesIO(export_scorm(Course.objects.get(slug="creative-poles"))))
    files = {name: archive.read(name) for name in archive.namelist()}
    sco = next(name for name in files if name.startswith("sco_") and name.endswith(".html"))
    files["parent.html"] = (PARENT % ("middle.html" if nested else sco)).encode()
    files["middle.html"] = (MIDDLE % sco).encode()
    _serve(page, files)
    page.goto("http://lms.test/parent.html")
    frame = page.frame_locator("#sco")
    if nested:
        frame = frame.frame_locator("#inner")
    frame.locator("#scorm-status").filter(has_text="connected").wait_for()
    assert page.evaluate("window.API.calls") == [["LMSInitialize", ""]]
    if not nested:
        screenshot(page, "learning-scorm")
    frame.locator("#scorm-done").click()
    frame.locator("#scorm-status").filter(has_text="completed").wait_for()
    assert page.evaluate("window.API.calls") == [
        ["LMSInitialize", ""], ["LMSSetValue", "cmi.core.lesson_status", "completed"], ["LMSCommit", ""],
        ["LMSFinish", ""]]
