"""OpenStreetMap imports started from the browser, run by the tasks worker."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City
from creativepoles.core.permissions import EDITORS, CityMember, Network, Policy, ScopedQuerySet
from creativepoles.core.storage import PrivateFileField, random_name, upload_validator


class ImportStatus(models.TextChoices):
    """Where an import run stands."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Done")
    FAILED = "failed", _("Failed")


class ImportRunQuerySet(ScopedQuerySet["ImportRun"]):
    """A city's members and the network's managers see its imports; its editors start them."""

    policy = Policy(
        view=CityMember("city") | Network(),
        add=CityMember("city", EDITORS) | Network(),
    )


def _upload_path(instance: Any, filename: str) -> str:
    # The extract is private working data: it is read by the worker and deleted when the run ends.
    return f"imports/{random_name(instance, filename)}"


class ImportRun(models.Model):
    """One import of an OpenStreetMap extract into a city: who, when, how far, and what it did."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="import_runs")
    file = PrivateFileField(_("OpenStreetMap extract"), upload_to=_upload_path, blank=True,
                            validators=[upload_validator("pbf", "osm")],
                            help_text=_("An .osm.pbf or .osm file, e.g. a city extract from Geofabrik or BBBike."))
    file_name = models.CharField(_("file name"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    objects_read = models.PositiveBigIntegerField(_("OSM objects read"), default=0)
    features_found = models.PositiveIntegerField(_("features found"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    # Empty once the account is deleted (the audit entry keeps the name).
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("OpenStreetMap import")
        verbose_name_plural = _("OpenStreetMap imports")

    def __str__(self) -> str:
        return f"{self.city}: {self.file_name} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("spaces:import-detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        """Whether the run has ended, well or not (the page stops polling then)."""
        return self.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED)
