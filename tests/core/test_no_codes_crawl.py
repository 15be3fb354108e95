"""Acceptance 5 of issue 9: no page shows an internal code or a raw Python structure.

Every page reachable by links from the home page is crawled as an anonymous visitor, the programme manager
and a city editor on the demo data. The visible text (outside tags, scripts and styles; codes in URLs and
form values are fine) must not contain a stored code: a snake_case choice value of any model
(`in_control`, `development_agency`), an audit verb (`report_submitted`), an indicator code (`PREINVEST`),
nor a Python structure (`{'`, `['`, `Decimal(`). Single-word choice values (`draft`, `staff`) are left out:
they cannot be told apart from the same English word in a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.test import Client

from creativepoles.core import history
from creativepoles.core.demo import load_demos

pytestmark = pytest.mark.django_db

# Not crawled: files and exports (no visible text), the admin, the API's JSON, sign-out and language switch.
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/api/", "/i18n/", "/accounts/logout/")
SKIP_SUFFIXES = (".pdf", ".png", ".xlsx", ".csv", ".ics", ".json", ".zip")
MAX_PAGES = 400
MAX_VARIANTS_PER_PATH = 3
LINK = re.compile(r'href="(/[^"]*)"')


class VisibleText(HTMLParser):
    """The text a reader sees: data outside <script>, <style> and <template>."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def code_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Patterns generated from the stored codes: snake_case choice values, audit verbs, indicator codes."""
    from creativepoles.programme.models import Indicator

    codes: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and "_" in value:
                    codes.add(value)
    codes |= {verb for verb in history._VERBS if "_" in verb}
    patterns = [(code, re.compile(rf"(?<![\w/.-]){re.escape(code)}(?![\w/.-])")) for code in sorted(codes)]
    patterns += [(code, re.compile(rf"\b{re.escape(code)}\b"))
                 for code in sorted(set(Indicator.objects.values_list("code", flat=True)))]
    patterns += [(raw, re.compile(re.escape(raw))) for raw in ("{'", "['", "Decimal(")]
    return patterns


def crawl(client: Client) -> dict[str, str]:
    """Visible text of every HTML page reachable from the home page (GET links only)."""
    seen: set[str] = set()
    per_path: Counter[str] = Counter()
    queue = ["/", "/programme/", "/account/"]
    pages: dict[str, str] = {}
    while queue and len(pages) < MAX_PAGES:
        url = urldefrag(queue.pop(0))[0].replace("&amp;", "&")
        path = urlsplit(url).path
        if url in seen or path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
            continue
        seen.add(url)
        per_path[path] += 1
        if per_path[path] > MAX_VARIANTS_PER_PATH:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[url] = visible_text(html)
        queue += [link for link in LINK.findall(html) if link not in seen]
    return pages


def findings(pages: dict[str, str], patterns: list[tuple[str, re.Pattern[str]]]) -> list[str]:
    out = []
    for url, text in pages.items():
        for code, pattern in patterns:
            match = pattern.search(text)
            if match:
                context = text[max(0, match.start() - 40):match.end() + 40].replace("\n", " ")
                out.append(f"{url}: {code!r} in “{' '.join(context.split())}”")
    return out


def test_it_shows_no_internal_code_or_python_structure_on_any_page() -> None:
    context = load_demos()
    patterns = code_patterns()
    assert any(code == "in_control" for code, _p in patterns) and any(c == "PREINVEST" for c, _p in patterns)
    found = []
    crawled: dict[str, list[str]] = {}
    for name, user in (("anonymous", None), ("manager", context.users["manager"]),
                       ("editor", context.users["klaipeda.editor"])):
        client = Client()
        if user is not None:
            client.force_login(user)
        pages = crawl(client)
        crawled[name] = list(pages)
        found += [f"{name} {line}" for line in findings(pages, patterns)]
    # The crawl really reached the pages behind sign-in (history, reports, a partner report).
    assert len(crawled["manager"]) > 40 and len(crawled["editor"]) > 30, crawled
    for page in ("/history/", "/reports/partner/", "/expenditure/", "/account/"):
        assert any(page in url for url in crawled["manager"]), page
    assert found == [], "\n".join(found)


def test_it_catches_a_code_and_a_raw_structure() -> None:
    """The detector itself: a page showing a code or a dict is reported; the same code in a URL is not."""
    patterns = [(code, re.compile(rf"(?<![\w/.-]){re.escape(code)}(?![\w/.-])")) for code in ("in_control",)]
    patterns += [(raw, re.compile(re.escape(raw))) for raw in ("{'",)]
    pages = {"/a/": visible_text('<p>Status: in_control</p>'), "/b/": visible_text("<td>{'status': 1}</td>"),
             "/c/": visible_text('<a href="/x/?status=in_control">In control</a><script>var a="in_control"</script>')}
    assert [line.split(":")[0] for line in findings(pages, patterns)] == ["/a/", "/b/"]
