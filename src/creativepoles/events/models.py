"""The marketing and events concept, campaigns, events, registrations and personal feed tokens."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City
from creativepoles.core.permissions import EDITORS, CityMember, Everyone, Network, Owner, Policy, ScopedQuerySet


def new_code() -> str:
    """A secret, unguessable code (check-in QR codes, personal feed URLs)."""
    return secrets.token_urlsafe(18)


class ConceptStatus(models.TextChoices):
    """Where a version of the concept stands."""

    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class ConceptQuerySet(ScopedQuerySet["ConceptVersion"]):
    """The concept is the network's public strategy; its programme managers write and approve it."""

    policy = Policy(view=Everyone(), add=Network(), change=Network(), delete=Network())


class ConceptVersion(models.Model):
    """One version of the international marketing and events concept."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    target_markets = models.TextField(_("target markets"), blank=True)
    positioning = models.TextField(_("positioning"), blank=True)
    audiences = models.TextField(_("audiences"), blank=True)
    channels = models.TextField(_("channels"), blank=True)
    annual_calendar = models.TextField(_("annual calendar"), blank=True)
    kpis = models.TextField(_("key performance indicators"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ConceptStatus.choices, default=ConceptStatus.DRAFT)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConceptQuerySet.as_manager()

    SECTIONS = ("target_markets", "positioning", "audiences", "channels", "annual_calendar", "kpis")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("concept version")
        verbose_name_plural = _("concept versions")

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"

    def get_absolute_url(self) -> str:
        return reverse("events:concept-version", args=[self.pk])


class CampaignStatus(models.TextChoices):
    """A campaign's stage."""

    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class CampaignQuerySet(ScopedQuerySet["Campaign"]):
    """Campaigns are public; the city's editors and the network's managers run them."""

    policy = Policy(
        view=Everyone(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class Campaign(models.Model):
    """An event campaign in one partner city, with its budget and its reach."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="event_campaigns", verbose_name=_("city"))
    theme = models.CharField(_("theme"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2, default=0,
                                 validators=[MinValueValidator(0)])
    budget_lines = models.ManyToManyField("programme.BudgetLine", blank=True, related_name="event_campaigns",
                                          verbose_name=_("budget lines"))
    channels = models.CharField(_("channels"), max_length=300, blank=True)
    reach_target = models.PositiveIntegerField(_("target reach"), default=0)
    reach_achieved = models.PositiveIntegerField(_("achieved reach"), default=0)
    registrations_target = models.PositiveIntegerField(_("target registrations"), default=0)
    attendance_target = models.PositiveIntegerField(_("target attendance"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=CampaignStatus.choices,
                              default=CampaignStatus.PLANNED)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "theme"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="campaign_ends_after_start")]

    def __str__(self) -> str:
        return self.theme

    def get_absolute_url(self) -> str:
        return reverse("events:campaign-detail", args=[self.pk])


class EventType(models.TextChoices):
    """What kind of event it is."""

    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    EXHIBITION = "exhibition", _("Exhibition")
    NETWORKING = "networking", _("Networking")
    FESTIVAL = "festival", _("Festival")
    WEBINAR = "webinar", _("Webinar")


class EventStatus(models.TextChoices):
    """Whether the public sees the event, and whether it still takes place."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(ScopedQuerySet["Event"]):
    """Published (and cancelled) events are public; the city's members see drafts; its editors organise."""

    policy = Policy(
        view=Everyone(is_public=True) | CityMember("city") | Network(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class Event(models.Model):
    """An event of a city, in the city's time zone, with its venue, capacity and registration window."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="events", verbose_name=_("city"))
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="events",
                                 verbose_name=_("campaign"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Other languages' texts: {"lt": {"title": ..., "description": ...}}; the page falls back to the above.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=EventType.choices, default=EventType.WORKSHOP)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                   validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                    validators=[MinValueValidator(-180), MaxValueValidator(180)])
    site_id = models.PositiveIntegerField(_("site of the inventory"), null=True, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1), MaxValueValidator(100000)])
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    # [{"key": "diet", "label": "Dietary needs", "required": false}]
    questions = models.JSONField(_("questions"), default=list, blank=True)
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT)
    is_public = models.BooleanField(default=False, editable=False, db_index=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["is_public", "starts_at"]), models.Index(fields=["city", "starts_at"]),
            # Covers the feed's ETag (count and newest change from a date on) and the calendar's page count, so
            # both read the index alone: SQLite cannot use an index that starts with the boolean it filters on.
            models.Index(fields=["starts_at", "is_public", "updated_at"], name="events_window_covering_idx"),
        ]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")),
                                              name="event_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.is_public = self.status != EventStatus.DRAFT
        if kwargs.get("update_fields") is not None and "status" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "is_public"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:event-detail", args=[self.pk])

    def text(self, name: str) -> str:
        """The title or description in the active language, else the default text."""
        local = self.translations.get(translation.get_language() or "", {}) if isinstance(self.translations,
                                                                                        dict) else {}
        value = local.get(name) if isinstance(local, dict) else None
        return str(value) if value else str(getattr(self, name))

    @property
    def local_title(self) -> str:
        return self.text("title")

    @property
    def local_description(self) -> str:
        return self.text("description")

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED


class RegistrationStatus(models.TextChoices):
    """Where a registration stands: a seat, a request awaiting approval, the waiting list, or cancelled."""

    CONFIRMED = "confirmed", _("Confirmed")
    PENDING = "pending", _("Awaiting approval")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# Registrations that hold a seat: a confirmed one, or one awaiting the organiser's approval.
HOLDS_SEAT = (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING)
ACTIVE = (*HOLDS_SEAT, RegistrationStatus.WAITING)


class RegistrationQuerySet(ScopedQuerySet["Registration"]):
    """A registrant's own rows; the event's organisers (the city's editors) and the network's managers."""

    policy = Policy(
        view=Owner("owner") | CityMember("event__city", EDITORS) | Network(),
        change=Owner("owner") | CityMember("event__city", EDITORS) | Network(),
    )


class Registration(models.Model):
    """One person's registration for an event: their answers, their place, their check-in."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="event_registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices)
    code = models.CharField(max_length=40, unique=True, default=new_code, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "email"], condition=~Q(status="cancelled") & ~Q(
            email=""), name="registration_once_per_address")]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("events:registration", args=[self.code])


class FeedTokenQuerySet(ScopedQuerySet["FeedToken"]):
    """A person's own feed tokens."""

    policy = Policy(view=Owner("owner"), add=Owner("owner"), change=Owner("owner"))


class FeedToken(models.Model):
    """The secret in a person's personal feed URL; revoking it ends that URL."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed_tokens")
    token = models.CharField(max_length=40, unique=True, default=new_code, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")

    def __str__(self) -> str:
        return f"{self.owner} feed"
