"""Programme due jobs: reminders for partner reports left in draft after their period, and overdue pilot milestones."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from creativepoles.core import duejobs
from creativepoles.core.duejobs import DueJobContext
from creativepoles.core.models import Role
from creativepoles.core.notifications import notify
from creativepoles.programme.models import Milestone, PartnerReport, Period
from creativepoles.programme.models.pilots import PilotStatus
from creativepoles.programme.models.reports import ReportStatus


def city_editors(**membership: Any) -> QuerySet[Any]:
    """Active users who edit for the organisation(s) matched by `membership` lookups."""
    lookups = {f"memberships__{name}": value for name, value in membership.items()}
    return get_user_model().objects.filter(is_active=True, memberships__role=Role.CITY_EDITOR,
                                           **lookups).distinct()


def remind_draft_reports(context: DueJobContext) -> None:
    """Once per report and period end: tell the partner organisation's editors its report is still a draft."""
    reports = (PartnerReport.objects.filter(status=ReportStatus.DRAFT, period__end__lt=context.today)
               .select_related("partner__organisation", "partner__project", "period").order_by("pk"))
    for report in reports:
        recipients = list(city_editors(organisation=report.partner.organisation))
        if not recipients or not context.once(f"programme.partnerreport:{report.pk}", report.period.end):
            continue
        values = {"partner": report.partner, "number": report.period.number, "end": report.period.end.isoformat()}
        notify(recipients, _("Report for period %(number)s is still a draft") % values,
               _("The report of %(partner)s for period %(number)s (ended %(end)s) has not been submitted yet.")
               % values,
               url=reverse("programme:partner-report", args=[report.partner.project.acronym, report.pk]),
               kind="programme.report_reminder")
        context.report.lines.append(f"{report}: {len(recipients)}")


REMIND_DAYS_BEFORE = 14


def remind_deadlines(context: DueJobContext) -> None:
    """Once per partner and deadline, in the two weeks before it: tell the partner's editors its report is due."""
    periods = (Period.objects.filter(deadline__gte=context.today,
                                     deadline__lte=context.today + dt.timedelta(days=REMIND_DAYS_BEFORE))
               .select_related("project").order_by("deadline", "pk"))
    for period in periods:
        deadline: dt.date = period.deadline  # type: ignore[assignment]  # filtered to a date above
        done = set(PartnerReport.objects.filter(period=period).exclude(
            status__in=[ReportStatus.DRAFT, ReportStatus.CHANGES_REQUESTED]).values_list("partner_id", flat=True))
        for partner in period.project.partners.select_related("organisation").order_by("number"):
            recipients = list(city_editors(organisation=partner.organisation))
            if partner.pk in done or not recipients or not context.once(
                    f"programme.deadline:{partner.pk}:{period.pk}", deadline):
                continue
            values = {"number": period.number, "deadline": deadline.isoformat(),
                      "kind": period.get_deadline_kind_display()}
            notify(recipients, _("Report for period %(number)s due on %(deadline)s") % values,
                   _("The deadline for the period %(number)s report (%(kind)s) is %(deadline)s. Submit it before then.")
                   % values, url=reverse("programme:report-list", args=[period.project.acronym]),
                   kind="programme.deadline_reminder")
            context.report.lines.append(f"{partner} · {period.number}: {len(recipients)}")


def remind_overdue_milestones(context: DueJobContext) -> None:
    """Once per milestone and due date: tell the pilot city's editors a milestone is past due and not done."""
    milestones = (Milestone.objects.filter(done_on__isnull=True, due_on__lt=context.today)
                  .exclude(pilot__status__in=[PilotStatus.COMPLETED, PilotStatus.CANCELLED])
                  .select_related("pilot__project", "pilot__city").order_by("pk"))
    for milestone in milestones:
        recipients = list(city_editors(organisation__city=milestone.pilot.city))
        if not recipients or not context.once(f"programme.milestone:{milestone.pk}", milestone.due_on):
            continue
        values = {"milestone": milestone.title, "pilot": milestone.pilot.title, "due": milestone.due_on.isoformat()}
        notify(recipients, _("Milestone overdue: %(milestone)s") % values,
               _("The milestone “%(milestone)s” of the pilot %(pilot)s was due on %(due)s and is not done.") % values,
               url=reverse("programme:pilots", args=[milestone.pilot.project.acronym]),
               kind="programme.milestone_overdue")
        context.report.lines.append(f"{milestone.pilot} · {milestone}: {len(recipients)}")


def register() -> None:
    """Called from ProgrammeConfig.ready()."""
    duejobs.register("programme.report_reminders",
                     gettext_lazy("remind partners of reports still in draft after their period ended"),
                     remind_draft_reports)
    duejobs.register("programme.deadline_reminders",
                     gettext_lazy("remind partners of reporting deadlines in the next two weeks"), remind_deadlines)
    duejobs.register("programme.milestone_reminders",
                     gettext_lazy("tell pilot cities about milestones past their due date"),
                     remind_overdue_milestones)
