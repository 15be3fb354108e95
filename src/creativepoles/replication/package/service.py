"""Export and import of a method package: the orchestration over each app's `services` exchange functions.

Only the network's programme managers exchange packages (the rights of adding a city: `Network()`). The
import is one transaction: the zip, the manifest and every part are checked, and any fault rolls back all
parts, so a refused package writes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.advisory.services.templates_exchange import export_templates, import_templates
from creativepoles.atlas.services.classification_exchange import export_classification, import_classification
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, Organisation, record_audit
from creativepoles.core.permissions import CHANGE, could, require
from creativepoles.learning.services.package_exchange import (
    export_courses,
    export_training_packages,
    import_course,
    import_training_packages,
)
from creativepoles.replication.package import manifest as m
from creativepoles.replication.package.archive import MAX_PACKAGE, Archive, ArchiveError
from creativepoles.replication.package.report import PackageReport
from creativepoles.spaces.services.methods_exchange import (
    export_methods,
    export_parameters,
    import_methods,
    import_parameters,
)

DEFAULT_INSTANCE = "Creative Poles"


def may_exchange(user: Any) -> bool:
    """Whether the user may export or import method packages: the network's programme managers."""
    return could(user, CHANGE, City)


def _require(actor: Any, city: City) -> None:
    require(actor, CHANGE, city, _("Only the network's programme managers exchange method packages."), "city")


def instance_name() -> str:
    """This instance's name in a package: its coordinating organisation, or the software's name."""
    lead = Organisation.objects.filter(coordinates_network=True).order_by("pk").first()
    return lead.name if lead is not None else DEFAULT_INSTANCE


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def export_package(actor: Any, source_city: City) -> bytes:
    """One zip: manifest.json, one JSON file per part and each published course as a Common Cartridge."""
    _require(actor, source_city)
    methods, parameters = export_methods(source_city), export_parameters(source_city)
    classification, templates = export_classification(), export_templates()
    packages, courses = export_training_packages(), export_courses()
    files: dict[str, bytes] = {
        "methods.json": _dump(methods), "parameters.json": _dump(parameters),
        "classification.json": _dump(classification), "templates.json": _dump(templates),
        "training_packages.json": _dump(packages),
    }
    course_files = [f"course/{slug}.imscc" for slug, _data in courses]
    files.update({name: data for name, (_slug, data) in zip(course_files, courses, strict=True)})
    parts = {
        m.METHODS: m.Part(m.METHODS, m.SCHEMAS[m.METHODS], ("methods.json",), len(methods)),
        m.PARAMETERS: m.Part(m.PARAMETERS, m.SCHEMAS[m.PARAMETERS], ("parameters.json",), int(parameters is not None)),
        m.CLASSIFICATION: m.Part(m.CLASSIFICATION, m.SCHEMAS[m.CLASSIFICATION], ("classification.json",),
                                 len(classification["groups"])),
        m.TEMPLATES: m.Part(m.TEMPLATES, m.SCHEMAS[m.TEMPLATES], ("templates.json",), len(templates)),
        m.TRAINING_PACKAGES: m.Part(m.TRAINING_PACKAGES, m.SCHEMAS[m.TRAINING_PACKAGES],
                                    ("training_packages.json",), len(packages)),
        m.COURSE: m.Part(m.COURSE, m.SCHEMAS[m.COURSE], tuple(course_files), len(course_files)),
    }
    manifest = m.Manifest(m.FORMAT_VERSION, instance_name(), timezone.now().isoformat(timespec="seconds"),
                          source_city.name, parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(m.MANIFEST, _dump(manifest.as_json()))
        for name, data in files.items():
            archive.writestr(name, data)
    record_audit(actor, "export_method_package", source_city,
                 {"parts": {name: part.count for name, part in parts.items()}})
    return out.getvalue()


def _read_bytes(data: bytes | IO[bytes] | str | Path) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, (str, Path)):
        path = Path(data)
        if path.stat().st_size > MAX_PACKAGE:
            raise DomainError(_("The package is larger than %(mb)s MB.") % {"mb": MAX_PACKAGE // (1024 * 1024)}, "file")
        return path.read_bytes()
    chunk = data.read(MAX_PACKAGE + 1)
    return chunk if isinstance(chunk, bytes) else bytes(chunk)


def _counted(part: m.Part, found: int) -> None:
    if part.count != found:
        raise DomainError(_("The package's part “%(part)s” holds %(found)s records but its manifest says "
                            "%(count)s.") % {"part": m.part_label(part.name), "found": found, "count": part.count},
                          "file")


def _single(archive: Archive, manifest: m.Manifest, name: str) -> tuple[m.Part, Any] | None:
    part = manifest.parts.get(name)
    if part is None:
        return None
    if len(part.files) != 1:
        raise DomainError(_("The package's part “%(part)s” is malformed.") % {"part": m.part_label(name)}, "file")
    return part, archive.json(part.files[0])


def _check_count(part: m.Part, data: Any) -> None:
    if part.name == m.PARAMETERS:
        _counted(part, int(data is not None))
    elif part.name == m.CLASSIFICATION:
        _counted(part, len(data["groups"]) if isinstance(data, dict) and isinstance(data.get("groups"), dict) else -1)
    else:
        _counted(part, len(data) if isinstance(data, list) else -1)


@transaction.atomic
def _apply(actor: Any, archive: Archive, manifest: m.Manifest, city: City, report: PackageReport) -> None:
    source = manifest.source_city
    handlers = {
        m.METHODS: lambda data: import_methods(actor, city, data, source),
        m.PARAMETERS: lambda data: import_parameters(actor, city, data, source),
        m.CLASSIFICATION: lambda data: import_classification(actor, data),
        m.TEMPLATES: import_templates,
        m.TRAINING_PACKAGES: lambda data: import_training_packages(actor, city, data),
    }
    for name, handle in handlers.items():
        found = _single(archive, manifest, name)
        if found is None:
            continue
        part, data = found
        _check_count(part, data)
        report.add(name, handle(data))
    course = manifest.parts.get(m.COURSE)
    if course is not None:
        _counted(course, len(course.files))
        for file in course.files:
            report.add(m.COURSE, import_course(actor, archive.read(file)))
    record_audit(actor, "import_method_package", city, report.as_dict())


def import_package(actor: Any, data: bytes | IO[bytes] | str | Path, receiving_city: City) -> PackageReport:
    """Import a package into the receiving city; refuse it whole (nothing written) on any fault."""
    _require(actor, receiving_city)
    try:
        archive = Archive(_read_bytes(data))
        manifest = m.read_manifest(archive.manifest())
    except (ArchiveError, m.ManifestError) as error:
        raise DomainError(str(error), "file") from None
    report = PackageReport(manifest.source_city, manifest.instance, manifest.created_at, manifest.format_version,
                           receiving_city.name)
    try:
        _apply(actor, archive, manifest, receiving_city, report)
    except ArchiveError as error:
        raise DomainError(str(error), "file") from None
    except DomainError as error:
        if error.field == "file":
            raise
        # A part's own check (a method's criteria, say): the whole package is refused, so name the file.
        raise DomainError(_("The package cannot be imported, so nothing was written: %(error)s")
                          % {"error": error.message}, "file") from error
    return report


def created_on(report: PackageReport) -> dt.datetime | None:
    """When the imported package was made, for display."""
    try:
        return dt.datetime.fromisoformat(report.created_at)
    except ValueError:
        return None
