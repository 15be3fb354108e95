"""Lesson Markdown renders to safe HTML: hostile input cannot inject script."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from creativepoles.learning.markdown import clean_html, render
from creativepoles.learning.models import Lesson

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "![x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    "```html\n<script>alert(1)</script>\n```",
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "[x](https://ok.example \"title\" onclick=alert(1))",
    "<<script>script>alert(1)<</script>/script>",
    "<form action=https://evil.example><input name=a></form>",
]


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML (text stays text)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def dangerous(html: str) -> list[str]:
    """Elements or attributes that could run script or restyle the page."""
    parser = _Elements()
    parser.feed(html)
    bad = []
    for tag, attrs in parser.found:
        if tag in ("script", "iframe", "svg", "style", "form", "input", "object", "embed", "link", "meta"):
            bad.append(tag)
        for name, value in attrs:
            url = re.sub(r"[\x00-\x20]", "", value or "").lower()
            scheme = re.match(r"([a-z][a-z0-9+.-]*):", url)
            if name.startswith("on") or name == "style" or (
                    name in ("href", "src") and scheme and scheme.group(1) not in ("http", "https", "mailto")):
                bad.append(f"{tag} {name}={value}")
    return bad


@pytest.mark.parametrize("text", HOSTILE)
def test_it_renders_hostile_markdown_without_script(text: str) -> None:
    assert dangerous(render(text)) == []


@pytest.mark.parametrize("text", HOSTILE)
def test_it_cleans_hostile_imported_html(text: str) -> None:
    assert dangerous(clean_html(text)) == []


def test_it_keeps_ordinary_markdown() -> None:
    html = render("# Title\n\n**bold** and [link](https://example.org)\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n"
                  "![photo](https://example.org/p.png)")
    assert "<h1>Title</h1>" in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html and "noopener" in html
    assert "<table>" in html and "<td>1</td>" in html
    assert '<img src="https://example.org/p.png" alt="photo">' in html


def test_it_shows_the_code_escaped_not_run() -> None:
    html = render("```\n<script>alert(1)</script>\n```")
    assert "&lt;script&gt;" in html


def test_it_serves_a_hostile_lesson_page_without_script(course: Any) -> None:
    lesson = Lesson.objects.filter(module__course=course).first()
    assert lesson is not None
    lesson.body = "\n\n".join(HOSTILE)
    lesson.save()
    response = Client().get(lesson.get_absolute_url())
    assert response.status_code == 200
    article = response.content.decode().split('<article class="lesson-body" lang="en">')[1].split("</article>")[0]
    assert dangerous(article) == []
