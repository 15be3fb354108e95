"""Partner and project reports per period, with immutable snapshots taken at submission."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from creativepoles.core.permissions import (
    CONTROLLERS,
    EDITORS,
    CityMember,
    Network,
    OrgMember,
    Owner,
    Policy,
    ScopedQuerySet,
    Unless,
)
from creativepoles.programme.models.project import Partner, Period, Project


class ReportStatus(models.TextChoices):
    """Partner report life cycle as in Jems."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_CONTROL = "in_control", _("In control")
    CHANGES_REQUESTED = "changes", _("Changes requested")
    CERTIFIED = "certified", _("Certified")


LOCKED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.IN_CONTROL, ReportStatus.CERTIFIED)


class ReportBase(models.Model):
    """What partner and project reports share: the life-cycle status and the submission."""

    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    summary = models.TextField(_("summary of progress"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    snapshots: Any

    class Meta:
        abstract = True

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_STATUSES

    def latest_snapshot(self) -> ReportSnapshot | None:
        return self.snapshots.order_by("-version").first()  # type: ignore[no-any-return]


class PartnerReportQuerySet(ScopedQuerySet[Any]):
    """A partner's reports belong to the partner organisation: its members see them, its editors submit."""

    policy = Policy(
        view=OrgMember("partner__organisation") | Network(),
        add=OrgMember("partner__organisation", EDITORS) | Network(),
        change=OrgMember("partner__organisation", EDITORS) | Network(),
        # Four-eyes: the partner's own controller, never whoever submitted the report (whatever else they are).
        control=Unless(OrgMember("partner__organisation", CONTROLLERS), Owner("submitted_by")),
    )


class PartnerReport(ReportBase):
    """A partner's progress report for one period."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="partner_reports")
    certified_amount = models.DecimalField(_("certified amount"), max_digits=14, decimal_places=2,
                                           null=True, blank=True)
    controlled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("controlled by"))
    certified_at = models.DateTimeField(_("certified at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PartnerReportQuerySet.as_manager()

    class Meta:
        ordering = ["period__number", "partner__number"]
        verbose_name = _("partner report")
        verbose_name_plural = _("partner reports")
        constraints = [models.UniqueConstraint(fields=["partner", "period"], name="partner_report_unique")]

    def __str__(self) -> str:
        return f"{self.partner} · {_('Period')} {self.period.number}"


class ProjectReportQuerySet(ScopedQuerySet[Any]):
    """Project reports are seen by every partner city and written by programme managers."""

    # Members of any partner city read the project's reports; the lead partner's managers write them.
    policy = Policy(view=CityMember("project__partners__organisation__city") | Network(),
                    add=Network(), change=Network())


class ProjectReport(ReportBase):
    """The lead partner's project-level report for one period."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="project_reports")
    history = HistoricalRecords()

    objects = ProjectReportQuerySet.as_manager()

    class Meta:
        ordering = ["period__number"]
        verbose_name = _("project report")
        verbose_name_plural = _("project reports")
        constraints = [models.UniqueConstraint(fields=["project", "period"], name="project_report_unique")]

    def __str__(self) -> str:
        return f"{self.project.acronym} · {_('Period')} {self.period.number}"


class ReportSnapshot(models.Model):
    """What a report showed when it was submitted; never changed afterwards (a reopen adds a version)."""

    partner_report = models.ForeignKey(PartnerReport, null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="snapshots")
    project_report = models.ForeignKey(ProjectReport, null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="snapshots")
    version = models.PositiveSmallIntegerField()
    taken_at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField()

    class Meta:
        ordering = ["-taken_at"]
        verbose_name = _("report snapshot")
        verbose_name_plural = _("report snapshots")
        constraints = [
            models.CheckConstraint(
                condition=(Q(partner_report__isnull=False) & Q(project_report__isnull=True))
                | (Q(partner_report__isnull=True) & Q(project_report__isnull=False)),
                name="snapshot_belongs_to_one_report",
            ),
        ]

    def __str__(self) -> str:
        return f"snapshot v{self.version} {self.taken_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Immutability is enforced here as well as in the services: an existing snapshot never changes.
        if self.pk is not None:
            raise ValueError("Report snapshots are immutable.")
        super().save(*args, **kwargs)
