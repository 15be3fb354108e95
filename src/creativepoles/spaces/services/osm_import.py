"""Import an OpenStreetMap extract into a city's sites and points of interest.

Who may import: an actor who can change the city (its city editors, programme managers). The
actor ``None`` stands for the trusted system: the ``poles import-osm`` command runs as it, because
whoever can run management commands already owns the database.
Anonymous users are not ``None`` and are refused.

Re-importing is idempotent on (city, osm_type, osm_id) for sites and (city, osm_type, osm_id,
category) for points of interest. What a re-import changes on an existing site:

* ``osm_tags``, ``latitude``, ``longitude`` and ``footprint_m2`` always follow OSM: they are
  measured from the OSM geometry, so a wrong position is fixed in OSM, not here.
* ``name``, ``address``, ``building_type`` and ``former_use`` follow OSM only while they still
  hold what the stored ``osm_tags`` give: a value that differs was edited by a user and is kept.
* Everything else (status, publication, condition, ownership, ``geometry``...) is never touched;
  soft-deleted sites stay deleted. Status ``candidate`` and ``is_published=False`` are set on
  creation only.
* Rows no longer in the file are not deleted (a bbox import covers part of a city, and a building
  removed from OSM may still stand): the summary reports them as ``not_seen``.
* Outlines crossing the extract's edge are imported from the nodes present and flagged
  ``outline_cut`` (their footprint is a lower bound); every matching object that still yields no row
  is counted in the summary's ``skipped``, by kind, category and reason.

The file is read completely before anything is written, then everything is written in one short
transaction: a long read never holds the database's write lock, and progress written by a
background run (``services/imports.py``) is visible to the page while the file is read.

Points of interest are open data without user edits, so all their fields follow OSM.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from os import PathLike
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from creativepoles.analysis.osm import (
    CREATIVE_OFFICES,
    CULTURE,
    EDUCATION,
    NO_VALUES,
    TRANSIT,
    BBox,
    OsmError,
    OsmFeature,
    ProgressCallback,
    SkipReason,
    classify,
    extract,
)
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import ADD, can
from creativepoles.spaces.models import PoiCategory, PointOfInterest, Site, SiteStatus

__all__ = ["SKIP_LABELS", "CategoryCounts", "ImportSummary", "import_osm"]

BATCH_SIZE = 500
SIX_PLACES = Decimal("0.000001")
CHANGE_REASON = "OpenStreetMap import"

SITE_LABELS = {
    "industrial_building": gettext_lazy("Industrial building"),
    "abandoned": gettext_lazy("Abandoned site"),
    "disused": gettext_lazy("Disused site"),
    "brownfield": gettext_lazy("Brownfield"),
    "industrial_land": gettext_lazy("Industrial land"),
}
DESCRIPTIVE_FIELDS = ("name", "address", "building_type", "former_use")
GEOMETRY_FIELDS = ("latitude", "longitude", "footprint_m2", "outline_cut")
SITE_UPDATE_FIELDS = [*DESCRIPTIVE_FIELDS, *GEOMETRY_FIELDS, "osm_tags", "updated_at"]
POI_FIELDS = ("kind", "name", "latitude", "longitude", "area_m2", "outline_cut")
SKIP_LABELS = {
    "no_location": gettext_lazy("none of its nodes is in the file"),
    "not_an_area": gettext_lazy("a site needs an area, and this is a line or too little of an outline"),
    "not_a_multipolygon": gettext_lazy("a relation without a single geometry (route, site relation…)"),
    "outside_bbox": gettext_lazy("its centre lies outside the bounding box"),
}
POI_RULES = {"transit": TRANSIT, "education": EDUCATION, "culture": CULTURE}
LIFECYCLE_PREFIXES = ("disused:", "abandoned:")
# Keys whose value says what an object with a bare disused=yes / abandoned=yes used to be.
PRIMARY_KEYS = ("building", "amenity", "shop", "craft", "office", "industrial", "man_made", "railway",
                "highway", "leisure", "tourism", "landuse")


@dataclass
class CategoryCounts:
    """Rows created, updated and left unchanged for one kind and category."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportSummary:
    """What an import did, per kind ('site', 'poi') and category."""

    examined: int = 0  # tagged OSM objects read (untagged nodes are skipped unread)
    features: int = 0  # classified features found, one per (object, category)
    counts: dict[str, dict[str, CategoryCounts]] = field(default_factory=lambda: {"site": {}, "poi": {}})
    not_seen: dict[str, int] = field(default_factory=lambda: {"site": 0, "poi": 0})
    # Matches that yielded no row: kind -> category -> reason -> count.
    skipped: dict[str, dict[str, dict[str, int]]] = field(default_factory=lambda: {"site": {}, "poi": {}})
    cut: int = 0  # rows whose outline crosses the extract's edge

    def skip(self, kind: str, category: str, reason: SkipReason) -> None:
        """Count one match that yielded no row, with the reason."""
        reasons = self.skipped[kind].setdefault(category, {})
        reasons[reason] = reasons.get(reason, 0) + 1

    def skipped_by_reason(self) -> dict[str, int]:
        """Skipped matches summed over kinds and categories."""
        out: dict[str, int] = {}
        for categories in self.skipped.values():
            for reasons in categories.values():
                for reason, n in reasons.items():
                    out[reason] = out.get(reason, 0) + n
        return dict(sorted(out.items()))

    def add(self, kind: str, category: str, outcome: str) -> None:
        """Count one feature's outcome: 'created', 'updated' or 'unchanged'."""
        counts = self.counts[kind].setdefault(category, CategoryCounts())
        setattr(counts, outcome, getattr(counts, outcome) + 1)

    def total(self, kind: str) -> CategoryCounts:
        """Counts summed over the categories of one kind."""
        out = CategoryCounts()
        for counts in self.counts[kind].values():
            out.created += counts.created
            out.updated += counts.updated
            out.unchanged += counts.unchanged
        return out

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form, used for the audit record."""
        return {
            "examined": self.examined,
            "features": self.features,
            "counts": {kind: {cat: asdict(c) for cat, c in sorted(cats.items())} for kind, cats in self.counts.items()},
            "not_seen": dict(self.not_seen),
            "skipped": {kind: {cat: dict(sorted(r.items())) for cat, r in sorted(cats.items())}
                        for kind, cats in self.skipped.items()},
            "cut": self.cut,
        }


def _coord(value: float) -> Decimal:
    """A coordinate as stored: six decimal places (about 0.1 m)."""
    return Decimal(value).quantize(SIX_PLACES, rounding=ROUND_HALF_EVEN)


def _footprint(area_m2: float | None) -> Decimal | None:
    """A footprint as stored: 0.1 m2."""
    return None if area_m2 is None else Decimal(area_m2).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)


def _site_category(tags: dict[str, str]) -> str | None:
    """The site category osm.py gives these tags, or None."""
    return next((category for kind, category in classify(tags) if kind == "site"), None)


def _readable(value: str) -> str:
    """A tag value as words: 'arts_centre' becomes 'arts centre'."""
    return value.replace("_", " ").strip()


def _former_use(tags: dict[str, str]) -> str:
    """What the lifecycle tags say the object was, e.g. 'bar' for disused:amenity=bar."""
    uses = [_readable(v) for k, v in sorted(tags.items())
            if k.startswith(LIFECYCLE_PREFIXES) and v.lower() not in NO_VALUES and v.lower() != "yes"]
    if not uses and any(tags.get(k, "no").lower() not in NO_VALUES for k in ("disused", "abandoned")):
        # A bare disused=yes keeps the old tags in place: the primary one names the former use.
        uses = [_readable(tags[k]) for k in PRIMARY_KEYS if tags.get(k) and tags[k] != "yes"][:1]
    return ", ".join(dict.fromkeys(uses))[:200]


def _building_type(tags: dict[str, str]) -> str:
    """The building value, looking behind lifecycle prefixes; 'yes' says nothing and is dropped."""
    for key in ("building", "disused:building", "abandoned:building"):
        value = tags.get(key, "")
        if value and value != "yes" and value.lower() not in NO_VALUES:
            return value[:60]
    return ""


def _address(tags: dict[str, str]) -> str:
    """A one-line postal address from addr:* tags, or ''."""
    street = " ".join(p for p in (tags.get("addr:street", ""), tags.get("addr:housenumber", "")) if p)
    place = " ".join(p for p in (tags.get("addr:postcode", ""), tags.get("addr:city", "")) if p)
    return ", ".join(p for p in (street, place) if p)[:300]


def _descriptive(tags: dict[str, str], category: str, osm_type: str, osm_id: int) -> dict[str, str]:
    """The tag-derived site fields that a user may edit."""
    name = tags.get("name", "").strip()
    if not name:
        # Made in the site language so a re-import compares the same text whatever the request language.
        with translation.override(settings.LANGUAGE_CODE):
            label = SITE_LABELS.get(category, gettext_lazy("Site"))
            name = _("%(label)s (%(type)s %(id)s)") % {"label": label, "type": osm_type, "id": osm_id}
    return {"name": name[:200], "address": _address(tags), "building_type": _building_type(tags),
            "former_use": _former_use(tags)}


def _poi_kind(tags: dict[str, str], category: str) -> str:
    """The tag value that put the object in its category, e.g. 'bus_stop' or 'architect'."""
    if category == PoiCategory.CREATIVE:
        office = tags.get("office", "")
        return (office if office in CREATIVE_OFFICES else tags.get("craft", ""))[:60]
    for key, values in POI_RULES.get(category, {}).items():
        if tags.get(key) in values:
            return tags[key][:60]
    return ""


class _Importer:
    """One import run: existing rows pre-loaded, changes flushed in bulk batches."""

    def __init__(self, actor: Any, city: City) -> None:
        self.actor = actor
        self.city = city
        self.summary = ImportSummary()
        self.now = timezone.now()
        # Soft-deleted and manual sites with an OSM id are loaded too: the unique constraint covers them.
        self.sites = {(s.osm_type, s.osm_id): s for s in Site.objects.filter(city=city, osm_id__isnull=False)}
        self.pois = {
            (osm_type, osm_id, category): (pk, (kind, name, lat, lon, area, cut))
            for pk, osm_type, osm_id, category, kind, name, lat, lon, area, cut in PointOfInterest.objects.filter(
                city=city, osm_id__isnull=False
            ).values_list("pk", "osm_type", "osm_id", "category", *POI_FIELDS)
        }
        self.seen_sites: set[tuple[str, int]] = set()
        self.seen_pois: set[tuple[str, int, str]] = set()
        self.new_sites: list[Site] = []
        self.changed_sites: list[Site] = []
        self.new_pois: list[PointOfInterest] = []
        self.changed_pois: list[PointOfInterest] = []

    def run(self, features: Iterable[OsmFeature]) -> ImportSummary:
        """Consume the features, write every change and return the summary."""
        for feature in features:
            self.summary.features += 1
            if feature.kind == "site":
                self._site(feature)
            elif feature.category in PoiCategory.values:
                self._poi(feature)
            pending = len(self.new_sites) + len(self.changed_sites) + len(self.new_pois) + len(self.changed_pois)
            if pending >= BATCH_SIZE:
                self._flush()
        self._flush()
        self.summary.not_seen = {"site": len(self.sites.keys() - self.seen_sites),
                                 "poi": len(self.pois.keys() - self.seen_pois)}
        return self.summary

    def _site(self, f: OsmFeature) -> None:
        key = (f.osm_type, f.osm_id)
        if key in self.seen_sites:
            return
        self.seen_sites.add(key)
        self.summary.cut += f.cut
        new = _descriptive(f.tags, f.category, f.osm_type, f.osm_id)
        geometry = {"latitude": _coord(f.lat), "longitude": _coord(f.lon), "footprint_m2": _footprint(f.area_m2),
                    "outline_cut": f.cut}
        site = self.sites.get(key)
        if site is None:
            self.new_sites.append(Site(
                city=self.city, source="osm", osm_type=f.osm_type, osm_id=f.osm_id, osm_tags=f.tags,
                status=SiteStatus.CANDIDATE, is_published=False, **new, **geometry,
            ))
            self.summary.add("site", f.category, "created")
            return
        old_category = _site_category(site.osm_tags) or f.category
        old = _descriptive(site.osm_tags, old_category, f.osm_type, f.osm_id)
        changed = False
        for name, text in new.items():
            current = getattr(site, name)
            # A value that is not what the stored tags give was typed by a user: keep it.
            if current == old[name] and current != text:
                setattr(site, name, text)
                changed = True
        measured: dict[str, Any] = {**geometry, "osm_tags": f.tags}
        for name, value in measured.items():
            if getattr(site, name) != value:
                setattr(site, name, value)
                changed = True
        if changed:
            site.updated_at = self.now
            self.changed_sites.append(site)
        self.summary.add("site", f.category, "updated" if changed else "unchanged")

    def _poi(self, f: OsmFeature) -> None:
        key = (f.osm_type, f.osm_id, f.category)
        if key in self.seen_pois:
            return
        self.seen_pois.add(key)
        self.summary.cut += f.cut
        values = (_poi_kind(f.tags, f.category), (f.name or "").strip()[:200], _coord(f.lat), _coord(f.lon),
                  _footprint(f.area_m2), f.cut)
        existing = self.pois.get(key)
        if existing is None:
            self.new_pois.append(PointOfInterest(
                city=self.city, category=f.category, source="osm", osm_type=f.osm_type, osm_id=f.osm_id,
                **dict(zip(POI_FIELDS, values, strict=True)),
            ))
            self.summary.add("poi", f.category, "created")
        elif existing[1] != values:
            self.changed_pois.append(PointOfInterest(pk=existing[0], **dict(zip(POI_FIELDS, values, strict=True))))
            self.summary.add("poi", f.category, "updated")
        else:
            self.summary.add("poi", f.category, "unchanged")

    def _flush(self) -> None:
        """Write the pending rows; sites with their history records."""
        user = self.actor if getattr(self.actor, "is_authenticated", False) else None
        if self.new_sites:
            bulk_create_with_history(self.new_sites, Site, batch_size=BATCH_SIZE, default_user=user,
                                     default_change_reason=CHANGE_REASON)
        if self.changed_sites:
            bulk_update_with_history(self.changed_sites, Site, SITE_UPDATE_FIELDS, batch_size=BATCH_SIZE,
                                     default_user=user, default_change_reason=CHANGE_REASON)
        if self.new_pois:
            PointOfInterest.objects.bulk_create(self.new_pois, batch_size=BATCH_SIZE)
        if self.changed_pois:
            PointOfInterest.objects.bulk_update(self.changed_pois, list(POI_FIELDS), batch_size=BATCH_SIZE)
        self.new_sites, self.changed_sites, self.new_pois, self.changed_pois = [], [], [], []


def _check_bbox(bbox: BBox | None) -> None:
    """Refuse a box that is not (min_lon, min_lat, max_lon, max_lat) in degrees."""
    if bbox is None:
        return
    min_lon, min_lat, max_lon, max_lat = bbox
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise DomainError(
            _("The bounding box must be min_lon,min_lat,max_lon,max_lat in degrees with min ≤ max."), "bbox"
        )


def import_osm(
    actor: Any,
    path: str | PathLike[str],
    city: City,
    bbox: BBox | None = None,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    """Upsert a city's sites and points of interest from an OSM extract in one transaction."""
    if actor is not None and not can(actor, ADD, Site(city=city)):
        raise NotInScope(_("You cannot import OpenStreetMap data into this city."), "city")
    _check_bbox(bbox)
    name = Path(path).name
    skipped: list[tuple[str, str, SkipReason]] = []
    examined = 0

    def report(seen: int, found: int) -> None:
        nonlocal examined
        examined = seen
        if progress is not None:
            progress(seen, found)

    try:
        # Read first, outside the transaction: see the module docstring.
        features = list(extract(path, bbox=bbox, progress=report, progress_every=5_000,
                                skip=lambda _t, _i, kind, category, reason: skipped.append((kind, category, reason))))
        with transaction.atomic():
            importer = _Importer(actor, city)
            importer.summary.examined = examined
            for kind, category, reason in skipped:
                importer.summary.skip(kind, category, reason)
            summary = importer.run(features)
            record_audit(actor, "import_osm", city, {"file": name, "bbox": list(bbox) if bbox else None,
                                                      **summary.as_dict()})
    except DomainError:
        raise
    except OsmError as exc:
        raise DomainError(
            _("The OpenStreetMap file could not be read, so nothing was imported: %(error)s") % {"error": exc}, "file"
        ) from exc
    except Exception as exc:
        # The transaction has rolled back; say so, and keep the cause chained for the log.
        raise DomainError(
            _("Importing %(file)s failed, so nothing was imported: %(error)s")
            % {"file": name, "error": f"{type(exc).__name__}: {exc}"},
            "file",
        ) from exc
    return summary
