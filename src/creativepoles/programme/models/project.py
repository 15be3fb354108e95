"""The project record, its timeline and reporting periods, and its partners."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creativepoles.core.models import City, Organisation
from creativepoles.core.permissions import Everyone, Network, Policy, ScopedQuerySet

CURRENCIES = [("EUR", "EUR"), ("LTL", "LTL")]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (periods start on the 1st, so no month-end clipping is needed)."""
    month_index = day.month - 1 + months
    return day.replace(year=day.year + month_index // 12, month=month_index % 12 + 1)


class ProjectQuerySet(ScopedQuerySet["Project"]):
    """Projects are public records; only programme managers change them."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network(), audit=Network())


class Project(models.Model):
    """A cooperation project: its facts, phases and total budget."""

    title = models.CharField(_("title"), max_length=200)
    title_local = models.CharField(_("local title"), max_length=200, blank=True)
    acronym = models.SlugField(_("short name"), unique=True)
    number = models.CharField(_("number"), max_length=40, blank=True)
    programme_name = models.CharField(_("funding programme"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    start_date = models.DateField(_("start"))
    contracting_months = models.PositiveSmallIntegerField(_("contracting phase (months)"), default=3)
    implementation_months = models.PositiveSmallIntegerField(_("implementation phase (months)"), default=36)
    closing_months = models.PositiveSmallIntegerField(_("closing phase (months)"), default=3)
    period_months = models.PositiveSmallIntegerField(
        _("reporting period (months)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    total_amount = models.DecimalField(_("total budget"), max_digits=14, decimal_places=2)
    total_currency = models.CharField(_("decided in"), max_length=3, choices=CURRENCIES, default="EUR")
    stated_other_amount = models.DecimalField(
        _("counter-value stated in the source"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("The other currency's figure as the source document gives it; the difference is shown."),
    )
    history = HistoricalRecords()

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:dashboard", args=[self.acronym])

    @property
    def total_months(self) -> int:
        return self.contracting_months + self.implementation_months + self.closing_months

    def phases(self) -> list[tuple[str, dt.date, dt.date]]:
        """Phases in order with first and last day; each starts the day after the previous ends."""
        out = []
        start = self.start_date
        for label, months in (
            (_("Contracting"), self.contracting_months),
            (_("Implementation"), self.implementation_months),
            (_("Closing"), self.closing_months),
        ):
            end = add_months(start, months)
            out.append((str(label), start, end - dt.timedelta(days=1)))
            start = end
        return out

    @property
    def end_date(self) -> dt.date:
        return add_months(self.start_date, self.total_months) - dt.timedelta(days=1)

    def period_bounds(self) -> list[tuple[int, dt.date, dt.date]]:
        """Reporting periods covering the whole timeline; the last one is cut at the project end."""
        bounds = []
        start, number = self.start_date, 1
        while start <= self.end_date:
            end = min(add_months(start, self.period_months) - dt.timedelta(days=1), self.end_date)
            bounds.append((number, start, end))
            start, number = end + dt.timedelta(days=1), number + 1
        return bounds


class Period(models.Model):
    """A reporting period, generated from the project's timeline."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("number"))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    deadline = models.DateField(_("reporting deadline"), null=True, blank=True)
    deadline_kind = models.CharField(
        _("deadline for"), max_length=8, default="both",
        choices=[("content", _("content report")), ("finance", _("financial report")), ("both", _("both"))])

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="period_unique_number")]

    def __str__(self) -> str:
        return f"{_('Period')} {self.number} ({self.start:%Y-%m-%d} – {self.end:%Y-%m-%d})"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class PartnerRole(models.TextChoices):
    """Lead partner or partner."""

    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")


class PartnerQuerySet(ScopedQuerySet["Partner"]):
    """Partners are public; budgets are changed by programme managers only."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())


class Partner(models.Model):
    """An organisation taking part in a project, with its budget currency."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships")
    role = models.CharField(_("role"), max_length=10, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    number = models.PositiveSmallIntegerField(_("partner number"), default=1)
    currency = models.CharField(_("budget decided in"), max_length=3, choices=CURRENCIES, default="EUR")
    budget_note = models.CharField(_("budget note"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="partner_unique_organisation"),
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="lead"), name="partner_single_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"PP{self.number} {self.organisation}"

    @property
    def city(self) -> City:
        return self.organisation.city

    def get_absolute_url(self) -> str:
        return reverse("programme:partner-detail", args=[self.project.acronym, self.pk])

