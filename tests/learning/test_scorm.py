"""SCORM 1.2: a manifest at the root that names every SCO and file, and pages that load the runtime."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from defusedxml import ElementTree

from creativepoles.learning.models import Course
from creativepoles.learning.services import exchange

CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


def test_it_writes_a_scorm_12_manifest_at_the_root(course: Course) -> None:
    archive = zipfile.ZipFile(io.BytesIO(exchange.export_scorm(course)))
    names = set(archive.namelist())
    manifest = ElementTree.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.tag == f"{CP}manifest"
    assert manifest.findtext(f"{CP}metadata/{CP}schema") == "ADL SCORM"
    assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.2"
    organizations = manifest.find(f"{CP}organizations")
    assert organizations is not None
    default = organizations.get("default")
    assert [o.get("identifier") for o in organizations.findall(f"{CP}organization")] == [default]
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    scos = [r for r in resources.values() if r.get(f"{ADLCP}scormtype") == "sco"]
    assert len(scos) == 3
    for item in manifest.iter(f"{CP}item"):
        assert item.get("identifierref") in (None, *resources)
    for resource in scos:
        assert resource.get("href") in names
        assert all(f.get("href") in names for f in resource.findall(f"{CP}file"))
        page = archive.read(resource.get("href")).decode()
        assert '<script src="scorm.js"></script>' in page and 'id="scorm-done"' in page
    runtime = archive.read("scorm.js").decode()
    for call in ("LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish", "cmi.core.lesson_status"):
        assert call in runtime


def test_it_serves_the_scorm_package(course: Course, client: Any) -> None:
    response = client.get(f"/learning/course/{course.slug}/export.scorm")
    assert response.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(response.content)).namelist()[0] == "imsmanifest.xml"
