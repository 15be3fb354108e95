"""Pilot projects in partner cities, with milestones."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creativepoles.core.models import City
from creativepoles.core.permissions import EDITORS, CityMember, Everyone, Network, Policy, ScopedQuerySet
from creativepoles.core.storage import PrivateFileField, upload_validator
from creativepoles.programme.models.project import CURRENCIES, Project


class PilotStatus(models.TextChoices):
    """Where a pilot stands."""

    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class PilotQuerySet(ScopedQuerySet[Any]):
    """Pilots are public; the city's editors run their own."""

    policy = Policy(
        view=Everyone(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
        evidence=CityMember("city") | Network(),
    )


class PilotProject(models.Model):
    """A small pilot project in one partner city."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pilots")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="pilot_projects")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    site_reference = models.CharField(
        _("site"), max_length=200, blank=True, help_text=_("The site of the spaces inventory, when known.")
    )
    # The spaces module's site id; resolved through the registry so programme never imports spaces.
    site_id = models.PositiveBigIntegerField(_("site in the spaces inventory"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, default=Decimal("0"),
                                 validators=[MinValueValidator(Decimal("0"))])
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="EUR")
    status = models.CharField(_("status"), max_length=12, choices=PilotStatus.choices, default=PilotStatus.PLANNED)
    evidence = PrivateFileField(
        _("evidence"), blank=True, download_view="programme:file-pilot",
        validators=[upload_validator("pdf", "png", "jpg", "jpeg", "docx", "odt")],
    )
    history = HistoricalRecords()

    objects = PilotQuerySet.as_manager()

    class Meta:
        ordering = ["city__name_en", "title"]
        verbose_name = _("pilot project")
        verbose_name_plural = _("pilot projects")

    def __str__(self) -> str:
        return f"{self.title} ({self.city})"


class Milestone(models.Model):
    """A dated step of a pilot project."""

    pilot = models.ForeignKey(PilotProject, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title
