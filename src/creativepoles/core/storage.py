"""Where uploads go and what they may be: private files outside the web server's reach, under random names,
linked only through scoped download views, and every upload checked by extension, size and content."""

from __future__ import annotations

import os
import uuid
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import NoReverseMatch, reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files only the app serves, after a scope check; they have no public URL."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    # Read the setting on every use (not once at import) so a changed PRIVATE_MEDIA_ROOT applies.
    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a scoped view.")


def private_storage() -> PrivateStorage:
    """The storage for invoices, evidence and private documents (a callable keeps migrations stable)."""
    return PrivateStorage()


def random_name(instance: Any, filename: str) -> str:
    """A folder per model and an unguessable name that keeps the extension."""
    return f"{instance._meta.model_name}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class PrivateFieldFile(FieldFile):
    """A private file whose `url` is its record's scoped download view, so widgets and admin link safely."""

    @property
    def url(self) -> str:
        # Form widgets ask for `url` to show the current file; the storage has none, the download view has.
        # An unsaved record has no download view yet: an empty URL makes widgets show no link (never a 500).
        self._require_file()  # type: ignore[attr-defined]
        field: PrivateFileField = self.field  # type: ignore[assignment]
        return field.download_url(self.instance)


class PrivateFileField(models.FileField):
    """A file in private storage under a random name, read back only through `download_view`."""

    attr_class = PrivateFieldFile

    def __init__(self, *args: Any, download_view: str = "", download_args: tuple[str, ...] = ("pk",),
                 **kwargs: Any) -> None:
        kwargs.setdefault("storage", private_storage)
        kwargs.setdefault("upload_to", random_name)
        self.download_view = download_view
        self.download_args = tuple(download_args)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["download_view"] = self.download_view
        if self.download_args != ("pk",):
            kwargs["download_args"] = self.download_args
        return name, path, args, kwargs

    def download_url(self, instance: models.Model) -> str:
        """The scoped download view of this field's file on `instance`, or "" while it has none."""
        values = [getattr(instance, attr, None) for attr in self.download_args]
        if not self.download_view or any(v is None for v in values):
            return ""
        try:
            return reverse(self.download_view, args=values)
        except NoReverseMatch:
            return ""


# What each allowed extension must contain. Checked on the bytes, never on the browser's content type.
ZIP_MEMBERS = {
    "docx": ("[Content_Types].xml", "word/document.xml"),
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    "odt": ("mimetype", "content.xml"),
}
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
HEAD_BYTES = 64
TEXT_SNIFF_BYTES = 64 * 1024


def _read_head(file: Any, count: int) -> bytes:
    """The first `count` bytes of an upload, leaving its position where it was."""
    stream = getattr(file, "file", file)
    position = stream.tell() if hasattr(stream, "tell") else 0
    stream.seek(0)
    try:
        data = stream.read(count)
    finally:
        stream.seek(position)
    return data if isinstance(data, bytes) else data.encode()


def _is_zip_with(file: Any, extension: str) -> bool:
    """A real zip container holding the members an office file of this kind must have."""
    stream = getattr(file, "file", file)
    position = stream.tell()
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if not all(member in names for member in ZIP_MEMBERS[extension]):
                return False
            expected = ODF_MIMETYPES.get(extension)
            if expected is not None:
                # ODF's first member names the document type; a small read, whatever the archive claims.
                with archive.open("mimetype") as member:
                    if member.read(len(expected) + 1).strip() != expected:
                        return False
        return True
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError):
        return False
    finally:
        stream.seek(position)


def _is_text(head: bytes) -> bool:
    """UTF-8 (or BOM) text without NUL bytes that does not open like HTML or XML markup."""
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # The sniffed prefix may end inside a multi-byte character; only that is forgiven.
        if error.start < len(head) - 3:
            return False
        text = head[:error.start].decode("utf-8-sig")
    return not text.lstrip().startswith("<")


def _is_dxf(head: bytes) -> bool:
    """A binary DXF, or a text DXF whose first group (after comments) opens a SECTION."""
    if head.startswith(b"AutoCAD Binary DXF\r\n\x1a\x00"):
        return True
    if b"\x00" in head:
        return False
    lines = [line.strip() for line in head.decode("latin-1").splitlines()]
    while len(lines) >= 2 and lines[0] == "999":
        lines = lines[2:]
    return len(lines) >= 2 and lines[0] == "0" and lines[1] == "SECTION"


def _is_osm_pbf(head: bytes) -> bool:
    """An OSM PBF file opens with a 4-byte length and a BlobHeader whose type string is "OSMHeader"."""
    return len(head) >= 15 and head[4:15] == b"\x0a\x09OSMHeader"


def _is_osm_xml(head: bytes) -> bool:
    """OSM XML: markup text, opening with an XML declaration or the <osm> root, holding an <osm root."""
    if b"\x00" in head:
        return False
    text = head.decode("utf-8-sig", errors="replace").lstrip()
    return text.startswith(("<?xml", "<osm")) and "<osm" in text


MAGIC: dict[str, Callable[[bytes], bool]] = {
    "pdf": lambda head: head.startswith(b"%PDF-"),
    "png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    # AutoCAD drawings open with their format version, AC1012 (R13) to AC1032 (2018+).
    "dwg": lambda head: len(head) >= 6 and head.startswith(b"AC10") and head[4:6].isdigit(),
    "pbf": _is_osm_pbf,
}
KNOWN_EXTENSIONS = frozenset(MAGIC) | frozenset(ZIP_MEMBERS) | {"csv", "dxf", "osm"}


def content_matches(file: Any, extension: str) -> bool:
    """Whether the bytes of `file` are what a file with this extension must be."""
    if extension in ZIP_MEMBERS:
        return _is_zip_with(file, extension)
    if extension == "csv":
        return _is_text(_read_head(file, TEXT_SNIFF_BYTES))
    if extension == "dxf":
        return _is_dxf(_read_head(file, 512))
    if extension == "osm":
        # The declaration and comments may precede the root element.
        return _is_osm_xml(_read_head(file, 1024))
    check = MAGIC.get(extension)
    return check is not None and check(_read_head(file, HEAD_BYTES))


@deconstructible
class UploadValidator:
    """Extension allow-list, size limit (UPLOAD_MAX_BYTES) and content check of one file field."""

    def __init__(self, extensions: Iterable[str]) -> None:
        self.extensions = tuple(e.lower() for e in extensions)
        unknown = set(self.extensions) - KNOWN_EXTENSIONS
        if unknown:
            raise ValueError(f"No content check for: {', '.join(sorted(unknown))}")

    def __call__(self, file: Any) -> None:
        if not file:
            return
        if isinstance(file, FieldFile) and file._committed:  # type: ignore[attr-defined]
            # Stored files passed this check when uploaded; re-reading them on every edit would make a
            # record with a missing or since-disallowed file impossible to change.
            return
        name = str(getattr(file, "name", "") or "")
        extension = Path(name).suffix.lower().lstrip(".")
        if extension not in self.extensions:
            raise ValidationError(
                _("Files of type “%(extension)s” are not allowed; allowed types: %(allowed)s.")
                % {"extension": extension or "?", "allowed": ", ".join(self.extensions)},
                code="invalid_extension",
            )
        limit = settings.UPLOAD_MAX_BYTES
        if (getattr(file, "size", 0) or 0) > limit:
            raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
                                  code="file_too_large")
        if not content_matches(file, extension):
            raise ValidationError(_("The file's content is not a valid %(extension)s file.")
                                  % {"extension": extension.upper()}, code="invalid_content")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadValidator) and other.extensions == self.extensions

    def __hash__(self) -> int:
        return hash(self.extensions)


def upload_validator(*extensions: str) -> UploadValidator:
    """The one validator every file field uses: these extensions, the size limit, and matching content."""
    return UploadValidator(extensions)


def validate_upload_size(file: Any) -> None:
    """Refuse files larger than UPLOAD_MAX_BYTES (kept because the first migrations refer to it)."""
    limit = settings.UPLOAD_MAX_BYTES
    if file is not None and getattr(file, "size", 0) > limit:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
