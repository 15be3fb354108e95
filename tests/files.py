"""Tiny real files of every uploadable type, made with the real libraries, and forgeries of them."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook
from PIL import Image

from creativepoles.replication.extracts import HELSINKI

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def pdf() -> bytes:
    """A minimal valid one-page PDF, written by hand with a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def image(kind: str) -> bytes:
    """A 4×4 image in PNG, JPEG or WEBP."""
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, kind)
    return buffer.getvalue()


def docx() -> bytes:
    """The smallest WordprocessingML package Word opens."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
            'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
            'main+xml"/></Types>'))
        archive.writestr("word/document.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Survey</w:t></w:r></w:p></w:body></w:document>'))
    return buffer.getvalue()


def odt() -> bytes:
    """An OpenDocument text: the stored mimetype first, then its content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                                        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    return buffer.getvalue()


def xlsx() -> bytes:
    """A workbook saved by openpyxl."""
    workbook = Workbook()
    workbook.active.append(["date", "amount"])  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_without_office_parts() -> bytes:
    """A real zip that is no office document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", HTML)
    return buffer.getvalue()


REAL = {
    "pdf": pdf, "png": lambda: image("PNG"), "jpg": lambda: image("JPEG"), "jpeg": lambda: image("JPEG"),
    "webp": lambda: image("WEBP"), "docx": docx, "odt": odt, "xlsx": xlsx,
    "csv": lambda: "date;amount;supplier\n2011-01-03;12.50;Šiaulių spauda\n".encode(),
    "dwg": lambda: b"AC1032\x00\x00\x00\x00\x00\x00" + bytes(40),
    "dxf": lambda: b"999\nmade by hand\n  0\nSECTION\n  2\nHEADER\n  0\nENDSEC\n  0\nEOF\n",
    "osm": lambda: b'<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6"><node id="1" lat="55.7" lon="21.1"/></osm>\n',
    "pbf": lambda: HELSINKI.read_bytes()[:4096],
}
