"""Reading a method package's zip defensively: bounded size, member count and ratio, no path leaving the zip.

The same guards as learning's cartridge reader (a cap on entries and on each file read), plus a cap on the
whole uncompressed size and on the compression ratio, so a zip bomb is refused before anything is inflated.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.utils.translation import gettext as _

from creativepoles.replication.package.manifest import MANIFEST, ManifestError, safe_member

MAX_PACKAGE = 50 * 1024 * 1024  # bytes of the uploaded zip
MAX_MEMBERS = 200
MAX_MEMBER = 25 * 1024 * 1024  # uncompressed bytes of one member
MAX_TOTAL = 100 * 1024 * 1024  # uncompressed bytes of all members
MAX_RATIO = 200  # uncompressed / compressed of one member; text compresses ~10×, a bomb ~1000×
MAX_JSON = 10 * 1024 * 1024


class ArchiveError(ValueError):
    """The file cannot be read safely as a method package; the message says why."""


class Archive:
    """The members of a checked package zip, read on demand with every size re-checked."""

    def __init__(self, data: bytes) -> None:
        if len(data) > MAX_PACKAGE:
            raise ArchiveError(_("The package is larger than %(mb)s MB.") % {"mb": MAX_PACKAGE // (1024 * 1024)})
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise ArchiveError(_("This file is not a zip archive.")) from None
        if len(infos) > MAX_MEMBERS:
            raise ArchiveError(_("The package holds more than %(n)s files.") % {"n": MAX_MEMBERS})
        total = 0
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if not safe_member(info.filename.rstrip("/") if info.is_dir() else info.filename):
                raise ArchiveError(_("The package holds a file outside its folder (%(name)s).")
                                   % {"name": info.filename[:100]})
            if info.is_dir():
                continue
            if info.file_size > MAX_MEMBER:
                raise ArchiveError(_("A file in the package is too large (%(name)s).") % {"name": info.filename[:100]})
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ArchiveError(_("A file in the package is compressed suspiciously well (%(name)s).")
                                   % {"name": info.filename[:100]})
            total += info.file_size
            self.members[info.filename] = info
        if total > MAX_TOTAL:
            raise ArchiveError(_("The package unpacks to more than %(mb)s MB.") % {"mb": MAX_TOTAL // (1024 * 1024)})

    def read(self, name: str, limit: int = MAX_MEMBER) -> bytes:
        """A member's bytes; the declared size is not trusted, reading stops past the limit."""
        info = self.members.get(name)
        if info is None:
            raise ArchiveError(_("The package lacks the file %(name)s that its manifest lists.") % {"name": name[:100]})
        try:
            with self.zip.open(info) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, EOFError):
            raise ArchiveError(_("The file %(name)s in the package is damaged.") % {"name": name[:100]}) from None
        if len(data) > limit:
            raise ArchiveError(_("A file in the package is too large (%(name)s).") % {"name": name[:100]})
        return data

    def json(self, name: str) -> Any:
        """A member parsed as JSON; malformed JSON is an ArchiveError naming the file."""
        try:
            return json.loads(self.read(name, MAX_JSON).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            raise ArchiveError(_("The file %(name)s in the package is not valid JSON.") % {"name": name[:100]}) from None

    def manifest(self) -> Any:
        """The parsed manifest.json (checked by manifest.read_manifest afterwards)."""
        if MANIFEST not in self.members:
            raise ManifestError(_("The package has no manifest.json."))
        return self.json(MANIFEST)
