"""The shell is fully translated to Lithuanian and the catalogue is up to date with the sources."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import polib
import pytest
from django.test import Client

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "creativepoles"
CATALOGUE = PACKAGE / "locale" / "lt" / "LC_MESSAGES" / "django.po"
TEMPLATE_STRING = re.compile(r"""\{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")
PYTHON_STRING = re.compile(r"""\b_\(\s*(["'])(.+?)(?<!\\)\1\s*[,)]""")


def source_strings() -> set[str]:
    """Literal strings marked for translation in templates and Python modules."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.html"):
        found |= {m.group(2) for m in TEMPLATE_STRING.finditer(path.read_text())}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts or "tools" in path.parts:
            continue
        # A Python literal means what it evaluates to: an escaped newline in the source is a newline in the msgid.
        found |= {ast.literal_eval(m.group(1) + m.group(2) + m.group(1)) for m in PYTHON_STRING.finditer(path.read_text())}
    return found


def test_it_has_no_empty_or_fuzzy_lithuanian_strings() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    empty = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    assert empty == [], f"untranslated: {empty}"


def test_it_has_every_marked_string_in_the_catalogue() -> None:
    msgids = {e.msgid for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}
    missing = sorted(source_strings() - msgids)
    assert missing == [], f"run `poles makemessages -l lt` and translate: {missing}"


@pytest.mark.django_db
def test_it_serves_the_shell_in_lithuanian(client: Client) -> None:
    client.cookies["django_language"] = "lt"
    body = client.get("/").content.decode()
    assert 'lang="lt"' in body
    assert "Miestai partneriai" in body and "Pereiti prie turinio" in body
