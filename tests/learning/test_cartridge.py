"""Common Cartridge 1.1: the export passes a structural check and round-trips; other platforms' exports import
with their pages, questions and correct answers, and what is not held is reported, never a crash."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from typing import Any

import pytest
from defusedxml import ElementTree
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from creativepoles.core.errors import DomainError
from creativepoles.learning.cartridge import parse_cartridge
from creativepoles.learning.models import Choice, Course, Lesson, Question
from creativepoles.learning.services import exchange
from tests.learning.conftest import shared_file
from tests.learning.course_shape import shape

CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def structural_problems(data: bytes) -> list[str]:
    """The checks Moodle's importer relies on, written against the CC 1.1 and QTI 1.2 profiles."""
    problems = []
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    if "imsmanifest.xml" not in names:
        return ["no imsmanifest.xml at the root"]
    raw = archive.read("imsmanifest.xml")
    if b"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" not in raw[:500]:
        problems.append("manifest namespace not in the first 500 characters")
    manifest = ElementTree.fromstring(raw)
    if manifest.tag != f"{CP}manifest":
        problems.append(f"root is {manifest.tag}")
    if manifest.findtext(f"{CP}metadata/{CP}schema") != "IMS Common Cartridge":
        problems.append("schema")
    if manifest.findtext(f"{CP}metadata/{CP}schemaversion") != "1.1.0":
        problems.append("schema version")
    organizations = manifest.findall(f"{CP}organizations/{CP}organization")
    if len(organizations) != 1 or organizations[0].get("structure") != "rooted-hierarchy":
        problems.append("not one rooted-hierarchy organisation")
    elif len(organizations[0].findall(f"{CP}item")) != 1:
        problems.append("the organisation has not exactly one root item")
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    for item in manifest.iter(f"{CP}item"):
        ref = item.get("identifierref")
        if ref and ref not in resources:
            problems.append(f"item {item.get('identifier')} points to no resource")
    for resource in resources.values():
        files = [f.get("href") for f in resource.findall(f"{CP}file")]
        for href in [resource.get("href"), *files]:
            if href and href not in names:
                problems.append(f"missing {href}")
        if resource.get("type") == "imsqti_xmlv1p2/imscc_xmlv1p1/assessment":
            for href in files:
                problems += qti_problems(archive.read(href), href)
        elif resource.get("type") != "webcontent":
            problems.append(f"unexpected type {resource.get('type')}")
    return problems


def qti_problems(data: bytes, name: str) -> list[str]:
    """questestinterop > assessment > section > item, each item with a presentation, choices and processing."""
    root = ElementTree.fromstring(data)
    if root.tag != f"{QTI}questestinterop":
        return [f"{name}: root {root.tag}"]
    out = []
    assessments = root.findall(f"{QTI}assessment")
    if len(assessments) != 1 or not assessments[0].get("ident"):
        out.append(f"{name}: not one assessment with an ident")
    items = root.findall(f"{QTI}assessment/{QTI}section/{QTI}item")
    if not items:
        out.append(f"{name}: no items")
    for item in items:
        profile = next((f.findtext(f"{QTI}fieldentry") for f in item.iter(f"{QTI}qtimetadatafield")
                        if f.findtext(f"{QTI}fieldlabel") == "cc_profile"), None)
        if profile not in ("cc.multiple_choice.v0p1", "cc.multiple_response.v0p1", "cc.true_false.v0p1"):
            out.append(f"{name}: profile {profile}")
        labels = {label.get("ident") for label in item.iter(f"{QTI}response_label")}
        if len(labels) < 2 or item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext") is None:
            out.append(f"{name}: item without text or choices")
        scored = [v.text for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None
                  for v in c.iter(f"{QTI}varequal")]
        if not scored or not set(scored) <= labels:
            out.append(f"{name}: scoring names no choice")
        feedback_refs = {d.get("linkrefid") for d in item.iter(f"{QTI}displayfeedback")}
        feedback_ids = {f.get("ident") for f in item.findall(f"{QTI}itemfeedback")}
        if feedback_refs != feedback_ids:
            out.append(f"{name}: feedback references do not match")
    return out


def test_it_exports_a_cartridge_that_passes_the_structural_check(course: Course) -> None:
    data = exchange.export_cartridge(course)
    assert structural_problems(data) == []
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(n.endswith(".html") for n in names) == 3
    assert sum(n.endswith("assessment.xml") for n in names) == 2


def test_it_would_notice_a_broken_cartridge(course: Course) -> None:
    data = exchange.export_cartridge(course)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            if not name.endswith(".md"):
                content = source.read(name)
                if name == "imsmanifest.xml":
                    content = content.replace(b"1.1.0", b"1.3.0")
                target.writestr(name, content)
    problems = structural_problems(broken.getvalue())
    assert "schema version" in problems
    assert any(p.startswith("missing lessons/") and p.endswith(".md") for p in problems)


def test_it_round_trips_lessons_and_questions(course: Course, world: dict[str, Any]) -> None:
    imported, report = exchange.import_cartridge(world["manager"], exchange.export_cartridge(course))
    assert imported.pk != course.pk and not imported.is_published
    assert shape(imported) == shape(course)
    assert report.skipped == [] and report.missing == []


def test_it_imports_the_canvas_course_with_its_quiz_and_reports_the_rest(world: dict[str, Any]) -> None:
    source = shared_file("imscc", "canvas-course-with-associated-content-assignments")
    course, report = exchange.import_cartridge(world["manager"], str(source))
    assert course.title == "DocViewer"
    lessons = Lesson.objects.filter(module__course=course)
    assert [lesson.title for lesson in lessons] == ["Learning"]
    question = Question.objects.get(quiz__module__course=course)
    assert question.text == "What is up?" and question.kind == "single"
    assert [(c.text, c.correct) for c in question.choices.all()] == [("Yep", True), ("Nope", False)]
    skipped = Counter(s.type for s in report.skipped)
    assert skipped["imsdt_xmlv1p1"] == 2  # discussions
    assert skipped["imsbasiclti_xmlv1p0"] == 2  # LTI links
    assert skipped["associatedcontent/imscc_xmlv1p1/learning-application-resource"] == 7  # assignments, settings
    assert any(s.type == "webcontent" and s.title.endswith("sample-document.pdf") for s in report.skipped)
    assert report.missing == []


def test_it_imports_canvas_pages_and_reports_files_the_zip_lacks(world: dict[str, Any]) -> None:
    course, report = exchange.import_cartridge(world["manager"], shared_file("imscc", "canvas-latex.imscc").read_bytes())
    lessons = list(Lesson.objects.filter(module__course=course))
    assert [lesson.title for lesson in lessons] == ["Page 1", "Page 2"]
    assert "This is a test" in lessons[0].html()
    assert report.missing == ["course_settings/context.xml", "course_settings/course_settings.xml",
                              "course_settings/late_policy.xml"]


def test_it_imports_the_schulcloud_course_nested_four_levels(world: dict[str, Any]) -> None:
    course, report = exchange.import_cartridge(world["manager"],
                                               shared_file("imscc", "schulcloud-CC_Test_Kurs.imscc").read_bytes())
    assert course.title == "CC_Test_Kurs"
    modules = list(course.modules.all())
    assert [m.title for m in modules][:2] == ["Thema Ohne Aufgabe", "Thema 1 Mit Aufgabe"]
    lessons = Lesson.objects.filter(module__course=course)
    assert lessons.count() == 26
    text = next(lesson.html() for lesson in lessons if "Bold Text" in lesson.imported_html)
    assert "<strong>Bold Text</strong>" in text and "<td>11</td>" in text
    assert "<span" not in text  # inline styles are dropped with their spans; the words stay
    assert Counter(s.type for s in report.skipped) == {"imswl_xmlv1p1": 19}  # web links
    assert report.missing == []


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


MANIFEST = b"""<?xml version="1.0"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" identifier="m">
<organizations><organization identifier="o" structure="rooted-hierarchy"><item identifier="root">
<item identifier="m1"><title>Unit</title>
<item identifier="a" identifierref="r1"><title>Page</title></item>
<item identifier="b" identifierref="r2"><title>Quiz</title></item>
<item identifier="c" identifierref="nowhere"><title>Ghost</title></item>
</item></item></organization></organizations>
<resources>
<resource identifier="r1" type="webcontent" href="../../etc/passwd"><file href="../../etc/passwd"/></resource>
<resource identifier="r2" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"><file href="q.xml"/></resource>
<resource identifier="r3" type="webcontent" href="page.html"><file href="page.html"/></resource>
</resources></manifest>"""
BOMB = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<questestinterop><assessment ident="x"><section><item>&lol2;</item></section></assessment></questestinterop>"""


@pytest.mark.parametrize("files", [
    {"imsmanifest.xml": MANIFEST, "q.xml": BOMB, "page.html": b"<p>Hi<script>alert(1)</script></p>"},
    {"imsmanifest.xml": MANIFEST, "q.xml": b"<questestinterop><assessment", "page.html": b"\xff\xfe"},
    {"imsmanifest.xml": MANIFEST.replace(b"<organizations>", b"<organizations><organizations>"), "page.html": b""},
])
def test_it_never_crashes_on_a_hostile_package(files: dict[str, bytes]) -> None:
    try:
        parsed = parse_cartridge(_zip(files))
    except Exception as error:  # noqa: BLE001 - only the documented refusal may escape
        assert type(error).__name__ == "CartridgeError"
        return
    assert all("<script" not in lesson.html for lesson in parsed.lessons)
    assert "etc/passwd" not in " ".join(parsed.missing)
    assert any(s.identifier == "nowhere" for s in parsed.skipped) or not parsed.modules


@pytest.mark.parametrize("data", [b"", b"not a zip", _zip({"other.xml": b"<x/>"}),
                                  _zip({"imsmanifest.xml": b"<<<"}), _zip({"imsmanifest.xml": BOMB})])
def test_it_refuses_what_is_no_cartridge_with_a_field_error(data: bytes, world: dict[str, Any]) -> None:
    with pytest.raises(DomainError) as refusal:
        exchange.import_cartridge(world["manager"], data)
    assert refusal.value.field == "file"
    assert Course.objects.count() == 0


def test_it_lets_only_the_network_import_a_course(world: dict[str, Any], course: Course, settings: Any,
                                                  tmp_path: Any) -> None:
    data = exchange.export_cartridge(course)
    for user, status in ((None, 302), (world["outsider"], 403), (world["editor"], 403)):
        client = Client()
        if user is not None:
            client.force_login(user)
        assert client.get("/learning/course/import/").status_code == status
        upload = SimpleUploadedFile("course.imscc", data)
        assert client.post("/learning/course/import/", {"file": upload}).status_code == status
    assert Course.objects.count() == 1
    client = Client()
    client.force_login(world["manager"])
    response = client.post("/learning/course/import/",
                           {"file": SimpleUploadedFile("canvas.imscc",
                                                       shared_file("imscc", "canvas-latex.imscc").read_bytes())})
    assert response.status_code == 200
    page = response.content.decode()
    assert "course_settings/late_policy.xml" in page and "LaTeX Equations" in page
    bad = client.post("/learning/course/import/", {"file": SimpleUploadedFile("x.imscc", b"nonsense")})
    assert bad.status_code == 400
    assert Choice.objects.filter(question__quiz__module__course__title="LaTeX Equations").count() == 0
