"""Cities, organisations, memberships and the audit trail."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.permissions import (
    EDITORS,
    CityMember,
    Everyone,
    Network,
    OrgMember,
    Owner,
    Policy,
    Role,
    ScopedQuerySet,
    SignedIn,
    targets,
)


def validate_time_zone(value: str) -> None:
    """Accept only IANA time-zone names."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


__all__ = ["Role"]  # re-exported: the roles are declared with the permission model


class CityQuerySet(ScopedQuerySet["City"]):
    """Cities are public; only the network's managers add or change them."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())

    def editable_by(self, user: Any, model: Any = None, action: str = "add") -> CityQuerySet:
        """Cities where the user may add (or `action`) rows of `model` (organisations by default)."""
        return targets(user, action, model or Organisation, "city", self)  # type: ignore[no-any-return]


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
    # A partner may be a region that contains another partner city (Östsam is the regional council of
    # Östergötland, which contains Linköping): the contained city's inhabitants are already in the region's.
    part_of = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="parts",
        help_text=_("The region that contains this city; its inhabitants are counted once, with the region."),
    )

    objects = CityQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.name_en

    def clean(self) -> None:
        """A city cannot contain itself, directly or through its regions."""
        region, seen = self.part_of, {self.pk}
        while region is not None:
            if region.pk in seen:
                raise ValidationError({"part_of": _("A city cannot lie inside itself.")})
            seen.add(region.pk)
            region = region.part_of

    def get_absolute_url(self) -> str:
        return reverse("core:city-detail", args=[self.slug])


def counted_population(cities: Iterable[City]) -> int:
    """Inhabitants of the cities, each counted once: a city whose region is also among them is skipped."""
    rows = list(cities)
    counted = {city.pk for city in rows}
    return sum(city.population or 0 for city in rows if city.part_of_id not in counted)  # type: ignore[attr-defined]


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
    """Public organisations are listed for everyone, the rest for the city's members; editors change their city's."""

    policy = Policy(
        view=Everyone(is_public=True, deleted_at__isnull=True) | CityMember("city") | Network(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )

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


class MembershipQuerySet(ScopedQuerySet["Membership"]):
    """A user sees their own memberships; the network's managers grant and see all."""

    policy = Policy(view=Owner("user") | Network(), add=Network(), change=Network(), delete=Network())


class Membership(models.Model):
    """A user's role in an organisation; the role's reach is the organisation's city."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


class AuditEntryQuerySet(ScopedQuerySet["AuditEntry"]):
    """Members read the changes of their city's records and of their organisation's; managers read all."""

    # An entry carries either the city that owns the record (sites, pilots, organisations) or the organisation
    # that owns it (a partner's money and reports), so one organisation's spending is not shown city-wide.
    policy = Policy(view=CityMember("city") | OrgMember("organisation") | Network(), audit=Network())


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
    # Whose record it is, for scoping and the history filters; SET_NULL keeps the entry when either goes.
    city = models.ForeignKey(City, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["model", "-at"], name="audit_model_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.model}#{self.object_id}"


def audit_owner(obj: Any) -> tuple[int | None, int | None]:
    """(city id, organisation id) owning a record: a partner's records belong to its organisation, else the city."""
    explicit = getattr(obj, "audit_owner", None)
    if callable(explicit):
        return explicit()  # type: ignore[no-any-return]
    if isinstance(obj, City):
        return obj.pk, None
    partner = getattr(obj, "partner", None) if hasattr(obj, "partner_id") else None
    if partner is not None:
        return None, partner.organisation_id
    if getattr(obj, "city_id", None) is not None:
        return obj.city_id, None
    if getattr(obj, "organisation_id", None) is not None:
        return None, obj.organisation_id
    pilot = getattr(obj, "pilot", None) if hasattr(obj, "pilot_id") else None
    if pilot is not None:
        return pilot.city_id, None
    return None, None


def record_audit(actor: Any, verb: str, obj: models.Model, changes: Mapping[str, Any] | None = None) -> AuditEntry:
    """Write an audit entry; called by service functions inside their transaction."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    city_id, organisation_id = audit_owner(obj)
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username()[:254] if user is not None else "",
        verb=verb,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=str(obj)[:300],
        changes=dict(changes or {}),
        city_id=city_id,
        organisation_id=organisation_id,
    )


class RoleRequestStatus(models.TextChoices):
    """Where a request for a role stands."""

    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class RoleRequestQuerySet(ScopedQuerySet["RoleRequest"]):
    """Anyone signed in asks; the organisation's city editors and the network's managers decide."""

    policy = Policy(
        view=Owner("user") | CityMember("organisation__city", EDITORS) | Network(),
        add=SignedIn(),
        change=CityMember("organisation__city", EDITORS) | Network(),
    )


class RoleRequest(models.Model):
    """A signed-up user's request for a role in an organisation, approved or declined by those who decide."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_requests")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="role_requests")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=12, choices=RoleRequestStatus.choices,
                              default=RoleRequestStatus.PENDING)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = RoleRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")
        constraints = [models.UniqueConstraint(fields=["user", "organisation", "role"],
                                               condition=models.Q(status="pending"),
                                               name="role_request_one_pending")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.organisation}"

    def audit_owner(self) -> tuple[int | None, int | None]:
        """A request belongs to the organisation it asks to join."""
        return None, self.organisation_id


class Notification(models.Model):
    """A message to one user, shown in the app and, when e-mailed, sent through the tasks worker."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # Which module and event sent it, e.g. "programme.report_reminder"; lets a module find its own notes.
    kind = models.CharField(_("kind"), max_length=80, default="message")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    # A path inside the platform (never an external address), so a link in a note cannot lead elsewhere.
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.subject}"


class DueJobRecord(models.Model):
    """What a due job has done for one object and date; the unique key makes a second run send nothing twice."""

    job = models.CharField(max_length=80)
    key = models.CharField(max_length=200)
    due_on = models.DateField()
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("due job record")
        verbose_name_plural = _("due job records")
        constraints = [models.UniqueConstraint(fields=["job", "key", "due_on"], name="due_job_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.key} {self.due_on}"
