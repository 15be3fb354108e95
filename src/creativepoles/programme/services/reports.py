"""Report life cycle (draft → submitted → in control → certified, with reopen) and snapshots."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.analysis.money import convert
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import CHANGE, CONTROL, can
from creativepoles.programme import figures
from creativepoles.programme.models import (
    CostCategory,
    Expenditure,
    Partner,
    PartnerReport,
    Period,
    ProjectReport,
    ReportSnapshot,
    ReportStatus,
)
from creativepoles.programme.services import control

S = ReportStatus


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def partner_snapshot(report: PartnerReport) -> dict[str, Any]:
    """Everything the partner report shows, as plain JSON (amounts as decimal strings)."""
    partner, period = report.partner, report.period
    money = figures.partner_money(partner.project, Partner.objects.filter(pk=partner.pk))[0]
    items = Expenditure.objects.filter(partner=partner, period=period, deleted_at__isnull=True).order_by("date", "pk")
    city = partner.organisation.city
    budget_period, spent_period = money.by_period.get(period.number, (Decimal("0.00"), Decimal("0.00")))
    return {
        "kind": "partner",
        "project": partner.project.acronym,
        "title": partner.project.title,
        "partner": str(partner),
        "city": city.name,
        "period": {"number": period.number, "start": str(period.start), "end": str(period.end)},
        "currency": partner.currency,
        "summary": report.summary,
        "budget_total": str(money.budget.amount),
        "spent_total": str(money.spent),
        "budget_period": str(budget_period),
        "spent_period": str(spent_period),
        "by_category": [
            {"category": c.value, "label": str(c.label), "budget": str(money.by_category[c.value][0]),
             "spent": str(money.by_category[c.value][1])}
            for c in CostCategory
        ],
        "items": [
            {"date": str(i.date), "category": i.category, "description": i.description, "supplier": i.supplier,
             "invoice_number": i.invoice_number, "amount": str(i.amount), "currency": i.currency,
             "amount_partner_currency": str(convert(i.amount, i.currency, partner.currency))}
            for i in items
        ],
        "items_total": str(sum((convert(i.amount, i.currency, partner.currency) for i in items), Decimal("0.00"))),
        "indicators": [
            {"code": p.indicator.code, "name": p.indicator.name, "unit": p.indicator.unit,
             "target": str(p.indicator.target), "achieved_city": str(dict(p.per_city).get(city, Decimal("0"))),
             "achieved_total": str(p.achieved), "achieved_to_date": str(to_date.achieved)}
            # The report counts its own period; the running total up to the period's end is shown beside it.
            for p, to_date in zip(figures.indicator_progress(partner.project, start=report.period.start,
                                                             end=report.period.end),
                                  figures.indicator_progress(partner.project, end=report.period.end), strict=True)
        ],
    }


def project_snapshot(report: ProjectReport) -> dict[str, Any]:
    """The project-level picture: every partner's money and all indicators."""
    project = report.project
    total = figures.project_total(project)
    return {
        "kind": "project",
        "project": project.acronym,
        "title": project.title,
        "period": {"number": report.period.number, "start": str(report.period.start), "end": str(report.period.end)},
        "summary": report.summary,
        "total": {"amount": str(total.amount), "currency": total.currency, "derived": str(total.derived),
                  "derived_currency": total.derived_currency, "stated": _money(total.stated)},
        "partners": [
            {"partner": str(m.partner), "city": m.partner.organisation.city.name, "currency": m.partner.currency,
             "budget": str(m.budget.amount), "budget_eur": str(m.budget.derived if m.partner.currency != "EUR"
                                                                 else m.budget.amount),
             "spent": str(m.spent), "spent_eur": str(m.spent_eur), "certified": str(m.certified)}
            for m in figures.partner_money(project)
        ],
        "indicators": [
            {"code": p.indicator.code, "name": p.indicator.name, "unit": p.indicator.unit,
             "target": str(p.indicator.target), "achieved": str(p.achieved), "counted_by": p.counted_by,
             "achieved_to_date": str(to_date.achieved)}
            for p, to_date in zip(figures.indicator_progress(project, start=report.period.start, end=report.period.end),
                                  figures.indicator_progress(project, end=report.period.end), strict=True)
        ],
    }


def _take_snapshot(report: PartnerReport | ProjectReport) -> ReportSnapshot:
    version = report.snapshots.count() + 1
    if isinstance(report, PartnerReport):
        return ReportSnapshot.objects.create(partner_report=report, version=version, data=partner_snapshot(report))
    return ReportSnapshot.objects.create(project_report=report, version=version, data=project_snapshot(report))


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise NotInScope(message)


def _move(actor: Any, report: PartnerReport | ProjectReport, allowed_from: tuple[str, ...], target: str) -> None:
    if report.status not in allowed_from:
        raise DomainError(
            _("A report in status %(status)s cannot move to %(target)s.")
            % {"status": report.get_status_display(), "target": S(target).label},
            "status",
        )
    old = report.status
    report.status = target
    report.save()
    record_audit(actor, f"report_{target}", report, {"status": [old, target]})


def open_partner_report(actor: Any, partner: Partner, period: Period) -> PartnerReport:
    """The partner's report for a period, created as a draft when missing."""
    _require(can(actor, CHANGE, PartnerReport(partner=partner, period=period)), _("You cannot report for this partner."))
    report, _created = PartnerReport.objects.get_or_create(partner=partner, period=period)
    return report


@transaction.atomic
def submit_partner_report(actor: Any, report: PartnerReport, summary: str | None = None) -> ReportSnapshot:
    """Submit (or resubmit after changes were requested): lock the period's items and freeze what it shows."""
    PartnerReport.objects.select_for_update().get(pk=report.pk)  # two submits at once: the second waits
    report.refresh_from_db()
    _require(can(actor, CHANGE, report), _("You cannot submit this partner's report."))
    if summary is not None:
        report.summary = summary
    _move(actor, report, (S.DRAFT, S.CHANGES_REQUESTED), S.SUBMITTED)
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save()
    snapshot = _take_snapshot(report)
    control.tell(report, _("Report submitted: %(report)s") % {"report": report},
                 _("The partner submitted its report; it waits for control."), "report_submitted")
    return snapshot


@transaction.atomic
def start_control(actor: Any, report: PartnerReport) -> PartnerReport:
    """The partner's controller (never the submitter) takes the report into control; each item gets a row."""
    _require(can(actor, CONTROL, report),
             _("Only the partner's controller, who did not submit it, takes this report into control."))
    _move(actor, report, (S.SUBMITTED,), S.IN_CONTROL)
    report.controlled_by = actor
    report.save()
    control.sync_verifications(report)
    control.tell(report, _("Report taken into control: %(report)s") % {"report": report},
                 _("The controller started verifying the report."), "report_in_control")
    return report


@transaction.atomic
def request_changes(actor: Any, report: PartnerReport, comment: str) -> PartnerReport:
    """Send a report in control back to the partner with a comment; the partner corrects and resubmits."""
    _require(can(actor, CONTROL, report), _("Only the partner's controller requests changes."))
    if not comment.strip():
        raise DomainError(_("Say what the partner should change."), "comment")
    _move(actor, report, (S.IN_CONTROL,), S.CHANGES_REQUESTED)
    control.add_comment(actor, report, comment)
    control.tell(report, _("Changes requested: %(report)s") % {"report": report}, comment, "report_changes")
    return report


def certify(actor: Any, report: PartnerReport) -> PartnerReport:
    """Certify a controlled report at the sum of its verified items."""
    return control.certify(actor, report)


@transaction.atomic
def reopen(actor: Any, report: PartnerReport | ProjectReport) -> None:
    """Send a submitted or controlled report back to draft; a certified one never reopens."""
    # A partner report is reopened by its controllers; a project report by those who submit it.
    _require(can(actor, CONTROL if isinstance(report, PartnerReport) else CHANGE, report),
             _("Only controllers and programme managers reopen reports."))
    _move(actor, report, (S.SUBMITTED, S.IN_CONTROL), S.DRAFT)
    report.submitted_at = None
    report.save()
    if isinstance(report, PartnerReport):
        control.tell(report, _("Report reopened: %(report)s") % {"report": report},
                     _("The report is a draft again and can be changed."), "report_reopened")


@transaction.atomic
def submit_project_report(actor: Any, report: ProjectReport, summary: str | None = None) -> ReportSnapshot:
    """The lead partner submits the project report for a period."""
    _require(can(actor, CHANGE, report), _("Only programme managers submit project reports."))
    if summary is not None:
        report.summary = summary
    _move(actor, report, (S.DRAFT,), S.SUBMITTED)
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save()
    return _take_snapshot(report)
