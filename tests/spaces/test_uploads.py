"""Photos and documents: content and size checked, private documents only for the site's city."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_it_accepts_real_images_and_refuses_fakes(sites: dict[str, Any], settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    editor = Client()
    editor.force_login(sites["editor"])
    site = sites["big"]
    url = f"/spaces/sites/{site.pk}/upload/photo/"
    editor.post(url, {"image": SimpleUploadedFile("fake.png", b"not an image", "image/png")})
    assert site.photos.count() == 0
    editor.post(url, {"image": SimpleUploadedFile("mill.png", png(), "image/png"), "caption": "Front"})
    assert site.photos.get().caption == "Front"
    settings.UPLOAD_MAX_BYTES = 10
    editor.post(url, {"image": SimpleUploadedFile("big.png", png(), "image/png")})
    assert site.photos.count() == 1
    tartu = Client()
    tartu.force_login(sites["other"])
    assert tartu.post(url, {"image": SimpleUploadedFile("x.png", png(), "image/png")}).status_code == 403


def test_it_serves_private_documents_only_within_scope(sites: dict[str, Any], settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    editor = Client()
    editor.force_login(sites["editor"])
    site = sites["big"]
    url = f"/spaces/sites/{site.pk}/upload/document/"
    editor.post(url, {"title": "Fake", "file": SimpleUploadedFile("survey.pdf", b"hello", "application/pdf")})
    assert site.documents.count() == 0
    editor.post(url, {"title": "Survey", "file": SimpleUploadedFile("survey.pdf", b"%PDF-1.4 test", "application/pdf")})
    document = site.documents.get()
    download = f"/spaces/sites/{site.pk}/documents/{document.pk}/"
    assert editor.get(download).status_code == 200
    assert Client().get(download).status_code == 404  # published site, private document
    document.is_public = True
    document.save()
    assert b"".join(Client().get(download).streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("a.exe", b"MZ\x90\x00", "are not allowed"),
    ("a.pdf.exe", b"%PDF-1.4 test", "are not allowed"),
    ("survey.docx", b"<html><body>not a document</body></html>", "not a valid DOCX file"),
    ("survey.pdf", b"<html><body>not a document</body></html>", "not a valid PDF file"),
    ("plan.xlsx", b"PK\x03\x04 but no zip", "not a valid XLSX file"),
])
def test_it_refuses_bad_documents_as_a_form_error(sites: dict[str, Any], name: str, content: bytes,
                                                   reason: str) -> None:
    editor = Client()
    editor.force_login(sites["editor"])
    site = sites["big"]
    response = editor.post(f"/spaces/sites/{site.pk}/upload/document/",
                           {"title": "Survey", "file": SimpleUploadedFile(name, content)}, follow=True)
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert site.documents.count() == 0


def test_it_accepts_real_office_documents_and_links_them_to_the_scoped_view(sites: dict[str, Any]) -> None:
    from tests import files

    editor = Client()
    editor.force_login(sites["editor"])
    site = sites["big"]
    for name, content in [("survey.docx", files.docx()), ("plan.odt", files.odt()), ("areas.xlsx", files.xlsx()),
                          ("plan.dxf", files.REAL["dxf"]())]:
        editor.post(f"/spaces/sites/{site.pk}/upload/document/", {"title": name, "file": SimpleUploadedFile(name, content)})
    documents = list(site.documents.order_by("pk"))
    assert [d.title for d in documents] == ["survey.docx", "plan.odt", "areas.xlsx", "plan.dxf"]
    assert documents[0].file.url == f"/spaces/sites/{site.pk}/documents/{documents[0].pk}/"
