"""Cities, organisations, memberships and the audit trail."""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.scoping import ScopedQuerySet, scope_for


def validate_time_zone(value: str) -> None:
    """Accept only IANA time-zone names."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class Role(models.TextChoices):
    """What a member may do; scope follows the member organisation's city."""

    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    CITY_EDITOR = "city_editor", _("City editor")
    CONSULTANT = "consultant", _("Consultant")
    VIEWER = "viewer", _("Viewer")


class CityQuerySet(ScopedQuerySet["City"]):
    """Cities are public; only programme managers change them."""

    city_path = "pk"
    public_q = Q(pk__isnull=False)
    change_roles = ()

    def editable_by(self, user: Any) -> CityQuerySet:
        """Cities whose data this user may write (city editors: theirs; programme managers: all)."""
        scope = scope_for(user)
        return self.all() if scope.everything else self.filter(pk__in=scope.cities_for_roles([Role.CITY_EDITOR]))


class City(models.Model):
    """A city of the network."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("local name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120)
    country = models.CharField(
        _("country"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the ISO 3166-1 alpha-2 code, e.g. LT."))],
        help_text=_("ISO 3166-1 alpha-2 code"),
    )
    nuts3 = models.CharField(
        _("NUTS-3 code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{2}[A-Z0-9]{3}$", _("A NUTS-3 code has five characters, e.g. LT023."))],
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    is_partner = models.BooleanField(_("partner city"), default=True)

    objects = CityQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("core:city-detail", args=[self.slug])


class OrganisationKind(models.TextChoices):
    """Kinds of organisation taking part."""

    MUNICIPALITY = "municipality", _("Municipality")
    DEVELOPMENT_AGENCY = "development_agency", _("Development agency")
    UNIVERSITY = "university", _("University")
    ADVISORY_CENTRE = "advisory_centre", _("Advisory centre")
    COMPANY = "company", _("Company")
    NGO = "ngo", _("NGO")
    OTHER = "other", _("Other")


class OrganisationQuerySet(ScopedQuerySet["Organisation"]):
    """Public organisations are listed for everyone; editors change their own city's."""

    public_q = Q(is_public=True, deleted_at__isnull=True)

    def alive(self) -> OrganisationQuerySet:
        """Organisations not soft-deleted."""
        return self.filter(deleted_at__isnull=True)


class Organisation(models.Model):
    """A municipality, agency, university, company or other body of a city."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="organisations")
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    coordinates_network = models.BooleanField(
        _("coordinates the network"), default=False,
        help_text=_("The lead partner: its programme managers see and change every city's data."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["city__name_en", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="organisation_unique_name_per_city")]

    def __str__(self) -> str:
        return self.name_en or self.name

    def get_absolute_url(self) -> str:
        return reverse("core:organisation-detail", args=[self.pk])


class Membership(models.Model):
    """A user's role in an organisation; the role's reach is the organisation's city."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


class AuditEntry(models.Model):
    """One write made through a service function: who, what, when, which fields."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Who it was, in words: the link above empties when the account is deleted, the trail must not.
    actor_name = models.CharField(max_length=254, blank=True)
    verb = models.CharField(max_length=64)
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.model}#{self.object_id}"


def record_audit(actor: Any, verb: str, obj: models.Model, changes: Mapping[str, Any] | None = None) -> AuditEntry:
    """Write an audit entry; called by service functions inside their transaction."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username()[:254] if user is not None else "",
        verb=verb,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=str(obj)[:300],
        changes=dict(changes or {}),
    )
