"""Every write to the site inventory: create, change, status moves, soft delete."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.analysis.geo import polygon_area_m2
from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import record_audit
from creativepoles.core.scoping import scope_for
from creativepoles.spaces.models import Site, SiteDocument, SitePhoto, SiteStatus, SiteStatusChange

EDIT_ROLES = ("city_editor",)
SITE_FIELDS = (
    "city", "name", "address", "latitude", "longitude", "geometry", "former_use", "building_type", "footprint_m2",
    "floors", "gross_floor_area_m2", "year_built", "condition", "heritage_protected", "ownership", "owner_contact",
    "vacant_since", "fully_vacant", "utilities", "contamination_suspected", "asking_rent_m2_month", "asking_price",
    "currency", "is_published", "description",
)


def require_city(actor: Any, city_id: int | None) -> None:
    """Only the city's editors (or programme managers) write its sites."""
    if not scope_for(actor).can_change_city(city_id, EDIT_ROLES):
        raise NotInScope(_("You cannot change sites of this city."), "city")


def _polygon_ring(geometry: Any) -> list[tuple[float, float]] | None:
    if not isinstance(geometry, dict):
        return None
    if geometry.get("type") == "Polygon":
        coordinates = geometry.get("coordinates") or []
        if coordinates and all(isinstance(p, (list, tuple)) and len(p) >= 2 for p in coordinates[0]):
            return [(float(p[0]), float(p[1])) for p in coordinates[0]]
        raise DomainError(_("A Polygon needs a ring of [longitude, latitude] pairs."), "geometry")
    if geometry.get("type") == "Point":
        return None
    raise DomainError(_("Geometry must be a GeoJSON Point or Polygon."), "geometry")


def derive_areas(site: Site) -> None:
    """Footprint from a polygon (on EPSG:3035) and floor area from footprint × floors, unless entered."""
    ring = _polygon_ring(site.geometry)
    if ring is not None:
        site.footprint_m2 = Decimal(str(round(polygon_area_m2(ring), 1)))
    if site.gross_floor_area_m2 is None and site.footprint_m2 is not None and site.floors:
        site.gross_floor_area_m2 = (site.footprint_m2 * site.floors).quantize(Decimal("0.1"))


@transaction.atomic
def create_site(actor: Any, **data: Any) -> Site:
    """Add a site to a city the actor edits."""
    city = data.get("city")
    require_city(actor, city.pk if city else None)
    site = Site(**{k: v for k, v in data.items() if k in SITE_FIELDS})
    derive_areas(site)
    site.full_clean()
    site.save()
    SiteStatusChange.objects.create(site=site, new_status=site.status, changed_by=_user(actor))
    record_audit(actor, "create_site", site, {"name": site.name, "city": site.city_id})
    return site


@transaction.atomic
def update_site(actor: Any, site: Site, **data: Any) -> Site:
    """Change a site's facts; a move to another city needs rights in both."""
    require_city(actor, site.city_id)
    changes = apply_changes(site, data, SITE_FIELDS)
    require_city(actor, site.city_id)
    if "geometry" in changes or "floors" in changes:
        derive_areas(site)
    site.full_clean()
    site.save()
    if changes:
        record_audit(actor, "update_site", site, changes)
    return site


@transaction.atomic
def change_status(actor: Any, site: Site, status: str, note: str = "") -> Site:
    """Move a site to another status; the history keeps every step with who and why."""
    require_city(actor, site.city_id)
    if status not in SiteStatus.values:
        raise DomainError(_("Unknown status."), "status")
    old = site.status
    if old == status:
        return site
    site.status = status
    site.save(update_fields=["status", "updated_at"])
    SiteStatusChange.objects.create(site=site, old_status=old, new_status=status, note=note,
                                    changed_by=_user(actor))
    record_audit(actor, "change_site_status", site, {"status": [old, status], "note": note})
    return site


@transaction.atomic
def delete_site(actor: Any, site: Site) -> None:
    """Soft-delete: the site leaves lists but its assessments and history stay."""
    require_city(actor, site.city_id)
    site.deleted_at = timezone.now()
    site.save(update_fields=["deleted_at"])
    record_audit(actor, "delete_site", site)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _check_size(upload: Any, field: str) -> None:
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise DomainError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, field)


@transaction.atomic
def add_photo(actor: Any, site: Site, image: Any, caption: str = "", credit: str = "") -> SitePhoto:
    """Attach a photo; the image field checks that the content really is an image."""
    require_city(actor, site.city_id)
    _check_size(image, "image")
    photo = SitePhoto(site=site, image=image, caption=caption, credit=credit)
    photo.full_clean()
    photo.save()
    record_audit(actor, "add_site_photo", site, {"photo": photo.image.name})
    return photo


@transaction.atomic
def add_document(actor: Any, site: Site, file: Any, title: str, is_public: bool = False) -> SiteDocument:
    """Attach a document (survey, plan, deed); PDFs must really be PDFs."""
    require_city(actor, site.city_id)
    _check_size(file, "file")
    if file.name.lower().endswith(".pdf"):
        head = file.read(5)
        file.seek(0)
        if head != b"%PDF-":
            raise DomainError(_("The file is not a PDF."), "file")
    document = SiteDocument(site=site, file=file, title=title, is_public=is_public)
    document.full_clean()
    document.save()
    record_audit(actor, "add_site_document", site, {"document": document.file.name})
    return document
