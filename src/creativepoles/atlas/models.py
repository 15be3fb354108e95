"""The atlas's data: register firms, loaded NACE correspondences, denominators, reference totals, imports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City
from creativepoles.core.permissions import EDITORS, CityMember, Everyone, Network, Policy, ScopedQuerySet
from creativepoles.core.storage import PrivateFileField, random_name, upload_validator


class CodeStatus(models.TextChoices):
    """What the classification made of a firm's activity code."""

    OK = "ok", _("Classified")
    UNMAPPED = "unmapped", _("NACE Rev. 2.1 code without a loaded correspondence")
    MISSING = "missing", _("No activity code")


class FirmQuerySet(ScopedQuerySet["Firm"]):
    """Single firms are working data of their city (addresses of sole traders are private); the public sees
    only aggregates, through the statistics pages."""

    policy = Policy(
        view=CityMember("city") | Network(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class Firm(models.Model):
    """One enterprise of a city's business register, with its activity classified into a creative group."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="firms", verbose_name=_("city"))
    registry_id = models.CharField(_("registry id"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    nace_raw = models.CharField(_("activity code as given"), max_length=20, blank=True)
    nace_version = models.CharField(_("NACE version"), max_length=4, default="2")
    nace = models.CharField(_("NACE Rev. 2 class"), max_length=5, blank=True, db_index=True)
    group = models.CharField(_("creative group"), max_length=20, blank=True, db_index=True)
    code_status = models.CharField(_("code status"), max_length=10, choices=CodeStatus.choices, default=CodeStatus.OK)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    turnover = models.DecimalField(_("turnover"), max_digits=16, decimal_places=2, null=True, blank=True)
    founded = models.DateField(_("founded"), null=True, blank=True)
    closed = models.DateField(_("closed"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    sole_trader = models.BooleanField(_("sole trader"), default=False,
                                      help_text=_("A natural person's business: its address is never published."))
    synthetic = models.BooleanField(_("synthetic"), default=False,
                                    help_text=_("Made up for the demonstration, not a real firm."))
    updated_at = models.DateTimeField(auto_now=True)

    objects = FirmQuerySet.as_manager()

    class Meta:
        ordering = ["city", "name", "pk"]
        verbose_name = _("firm")
        verbose_name_plural = _("firms")
        constraints = [models.UniqueConstraint(fields=["city", "registry_id"], name="atlas_firm_city_registry")]
        indexes = [models.Index(fields=["city", "group"], name="atlas_firm_city_group")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("atlas:firm-detail", args=[self.pk])


class CorrespondenceQuerySet(ScopedQuerySet["Correspondence"]):
    """The loaded tables are public reference data; the network's managers load them."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())


class Correspondence(models.Model):
    """One link of a loaded NACE Rev. 2.1 → Rev. 2 correspondence table."""

    rev21 = models.CharField(_("NACE Rev. 2.1 class"), max_length=5, unique=True)
    rev2 = models.CharField(_("NACE Rev. 2 class"), max_length=5)
    source = models.CharField(_("source"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(auto_now=True)

    objects = CorrespondenceQuerySet.as_manager()

    class Meta:
        ordering = ["rev21"]
        verbose_name = _("NACE correspondence")
        verbose_name_plural = _("NACE correspondences")

    def __str__(self) -> str:
        return f"{self.rev21} → {self.rev2}"


class DenominatorQuerySet(ScopedQuerySet["Denominator"]):
    """A city's totals are public; its editors and the network's managers enter them."""

    policy = Policy(
        view=Everyone(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class Denominator(models.Model):
    """A city's whole economy in one year: all firms, all employment, population, and where they come from."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="denominators", verbose_name=_("city"))
    year = models.PositiveSmallIntegerField(_("year"))
    firms = models.PositiveIntegerField(_("all firms"))
    employment = models.PositiveIntegerField(_("all employment"))
    population = models.PositiveIntegerField(_("population"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    approximate = models.BooleanField(_("approximate"), default=False,
                                      help_text=_("Rounded or estimated figures rather than an official count."))

    objects = DenominatorQuerySet.as_manager()

    class Meta:
        ordering = ["city", "year"]
        verbose_name = _("denominator")
        verbose_name_plural = _("denominators")
        constraints = [models.UniqueConstraint(fields=["city", "year"], name="atlas_denominator_city_year")]

    def __str__(self) -> str:
        return f"{self.city} {self.year}"


class ReferenceQuerySet(ScopedQuerySet["ReferenceTotal"]):
    """National and EU totals are public reference data; the network's managers enter them."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())


class ReferenceTotal(models.Model):
    """A reference region's count in one year: a country ("LT") or the EU ("EU"), one group or all ("")."""

    region = models.CharField(_("region"), max_length=8, help_text=_("A country code such as LT, or EU."))
    year = models.PositiveSmallIntegerField(_("year"))
    group = models.CharField(_("creative group"), max_length=20, blank=True)
    firms = models.PositiveIntegerField(_("firms"))
    employment = models.PositiveIntegerField(_("employment"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    approximate = models.BooleanField(_("approximate"), default=False)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["region", "year", "group"]
        verbose_name = _("reference total")
        verbose_name_plural = _("reference totals")
        constraints = [models.UniqueConstraint(fields=["region", "year", "group"], name="atlas_reference_unique")]

    def __str__(self) -> str:
        return f"{self.region} {self.year} {self.group or '*'}"


class ImportStatus(models.TextChoices):
    """Where a register import stands."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Done")
    FAILED = "failed", _("Failed")


class RegisterImportQuerySet(ScopedQuerySet["RegisterImport"]):
    """A city's members and the network's managers see its register imports; its editors start them."""

    policy = Policy(view=CityMember("city") | Network(), add=CityMember("city", EDITORS) | Network())


def _upload_path(instance: Any, filename: str) -> str:
    return f"atlas/imports/{random_name(instance, filename)}"


class RegisterImport(models.Model):
    """One import of a register file (and optionally an activity-code file) into a city, run in the background."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="register_imports", verbose_name=_("city"))
    file = PrivateFileField(_("register file"), upload_to=_upload_path, blank=True,
                            validators=[upload_validator("csv", "xlsx")])
    activity_file = PrivateFileField(_("activity-code file"), upload_to=_upload_path, blank=True,
                                     validators=[upload_validator("csv", "xlsx")])
    file_name = models.CharField(_("file name"), max_length=200)
    layout = models.CharField(_("layout"), max_length=20, default="generic")
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows read"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RegisterImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")

    def __str__(self) -> str:
        return f"{self.city}: {self.file_name} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("atlas:import-detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        """Whether the run has ended (the page stops polling then)."""
        return self.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        """Progress in per cent of rows read."""
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
