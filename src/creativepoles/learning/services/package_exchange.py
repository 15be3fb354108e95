"""Training packages and the course out of one instance and into another (the method package).

Packages travel as JSON (their modules and hours; materials and trainers are people's files and accounts and
stay home). The course travels as the Common Cartridge that `exchange` writes and reads. Nothing is
overwritten: a package whose title exists in the receiving organisation becomes its next version, and a
course is always imported as a new draft beside any course of the same name.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, Organisation, record_audit
from creativepoles.core.permissions import ADD, require
from creativepoles.learning.models import Course, PackageModule, TrainingPackage
from creativepoles.learning.models.packages import PackageFormat, PackageStatus
from creativepoles.learning.services.exchange import export_cartridge, import_cartridge

PACKAGES_SCHEMA = 1
COURSE_SCHEMA = 1
IMPORTED = "imported"
KEPT = "kept"
Line = tuple[str, str]


def export_training_packages() -> list[dict[str, Any]]:
    """The newest published version of each of the programme's training packages, with its modules."""
    latest: dict[int, TrainingPackage] = {}
    rows = (TrainingPackage.objects.filter(status=PackageStatus.PUBLISHED).prefetch_related("modules")
            .order_by("family_id", "-version"))
    for package in rows:
        latest.setdefault(package.family_id or package.pk, package)
    return [{
        "title": p.title, "version": p.version, "target_group": p.target_group,
        "learning_outcomes": p.learning_outcomes, "format": p.format, "duration_hours": str(p.duration_hours),
        "modules": [{"title": m.title, "hours": str(m.hours)} for m in p.modules.all()],
    } for p in sorted(latest.values(), key=lambda p: (p.title, p.pk))]


def export_courses() -> list[tuple[str, bytes]]:
    """Each published course as (short name, Common Cartridge bytes)."""
    return [(course.slug, export_cartridge(course))
            for course in Course.objects.filter(is_published=True).order_by("slug")]


def _bad(what: str) -> DomainError:
    return DomainError(_("The package's training packages are malformed: %(what)s.") % {"what": what}, "file")


def _text(data: dict[str, Any], key: str, limit: int, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise _bad(key)
    return value


def _hours(value: Any) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise _bad("hours") from None
    if not hours.is_finite() or not 0 <= hours <= 2000:
        raise _bad("hours")
    return hours.quantize(Decimal("0.1"))


def holder_for(actor: Any, city: City) -> Organisation | None:
    """The receiving city's organisation that will hold imported packages: the first one the actor may add to."""
    for organisation in Organisation.objects.filter(city=city).order_by("name", "pk"):
        if _may_add(actor, organisation):
            return organisation
    return None


def _may_add(actor: Any, organisation: Organisation) -> bool:
    try:
        require(actor, ADD, TrainingPackage(organisation=organisation))
    except DomainError:
        return False
    return True


@transaction.atomic
def import_training_packages(actor: Any, city: City, packages: Any) -> list[Line]:
    """Create each packaged training package as a draft in the receiving city, as the next version of a namesake."""
    if not isinstance(packages, list):
        raise _bad("packages")
    holder = holder_for(actor, city) if packages else None
    if packages and holder is None:
        return [(KEPT, _("Training packages: %(city)s has no organisation to hold them, so none was imported; add "
                         "the city's agency or advisory centre and import the package again.") % {"city": city.name})]
    lines: list[Line] = []
    for data in packages:
        if not isinstance(data, dict) or not isinstance(data.get("modules"), list):
            raise _bad("package")
        title = _text(data, "title", 200)
        if data.get("format") not in PackageFormat.values:
            raise _bad("format")
        modules = []
        for module in data["modules"]:
            if not isinstance(module, dict):
                raise _bad("module")
            modules.append((_text(module, "title", 200), _hours(module.get("hours"))))
        namesake = TrainingPackage.objects.filter(organisation=holder, title=title).order_by("version").first()
        fields = {"organisation": holder, "title": title, "target_group": _text(data, "target_group", 300),
                  "learning_outcomes": _text(data, "learning_outcomes", 20000), "format": data["format"],
                  "duration_hours": _hours(data.get("duration_hours"))}
        package = TrainingPackage(**fields)
        require(actor, ADD, package)
        if namesake is None:
            package.save()
            package.family = package
            package.save(update_fields=["family"])
        else:
            family = namesake.family or namesake
            package.family = family
            package.version = (TrainingPackage.objects.filter(family=family).aggregate(v=Max("version"))["v"] or 1) + 1
            package.save()
        PackageModule.objects.bulk_create([PackageModule(package=package, order=n, title=t, hours=h)
                                           for n, (t, h) in enumerate(modules, start=1)])
        record_audit(actor, "import_training_package", package, {"title": title, "version": package.version})
        values = {"title": title, "version": package.version, "organisation": holder.name if holder else ""}
        if namesake is None:
            lines.append((IMPORTED, _("Training package “%(title)s” imported as a draft of %(organisation)s.")
                          % values))
        else:
            lines.append((IMPORTED, _("Training package “%(title)s”: kept the existing one unchanged, imported as "
                                      "draft version %(version)s.") % values))
    return lines


@transaction.atomic
def import_course(actor: Any, cartridge: bytes) -> list[Line]:
    """Import a packaged course as a new draft course; an existing course of that name stays as it is."""
    try:
        course, parsed = import_cartridge(actor, cartridge)
    except DomainError as error:
        raise DomainError(_("The package's course cannot be read: %(error)s") % {"error": error.message},
                          "file") from error
    values = {"title": course.title, "slug": course.slug, "modules": len(parsed.modules),
              "lessons": len(parsed.lessons), "quizzes": len(parsed.quizzes)}
    if Course.objects.filter(title=course.title).exclude(pk=course.pk).exists():
        return [(IMPORTED, _("Course “%(title)s”: a course of that name exists and was kept unchanged; imported "
                             "as the draft “%(slug)s” (%(modules)s modules, %(lessons)s lessons, %(quizzes)s "
                             "quizzes).") % values)]
    return [(IMPORTED, _("Course “%(title)s” imported as the draft “%(slug)s” (%(modules)s modules, %(lessons)s "
                         "lessons, %(quizzes)s quizzes).") % values)]
