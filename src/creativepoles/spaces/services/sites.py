"""Every write to the site inventory: create, change, status moves, soft delete."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.analysis.geo import polygon_area_m2
from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, DELETE, require
from creativepoles.spaces.models import Accessibility, Site, SiteDocument, SitePhoto, SiteStatus, SiteStatusChange
from creativepoles.spaces.services.accessibility import compute_accessibility

SITE_FIELDS = (
    "city", "name", "address", "latitude", "longitude", "geometry", "former_use", "building_type", "footprint_m2",
    "floors", "gross_floor_area_m2", "year_built", "condition", "heritage_protected", "ownership", "owner_contact",
    "vacant_since", "fully_vacant", "utilities", "contamination_suspected", "asking_rent_m2_month", "asking_price",
    "currency", "is_published", "description",
)


def require_site(actor: Any, action: str, obj: Any) -> None:
    """Refuse unless the site policy grants `action` (the city's editors and programme managers write sites)."""
    require(actor, action, obj, _("You cannot change sites of this city."), "city")


def _position(value: Any) -> tuple[float, float] | None:
    """A [longitude, latitude] pair of finite numbers inside WGS84 bounds, or None."""
    if not isinstance(value, (list, tuple)) or len(value) < 2:
        return None
    lon, lat = value[0], value[1]
    if isinstance(lon, bool) or isinstance(lat, bool) or not isinstance(lon, (int, float)) \
            or not isinstance(lat, (int, float)):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return float(lon), float(lat)


def _polygon_ring(geometry: Any) -> list[tuple[float, float]] | None:
    """The outer ring of a GeoJSON Polygon (None for a Point or no geometry); anything else is refused."""
    if geometry is None:
        return None
    if not isinstance(geometry, dict):
        raise DomainError(_("Geometry must be a GeoJSON Point or Polygon."), "geometry")
    if geometry.get("type") == "Point":
        if _position(geometry.get("coordinates")) is None:
            raise DomainError(_("A Point needs [longitude, latitude] within range."), "geometry")
        return None
    if geometry.get("type") == "Polygon":
        rings = geometry.get("coordinates")
        ring = rings[0] if isinstance(rings, list) and rings and isinstance(rings[0], list) else []
        positions = [_position(p) for p in ring]
        if len(positions) < 4 or any(p is None for p in positions):
            raise DomainError(_("A Polygon needs a closed ring of at least three [longitude, latitude] points."),
                              "geometry")
        return [p for p in positions if p is not None]
    raise DomainError(_("Geometry must be a GeoJSON Point or Polygon."), "geometry")


def _check_utilities(utilities: Any) -> None:
    if not isinstance(utilities, list) or not all(isinstance(u, str) and "\x00" not in u and len(u) <= 60
                                                  for u in utilities):
        raise DomainError(_("Utilities must be a list of short texts."), "utilities")


def derive_areas(site: Site) -> None:
    """Footprint from a polygon (on EPSG:3035) and floor area from footprint × floors, unless entered."""
    ring = _polygon_ring(site.geometry)
    _check_utilities(site.utilities)
    if ring is not None:
        try:
            site.footprint_m2 = Decimal(str(round(polygon_area_m2(ring), 1)))
        except ValueError as error:  # e.g. a self-intersecting ring
            raise DomainError(str(error), "geometry") from None
    if site.gross_floor_area_m2 is None and site.footprint_m2 is not None and site.floors:
        site.gross_floor_area_m2 = (site.footprint_m2 * site.floors).quantize(Decimal("0.1"))


@transaction.atomic
def create_site(actor: Any, **data: Any) -> Site:
    """Add a site to a city the actor edits."""
    site = Site(**{k: v for k, v in data.items() if k in SITE_FIELDS})
    require_site(actor, ADD, site)
    derive_areas(site)
    site.full_clean()
    site.save()
    SiteStatusChange.objects.create(site=site, new_status=site.status, changed_by=_user(actor))
    record_audit(actor, "create_site", site, {"name": site.name, "city": site.city_id})
    measure_site(site)
    return site


@transaction.atomic
def update_site(actor: Any, site: Site, **data: Any) -> Site:
    """Change a site's facts; a move to another city needs rights in both."""
    require_site(actor, CHANGE, site)
    changes = apply_changes(site, data, SITE_FIELDS)
    require_site(actor, CHANGE, site)  # a move to another city needs rights there too
    derive_areas(site)
    moved = bool({"latitude", "longitude", "city"} & set(changes))
    if moved:
        # The stored distances describe the old position.
        Accessibility.objects.filter(site=site).delete()
    site.full_clean()
    site.save()
    if changes:
        record_audit(actor, "update_site", site, changes)
    if moved or not Accessibility.objects.filter(site=site).exists():
        measure_site(site)
    return site


def measure_site(site: Site) -> bool:
    """Measure one site's accessibility right away, so a new or moved site is never shown without it."""
    try:
        compute_accessibility(site.city, [site])
    except DomainError:
        # Nothing to measure against yet (no points imported): the assessment measures it later.
        return False
    return True


@transaction.atomic
def change_status(actor: Any, site: Site, status: str, note: str = "") -> Site:
    """Move a site to another status; the history keeps every step with who and why."""
    require_site(actor, CHANGE, site)
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
    require_site(actor, DELETE, site)
    site.deleted_at = timezone.now()
    site.save(update_fields=["deleted_at"])
    record_audit(actor, "delete_site", site)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def add_photo(actor: Any, site: Site, image: Any, caption: str = "", credit: str = "") -> SitePhoto:
    """Attach a photo; the field's upload check refuses anything but a real image of an allowed type."""
    require_site(actor, CHANGE, site)
    photo = SitePhoto(site=site, image=image, caption=caption, credit=credit)
    try:
        photo.full_clean()
    except ValidationError as error:
        raise domain_error_from(error, "image") from None
    photo.save()
    record_audit(actor, "add_site_photo", site, {"photo": photo.image.name})
    return photo


@transaction.atomic
def add_document(actor: Any, site: Site, file: Any, title: str, is_public: bool = False) -> SiteDocument:
    """Attach a document (survey, plan, deed); the field's upload check matches content to extension."""
    require_site(actor, ADD, SiteDocument(site=site))
    document = SiteDocument(site=site, file=file, title=title, is_public=is_public)
    try:
        document.full_clean()
    except ValidationError as error:
        raise domain_error_from(error, "file") from None
    document.save()
    record_audit(actor, "add_site_document", site, {"document": document.file.name})
    return document
