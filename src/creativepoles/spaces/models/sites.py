"""The vacant-building inventory, points of interest around it, and per-city cost parameters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creativepoles.core.models import City
from creativepoles.core.permissions import EDITORS, CityMember, Everyone, Network, Policy, ScopedQuerySet
from creativepoles.core.storage import PrivateFileField, random_name, upload_validator

CURRENCIES = [("EUR", "EUR"), ("LTL", "LTL"), ("PLN", "PLN"), ("SEK", "SEK")]


class SiteStatus(models.TextChoices):
    """Where a site stands in the selection process."""

    CANDIDATE = "candidate", _("Candidate")
    ASSESSED = "assessed", _("Assessed")
    SELECTED = "selected", _("Selected")
    IN_PREPARATION = "in_preparation", _("In preparation")
    PILOT = "pilot", _("Pilot")
    OCCUPIED = "occupied", _("Occupied")
    REJECTED = "rejected", _("Rejected")


class Ownership(models.TextChoices):
    """Who owns the site."""

    MUNICIPAL = "municipal", _("Municipal")
    STATE = "state", _("State")
    PRIVATE = "private", _("Private")
    UNKNOWN = "unknown", _("Unknown")


class Condition(models.TextChoices):
    """Condition grade of the building fabric, which drives the renovation unit cost."""

    GOOD = "good", _("Good: usable after light works")
    FAIR = "fair", _("Fair: needs refurbishment")
    POOR = "poor", _("Poor: needs major repairs")
    RUIN = "ruin", _("Ruin: structural works needed")


class SiteQuerySet(ScopedQuerySet["Site"]):
    """Published sites are public; the city's members see all of its sites; its editors change them."""

    policy = Policy(
        view=Everyone(is_published=True, deleted_at__isnull=True) | CityMember("city") | Network(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )

    def alive(self) -> SiteQuerySet:
        """Sites not soft-deleted."""
        return self.filter(deleted_at__isnull=True)


class Site(models.Model):
    """A vacant building or public space that could host creative industries."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="sites")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6,
                                   validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))])
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6,
                                    validators=[MinValueValidator(Decimal("-180")),
                                                MaxValueValidator(Decimal("180"))])
    geometry = models.JSONField(_("geometry (GeoJSON)"), null=True, blank=True,
                                help_text=_("A GeoJSON Point or Polygon in WGS84; the point above is its centre."))
    former_use = models.CharField(_("former use"), max_length=200, blank=True)
    building_type = models.CharField(_("building type"), max_length=60, blank=True)
    footprint_m2 = models.DecimalField(_("footprint (m²)"), max_digits=12, decimal_places=1, null=True, blank=True)
    floors = models.PositiveSmallIntegerField(_("floors"), null=True, blank=True,
                                              validators=[MinValueValidator(1), MaxValueValidator(100)])
    gross_floor_area_m2 = models.DecimalField(_("gross floor area (m²)"), max_digits=12, decimal_places=1,
                                              null=True, blank=True)
    year_built = models.PositiveSmallIntegerField(_("year built"), null=True, blank=True,
                                                  validators=[MinValueValidator(1000), MaxValueValidator(2100)])
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices, default=Condition.FAIR)
    heritage_protected = models.BooleanField(_("heritage protected"), default=False)
    ownership = models.CharField(_("ownership"), max_length=10, choices=Ownership.choices, default=Ownership.UNKNOWN)
    owner_contact = models.TextField(_("owner contact"), blank=True, help_text=_("Never shown publicly."))
    vacant_since = models.DateField(_("vacant since"), null=True, blank=True)
    fully_vacant = models.BooleanField(_("fully vacant"), default=True)
    utilities = models.JSONField(_("utilities"), default=list, blank=True,
                                 help_text=_("e.g. electricity, water, heating, broadband"))
    contamination_suspected = models.BooleanField(_("contamination suspected"), default=False)
    asking_rent_m2_month = models.DecimalField(_("asking rent per m² and month"), max_digits=10, decimal_places=2,
                                               null=True, blank=True)
    asking_price = models.DecimalField(_("asking price"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="EUR")
    status = models.CharField(_("status"), max_length=16, choices=SiteStatus.choices, default=SiteStatus.CANDIDATE)
    is_published = models.BooleanField(_("published"), default=False)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=20, default="manual")
    osm_type = models.CharField(max_length=10, blank=True)
    osm_id = models.BigIntegerField(null=True, blank=True)
    osm_tags = models.JSONField(default=dict, blank=True)
    # The OSM outline crosses the extract's edge: built from the nodes present, so the footprint is a lower bound.
    outline_cut = models.BooleanField(_("outline cut at the extract's edge"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["osm_tags"])

    objects = SiteQuerySet.as_manager()

    class Meta:
        ordering = ["city__name_en", "name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.UniqueConstraint(fields=["city", "osm_type", "osm_id"], condition=Q(osm_id__isnull=False),
                                    name="site_unique_osm_object"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("spaces:site-detail", args=[self.pk])


class SiteStatusChange(models.Model):
    """One step in a site's status history."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=16, choices=SiteStatus.choices, blank=True)
    new_status = models.CharField(max_length=16, choices=SiteStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Empty once the account is deleted (the audit entry keeps the name), so the record stays editable.
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.site}: {self.old_status} → {self.new_status}"


def _upload_path(instance: Any, filename: str) -> str:
    # Photos are public files of public sites; the random name keeps those of unpublished sites unguessable.
    return f"sites/{random_name(instance, filename)}"


class SitePhoto(models.Model):
    """A photo of a site."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("image"), upload_to=_upload_path,
                              validators=[upload_validator("jpg", "jpeg", "png", "webp")])
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or self.image.name or ""


class SiteDocumentQuerySet(ScopedQuerySet["SiteDocument"]):
    """Public documents of published sites are public; the others stay with the site's city and managers."""

    policy = Policy(
        view=Everyone(is_public=True, site__is_published=True, site__deleted_at__isnull=True)
        | CityMember("site__city") | Network(),
        add=CityMember("site__city", EDITORS) | Network(),
        change=CityMember("site__city", EDITORS) | Network(),
        delete=CityMember("site__city", EDITORS) | Network(),
    )


class SiteDocument(models.Model):
    """A document attached to a site (survey, plan, title deed)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = PrivateFileField(_("file"), download_view="spaces:site-document", download_args=("site_id", "pk"),
                            validators=[upload_validator("pdf", "png", "jpg", "jpeg", "dwg", "dxf", "docx", "odt",
                                                         "xlsx")])
    is_public = models.BooleanField(_("public"), default=False)

    objects = SiteDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class PoiCategory(models.TextChoices):
    """Kinds of point of interest that make a site accessible and lively."""

    TRANSIT = "transit", _("Public-transport stop")
    EDUCATION = "education", _("University or college")
    CULTURE = "culture", _("Cultural venue")
    CREATIVE = "creative", _("Creative firm")


class PoiQuerySet(ScopedQuerySet["PointOfInterest"]):
    """Points of interest come from open data and are public."""

    policy = Policy(view=Everyone(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class PointOfInterest(models.Model):
    """A stop, university, cultural venue or creative firm near sites."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="points_of_interest")
    category = models.CharField(_("category"), max_length=12, choices=PoiCategory.choices)
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    source = models.CharField(max_length=20, default="osm")
    osm_type = models.CharField(max_length=10, blank=True)
    osm_id = models.BigIntegerField(null=True, blank=True)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=12, decimal_places=1, null=True, blank=True)
    # As on Site: the outline crosses the extract's edge and the area is a lower bound.
    outline_cut = models.BooleanField(_("outline cut at the extract's edge"), default=False)

    objects = PoiQuerySet.as_manager()

    class Meta:
        ordering = ["city", "category", "name"]
        verbose_name = _("point of interest")
        verbose_name_plural = _("points of interest")
        constraints = [
            models.UniqueConstraint(fields=["city", "osm_type", "osm_id", "category"],
                                    condition=Q(osm_id__isnull=False), name="poi_unique_osm_object"),
        ]
        indexes = [models.Index(fields=["city", "category"])]

    def __str__(self) -> str:
        return self.name or f"{self.get_category_display()} {self.osm_type}/{self.osm_id}"


class Accessibility(models.Model):
    """Distances and counts around a site, computed on EPSG:3035 with a spatial index."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="accessibility")
    centre_m = models.FloatField(_("distance to the city centre (m)"))
    nearest_stop_m = models.FloatField(_("nearest public-transport stop (m)"), null=True)
    stops_within = models.PositiveIntegerField(_("stops within radius"), default=0)
    nearest_university_m = models.FloatField(_("nearest university or college (m)"), null=True)
    culture_within = models.PositiveIntegerField(_("cultural venues within radius"), default=0)
    creative_within = models.PositiveIntegerField(_("creative firms within radius"), default=0)
    # Where the creative firms came from: the city's business register when one is loaded, else OpenStreetMap.
    creative_source = models.CharField(_("creative firms counted from"), max_length=10, blank=True,
                                       choices=[("register", _("the business register")),
                                                ("osm", _("OpenStreetMap offices and crafts"))])
    radii = models.JSONField(default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")

    def __str__(self) -> str:
        return f"{self.site}: {self.centre_m:.0f} m to centre"


class ParametersQuerySet(ScopedQuerySet["PreInvestmentParameters"]):
    """A city's pre-investment assumptions are public; its editors change them."""

    policy = Policy(view=Everyone(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class PreInvestmentParameters(models.Model):
    """A city's cost and rent assumptions for the pre-investment model, with their sources."""

    city = models.OneToOneField(City, on_delete=models.CASCADE, related_name="preinvestment_parameters")
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="EUR")
    unit_costs = models.JSONField(_("renovation cost per m² by condition"), default=dict)
    heritage_surcharge_pct = models.DecimalField(_("heritage surcharge (%)"), max_digits=5, decimal_places=2,
                                                 default=Decimal("15"))
    remediation_surcharge_pct = models.DecimalField(_("remediation surcharge (%)"), max_digits=5,
                                                    decimal_places=2, default=Decimal("10"))
    public_share_pct = models.DecimalField(_("public pre-investment share (%)"), max_digits=5, decimal_places=2,
                                           default=Decimal("60"))
    market_rent_m2_month = models.DecimalField(_("market rent per m² and month"), max_digits=8, decimal_places=2,
                                               default=Decimal("8"))
    affordable_rent_m2_month = models.DecimalField(_("affordable rent per m² and month"), max_digits=8,
                                                   decimal_places=2, default=Decimal("4"))
    occupancy_pct = models.DecimalField(_("occupancy (%)"), max_digits=5, decimal_places=2, default=Decimal("80"))
    operating_cost_m2_year = models.DecimalField(_("operating cost per m² and year"), max_digits=8,
                                                 decimal_places=2, default=Decimal("18"))
    horizon_years = models.PositiveSmallIntegerField(_("horizon (years)"), default=20,
                                                     validators=[MinValueValidator(1), MaxValueValidator(60)])
    discount_rate_pct = models.DecimalField(_("discount rate (%)"), max_digits=5, decimal_places=2,
                                            default=Decimal("4"))
    sources = models.TextField(_("sources of the defaults"), blank=True)
    history = HistoricalRecords()

    objects = ParametersQuerySet.as_manager()

    class Meta:
        verbose_name = _("pre-investment parameters")
        verbose_name_plural = _("pre-investment parameters")

    def __str__(self) -> str:
        return f"{self.city}: pre-investment parameters"
