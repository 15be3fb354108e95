"""Acceptance 2 of issue 9: every page reads in Lithuanian, and every partner's language can be chosen.

Pages reachable by links from the home page are crawled in English as an anonymous visitor, a city editor,
a consultant and the programme manager on the demo data (at most two pages per URL pattern, to keep it fast); each is
fetched again in Lithuanian. A piece of visible text identical in both is a string nobody translated, or
never marked, unless it is a proper name or user content (any text stored in the database), a number,
a date, an amount, or one of the few words both languages share (ALLOWED).
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urlsplit

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_info

from creativepoles.core.demo import load_demos

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/api/", "/i18n/", "/accounts/logout/")
SKIP_SUFFIXES = (".pdf", ".png", ".xlsx", ".csv", ".ics", ".json", ".zip")
PAGES_PER_PATTERN = 3
MAX_PAGES = 200
LINK = re.compile(r'href="(/[^"]*)"')
# Words English and Lithuanian share: the product's name, acronyms, units, currency and file formats.
ALLOWED = {"Creative Poles", "API", "NUTS-3", "NUTS", "OpenStreetMap", "ODbL", "Leaflet", "EUR", "LTL", "PLN",
           "SEK", "PDF", "CSV", "XLSX", "iCal", "AHP", "TOPSIS", "MCDA", "ISO", "CO", "m²", "km", "h", "ha",
           "OSM", "URL", "ID", "Nr.", "GeoJSON", "openstreetmap.org/copyright", "m"}
# Partner numbers (PP1) and phase numbers (P1) are the programme's identifiers, the same in every language.
IDENTIFIER = re.compile(r"^P{1,2}\d+$")
NO_LETTERS = re.compile(r"^[\W\d_]*$")
VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")


class TextNodes(HTMLParser):
    """The pieces of text a reader sees: outside <script>, <style>, <template> and the language switcher.

    The switcher names each language in that language, the same whichever is chosen.
    """

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.own_language: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "template") or (tag == "select" and ("id", "language-select") in attrs):
            self.hidden += 1
        if tag not in ("html", *VOID) and any(name == "lang" for name, _value in attrs):
            # Content that declares its own language (a course written in English) is not the page's to translate.
            self.own_language.append(tag)
            self.hidden += 1
        # Text in attributes reaches readers too: tooltips, screen readers, placeholders, buttons.
        values = dict(attrs)
        for name in ("title", "aria-label", "placeholder", "alt", "data-confirm"):
            self.handle_data(values.get(name) or "")
        if tag == "input" and values.get("type") in ("submit", "button"):
            self.handle_data(values.get("value") or "")
        if tag == "textarea":
            # What a text box holds is the user's own stored input (a call, a rubric), never interface text;
            # its label and placeholder are checked.
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template", "select", "textarea") and self.hidden:
            self.hidden -= 1
        if self.own_language and tag == self.own_language[-1]:
            self.own_language.pop()
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self.hidden:
            self.parts.append(text)


def text_nodes(html: str) -> list[str]:
    parser = TextNodes()
    parser.feed(html)
    return parser.parts


def stored_texts() -> set[str]:
    """Every text value stored in the database: names, titles, descriptions, addresses, user content."""
    found: set[str] = set()
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField)) and not f.choices]
        if fields:
            for row in model._base_manager.values_list(*fields):
                found |= {" ".join(str(v).split()) for v in row if v}
    return {text for text in found if len(text) > 1}


def untranslated(segment: str, allowed: set[str], names: list[str]) -> bool:
    """Whether a piece of text identical in both languages is more than names, numbers and shared words."""
    if segment in allowed or NO_LETTERS.match(segment):
        return False
    rest = segment
    for name in names:  # longest first, so "Östsam (Östergötland)" goes before "Östsam"
        if name in rest:
            rest = rest.replace(name, " ")
    words = [w for w in re.split(r"[\s·,;:()/|–—-]+", rest) if w]
    return any(not NO_LETTERS.match(w) and w not in allowed and not IDENTIFIER.match(w) for w in words)


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def crawl(client: Client) -> list[str]:
    """URLs of the HTML pages reachable from the home page, at most PAGES_PER_PATTERN per URL pattern."""
    seen: set[str] = set()
    per_route: Counter[str] = Counter()
    queue = ["/", "/programme/", "/account/"]
    pages: list[str] = []
    while queue and len(pages) < MAX_PAGES:
        url = urldefrag(queue.pop(0))[0].replace("&amp;", "&")
        path = urlsplit(url).path
        if url in seen or path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
            continue
        seen.add(url)
        route = route_of(path)
        if route is None or per_route[route] >= PAGES_PER_PATTERN:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        per_route[route] += 1
        pages.append(url)
        queue += [link for link in LINK.findall(response.content.decode()) if link not in seen]
    return pages


def compare(english: Client, lithuanian: Client, urls: list[str], allowed: set[str]) -> list[str]:
    """Pieces of text each page shows identically in English and Lithuanian."""
    names = sorted(allowed, key=len, reverse=True)
    out = []
    for url in urls:
        en = text_nodes(english.get(url).content.decode())
        lt = set(text_nodes(lithuanian.get(url).content.decode()))
        for segment in dict.fromkeys(en):
            if segment in lt and untranslated(segment, allowed, names):
                out.append(f"{url}: {segment!r}")
    return out


def test_it_shows_every_page_in_lithuanian_without_english_left_over() -> None:
    context = load_demos()
    allowed = stored_texts() | ALLOWED
    allowed |= {get_language_info(code)["name_local"] for code, _n in settings.LANGUAGES}
    found: list[str] = []
    crawled = {}
    for name, user in (("anonymous", None), ("editor", context.users["klaipeda.editor"]),
                       ("consultant", context.users["klaipeda.consultant"]), ("manager", context.users["manager"])):
        english, lithuanian = Client(), Client()
        english.cookies["django_language"] = "en"
        lithuanian.cookies["django_language"] = "lt"
        if user is not None:
            english.force_login(user)
            lithuanian.force_login(user)
        urls = crawl(english)
        crawled[name] = urls
        found += [f"{name} {line}" for line in compare(english, lithuanian, urls, allowed)]
    assert len(crawled["manager"]) > 30 and len(crawled["editor"]) > 20, crawled
    assert found == [], f"{len(found)} untranslated:\n" + "\n".join(found)


def test_it_tells_a_name_from_an_untranslated_label() -> None:
    """The detector itself: names, numbers and shared words pass; an English label beside a name does not."""
    allowed = {"Klaipėda", "Östsam (Östergötland)", "EUR"}
    names = sorted(allowed, key=len, reverse=True)
    assert not untranslated("Klaipėda · 1,234.50 EUR", allowed, names)
    assert not untranslated("Östsam (Östergötland), 2012-03-01", allowed, names)
    assert not untranslated("PP2 Klaipėda", allowed, names) and not untranslated("P3", allowed, names)
    assert untranslated("City: Klaipėda", allowed, names)
    assert untranslated("Staff costs", allowed, names)
    assert text_nodes("<p>City:</p><script>var a = 'x'</script><select id=\"language-select\"><option>English</option>"
                      "</select><select><option>Staff</option></select><button title=\"Zoom in\">+</button>"
                      ) == ["City:", "Staff", "Zoom in", "+"]


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_it_offers_and_serves_every_partner_language(client: Client, code: str) -> None:
    catalogue = polib.pofile(str(settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po"))
    assert not [e.msgid for e in catalogue if "fuzzy" in e.flags], code
    # The shell, menus and home page are translated in every catalogue, not left to the English fallback.
    for msgid in ("Skip to content", "Cities", "Organisations", "Programme", "Spaces", "Partner cities",
                  "Inhabitants", "Log in", "Budget and co-financing", "Vacant spaces"):
        entry = catalogue.find(msgid)
        assert entry is not None and entry.msgstr and entry.msgstr != msgid, (code, msgid)
    body = client.get("/", headers={"cookie": f"django_language={code}"}).content.decode()
    assert f'lang="{code}"' in body and f'<option value="{code}" selected>' in body
    assert catalogue.find("Partner cities").msgstr in body
