"""IMS Common Cartridge 1.1: write the course (lessons as web content, quizzes as QTI 1.2) and read cartridges back.

Reading never trusts the package: XML goes through defusedxml (no entities, no external references), files
are read by name from the zip (never extracted, size-capped), and whatever the platform does not hold —
discussions, LTI links, assignments, web links, files the manifest lists but the package lacks — is
reported instead of failing. No Django here: the services turn a `ParsedCourse` into rows.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

import nh3
from defusedxml import ElementTree as SafeET

from creativepoles.learning.markdown import clean_html, render

CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM_MANIFEST_NS = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
WEBCONTENT = "webcontent"
QTI_ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
MAX_FILE = 20 * 1024 * 1024  # bytes read from one file of a package
MAX_ENTRIES = 5000
SINGLE, MULTIPLE, TRUE_FALSE = "single", "multiple", "true_false"
PROFILES = {SINGLE: "cc.multiple_choice.v0p1", MULTIPLE: "cc.multiple_response.v0p1",
            TRUE_FALSE: "cc.true_false.v0p1"}
CANVAS_TYPES = {"multiple_choice_question": SINGLE, "multiple_answers_question": MULTIPLE,
                "true_false_question": TRUE_FALSE}


class CartridgeError(Exception):
    """The package cannot be read at all (not a zip or folder, no manifest, a manifest that is not XML)."""


@dataclass
class ParsedChoice:
    """One answer as read."""

    text: str
    correct: bool
    feedback: str = ""


@dataclass
class ParsedQuestion:
    """One question as read."""

    kind: str
    text: str
    choices: list[ParsedChoice]
    feedback: str = ""


@dataclass
class ParsedLesson:
    """A web-content page: Markdown when the package carries it (our own export), else sanitised HTML."""

    title: str
    markdown: str = ""
    html: str = ""


@dataclass
class ParsedQuiz:
    """A QTI 1.2 assessment as read."""

    title: str
    questions: list[ParsedQuestion]


@dataclass
class ParsedModule:
    """A top-level unit of the organisation with its lessons and quizzes in order."""

    title: str
    items: list[ParsedLesson | ParsedQuiz] = field(default_factory=list)


@dataclass
class Skipped:
    """A resource the platform does not hold (or an item it could not read), with why."""

    identifier: str
    type: str
    title: str
    reason: str = "type"  # "type" (kind not held), "unreadable" (broken XML), "empty" (no usable question)


@dataclass
class ParsedCourse:
    """What a cartridge holds that the platform keeps, and the report of the rest."""

    title: str
    modules: list[ParsedModule]
    skipped: list[Skipped]
    missing: list[str]

    @property
    def lessons(self) -> list[ParsedLesson]:
        return [i for m in self.modules for i in m.items if isinstance(i, ParsedLesson)]

    @property
    def quizzes(self) -> list[ParsedQuiz]:
        return [i for m in self.modules for i in m.items if isinstance(i, ParsedQuiz)]


# --- reading -------------------------------------------------------------------------------------------------


class _Source:
    """Files of a package, by their path inside it: a zip (bytes or path) or an unzipped folder."""

    def __init__(self, source: bytes | str | Path) -> None:
        self.zip: zipfile.ZipFile | None = None
        self.root: Path | None = None
        if isinstance(source, (str, Path)) and Path(source).is_dir():
            self.root = Path(source).resolve()
            return
        try:
            data = source if isinstance(source, bytes) else Path(source).read_bytes()
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            if len(self.zip.infolist()) > MAX_ENTRIES:
                raise CartridgeError("too many files")
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise CartridgeError("not a zip") from error
        self.names = {i.filename: i for i in self.zip.infolist() if not i.is_dir()}

    def has(self, name: str) -> bool:
        if self.zip is not None:
            return name in self.names
        assert self.root is not None
        path = (self.root / name).resolve()
        return path.is_relative_to(self.root) and path.is_file()

    def read(self, name: str) -> bytes | None:
        if not self.has(name):
            return None
        if self.zip is not None:
            info = self.names[name]
            if info.file_size > MAX_FILE:
                return None
            try:
                with self.zip.open(info) as handle:
                    return handle.read(MAX_FILE + 1)[:MAX_FILE]
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError):
                return None
        assert self.root is not None
        path = (self.root / name).resolve()
        return path.read_bytes()[:MAX_FILE] if path.stat().st_size <= MAX_FILE else None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [c for c in element if _local(c.tag) == name]


def _child(element: Element, name: str) -> Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _find_all(element: Element, name: str) -> Iterable[Element]:
    return (e for e in element.iter() if _local(e.tag) == name)


def _text(element: Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _parse_xml(data: bytes | None) -> Element | None:
    if data is None:
        return None
    try:
        return SafeET.fromstring(data)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - defusedxml refusals and syntax errors alike: the part is unreadable
        return None


def _clean_path(base: str, href: str) -> str:
    """A package-relative path: URL-decoded, normalised, never escaping the package."""
    from urllib.parse import unquote

    joined = posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0].split("?")[0])))
    return "" if joined.startswith("..") or joined.startswith("/") else joined


def plain_text(markup: str) -> str:
    """Text of an HTML fragment (QTI question and answer texts are HTML)."""
    text = nh3.clean(markup or "", tags=set(), strip_comments=True)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _body_html(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    match = re.search(r"<body[^>]*>(.*)</body>", text, re.S | re.I)
    return clean_html(match.group(1) if match else text).strip()


def _page_title(data: bytes) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", data.decode("utf-8", errors="replace"), re.S | re.I)
    return plain_text(match.group(1)) if match else ""


def _feedback_texts(item: Element) -> dict[str, str]:
    out = {}
    for feedback in _find_all(item, "itemfeedback"):
        out[feedback.get("ident", "")] = plain_text(_text(_child_deep(feedback, "mattext")))
    return out


def _child_deep(element: Element, name: str) -> Element | None:
    return next(iter(_find_all(element, name)), None)


def _metadata(item: Element) -> dict[str, str]:
    out = {}
    for field_element in _find_all(item, "qtimetadatafield"):
        out[_text(_child(field_element, "fieldlabel"))] = _text(_child(field_element, "fieldentry"))
    return out


def _correct_idents(item: Element) -> set[str]:
    """Choice idents a response condition scores above zero (inside <not> they are wrong answers)."""
    correct: set[str] = set()
    for condition in _find_all(item, "respcondition"):
        scored = any(_score(s) > 0 for s in _children(condition, "setvar"))
        if not scored:
            continue
        conditionvar = _child(condition, "conditionvar")
        if conditionvar is None:
            continue
        correct |= _positive_varequals(conditionvar)
    return correct


def _score(setvar: Element) -> float:
    try:
        return float(_text(setvar) or 0)
    except ValueError:
        return 0.0


def _positive_varequals(element: Element) -> set[str]:
    out: set[str] = set()
    for child in element:
        name = _local(child.tag)
        if name == "varequal":
            out.add(_text(child))
        elif name in ("and", "or"):
            out |= _positive_varequals(child)
    return out


def _question(item: Element) -> ParsedQuestion | None:
    meta = _metadata(item)
    profile = meta.get("cc_profile", "")
    kind = next((k for k, p in PROFILES.items() if p == profile), None) or CANVAS_TYPES.get(
        meta.get("question_type", ""))
    lid = _child_deep(item, "response_lid")
    if lid is None:
        return None
    if kind is None:
        kind = MULTIPLE if lid.get("rcardinality", "Single") == "Multiple" else SINGLE
    presentation = _child(item, "presentation")
    text = ""
    if presentation is not None:
        material = _child(presentation, "material")
        text = plain_text(_text(_child_deep(material, "mattext"))) if material is not None else ""
    feedbacks = _feedback_texts(item)
    correct = _correct_idents(item)
    choices = []
    for label in _find_all(lid, "response_label"):
        ident = label.get("ident", "")
        choices.append(ParsedChoice(plain_text(_text(_child_deep(label, "mattext"))), ident in correct,
                                    feedbacks.get(f"{ident}_fb", "")))
    if not choices:
        return None
    general = feedbacks.get("general_fb", "")
    return ParsedQuestion(kind, text or item.get("title", ""), choices, general)


def parse_qti(data: bytes | None, fallback_title: str) -> ParsedQuiz | None:
    """A QTI 1.2 assessment (questestinterop/assessment/section/item); None when it is not one."""
    root = _parse_xml(data)
    if root is None or _local(root.tag) != "questestinterop":
        return None
    assessment = _child(root, "assessment")
    if assessment is None:
        return None
    questions = [q for q in (_question(i) for i in _find_all(assessment, "item")) if q is not None]
    return ParsedQuiz(assessment.get("title") or fallback_title, questions)


@dataclass
class _Resource:
    identifier: str
    type: str
    href: str
    files: list[str]


def _resources(manifest: Element) -> dict[str, _Resource]:
    out = {}
    resources = _child(manifest, "resources")
    for resource in _children(resources, "resource") if resources is not None else []:
        base = resource.get("{http://www.w3.org/XML/1998/namespace}base", "")
        href = _clean_path(base, resource.get("href", "")) if resource.get("href") else ""
        files = [_clean_path(base, f.get("href", "")) for f in _children(resource, "file") if f.get("href")]
        identifier = resource.get("identifier", "")
        out[identifier] = _Resource(identifier, resource.get("type", ""), href, [f for f in files if f])
    return out


def _item_refs(item: Element) -> list[tuple[str, str]]:
    """(title, identifierref) of every item below, depth first, in order."""
    out = []
    for child in _children(item, "item"):
        if child.get("identifierref"):
            out.append((_text(_child(child, "title")), child.get("identifierref", "")))
        out.extend(_item_refs(child))
    return out


def parse_cartridge(source: bytes | str | Path) -> ParsedCourse:
    """Read a Common Cartridge 1.1 (zip bytes, a zip path or an unzipped folder) into lessons and quizzes."""
    package = _Source(source)
    manifest = _parse_xml(package.read("imsmanifest.xml"))
    if manifest is None or _local(manifest.tag) != "manifest":
        raise CartridgeError("no manifest")
    resources = _resources(manifest)
    missing = sorted({name for r in resources.values() for name in [r.href, *r.files]
                      if name and not package.has(name)})
    metadata = _child(manifest, "metadata")
    title = next((_text(_child(e, "string")) for e in _find_all(metadata, "title")
                  if _child(e, "string") is not None), "") if metadata is not None else ""
    title = title or "Imported course"
    modules: list[ParsedModule] = []
    skipped: list[Skipped] = []
    used: set[str] = set()

    def convert(resource: _Resource, item_title: str) -> ParsedLesson | ParsedQuiz | None:
        if resource.type == WEBCONTENT:
            page = resource.href or next((f for f in resource.files if f.lower().endswith((".html", ".htm"))), "")
            if not page.lower().endswith((".html", ".htm")):
                skipped.append(Skipped(resource.identifier, resource.type, item_title or page, "file"))
                return None
            data = package.read(page)
            if data is None:
                return None  # reported as missing
            source_md = next((f for f in resource.files if f.endswith(".md")), "")
            markdown = (package.read(source_md) or b"").decode("utf-8", errors="replace") if source_md else ""
            body = "" if markdown else _body_html(data)
            fallback = plain_text(body)[:60] or posixpath.basename(page)
            return ParsedLesson(item_title or _page_title(data) or fallback, markdown=markdown, html=body)
        if resource.type == QTI_ASSESSMENT:
            path = resource.href or next((f for f in resource.files if f.endswith(".xml")), "")
            if not package.has(path):
                return None
            quiz = parse_qti(package.read(path), item_title)
            if quiz is None:
                skipped.append(Skipped(resource.identifier, resource.type, item_title, "unreadable"))
            elif not quiz.questions:
                skipped.append(Skipped(resource.identifier, resource.type, item_title, "empty"))
                return None
            return quiz
        skipped.append(Skipped(resource.identifier, resource.type, item_title))
        return None

    organizations = _child(manifest, "organizations")
    organization = _child(organizations, "organization") if organizations is not None else None
    root_item = _child(organization, "item") if organization is not None else None
    for top in _children(root_item, "item") if root_item is not None else []:
        refs = [(_text(_child(top, "title")), top.get("identifierref", ""))] if top.get("identifierref") else []
        module = ParsedModule(_text(_child(top, "title")) or title)
        for item_title, ref in refs + _item_refs(top):
            resource = resources.get(ref)
            if resource is None:
                skipped.append(Skipped(ref, "", item_title, "unreadable"))
                continue
            used.add(ref)
            converted = convert(resource, item_title)
            if converted is not None:
                module.items.append(converted)
        if module.items:
            modules.append(module)
    # Pages and quizzes outside the organisation (Canvas keeps its wiki pages there) still belong to the course.
    loose = ParsedModule(title)
    for identifier, resource in resources.items():
        if identifier in used:
            continue
        if resource.type in (WEBCONTENT, QTI_ASSESSMENT):
            converted = convert(resource, "")
            if converted is not None:
                loose.items.append(converted)
        else:
            skipped.append(Skipped(identifier, resource.type, resource.href))
    if loose.items:
        modules.append(loose)
    return ParsedCourse(title, modules, skipped, missing)


# --- writing -------------------------------------------------------------------------------------------------


@dataclass
class ExportChoice:
    text: str
    correct: bool
    feedback: str = ""


@dataclass
class ExportQuestion:
    kind: str
    text: str
    choices: list[ExportChoice]
    feedback: str = ""


@dataclass
class ExportItem:
    """A lesson (markdown) or a quiz (questions) to write."""

    title: str
    markdown: str | None = None
    questions: list[ExportQuestion] | None = None


@dataclass
class ExportModule:
    title: str
    items: list[ExportItem]


def _xml(element: Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(element, encoding="utf-8")


def lesson_page(title: str, markdown: str, extra_head: str = "", extra_body: str = "") -> bytes:
    """A lesson as a standalone HTML page (the Markdown rendered and sanitised)."""
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"/><title>{html.escape(title)}</title>{extra_head}'
            f'</head><body><h1>{html.escape(title)}</h1>\n{render(markdown)}\n{extra_body}</body></html>\n'
            ).encode()


def qti_assessment(identifier: str, title: str, questions: list[ExportQuestion]) -> bytes:
    """A QTI 1.2 assessment in the Common Cartridge profile: one item per question, with its feedback."""
    root = Element("questestinterop", {"xmlns": QTI_NS})
    assessment = SubElement(root, "assessment", {"ident": identifier, "title": title})
    meta = SubElement(assessment, "qtimetadata")
    for label, entry in (("cc_profile", "cc.exam.v0p1"), ("qmd_assessmenttype", "Examination"),
                         ("qmd_scoretype", "Percentage")):
        pair = SubElement(meta, "qtimetadatafield")
        SubElement(pair, "fieldlabel").text = label
        SubElement(pair, "fieldentry").text = entry
    section = SubElement(assessment, "section", {"ident": "root_section"})
    for n, question in enumerate(questions, start=1):
        item = SubElement(section, "item", {"ident": f"{identifier}_q{n}", "title": f"{title} {n}"})
        fields = SubElement(SubElement(item, "itemmetadata"), "qtimetadata")
        pair = SubElement(fields, "qtimetadatafield")
        SubElement(pair, "fieldlabel").text = "cc_profile"
        SubElement(pair, "fieldentry").text = PROFILES[question.kind]
        presentation = SubElement(item, "presentation")
        SubElement(SubElement(presentation, "material"), "mattext", {"texttype": "text/plain"}).text = question.text
        cardinality = "Multiple" if question.kind == MULTIPLE else "Single"
        lid = SubElement(presentation, "response_lid", {"ident": "response1", "rcardinality": cardinality})
        render_choice = SubElement(lid, "render_choice")
        idents = [f"c{m}" for m in range(1, len(question.choices) + 1)]
        for ident, choice in zip(idents, question.choices, strict=True):
            option = SubElement(render_choice, "response_label", {"ident": ident})
            SubElement(SubElement(option, "material"), "mattext", {"texttype": "text/plain"}).text = choice.text
        processing = SubElement(item, "resprocessing")
        SubElement(SubElement(processing, "outcomes"), "decvar",
                   {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
        if question.feedback:
            condition = SubElement(processing, "respcondition", {"continue": "Yes"})
            SubElement(SubElement(condition, "conditionvar"), "other")
            SubElement(condition, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})
        for ident, choice in zip(idents, question.choices, strict=True):
            if choice.feedback:
                condition = SubElement(processing, "respcondition", {"continue": "Yes"})
                SubElement(SubElement(condition, "conditionvar"), "varequal", {"respident": "response1"}).text = ident
                SubElement(condition, "displayfeedback", {"feedbacktype": "Response", "linkrefid": f"{ident}_fb"})
        condition = SubElement(processing, "respcondition", {"continue": "No"})
        conditionvar = SubElement(condition, "conditionvar")
        right = [i for i, c in zip(idents, question.choices, strict=True) if c.correct]
        if question.kind == MULTIPLE:
            both = SubElement(conditionvar, "and")
            for ident, choice in zip(idents, question.choices, strict=True):
                parent = both if choice.correct else SubElement(both, "not")
                SubElement(parent, "varequal", {"respident": "response1"}).text = ident
        else:
            for ident in right[:1]:
                SubElement(conditionvar, "varequal", {"respident": "response1"}).text = ident
        SubElement(condition, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
        feedbacks = [("general_fb", question.feedback)] + [
            (f"{i}_fb", c.feedback) for i, c in zip(idents, question.choices, strict=True)]
        for ident, text in feedbacks:
            if text:
                feedback = SubElement(item, "itemfeedback", {"ident": ident})
                flow = SubElement(SubElement(feedback, "flow_mat"), "material")
                SubElement(flow, "mattext", {"texttype": "text/plain"}).text = text
    return _xml(root)


def write_cartridge(title: str, modules: list[ExportModule], identifier: str = "creativepoles-course") -> bytes:
    """The course as an .imscc zip: manifest at the root, a rooted hierarchy of modules, every file listed."""
    manifest = Element("manifest", {
        "identifier": identifier, "xmlns": CP_NS, "xmlns:lomimscc": LOM_MANIFEST_NS, "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{CP_NS} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd"})
    metadata = SubElement(manifest, "metadata")
    SubElement(metadata, "schema").text = "IMS Common Cartridge"
    SubElement(metadata, "schemaversion").text = "1.1.0"
    lom = SubElement(metadata, "lomimscc:lom")
    SubElement(SubElement(SubElement(lom, "lomimscc:general"), "lomimscc:title"), "lomimscc:string").text = title
    organization = SubElement(SubElement(manifest, "organizations"), "organization",
                              {"identifier": "org_1", "structure": "rooted-hierarchy"})
    root_item = SubElement(organization, "item", {"identifier": "LearningModules"})
    resources = SubElement(manifest, "resources")
    files: dict[str, bytes] = {}
    for m, module in enumerate(modules, start=1):
        module_item = SubElement(root_item, "item", {"identifier": f"module_{m}"})
        SubElement(module_item, "title").text = module.title
        for n, entry in enumerate(module.items, start=1):
            ref = f"res_{m}_{n}"
            item = SubElement(module_item, "item", {"identifier": f"item_{m}_{n}", "identifierref": ref})
            SubElement(item, "title").text = entry.title
            if entry.questions is not None:
                path = f"quizzes/{ref}/assessment.xml"
                files[path] = qti_assessment(ref, entry.title, entry.questions)
                resource = SubElement(resources, "resource", {"identifier": ref, "type": QTI_ASSESSMENT})
                SubElement(resource, "file", {"href": path})
            else:
                page, source = f"lessons/{ref}.html", f"lessons/{ref}.md"
                files[page] = lesson_page(entry.title, entry.markdown or "")
                files[source] = (entry.markdown or "").encode("utf-8")
                resource = SubElement(resources, "resource", {"identifier": ref, "type": WEBCONTENT, "href": page})
                SubElement(resource, "file", {"href": page})
                SubElement(resource, "file", {"href": source})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", _xml(manifest))
        for path, data in files.items():
            archive.writestr(path, data)
    return buffer.getvalue()
