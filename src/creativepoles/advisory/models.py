"""Business plans written by entrepreneurs with their consultants, and consultation sessions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City, Organisation
from creativepoles.core.permissions import (
    Assigned,
    Network,
    OrgMember,
    Owner,
    Policy,
    Role,
    ScopedQuerySet,
    SignedIn,
)
from creativepoles.core.storage import PrivateFileField, upload_validator


class PlanStatus(models.TextChoices):
    """Where a plan stands in its review."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")


# The entrepreneur writes while the plan is theirs to change; the consultant reviews what was submitted.
EDITABLE = (PlanStatus.DRAFT, PlanStatus.CHANGES_REQUESTED)


class BusinessPlanQuerySet(ScopedQuerySet["BusinessPlan"]):
    """An entrepreneur sees their own plans, a consultant their clients' plans, the network's managers all."""

    policy = Policy(
        view=Owner("owner") | Assigned("adviser") | Network(),
        add=SignedIn(),
        change=Owner("owner") | Network(),
        delete=Owner("owner") | Network(),
        # Reviewing: comment, request changes, approve.
        control=Assigned("adviser") | Network(),
        audit=Owner("owner") | Assigned("adviser") | Network(),
    )


class BusinessPlan(models.Model):
    """An entrepreneur's business plan: sections, a financial model, a consultant's review and its versions."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entrepreneur"), on_delete=models.CASCADE,
                              related_name="business_plans")
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Consultant"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="client_plans")
    centre = models.ForeignKey(Organisation, verbose_name=_("advisory centre"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    template = models.CharField(_("creative group"), max_length=40, blank=True)
    firm_name = models.CharField(_("firm"), max_length=200, blank=True)
    # A firm of the business register, through core.enterprises (no foreign key: the atlas may be absent).
    enterprise_id = models.PositiveBigIntegerField(null=True, blank=True)
    # The premises: a site of the spaces inventory, read through spaces.services.
    site_id = models.PositiveBigIntegerField(null=True, blank=True)
    premises_area_m2 = models.DecimalField(_("premises area (m²)"), max_digits=9, decimal_places=1, null=True,
                                           blank=True, validators=[MinValueValidator(Decimal("1"))])
    financials = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = BusinessPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("business plan")
        verbose_name_plural = _("business plans")
        indexes = [models.Index(fields=["city", "status"], name="advisory_plan_city_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("advisory:plan-detail", args=[self.pk])

    def audit_owner(self) -> tuple[int | None, int | None]:
        """A plan is private to its people: the audit entry names the centre, not the city."""
        return None, self.centre_id

    @property
    def is_editable(self) -> bool:
        """Whether the entrepreneur may still change the plan."""
        return self.status in EDITABLE

    def section_texts(self) -> dict[str, str]:
        """The text of each written section, by key."""
        return {row.key: row.text for row in self.section_rows.all()}


class PlanSection(models.Model):
    """The text of one section of a plan (a row of its own, so that search and translation checks see it)."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="section_rows")
    key = models.CharField(max_length=40)
    text = models.TextField(_("text"), blank=True, max_length=20000)

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="advisory_section_unique")]

    def __str__(self) -> str:
        return f"{self.plan_id} · {self.key}"


class PlanCommentQuerySet(ScopedQuerySet["PlanComment"]):
    """Comments are read by the plan's people; the consultant writes them."""

    policy = Policy(
        view=Owner("plan__owner") | Assigned("plan__adviser") | Network(),
        add=Assigned("plan__adviser") | Network(),
    )


class PlanComment(models.Model):
    """A consultant's comment on one section of a plan (or on its financials), at a version."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=40)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comment"), max_length=4000)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("plan comment")
        verbose_name_plural = _("plan comments")

    def __str__(self) -> str:
        return f"{self.plan} · {self.section}"


class PlanVersionQuerySet(ScopedQuerySet["PlanVersion"]):
    """Versions are read by the plan's people."""

    policy = Policy(view=Owner("plan__owner") | Assigned("plan__adviser") | Network())


class PlanVersion(models.Model):
    """What a plan said when it was submitted: the text of every section and its financial inputs."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    sections = models.JSONField(default=dict)
    financials = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="advisory_version_unique")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class SessionMode(models.TextChoices):
    """How a session took place."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class ConsultationSessionQuerySet(ScopedQuerySet["ConsultationSession"]):
    """A centre's sessions are read by its members; its consultants record them; the network sees all."""

    policy = Policy(
        view=OrgMember("centre") | Assigned("adviser") | Owner("clients") | Network(),
        add=OrgMember("centre", (Role.CONSULTANT,)) | Network(),
        change=Assigned("adviser") | Network(),
        delete=Assigned("adviser") | Network(),
        evidence=OrgMember("centre") | Assigned("adviser") | Network(),
    )


class ConsultationSession(models.Model):
    """Consulting given to clients: its hours count toward the programme's consulting-and-training hours."""

    date = models.DateField(_("date"))
    duration_hours = models.DecimalField(_("duration (hours)"), max_digits=5, decimal_places=2,
                                         validators=[MinValueValidator(Decimal("0.25")),
                                                     MaxValueValidator(Decimal("12"))])
    city = models.ForeignKey(City, verbose_name=_("city"), on_delete=models.PROTECT, related_name="+")
    centre = models.ForeignKey(Organisation, verbose_name=_("advisory centre"), on_delete=models.PROTECT,
                               related_name="+")
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Consultant"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    clients = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("clients"), blank=True,
                                     related_name="consultation_sessions")
    topic = models.CharField(_("topic"), max_length=200)
    mode = models.CharField(_("format"), max_length=12, choices=SessionMode.choices, default=SessionMode.IN_PERSON)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    evidence = PrivateFileField(_("evidence"), blank=True, download_view="advisory:session-evidence",
                                validators=[upload_validator("pdf", "png", "jpg", "jpeg")])
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsultationSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("consultation session")
        verbose_name_plural = _("consultation sessions")
        indexes = [models.Index(fields=["city", "date"], name="advisory_session_city_date")]

    def __str__(self) -> str:
        return f"{self.date} · {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("advisory:session-detail", args=[self.pk])
