"""The one upload check: extension allow-list, size limit and content that matches the extension."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from creativepoles.core.storage import KNOWN_EXTENSIONS, UploadValidator, upload_validator
from creativepoles.programme.models import Expenditure, IndicatorValue, PilotProject, Signatory
from creativepoles.spaces.models import SiteDocument, SitePhoto
from tests import files

ALL = upload_validator(*sorted(KNOWN_EXTENSIONS))


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("extension", sorted(files.REAL))
def test_it_accepts_real_files_of_every_allowed_type(extension: str) -> None:
    ALL(upload(f"survey.{extension}", files.REAL[extension]()))


def test_it_knows_a_real_file_for_every_type_it_checks() -> None:
    assert set(files.REAL) == KNOWN_EXTENSIONS


@pytest.mark.parametrize("extension", sorted(files.REAL))
def test_it_refuses_html_saved_under_every_extension(extension: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ALL(upload(f"evil.{extension}", files.HTML))
    assert caught.value.code == "invalid_content"


@pytest.mark.parametrize(("name", "content"), [
    ("report.docx", files.zip_without_office_parts()),  # a zip, but no Word document inside
    ("report.odt", files.docx()),  # an office zip of the wrong family
    ("report.xlsx", files.docx()),
    ("report.docx", files.xlsx()),
    ("report.pdf", files.image("PNG")),
    ("photo.png", files.pdf()),
    ("photo.jpg", files.image("PNG")),
    ("photo.webp", b"RIFF\x00\x00\x00\x00WAVEfmt "),
    ("plan.dwg", b"MZ\x90\x00" + bytes(40)),
    ("plan.dxf", b"MZ\x90\x00" + bytes(40)),
    ("rows.csv", b"date,amount\x00\x00\x01"),
    ("rows.csv", "päivä".encode("utf-16")),
    ("report.docx", files.docx()[:40]),  # a truncated zip
], ids=lambda value: value if isinstance(value, str) else "content")  # zips carry the time: never in an id
def test_it_refuses_forged_content(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError) as caught:
        ALL(upload(name, content))
    assert caught.value.code == "invalid_content"


@pytest.mark.parametrize("name", ["a.exe", "a.pdf.exe", "a.html", "noextension", "a.PDF.svg"])
def test_it_refuses_extensions_outside_the_allow_list(name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        upload_validator("pdf", "png")(upload(name, files.pdf()))
    assert caught.value.code == "invalid_extension"


def test_it_reads_the_extension_case_insensitively() -> None:
    upload_validator("pdf")(upload("SURVEY.PDF", files.pdf()))


def test_it_refuses_files_over_the_size_limit(settings: Any) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as caught:
        upload_validator("pdf")(upload("big.pdf", files.pdf()))
    assert caught.value.code == "file_too_large"


def test_it_leaves_the_upload_readable_from_the_start() -> None:
    file = upload("a.docx", files.docx())
    ALL(file)
    assert file.read(2) == b"PK"


def test_it_refuses_an_extension_it_cannot_check() -> None:
    with pytest.raises(ValueError, match="exe"):
        UploadValidator(["pdf", "exe"])


@pytest.mark.parametrize(("model", "field"), [
    (Expenditure, "attachment"), (IndicatorValue, "evidence"), (PilotProject, "evidence"), (Signatory, "evidence"),
    (SiteDocument, "file"), (SitePhoto, "image"),
])
def test_it_puts_the_one_check_on_every_file_field(model: Any, field: str) -> None:
    validators = model._meta.get_field(field).validators
    assert [type(v) for v in validators] == [UploadValidator]


def test_it_finds_no_file_field_without_the_check() -> None:
    from django.apps import apps
    from django.db import models

    unchecked = [f"{m._meta.label}.{f.name}" for m in apps.get_models()
                 if m._meta.app_label in ("core", "programme", "spaces") and not m.__name__.startswith("Historical")
                 for f in m._meta.get_fields() if isinstance(f, models.FileField)
                 and not any(isinstance(v, UploadValidator) for v in f.validators)]
    assert unchecked == []
