"""Training packages (versioned), their modules and materials, the sessions held from them, and feedback."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City, Organisation
from creativepoles.core.permissions import (
    EDITORS,
    Assigned,
    CityMember,
    Everyone,
    Network,
    OrgMember,
    Owner,
    Policy,
    Role,
    ScopedQuerySet,
)
from creativepoles.core.storage import PrivateFileField, upload_validator

# Trainers are the consultant/trainer role of core; a city's editors also run the training of their city.
TRAINERS = (Role.CONSULTANT,)


class PackageFormat(models.TextChoices):
    """How a package is delivered."""

    TRAINING = "training", _("Training")
    PRACTICAL = "practical", _("Practical education")
    COACHING = "coaching", _("Coaching")
    CONSULTING = "consulting", _("Consulting")


class PackageStatus(models.TextChoices):
    """Whether the public sees a package version."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PackageQuerySet(ScopedQuerySet["TrainingPackage"]):
    """Published packages are public; the organisation's members and city editors see drafts; trainers write."""

    policy = Policy(
        view=Everyone(status=PackageStatus.PUBLISHED) | OrgMember("organisation")
        | CityMember("organisation__city", EDITORS) | Network(),
        add=OrgMember("organisation", TRAINERS) | CityMember("organisation__city", EDITORS) | Network(),
        change=OrgMember("organisation", TRAINERS) | CityMember("organisation__city", EDITORS) | Network(),
        delete=OrgMember("organisation", TRAINERS) | CityMember("organisation__city", EDITORS) | Network(),
    )


class TrainingPackage(models.Model):
    """One version of a training, practical-education, coaching or consulting package."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="training_packages",
                                     verbose_name=_("organisation"))
    # All versions of one package share the family id of the first version.
    family = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="versions",
                               verbose_name=_("first version"))
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    target_group = models.CharField(_("target group"), max_length=300)
    learning_outcomes = models.TextField(_("learning outcomes"))
    format = models.CharField(_("format"), max_length=12, choices=PackageFormat.choices,
                              default=PackageFormat.TRAINING)
    duration_hours = models.DecimalField(_("duration (hours)"), max_digits=6, decimal_places=1,
                                         validators=[MinValueValidator(0), MaxValueValidator(2000)])
    trainers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                      verbose_name=_("trainers"))
    status = models.CharField(_("status"), max_length=10, choices=PackageStatus.choices, default=PackageStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PackageQuerySet.as_manager()

    class Meta:
        ordering = ["title", "-version"]
        verbose_name = _("training package")
        verbose_name_plural = _("training packages")
        constraints = [models.UniqueConstraint(fields=["family", "version"], name="learning_package_version")]

    def __str__(self) -> str:
        return str(_("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version})

    def get_absolute_url(self) -> str:
        return reverse("learning:package-detail", args=[self.pk])


class PackageModule(models.Model):
    """A module of a package: what a session covers."""

    package = models.ForeignKey(TrainingPackage, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, default=0,
                                validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["package", "order", "pk"]
        verbose_name = _("package module")
        verbose_name_plural = _("package modules")

    def __str__(self) -> str:
        return f"{self.package.title} · {self.title}"


class MaterialQuerySet(ScopedQuerySet["PackageMaterial"]):
    """Materials go with their package version: public when it is published."""

    policy = Policy(
        view=Everyone(package__status=PackageStatus.PUBLISHED) | OrgMember("package__organisation")
        | CityMember("package__organisation__city", EDITORS) | Network(),
        add=OrgMember("package__organisation", TRAINERS) | CityMember("package__organisation__city", EDITORS)
        | Network(),
    )


class PackageMaterial(models.Model):
    """A file handed out with a package (slides, worksheets)."""

    package = models.ForeignKey(TrainingPackage, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = PrivateFileField(_("file"), download_view="learning:material", download_args=("package_id", "pk"),
                            validators=[upload_validator("pdf", "docx", "odt", "xlsx", "png", "jpg")])

    objects = MaterialQuerySet.as_manager()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self) -> str:
        return self.title


def _token() -> str:
    return secrets.token_urlsafe(24)


class SessionQuerySet(ScopedQuerySet["TrainingSession"]):
    """The city's members see its sessions; trainers see theirs; the city's editors and trainers record them."""

    policy = Policy(
        view=CityMember("city") | Assigned("trainers") | Network(),
        add=CityMember("city", TRAINERS + EDITORS) | Network(),
        change=Assigned("trainers") | CityMember("city", EDITORS) | Network(),
        delete=CityMember("city", EDITORS) | Network(),
    )


class TrainingSession(models.Model):
    """One held session of a package module: its hours count toward the city's training indicator."""

    package = models.ForeignKey(TrainingPackage, on_delete=models.PROTECT, related_name="sessions",
                                verbose_name=_("package"))
    module = models.ForeignKey(PackageModule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("module"))
    course_module = models.ForeignKey("learning.CourseModule", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="sessions", verbose_name=_("course module"))
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="training_sessions",
                             verbose_name=_("city"))
    date = models.DateField(_("date"))
    duration_hours = models.DecimalField(_("duration (hours)"), max_digits=5, decimal_places=2,
                                         validators=[MinValueValidator(0), MaxValueValidator(24)])
    trainers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                      verbose_name=_("trainers"))
    counted_participants = models.PositiveIntegerField(_("participants counted"), default=0,
                                                       help_text=_("People present who did not register."))
    feedback_token = models.CharField(max_length=64, default=_token, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.package.title} · {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("learning:session-detail", args=[self.pk])

    def feedback_url(self) -> str:
        """The link participants get after the session."""
        return reverse("learning:feedback", args=[self.feedback_token])


class ParticipantQuerySet(ScopedQuerySet["Participant"]):
    """A participant is seen by the session's trainers, by themself, and by the network's managers.

    Registering and attendance are writes to the session (its `change` right), so no write is declared here."""

    policy = Policy(view=Assigned("session__trainers") | Owner("user") | Network())


class Participant(models.Model):
    """A registered participant of a session, with their attendance."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    name = models.CharField(_("name"), max_length=200)
    attended = models.BooleanField(_("attended"), default=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["session", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class Feedback(models.Model):
    """Anonymous feedback on a session, given through the session's link."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.session}: {self.rating}"


def session_summary(session: TrainingSession) -> dict[str, Any]:
    """Registered, attended and counted participants and the mean rating of one session."""
    rows = list(session.participants.all())
    ratings = [f.rating for f in session.feedback.all()]
    return {"registered": len(rows), "attended": sum(1 for r in rows if r.attended),
            "total": sum(1 for r in rows if r.attended) + session.counted_participants,
            "rating": round(sum(ratings) / len(ratings), 1) if ratings else None, "responses": len(ratings)}
