"""Partner profiles, brokerage events and meeting requests, clusters with members and activities."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.clusters.taxonomy import GROUPS, LANGUAGES, TAGS
from creativepoles.core.permissions import (
    EDITORS,
    CityMember,
    Everyone,
    Network,
    Owner,
    Policy,
    ScopedQuerySet,
    SignedIn,
)
from creativepoles.core.storage import PrivateFileField, upload_validator


class Visibility(models.TextChoices):
    """Who sees a profile: everyone (and the matcher), or only its owner."""

    PUBLIC = "public", _("Visible to everyone and suggested to others")
    HIDDEN = "hidden", _("Hidden: only you see it, it is never suggested")


class Cooperation(models.TextChoices):
    """What firms may do together (the seed's joint product, services or marketing)."""

    PRODUCT = "product", _("Joint product")
    SERVICE = "service", _("Joint services")
    MARKETING = "marketing", _("Joint marketing")


def _keys(value: Any, allowed: tuple[tuple[str, Any], ...], label: str) -> None:
    keys = {k for k, _label in allowed}
    if not isinstance(value, list) or not all(isinstance(v, str) and v in keys for v in value):
        raise ValidationError(_("Choose %(what)s from the list.") % {"what": label})


def validate_tags(value: Any) -> None:
    """A list of taxonomy tag keys."""
    _keys(value, TAGS, str(_("tags")))


def validate_languages(value: Any) -> None:
    """A list of language codes offered by the form."""
    _keys(value, LANGUAGES, str(_("languages")))


def validate_interests(value: Any) -> None:
    """A list of cooperation kinds."""
    _keys(value, tuple(Cooperation.choices), str(_("cooperation interests")))


class ProfileQuerySet(ScopedQuerySet["Profile"]):
    """A public profile is seen by everyone; a hidden one only by its owner. Only the owner changes it."""

    policy = Policy(
        view=Everyone(visibility=Visibility.PUBLIC) | Owner("owner"),
        add=SignedIn(),
        change=Owner("owner"),
    )

    def suggestible(self) -> ProfileQuerySet:
        """Profiles that may be suggested to others."""
        return self.filter(visibility=Visibility.PUBLIC)


class Profile(models.Model):
    """A firm's partner profile: what it offers and seeks, in words and tags, and how it wants to cooperate."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cluster_profiles",
                              verbose_name=_("owner"))
    firm_name = models.CharField(_("firm"), max_length=200)
    enterprise_id = models.PositiveBigIntegerField(
        _("register firm"), null=True, blank=True,
        help_text=_("The firm in the city's business register, when one is loaded; else the firm is self-registered."))
    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="cluster_profiles",
                             verbose_name=_("city"))
    group = models.CharField(_("creative group"), max_length=40, choices=GROUPS)
    offers = models.TextField(_("what we offer"), max_length=2000)
    seeks = models.TextField(_("what we seek"), max_length=2000)
    offer_tags = models.JSONField(_("offer tags"), default=list, blank=True, validators=[validate_tags])
    seek_tags = models.JSONField(_("request tags"), default=list, blank=True, validators=[validate_tags])
    languages = models.JSONField(_("languages"), default=list, blank=True, validators=[validate_languages])
    interests = models.JSONField(_("cooperation interests"), default=list, blank=True,
                                 validators=[validate_interests])
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["firm_name", "pk"]
        verbose_name = _("partner profile")
        verbose_name_plural = _("partner profiles")

    def __str__(self) -> str:
        return self.firm_name

    def get_absolute_url(self) -> str:
        return reverse("clusters:profile-detail", args=[self.pk])


class BrokerageEventQuerySet(ScopedQuerySet["BrokerageEvent"]):
    """Published events are public; the host city's members see its drafts; its editors run them."""

    policy = Policy(
        view=Everyone(is_published=True) | CityMember("city") | Network(),
        add=CityMember("city", EDITORS) | Network(),
        change=CityMember("city", EDITORS) | Network(),
    )


class BrokerageEvent(models.Model):
    """A matchmaking event: firms request meetings, the scheduler places accepted ones into slots and tables."""

    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="brokerage_events",
                             verbose_name=_("host city"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("first meeting slot starts"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per meeting"), default=20,
                                                    validators=[MinValueValidator(5), MaxValueValidator(180)])
    slots = models.PositiveSmallIntegerField(_("meeting slots"), default=12,
                                             validators=[MinValueValidator(1), MaxValueValidator(200)])
    tables = models.PositiveSmallIntegerField(_("tables"), default=10,
                                              validators=[MinValueValidator(1), MaxValueValidator(500)])
    is_published = models.BooleanField(_("published"), default=True)
    scheduled_at = models.DateTimeField(_("scheduled at"), null=True, blank=True)
    schedule_mode = models.CharField(_("scheduling mode"), max_length=20, blank=True)
    schedule_bound = models.PositiveIntegerField(_("upper bound of meetings"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BrokerageEventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("brokerage event")
        verbose_name_plural = _("brokerage events")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("clusters:event-detail", args=[self.pk])


class MeetingStatus(models.TextChoices):
    """A meeting request's life: asked, then accepted or declined by the invitee (or withdrawn)."""

    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Withdrawn")


class MeetingRequestQuerySet(ScopedQuerySet["MeetingRequest"]):
    """Seen by the two firms' owners and by the host city's editors; answered or withdrawn by the two firms."""

    policy = Policy(
        view=Owner("requester__owner") | Owner("invitee__owner") | CityMember("event__city", EDITORS) | Network(),
        add=SignedIn(),
        change=Owner("requester__owner") | Owner("invitee__owner"),
    )


class MeetingRequest(models.Model):
    """One firm asks another for a meeting at an event; the scheduler gives accepted ones a slot and a table."""

    event = models.ForeignKey(BrokerageEvent, on_delete=models.CASCADE, related_name="meetings",
                              verbose_name=_("event"))
    requester = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="requests_made",
                                  verbose_name=_("requested by"))
    invitee = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="requests_received",
                                verbose_name=_("invitee"))
    message = models.TextField(_("message"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices,
                              default=MeetingStatus.REQUESTED)
    slot = models.PositiveSmallIntegerField(_("slot"), null=True, blank=True)
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["event", "slot", "table", "pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [models.UniqueConstraint(fields=["event", "requester", "invitee"], name="one_request_per_pair")]

    def __str__(self) -> str:
        return f"{self.requester} – {self.invitee}"

    def slot_start(self) -> Any:
        """When the meeting starts (None before scheduling)."""
        import datetime as dt

        if self.slot is None:
            return None
        return self.event.starts_at + dt.timedelta(minutes=self.event.slot_minutes * self.slot)

    def slot_end(self) -> Any:
        """When the meeting ends (None before scheduling)."""
        import datetime as dt

        start = self.slot_start()
        return None if start is None else start + dt.timedelta(minutes=self.event.slot_minutes)


class ClusterStatus(models.TextChoices):
    """A cluster's life; established and active clusters count toward the programme's indicator."""

    FORMING = "forming", _("Forming")
    ESTABLISHED = "established", _("Established")
    ACTIVE = "active", _("Active")
    DISSOLVED = "dissolved", _("Dissolved")


COUNTED = (ClusterStatus.ESTABLISHED, ClusterStatus.ACTIVE)
MIN_CITIES = 3


class ClusterQuerySet(ScopedQuerySet["Cluster"]):
    """Published clusters are public; the coordinating city's members and the founder see the rest; the founder
    and the city's editors change it."""

    policy = Policy(
        view=Everyone(is_published=True) | Owner("created_by") | CityMember("city") | Network(),
        add=SignedIn(),
        change=Owner("created_by") | CityMember("city", EDITORS) | Network(),
        evidence=Owner("created_by") | CityMember("city") | Network(),
    )


class Cluster(models.Model):
    """A multilateral cluster of firms from the partner cities around a joint product, service or marketing."""

    name = models.CharField(_("name"), max_length=200)
    focus = models.TextField(_("focus"), max_length=2000)
    cooperation = models.CharField(_("cooperation type"), max_length=10, choices=Cooperation.choices)
    status = models.CharField(_("status"), max_length=12, choices=ClusterStatus.choices,
                              default=ClusterStatus.FORMING)
    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="clusters",
                             verbose_name=_("coordinating city"))
    agreement = PrivateFileField(_("cooperation agreement"), blank=True, download_view="clusters:cluster-agreement",
                                 validators=[upload_validator("pdf", "docx", "odt")])
    is_published = models.BooleanField(_("published"), default=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="clusters_founded", verbose_name=_("founded by"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clusters:cluster-detail", args=[self.pk])


class ClusterMemberQuerySet(ScopedQuerySet["ClusterMember"]):
    """Members are seen with their cluster."""

    policy = Policy(
        view=Everyone(cluster__is_published=True) | Owner("cluster__created_by") | CityMember("cluster__city")
        | Network(),
    )


class ClusterMember(models.Model):
    """A firm in a cluster, with its contact person; linked to its partner profile when it has one."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members", verbose_name=_("cluster"))
    profile = models.ForeignKey(Profile, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="cluster_memberships", verbose_name=_("profile"))
    firm_name = models.CharField(_("firm"), max_length=200)
    city = models.ForeignKey("core.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city"))
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    role = models.CharField(_("role in the cluster"), max_length=200, blank=True)

    objects = ClusterMemberQuerySet.as_manager()

    class Meta:
        ordering = ["firm_name", "pk"]
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")

    def __str__(self) -> str:
        return self.firm_name


class ActivityKind(models.TextChoices):
    """What a cluster did: a joint activity or a joint offer to the market."""

    ACTIVITY = "activity", _("Activity")
    OFFER = "offer", _("Joint offer")


class ClusterActivityQuerySet(ScopedQuerySet["ClusterActivity"]):
    """Activities are seen with their cluster."""

    policy = Policy(
        view=Everyone(cluster__is_published=True) | Owner("cluster__created_by") | CityMember("cluster__city")
        | Network(),
    )


class ClusterActivity(models.Model):
    """A joint activity or offer of a cluster."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="activities",
                                verbose_name=_("cluster"))
    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices, default=ActivityKind.ACTIVITY)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True, max_length=4000)

    objects = ClusterActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("cluster activity")
        verbose_name_plural = _("cluster activities")

    def __str__(self) -> str:
        return self.title
