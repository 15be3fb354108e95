"""Summer academy: editions and their call, applications, conflict-aware reviews, the selection, teams."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core.permissions import (
    EDITORS,
    Assigned,
    CityMember,
    Everyone,
    Network,
    Owner,
    Policy,
    ScopedQuerySet,
    SignedIn,
)
from creativepoles.core.storage import PrivateFileField, upload_validator

# The host city's editors and the network's managers run an edition.
MANAGERS = CityMember("city", EDITORS) | Network()
APP_MANAGERS = CityMember("edition__city", EDITORS) | Network()


class EditionQuerySet(ScopedQuerySet["Edition"]):
    """Published editions for everyone; the host city's editors and the network's managers run them."""

    policy = Policy(view=Everyone(is_published=True) | MANAGERS, add=MANAGERS, change=MANAGERS, control=MANAGERS)


class Edition(models.Model):
    """One summer academy: where and when, the call, the deadline, eligibility, rubric and country rules."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    city = models.ForeignKey("core.City", verbose_name=_("host city"), on_delete=models.PROTECT,
                             related_name="academy_editions")
    venue_site_id = models.PositiveIntegerField(_("venue (site of the spaces inventory)"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    call_texts = models.JSONField(_("call text by language"), default=dict, blank=True)
    # The deadline is a wall-clock time in the host city: stored as such, made aware through its time zone,
    # so a call closing at 23:59 closes at 23:59 there whether summer time is on or not.
    deadline_date = models.DateField(_("deadline (date)"))
    deadline_time = models.TimeField(_("deadline (local time)"), default=dt.time(23, 59))
    max_age = models.PositiveSmallIntegerField(_("maximum age of students"), default=30)
    max_years_since_founding = models.PositiveSmallIntegerField(_("maximum years since a firm was founded"),
                                                                default=5)
    rubric = models.JSONField(_("review rubric"), default=list, blank=True,
                              help_text=_("Criteria: code, label, weight and the top of the score scale."))
    country_rules = models.JSONField(_("country rules"), default=list, blank=True,
                                     help_text=_("Per country (ISO code): minimum and maximum participants."))
    disagreement_threshold = models.DecimalField(_("disagreement threshold"), max_digits=6, decimal_places=2,
                                                 default=Decimal("20.00"),
                                                 help_text=_("Points (of 100) between reviewers' scores."))
    is_published = models.BooleanField(_("published"), default=False)
    selection_run_at = models.DateTimeField(_("selection run"), null=True, blank=True)
    shortfalls = models.JSONField(_("rules the applications could not meet"), default=list, blank=True)
    relaxation_reason = models.TextField(_("why the relaxed selection was accepted"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("academy edition")
        verbose_name_plural = _("academy editions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("academy:edition-detail", args=[self.pk])

    @property
    def deadline(self) -> dt.datetime:
        """The deadline as an aware moment: the local wall-clock time in the host city's time zone."""
        zone = zoneinfo.ZoneInfo(self.city.time_zone)
        return dt.datetime.combine(self.deadline_date, self.deadline_time, tzinfo=zone)

    def is_open(self, now: dt.datetime) -> bool:
        """Whether applications may still be made or changed at `now`."""
        return now <= self.deadline

    def call_text(self, language: str) -> str:
        """The call in this language, or in English, or in any language given."""
        texts = self.call_texts or {}
        return str(texts.get(language) or texts.get("en") or next(iter(texts.values()), ""))

    def criteria(self) -> list[dict[str, Any]]:
        """The rubric's criteria."""
        return list(self.rubric or [])

    def clean(self) -> None:
        """Dates in order, a sound rubric and sound country rules."""
        errors: dict[str, Any] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The academy cannot end before it starts.")
        if not isinstance(self.call_texts, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in self.call_texts.items()):
            errors["call_texts"] = _("The call is a text per language code.")
        if not _valid_rubric(self.rubric):
            errors["rubric"] = _("Each criterion needs a code, a label, a positive weight and a top score of 1 "
                                 "to 100.")
        if not _valid_rules(self.country_rules):
            errors["country_rules"] = _("Each rule needs a two-letter country code, a minimum of 0 or more and "
                                        "a maximum not below the minimum.")
        if errors:
            raise ValidationError(errors)


def _valid_rubric(rubric: Any) -> bool:
    if not isinstance(rubric, list):
        return False
    codes = set()
    for row in rubric:
        if not isinstance(row, dict) or not isinstance(row.get("code"), str) or not row.get("label"):
            return False
        weight, top = row.get("weight"), row.get("scale")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            return False
        if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= 100:
            return False
        codes.add(row["code"])
    return len(codes) == len(rubric)


def _valid_rules(rules: Any) -> bool:
    if not isinstance(rules, list):
        return False
    seen = set()
    for row in rules:
        if not isinstance(row, dict) or not isinstance(row.get("country"), str) or len(row["country"]) != 2:
            return False
        minimum, maximum = row.get("minimum", 0), row.get("maximum")
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
            return False
        if maximum is not None and (isinstance(maximum, bool) or not isinstance(maximum, int) or maximum < minimum):
            return False
        seen.add(row["country"])
    return len(seen) == len(rules)


class ApplicantKind(models.TextChoices):
    """Who may apply."""

    STUDENT = "student", _("Student of a creative field")
    ENTREPRENEUR = "entrepreneur", _("Young creative entrepreneur")


class Status(models.TextChoices):
    """Where an application stands."""

    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SELECTED = "selected", _("Selected")
    WAITING = "waiting", _("On the waiting list")
    REJECTED = "rejected", _("Not selected")
    DECLINED = "declined", _("Declined the place")


class ApplicationQuerySet(ScopedQuerySet["Application"]):
    """Applicants see their own; reviewers the ones assigned to them (never a conflicted one); managers all."""

    policy = Policy(
        view=Owner("applicant") | Assigned("reviews__reviewer") | APP_MANAGERS,
        add=SignedIn(),
        change=Owner("applicant") | APP_MANAGERS,
        control=APP_MANAGERS,
        evidence=Owner("applicant") | Assigned("reviews__reviewer") | APP_MANAGERS,
    )


class Application(models.Model):
    """One person's application to an edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="academy_applications")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("I am"), max_length=16, choices=ApplicantKind.choices, default=ApplicantKind.STUDENT)
    field = models.CharField(_("creative field"), max_length=120)
    organisation_name = models.CharField(_("university or firm"), max_length=200)
    country = models.CharField(_("country"), max_length=2,
                               validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two-letter code, e.g. LT."))])
    home_city = models.ForeignKey("core.City", verbose_name=_("city"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("year the firm was founded"), null=True, blank=True)
    motivation = models.TextField(_("motivation"))
    portfolio_url = models.URLField(_("portfolio link"), blank=True)
    portfolio_file = PrivateFileField(_("portfolio (PDF)"), blank=True, validators=[upload_validator("pdf")],
                                      download_view="academy:application-file")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    waiting_rank = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=32, blank=True)
    override_reason = models.TextField(_("override reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "name"]
        constraints = [models.UniqueConstraint(fields=["edition", "applicant"], name="academy_one_application")]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("academy:application-detail", args=[self.pk])


class ReviewQuerySet(ScopedQuerySet["Review"]):
    """A review is its reviewer's (only ever assigned without a conflict) and the edition managers'."""

    policy = Policy(view=Assigned("reviewer_id") | CityMember("application__edition__city", EDITORS) | Network(),
                    change=Assigned("reviewer_id"))


class Review(models.Model):
    """One reviewer's assignment to one application, and their scores once given."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="academy_reviews")
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    total = models.DecimalField(_("weighted score"), max_digits=7, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["application", "pk"]
        constraints = [models.UniqueConstraint(fields=["application", "reviewer_id"], name="academy_one_review")]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return str(self.application)


class ConflictQuerySet(ScopedQuerySet["Conflict"]):
    """A reviewer's own declarations, and the edition managers'."""

    policy = Policy(view=Owner("reviewer_id") | CityMember("edition__city", EDITORS) | Network(),
                    add=Owner("reviewer_id"), delete=Owner("reviewer_id"))


class Conflict(models.Model):
    """A conflict of interest a reviewer declared: a named application, or a university, firm or city."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    organisation_name = models.CharField(_("university or firm"), max_length=200, blank=True)
    city = models.ForeignKey("core.City", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ConflictQuerySet.as_manager()

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self) -> str:
        return self.organisation_name or str(self.application or self.city or "")


class TeamQuerySet(ScopedQuerySet["Team"]):
    """A team is seen by its members and the edition's managers, who form the teams and record the projects."""

    policy = Policy(view=Owner("members__applicant") | APP_MANAGERS, add=APP_MANAGERS, change=APP_MANAGERS)


class Team(models.Model):
    """Participants working together during the academy, on one project."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("team"), max_length=120)
    members = models.ManyToManyField(Application, related_name="teams", verbose_name=_("members"))
    project_title = models.CharField(_("project"), max_length=200, blank=True)
    brief = models.TextField(_("brief"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    feedback = models.TextField(_("feedback"), blank=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name
