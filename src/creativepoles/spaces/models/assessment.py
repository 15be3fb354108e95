"""Named, versioned assessment methods with criteria and weights; stored, reproducible runs."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creativepoles.core.models import City
from creativepoles.core.permissions import EDITORS, CityMember, Everyone, Network, Policy, ScopedQuerySet
from creativepoles.spaces.models.sites import Site


class Normalisation(models.TextChoices):
    """How criteria values are made comparable."""

    MINMAX = "minmax", _("Min-max (cost criteria inverted)")
    VECTOR = "vector", _("Vector (classic TOPSIS)")


class Aggregation(models.TextChoices):
    """How normalised, weighted values become one score."""

    WEIGHTED_SUM = "weighted_sum", _("Weighted sum")
    TOPSIS = "topsis", _("TOPSIS closeness")


class WeightSource(models.TextChoices):
    """Where the weights come from."""

    DIRECT = "direct", _("Entered directly")
    AHP = "ahp", _("AHP pairwise comparison")


class MethodQuerySet(ScopedQuerySet["Method"]):
    """Methods are public (the method is part of the evidence); a city's editors keep their own."""

    policy = Policy(view=Everyone(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class Method(models.Model):
    """A named, versioned way of ranking sites: criteria, weights, normalisation and aggregation."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="assessment_methods")
    name = models.CharField(_("name"), max_length=120)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    description = models.TextField(_("description"), blank=True)
    perspective = models.CharField(_("perspective"), max_length=60, blank=True,
                                   help_text=_("e.g. redevelopment potential, marketability, risk"))
    normalisation = models.CharField(_("normalisation"), max_length=10, choices=Normalisation.choices,
                                     default=Normalisation.MINMAX)
    aggregation = models.CharField(_("aggregation"), max_length=14, choices=Aggregation.choices,
                                   default=Aggregation.WEIGHTED_SUM)
    weight_source = models.CharField(_("weights"), max_length=8, choices=WeightSource.choices,
                                     default=WeightSource.DIRECT)
    pairwise = models.JSONField(_("AHP pairwise matrix"), null=True, blank=True)
    consistency_ratio = models.FloatField(_("consistency ratio"), null=True, blank=True)
    locked = models.BooleanField(_("locked"), default=False,
                                 help_text=_("A method that has runs is locked; change it by making a new version."))
    # Empty once the account is deleted (the audit entry keeps the name), so the record stays editable.
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = MethodQuerySet.as_manager()

    class Meta:
        ordering = ["city__name_en", "name", "-version"]
        verbose_name = _("assessment method")
        verbose_name_plural = _("assessment methods")
        constraints = [models.UniqueConstraint(fields=["city", "name", "version"], name="method_unique_version")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("spaces:method-detail", args=[self.pk])


class Criterion(models.Model):
    """One criterion of a method: which site value it reads, its direction and weight."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="criteria")
    code = models.SlugField(_("code"), max_length=30)
    label = models.CharField(_("label"), max_length=120)
    source_field = models.CharField(_("source"), max_length=40)
    benefit = models.BooleanField(_("benefit (more is better)"), default=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=7, decimal_places=5, default=Decimal("0"),
                                 validators=[MinValueValidator(Decimal("0"))])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["method", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["method", "code"], name="criterion_unique_code")]

    def __str__(self) -> str:
        return self.label


class RunQuerySet(ScopedQuerySet["AssessmentRun"]):
    """Runs are public evidence once made; a city's editors make them."""

    # Anyone sees rankings (of the sites they may see); the full inputs name unpublished sites: city members only.
    policy = Policy(view=Everyone(), audit=CityMember("city") | Network(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class AssessmentRun(models.Model):
    """One application of a method to a city's sites, stored with every input so it can be reproduced."""

    method = models.ForeignKey(Method, on_delete=models.PROTECT, related_name="runs")
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="assessment_runs")
    inputs = models.JSONField(help_text=_("Sites, criteria values, weights, normalisation and aggregation."))
    sensitivity = models.JSONField(default=dict, blank=True)
    # Empty once the account is deleted (the audit entry keeps the name), so the record stays editable.
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assessment run")
        verbose_name_plural = _("assessment runs")

    def __str__(self) -> str:
        return f"{self.method} · {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("spaces:run-detail", args=[self.pk])


class AssessmentResult(models.Model):
    """A site's score and rank in a run, with each criterion's contribution."""

    run = models.ForeignKey(AssessmentRun, on_delete=models.CASCADE, related_name="results")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="assessment_results")
    score = models.FloatField(_("score"))
    rank = models.PositiveIntegerField(_("rank"))
    contributions = models.JSONField(default=dict)
    rank_stability = models.FloatField(_("rank kept under weight changes"), null=True, blank=True)

    class Meta:
        ordering = ["run", "rank"]
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")
        constraints = [models.UniqueConstraint(fields=["run", "site"], name="result_unique_site")]

    def __str__(self) -> str:
        return f"{self.site}: #{self.rank} ({self.score:.3f})"


