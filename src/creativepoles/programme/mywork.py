"""The programme's part of the "My work" home: reports due, milestones overdue, indicators behind, overspending."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from creativepoles.core import mywork
from creativepoles.core.formatting import format_amount, format_quantity
from creativepoles.core.mywork import Item, Section
from creativepoles.core.permissions import ADD, CHANGE, CONTROL, VIEW, could, targets
from creativepoles.programme import figures
from creativepoles.programme.models import (
    CostCategory,
    Expenditure,
    IndicatorValue,
    Instalment,
    Milestone,
    Partner,
    PartnerReport,
    PilotProject,
    Project,
    ReportStatus,
)

# A report whose period ends within this many days is shown as due.
DUE_WITHIN = dt.timedelta(days=30)


def _day(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def report_items(user: Any, today: dt.date) -> list[Item]:
    """Draft partner reports the user may submit whose period has ended (overdue) or ends soon (due)."""
    reports = (PartnerReport.objects.for_user(user, CHANGE)
               .filter(status__in=[ReportStatus.DRAFT, ReportStatus.CHANGES_REQUESTED],
                       period__start__lte=today + DUE_WITHIN)
               .select_related("partner__organisation__city", "partner__project", "period")
               .order_by("period__end", "partner__number"))
    items = []
    for report in reports:
        period = report.period
        overdue = period.end < today
        detail = (_("Period ended on %(day)s: overdue") if overdue else _("Period ends on %(day)s")) % {
            "day": _day(period.end)}
        if report.status == ReportStatus.CHANGES_REQUESTED:
            detail = _("Changes requested by the controller")
        items.append(Item(
            _("Partner report: %(partner)s, period %(number)s") % {"partner": report.partner,
                                                                  "number": period.number},
            reverse("programme:partner-report", args=[report.partner.project.acronym, report.pk]),
            detail, "overdue" if overdue else "due", report.partner.organisation.city.name))
    return items


def control_items(user: Any) -> list[Item]:
    """Reports waiting for the user's control (never those the user submitted)."""
    reports = (PartnerReport.objects.for_user(user, CONTROL)
               .filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.IN_CONTROL])
               .select_related("partner__organisation__city", "partner__project", "period")
               .order_by("period__end", "partner__number"))
    return [Item(_("Partner report: %(partner)s, period %(number)s") % {"partner": r.partner,
                                                                       "number": r.period.number},
                 reverse("programme:partner-report", args=[r.partner.project.acronym, r.pk]),
                 r.get_status_display(), "due", r.partner.organisation.city.name) for r in reports]


def instalment_items(user: Any) -> list[Item]:
    """Payments passed on to the user's partner that wait for its confirmation."""
    rows = (Instalment.objects.for_user(user, CHANGE).filter(confirmed_at__isnull=True)
            .select_related("partner__organisation__city", "payment__project").order_by("paid_on"))
    return [Item(_("Confirm receipt of %(amount)s") % {"amount": format_amount(i.amount, "EUR")},
                 reverse("programme:payments", args=[i.payment.project.acronym]),
                 _("Paid on %(day)s") % {"day": _day(i.paid_on)}, "due", i.partner.organisation.city.name)
            for i in rows]


def milestone_items(user: Any, today: dt.date) -> list[Item]:
    """Open milestones past their date, of pilots the user may change."""
    milestones = (Milestone.objects.filter(pilot__in=PilotProject.objects.for_user(user, CHANGE).values("pk"),
                                           done_on__isnull=True, due_on__lt=today)
                  .select_related("pilot__city", "pilot__project").order_by("due_on"))
    return [Item(_("%(milestone)s (%(pilot)s)") % {"milestone": m.title, "pilot": m.pilot.title},
                 reverse("programme:pilots", args=[m.pilot.project.acronym]),
                 _("Due on %(day)s: overdue") % {"day": _day(m.due_on)}, "overdue", m.pilot.city.name)
            for m in milestones]


def indicator_items(user: Any, project: Project) -> list[Item]:
    """Indicators below their target, with the gap; for those who may record indicator values."""
    if not could(user, ADD, IndicatorValue):
        return []
    items = []
    for progress in figures.indicator_progress(project):
        indicator = progress.indicator
        if progress.achieved >= indicator.target:
            continue
        items.append(Item(
            _("%(name)s: %(achieved)s of %(target)s %(unit)s") % {
                "name": indicator.name, "achieved": format_quantity(progress.achieved),
                "target": format_quantity(indicator.target), "unit": indicator.unit},
            reverse("programme:indicators", args=[project.acronym]),
            _("%(gap)s %(unit)s to go") % {"gap": format_quantity(indicator.target - progress.achieved),
                                           "unit": indicator.unit},
            "warning"))
    return items


def overspent_items(user: Any, project: Project) -> list[Item]:
    """Cost categories where a partner the user follows has spent more than its budget."""
    partners = targets(user, VIEW, Expenditure, "partner", Partner.objects.filter(project=project))
    labels = dict(CostCategory.choices)
    items = []
    for money in figures.partner_money(project, partners):
        currency = money.partner.currency
        for category, (budget, spent) in money.by_category.items():
            if spent <= budget:
                continue
            share = format_quantity((spent / budget * 100).quantize(1)) if budget else "—"
            items.append(Item(
                _("%(partner)s: %(category)s over budget") % {"partner": money.partner,
                                                               "category": labels.get(category, category)},
                reverse("programme:partner-detail", args=[project.acronym, money.partner.pk]),
                _("spent %(spent)s of %(budget)s (%(share)s %%)") % {
                    "spent": format_amount(spent, currency), "budget": format_amount(budget, currency),
                    "share": share},
                "warning", money.partner.organisation.city.name))
    return items


def sections(user: Any, today: dt.date) -> list[Section]:
    """The programme's sections of a signed-in user's home page."""
    if not getattr(user, "is_authenticated", False):
        return []
    indicators: list[Item] = []
    overspent: list[Item] = []
    for project in Project.objects.all():
        indicators += indicator_items(user, project)
        overspent += overspent_items(user, project)
    out = [Section("overspent", _("Budget lines over budget"), overspent, order=20),
           Section("indicators", _("Indicators behind target"), indicators, order=40)]
    # A section the user could never fill is left out rather than shown empty.
    if could(user, CHANGE, PartnerReport):
        out.append(Section("reports", _("Partner reports due"), report_items(user, today), order=10,
                           empty_text=_("No report is due.")))
    if could(user, CONTROL, PartnerReport):
        out.append(Section("control", _("Reports to control"), control_items(user), order=11,
                           empty_text=_("No report waits for control.")))
    if could(user, CHANGE, Instalment):
        out.append(Section("instalments", _("Payments to confirm"), instalment_items(user), order=12))
    if could(user, CHANGE, PilotProject):
        out.append(Section("milestones", _("Pilot milestones overdue"), milestone_items(user, today), order=30))
    return out


def register() -> None:
    """Add the programme's sections to the home page (called from AppConfig.ready())."""
    mywork.register(sections)
