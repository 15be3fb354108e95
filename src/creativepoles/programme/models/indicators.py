"""Output indicators with targets; achieved values come from module providers or manual entries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City
from creativepoles.core.permissions import EDITORS, CityMember, Everyone, Network, Policy, ScopedQuerySet
from creativepoles.core.storage import PrivateFileField, upload_validator
from creativepoles.programme.models.project import Project


class IndicatorQuerySet(ScopedQuerySet[Any]):
    """Indicators and targets are public; programme managers define them."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())


class Indicator(models.Model):
    """An output indicator: unit, baseline, target, and which module counts it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=Decimal("0"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    target_note = models.CharField(_("target as the source states it"), max_length=200, blank=True)
    provider = models.CharField(
        _("counted by"), max_length=60, blank=True,
        help_text=_("Key of the module counter; empty or not installed means manual values."),
    )
    due_date = models.DateField(_("due by"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["project", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="indicator_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndicatorValueQuerySet(ScopedQuerySet[Any]):
    """Manual values: public once entered; a city's editors enter their city's values."""

    # The value is public; its evidence (attendance lists, signed documents) stays with the city and managers.
    policy = Policy(
        view=Everyone(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
        evidence=CityMember("city") | Network(),
    )


class IndicatorValue(models.Model):
    """A manually recorded contribution to an indicator, with its evidence."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="manual_values")
    city = models.ForeignKey(City, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    recorded_on = models.DateField(_("recorded on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    evidence = PrivateFileField(
        _("evidence"), blank=True, download_view="programme:file-indicator-value",
        validators=[upload_validator("pdf", "png", "jpg", "jpeg", "docx", "odt", "xlsx")],
    )
    evidence_url = models.URLField(_("evidence link"), blank=True)
    # Empty once the account is deleted (the audit entry keeps the name), so the record stays editable.
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"
