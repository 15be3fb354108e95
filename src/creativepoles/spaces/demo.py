"""Demo sites: former industrial buildings in the partner cities that became, or could become,
creative spaces. Names are real where given; coordinates are approximate (city-map precision),
floor areas and conditions are illustrative."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from creativepoles.core.demo import Demo, DemoContext, ensure_row
from creativepoles.spaces.models import Method, PointOfInterest, Site, SiteStatus
from creativepoles.spaces.services import assessment
from creativepoles.spaces.services.accessibility import compute_accessibility

NOTE = "Demo record: real place, approximate coordinates; areas and condition are illustrative."
# city, name, former use, lat, lon, floor area m², floors, condition, ownership, status, heritage
SITES: list[tuple[str, str, str, str, str, int, int, str, str, str, bool]] = [
    ("klaipeda", "Kultūros fabrikas (Bangų g. 5A)", "Tobacco factory", "55.7078", "21.1356", 3000, 3, "good",
     "municipal", SiteStatus.OCCUPIED, False),
    ("klaipeda", "Port-side warehouse, Naujoji Uosto g.", "Port warehouse", "55.7155", "21.1225", 2200, 2, "poor",
     "state", SiteStatus.CANDIDATE, False),
    ("klaipeda", "Former linen mill buildings, Tilžės g.", "Textile mill", "55.6935", "21.1540", 4100, 3, "fair",
     "private", SiteStatus.CANDIDATE, True),
    ("brandenburg", "Brennabor-Werke", "Bicycle and car factory", "52.4160", "12.5395", 5200, 4, "poor",
     "private", SiteStatus.CANDIDATE, True),
    ("brandenburg", "Industriemuseum (Siemens-Martin steelworks)", "Steelworks", "52.4190", "12.5150", 2600, 1,
     "fair", "municipal", SiteStatus.OCCUPIED, True),
    ("cottbus", "Dieselkraftwerk Cottbus", "Diesel power station", "51.7587", "14.3372", 1800, 2, "good",
     "state", SiteStatus.OCCUPIED, True),
    ("cottbus", "Cloth factory halls, Ostrower Damm", "Cloth factory", "51.7510", "14.3420", 3500, 3, "poor",
     "private", SiteStatus.CANDIDATE, False),
    ("zielona-gora", "Former Polska Wełna wool mill", "Wool mill", "51.9420", "15.5060", 6000, 4, "poor",
     "private", SiteStatus.CANDIDATE, False),
    ("zielona-gora", "Winery warehouse, Moniuszki St", "Winery storage", "51.9370", "15.5090", 900, 2, "fair",
     "municipal", SiteStatus.SELECTED, True),
    ("linkoping", "Tannefors industrial halls", "Workshops", "58.4050", "15.6450", 2800, 2, "fair",
     "private", SiteStatus.CANDIDATE, False),
    ("linkoping", "Former regiment stables, Garnisonen", "Military stables", "58.4025", "15.5900", 1500, 1,
     "good", "municipal", SiteStatus.CANDIDATE, True),
    ("ostsam", "Strykjärnet, Norrköping industrial landscape", "Textile mill", "58.5895", "16.1865", 4300, 6,
     "good", "municipal", SiteStatus.OCCUPIED, True),
    ("ostsam", "Holmens bruk halls, Norrköping", "Paper and textile mills", "58.5905", "16.1800", 5000, 4,
     "fair", "private", SiteStatus.CANDIDATE, True),
    ("tartu", "Aparaaditehas (Kastani 42)", "Secret Soviet apparatus factory", "58.3716", "26.7126", 6000, 3,
     "good", "private", SiteStatus.OCCUPIED, False),
    ("tartu", "Tartu Centre for Creative Industries (Kalevi 17)", "Residential and workshop building", "58.3780",
     "26.7350", 1200, 2, "fair", "municipal", SiteStatus.PILOT, False),
    ("tartu", "Railway depot sheds, Vaksali", "Railway depot", "58.3745", "26.7050", 2000, 1, "poor", "state",
     SiteStatus.CANDIDATE, False),
]
# Illustrative points of interest around each city centre: (category, kind, name, dlat, dlon).
POIS: list[tuple[str, str, str, float, float]] = [
    ("transit", "bus_stop", "Central stop", 0.0, 0.001), ("transit", "bus_stop", "Market stop", 0.004, -0.003),
    ("transit", "station", "Railway station", -0.008, -0.01), ("education", "university", "University", 0.006, 0.008),
    ("culture", "theatre", "Theatre", 0.001, 0.002), ("culture", "library", "Library", -0.002, 0.004),
    ("creative", "architect", "Architecture studio", 0.003, 0.005),
    ("creative", "advertising_agency", "Design agency", -0.004, -0.002),
]
DEFAULT_CRITERIA = [
    {"code": "area", "source_field": "gross_floor_area_m2", "weight": "0.20"},
    {"code": "condition", "source_field": "condition", "weight": "0.20"},
    {"code": "centre", "source_field": "centre_m", "weight": "0.20"},
    {"code": "stops", "source_field": "stops_within", "weight": "0.15"},
    {"code": "public", "source_field": "public_ownership", "weight": "0.15"},
    {"code": "heritage", "source_field": "heritage_protected", "weight": "0.10"},
]


def _link_pilots(manager: Any) -> None:
    """Each demo pilot project takes place on its city's pilot, occupied or selected site."""
    from creativepoles.programme.models import PilotProject
    from creativepoles.programme.services.records import update_pilot

    preferred = [SiteStatus.PILOT, SiteStatus.OCCUPIED, SiteStatus.SELECTED]
    for pilot in PilotProject.objects.filter(site_id__isnull=True):
        site = next((s for status in preferred for s in Site.objects.filter(city=pilot.city, status=status)), None)
        if site is not None:
            update_pilot(manager, pilot, site_id=site.pk, site_reference=site.name)


@transaction.atomic
def load_spaces_demo(context: DemoContext) -> None:
    """Create the demo sites and points of interest, compute accessibility, run a default method per city."""
    cities = context.cities
    manager = context.users["manager"]
    # Accessibility is recomputed only where a site or point moved: each run writes an audit entry.
    changed: set[str] = set()
    for slug, name, former, lat, lon, area, floors, condition, ownership, status, heritage in SITES:
        _site, written = ensure_row(Site, {"city": cities[slug], "name": name}, {
            "former_use": former, "latitude": Decimal(lat), "longitude": Decimal(lon),
            "gross_floor_area_m2": Decimal(area), "floors": floors, "condition": condition, "ownership": ownership,
            "heritage_protected": heritage, "is_published": True, "source": "demo",
            "description": NOTE, "vacant_since": None if status == SiteStatus.OCCUPIED else dt.date(2008, 1, 1),
            "deleted_at": None,
        }, initial={"status": status})  # assessment moves candidates on; a second load must not move them back
        if written:
            changed.add(slug)
    for slug, city in cities.items():
        for category, kind, name, dlat, dlon in POIS:
            _poi, written = ensure_row(
                PointOfInterest, {"city": city, "source": "demo", "osm_id": None, "name": name, "category": category},
                {"kind": kind, "latitude": (city.latitude + Decimal(str(dlat))).quantize(Decimal("0.000001")),
                 "longitude": (city.longitude + Decimal(str(dlon))).quantize(Decimal("0.000001"))})
            if written:
                changed.add(slug)
        if slug in changed:
            compute_accessibility(city)
        if not Method.objects.filter(city=city, name="Creative reuse potential").exists() and \
                Site.objects.filter(city=city).count() >= 2:
            method = assessment.create_method(
                manager, city, "Creative reuse potential", DEFAULT_CRITERIA,
                perspective="redevelopment potential", description="Demo default method.",
            )
            assessment.run_assessment(manager, method)
    _link_pilots(manager)


# After programme: each demo pilot project is placed on one of these sites.
DEMO = Demo(name="spaces", depends_on=("core", "programme"), load=load_spaces_demo)
