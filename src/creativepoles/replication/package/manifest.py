"""The method package's manifest: format version, who exported it and when, and each part's schema and count.

Pure data and checks (no database): the importer refuses a package whose manifest does not pass `read_manifest`
before it looks at any part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FORMAT = "creativepoles-method-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

# part -> the schema versions this instance reads. Bump a part's schema when its JSON changes shape.
METHODS, PARAMETERS, CLASSIFICATION, TEMPLATES, TRAINING_PACKAGES, COURSE = (
    "methods", "parameters", "classification", "templates", "training_packages", "course")
PART_ORDER = (METHODS, PARAMETERS, CLASSIFICATION, TEMPLATES, TRAINING_PACKAGES, COURSE)
SCHEMAS: dict[str, int] = {part: 1 for part in PART_ORDER}
# How a part is named to people (messages, the report page); the keys above are the file format's.
PART_LABELS: dict[str, Any] = {
    METHODS: gettext_lazy("Assessment methods"), PARAMETERS: gettext_lazy("Pre-investment parameters"),
    CLASSIFICATION: gettext_lazy("Classification"), TEMPLATES: gettext_lazy("Business-plan templates"),
    TRAINING_PACKAGES: gettext_lazy("Training packages"), COURSE: gettext_lazy("Course"),
}


def part_label(name: str) -> str:
    """A part's name in the active language."""
    return str(PART_LABELS.get(name, name))


class ManifestError(ValueError):
    """The manifest is missing, malformed or of a version this instance cannot read; the message says which."""


@dataclass(frozen=True)
class Part:
    """One part of a package: its schema version, its files inside the zip, and how many records it holds."""

    name: str
    schema_version: int
    files: tuple[str, ...]
    count: int


@dataclass(frozen=True)
class Manifest:
    """What a package says about itself."""

    format_version: int
    instance: str
    created_at: str
    source_city: str
    parts: dict[str, Part] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The manifest as written into the zip."""
        return {
            "format": FORMAT, "format_version": self.format_version, "instance": self.instance,
            "created_at": self.created_at, "source_city": self.source_city,
            "parts": {name: {"schema_version": p.schema_version, "files": list(p.files), "count": p.count}
                      for name, p in self.parts.items()},
        }


def safe_member(name: str) -> bool:
    """Whether a file name inside the zip stays inside it: relative, no `..`, no drive, no backslash."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or ":" in name or "\x00" in name:
        return False
    return all(piece not in ("", ".", "..") for piece in name.split("/"))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def read_manifest(data: Any) -> Manifest:
    """Check a parsed manifest and return it; ManifestError names the first fault."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ManifestError(_("This file is not a Creative Poles method package."))
    version = _int(data.get("format_version"))
    if version != FORMAT_VERSION:
        raise ManifestError(_("The package has format version %(version)s; this instance reads version "
                              "%(ours)s.") % {"version": data.get("format_version"), "ours": FORMAT_VERSION})
    for key in ("instance", "created_at", "source_city"):
        if not isinstance(data.get(key), str) or not data[key].strip() or len(data[key]) > 300:
            raise ManifestError(_("The package's manifest has no valid “%(field)s”.") % {"field": key})
    try:
        dt.datetime.fromisoformat(data["created_at"])
    except ValueError:
        raise ManifestError(_("The package's manifest has no valid “%(field)s”.") % {"field": "created_at"}) from None
    raw_parts = data.get("parts")
    if not isinstance(raw_parts, dict) or set(raw_parts) - set(PART_ORDER):
        raise ManifestError(_("The package's manifest lists parts this instance does not know."))
    parts: dict[str, Part] = {}
    for name in PART_ORDER:
        raw = raw_parts.get(name)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            raise ManifestError(_("The package's part “%(part)s” is malformed.") % {"part": part_label(name)})
        schema, count, files = _int(raw.get("schema_version")), _int(raw.get("count")), raw.get("files")
        if schema is None or count is None or not isinstance(files, list) or \
                not all(isinstance(f, str) and safe_member(f) for f in files):
            raise ManifestError(_("The package's part “%(part)s” is malformed.") % {"part": part_label(name)})
        if schema != SCHEMAS[name]:
            raise ManifestError(_("The package's part “%(part)s” has schema version %(version)s; this instance reads "
                                  "version %(ours)s.")
                                % {"part": part_label(name), "version": schema, "ours": SCHEMAS[name]})
        parts[name] = Part(name, schema, tuple(files), count)
    return Manifest(version, data["instance"], data["created_at"], data["source_city"], parts)
