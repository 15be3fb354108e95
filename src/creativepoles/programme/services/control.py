"""First-level control: verifying each item, deductions by error type, the checklist, comments, certification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.analysis.money import FIXED_RATES_PER_EUR, MoneyError, to_cents
from creativepoles.core.errors import DomainError
from creativepoles.core.formatting import format_amount
from creativepoles.core.models import Role, record_audit
from creativepoles.core.notifications import notify
from creativepoles.core.permissions import ADD, CHANGE, CONTROL, require
from creativepoles.programme.models import (
    ChecklistAnswer,
    ChecklistQuestion,
    ChecklistTemplate,
    CostCategory,
    ErrorType,
    ExchangeRate,
    Expenditure,
    ItemVerification,
    Outcome,
    PartnerReport,
    ReportComment,
    ReportStatus,
)
from creativepoles.programme.models.control import Answer

S = ReportStatus


# The defaults a new network starts from (the managers change them in the admin). Migration 0003 seeds a frozen
# copy; `ensure_defaults` puts them back in a database emptied since (a test flush, a reset demo).
DEFAULT_ERROR_TYPES = [
    ("ineligible", "Ineligible cost"),
    ("evidence", "Missing or insufficient evidence"),
    ("procurement", "Public procurement not followed"),
    ("period", "Outside the eligible period"),
    ("calculation", "Calculation error"),
    ("vat", "Recoverable VAT declared"),
]
DEFAULT_QUESTIONS = [
    "The costs were incurred and paid within the reporting period.",
    "Every sampled item is backed by an invoice and proof of payment.",
    "Procurement rules were followed for the contracts concerned.",
    "No cost was financed twice (double funding excluded).",
    "Recoverable VAT is not declared.",
    "Publicity obligations were met.",
]


@transaction.atomic
def ensure_defaults() -> None:
    """Create the default error typology and control checklist where none exist; existing ones are kept."""
    for code, name in DEFAULT_ERROR_TYPES:
        ErrorType.objects.get_or_create(code=code, defaults={"name": name})
    if not ChecklistTemplate.objects.exists():
        checklist = ChecklistTemplate.objects.create(name="First-level control checklist")
        ChecklistQuestion.objects.bulk_create([ChecklistQuestion(template=checklist, order=n, text=text)
                                               for n, text in enumerate(DEFAULT_QUESTIONS, start=1)])


def rate_per_eur(currency: str, day: dt.date, entered: Decimal | None = None) -> Decimal:
    """Units of `currency` per EUR: fixed (EUR, LTL 3.45280), else the rate entered, else the month's table rate."""
    if currency in FIXED_RATES_PER_EUR:
        return FIXED_RATES_PER_EUR[currency]
    if entered is not None:
        return entered
    row = ExchangeRate.objects.filter(currency=currency, month=day.replace(day=1)).first()
    if row is None:
        raise DomainError(_("No exchange rate for %(currency)s in %(month)s: enter one or add it to the table.")
                          % {"currency": currency, "month": day.strftime("%Y-%m")}, "exchange_rate")
    return row.rate


def to_currency(amount: Decimal, source: str, target: str, day: dt.date, entered: Decimal | None = None) -> Decimal:
    """An amount converted through EUR at the programme's rates, rounded once to the cent."""
    if source == target:
        return to_cents(amount)
    try:
        return to_cents(amount / rate_per_eur(source, day, entered) * rate_per_eur(target, day))
    except MoneyError as error:  # pragma: no cover - rates are checked above
        raise DomainError(str(error), "currency") from error


def eligible_declared(item: Expenditure, currency: str) -> Decimal:
    """What an item declares in the partner's currency: recoverable VAT is never eligible."""
    amount = item.amount - (item.vat if item.vat_recoverable else Decimal("0"))
    return to_currency(amount, item.currency, currency, item.payment_date or item.date, item.exchange_rate)


def report_items(report: PartnerReport) -> QuerySet[Expenditure]:
    return Expenditure.objects.filter(partner=report.partner, period=report.period, deleted_at__isnull=True)


def sync_verifications(report: PartnerReport) -> None:
    """One verification row per item of the report; a resubmitted item that changed is verified afresh."""
    currency = report.partner.currency
    items = {i.pk: i for i in report_items(report)}
    existing = {v.expenditure_id: v for v in report.verifications.all()}
    report.verifications.exclude(expenditure_id__in=items).delete()
    new = []
    for pk, item in items.items():
        declared = eligible_declared(item, currency)
        row = existing.get(pk)
        if row is None:
            new.append(ItemVerification(report=report, expenditure=item, declared=declared))
        elif row.declared != declared:
            row.declared, row.deduction, row.outcome, row.error_type = declared, Decimal("0.00"), Outcome.ACCEPTED, None
            row.save()
    ItemVerification.objects.bulk_create(new)


def certified_total(report: PartnerReport) -> Decimal:
    """The certified amount: the sum of the verified items, never typed."""
    return sum((v.verified for v in report.verifications.all()), Decimal("0.00"))


def _in_control(actor: Any, report: PartnerReport) -> None:
    require(actor, CONTROL, report, _("Only the partner's controller, who did not submit it, controls this report."))
    if report.status != S.IN_CONTROL:
        raise DomainError(_("The report is not in control."), "status")


@transaction.atomic
def verify_item(actor: Any, verification: ItemVerification, *, outcome: str, deduction: Decimal | None = None,
                in_sample: bool = False, error_type: ErrorType | None = None, comment: str = "") -> ItemVerification:
    """Record the controller's finding on one item; a deduction needs an error type and a comment."""
    report = PartnerReport.objects.select_for_update().get(pk=verification.report_id)
    _in_control(actor, report)
    require(actor, CHANGE, verification)
    declared = verification.declared
    if outcome not in Outcome.values:
        raise DomainError(_("Choose an outcome."), "outcome")
    if outcome in (Outcome.ACCEPTED, Outcome.PARKED):
        deduction = Decimal("0.00")
    elif outcome == Outcome.DEDUCTED:
        deduction = declared
    elif deduction is None or not Decimal("0") < deduction < declared:
        raise DomainError(_("A partly accepted item deducts more than nothing and less than the declared %(amount)s.")
                          % {"amount": format_amount(declared, report.partner.currency)}, "deduction")
    if deduction and (error_type is None or not comment.strip()):
        raise DomainError(_("A deduction needs a type of error and a comment."), "error_type")
    before = str(verification.deduction)
    verification.outcome, verification.deduction, verification.in_sample = outcome, to_cents(deduction), in_sample
    verification.error_type = error_type if deduction else None
    verification.comment = comment.strip()
    verification.verified_by = actor
    verification.full_clean()
    verification.save()
    record_audit(actor, "verify_item", report, {"deduction": [before, str(verification.deduction)]})
    return verification


def active_template() -> ChecklistTemplate | None:
    return ChecklistTemplate.objects.filter(active=True).order_by("pk").first()


def checklist(report: PartnerReport) -> list[tuple[ChecklistQuestion, ChecklistAnswer | None]]:
    """The questions to answer for a report (the template it was answered on, else the active one)."""
    answers = {a.question_id: a for a in report.checklist_answers.select_related("question")}
    if answers:
        template_id = next(iter(answers.values())).question.template_id
        questions = ChecklistQuestion.objects.filter(template_id=template_id)
    else:
        template = active_template()
        questions = template.questions.all() if template else ChecklistQuestion.objects.none()
    return [(q, answers.get(q.pk)) for q in questions.order_by("order", "pk")]


@transaction.atomic
def answer_checklist(actor: Any, report: PartnerReport, answers: dict[int, tuple[str, str]]) -> None:
    """Answer the control checklist; answers are locked once the report is certified."""
    report = PartnerReport.objects.select_for_update().get(pk=report.pk)
    _in_control(actor, report)
    questions = {q.pk: q for q, _a in checklist(report)}
    rows = []
    for question_id, (answer, comment) in answers.items():
        if question_id not in questions:
            raise DomainError(_("This question is not on the report's checklist."), "checklist")
        if answer not in Answer.values:
            raise DomainError(_("Answer yes, no or not applicable."), "checklist")
        rows.append(ChecklistAnswer(report=report, question=questions[question_id], answer=answer,
                                    comment=comment[:500]))
    report.checklist_answers.filter(question_id__in=answers).delete()
    ChecklistAnswer.objects.bulk_create(rows)
    record_audit(actor, "answer_checklist", report, {"answers": len(answers)})


@transaction.atomic
def add_comment(actor: Any, report: PartnerReport, text: str, expenditure: Expenditure | None = None) -> ReportComment:
    """A comment on the report or one of its items, seen by the partner and its controller."""
    comment = ReportComment(report=report, expenditure=expenditure, author=actor, text=text.strip())
    require(actor, ADD, comment, _("Only the partner and its controller comment on this report."))
    if expenditure is not None and (expenditure.partner_id, expenditure.period_id) != (report.partner_id,
                                                                                      report.period_id):
        raise DomainError(_("This item is not part of the report."), "expenditure")
    comment.full_clean()
    comment.save()
    return comment


def partner_people(report: PartnerReport, roles: tuple[str, ...] = (Role.CITY_EDITOR, Role.CONTROLLER)) -> Any:
    """Active members of the report's partner organisation holding one of `roles`."""
    return get_user_model().objects.filter(
        is_active=True, memberships__organisation=report.partner.organisation_id,
        memberships__role__in=roles).distinct()


# The demo replays years of history: it sets this so nobody is notified of steps taken long ago.
QUIET: ContextVar[bool] = ContextVar("programme_quiet", default=False)


@contextmanager
def quietly() -> Iterator[None]:
    """Run life-cycle steps without notifications (loading demo history)."""
    token = QUIET.set(True)
    try:
        yield
    finally:
        QUIET.reset(token)


def tell(report: PartnerReport, subject: str, body: str, kind: str) -> None:
    """Notify the partner's editors and controllers of a step in the report's life cycle."""
    if QUIET.get():
        return
    notify(partner_people(report), subject, body,
           url=reverse("programme:partner-report", args=[report.partner.project.acronym, report.pk]),
           kind=f"programme.{kind}")


@transaction.atomic
def certify(actor: Any, report: PartnerReport) -> PartnerReport:
    """Certify: the amount is the sum of the verified items; the checklist must be complete and is then locked."""
    report = PartnerReport.objects.select_for_update().select_related("partner__project").get(pk=report.pk)
    _in_control(actor, report)
    if any(answer is None for _q, answer in checklist(report)):
        raise DomainError(_("Answer every question of the control checklist first."), "checklist")
    total = certified_total(report)
    old = report.status
    report.status = S.CERTIFIED
    report.certified_amount = total
    report.certified_at = timezone.now()
    report.controlled_by = actor
    report.save()
    record_audit(actor, "report_certified", report, {"status": [old, S.CERTIFIED], "certified_amount": str(total)})
    amount = format_amount(total, report.partner.currency)
    tell(report, _("Report certified: %(report)s") % {"report": report},
         _("The controller certified %(amount)s.") % {"amount": amount}, "report_certified")
    return report


def certificate_data(report: PartnerReport) -> dict[str, Any]:
    """What the control certificate shows: verified by category, deductions by type, checklist, controller."""
    currency = report.partner.currency
    rows = list(report.verifications.select_related("expenditure", "error_type"))
    by_category = []
    for category in CostCategory:
        mine = [v for v in rows if v.expenditure.category == category.value]
        if mine:
            by_category.append({"label": str(category.label),
                                "declared": sum((v.declared for v in mine), Decimal("0.00")),
                                "verified": sum((v.verified for v in mine), Decimal("0.00"))})
    by_type: dict[str, Decimal] = {}
    for v in rows:
        if v.deduction:
            by_type[v.error_type.name if v.error_type else "—"] = by_type.get(
                v.error_type.name if v.error_type else "—", Decimal("0.00")) + v.deduction
    controller = report.controlled_by
    return {
        "project": report.partner.project.title, "partner": str(report.partner), "period": report.period.number,
        "currency": currency, "status": report.get_status_display(),
        "declared": sum((v.declared for v in rows), Decimal("0.00")),
        "parked": sum((v.declared for v in rows if v.outcome == Outcome.PARKED), Decimal("0.00")),
        "verified": certified_total(report), "by_category": by_category,
        "deductions": sorted(by_type.items()),
        "sampled": sum(1 for v in rows if v.in_sample), "items": len(rows),
        "checklist": [(q.text, a.get_answer_display() if a else "—", a.comment if a else "")
                      for q, a in checklist(report)],
        "checked_by": (controller.get_full_name() or controller.email) if controller else "",
        "certified_at": report.certified_at.date().isoformat() if report.certified_at else "",
    }
