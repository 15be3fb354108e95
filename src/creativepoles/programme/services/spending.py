"""Expenditure items: add, change, delete; refused once the period's report is locked."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import ADD, CHANGE, DELETE, require
from creativepoles.programme.models import Expenditure, Partner, PartnerReport, Period
from creativepoles.programme.models.reports import LOCKED_STATUSES

EXPENDITURE_FIELDS = ("period", "date", "category", "description", "amount", "currency", "supplier",
                      "invoice_number", "attachment", "vat", "vat_recoverable", "payment_date", "exchange_rate",
                      "procurement")


def require_partner_editor(actor: Any, partner: Partner, action: str = ADD, item: Expenditure | None = None) -> None:
    """Only those the expenditure policy allows (the partner organisation's editors, managers) write its items."""
    require(actor, action, item or Expenditure(partner=partner), _("You cannot change this partner's expenditure."),
            "partner")


def require_open_period(partner: Partner, period: Period) -> None:
    """A period whose report was submitted is locked until the report is reopened."""
    if PartnerReport.objects.filter(partner=partner, period=period, status__in=LOCKED_STATUSES).exists():
        raise DomainError(_("The report for this period is submitted; reopen it to change its items."), "period")


def check_item(item: Expenditure) -> None:
    """Model validation plus the rules that tie an item to its partner's periods."""
    if item.period.project_id != item.partner.project_id:
        raise DomainError(_("The period belongs to another project."), "period")
    if item.date and not item.period.contains(item.date):
        raise DomainError(
            _("The date %(date)s is outside period %(n)s (%(start)s – %(end)s).")
            % {"date": item.date, "n": item.period.number, "start": item.period.start, "end": item.period.end},
            "date",
        )
    if item.vat and item.amount is not None and item.vat > item.amount:
        raise DomainError(_("The VAT cannot exceed the amount."), "vat")
    if item.procurement is not None and item.procurement.partner_id != item.partner_id:
        raise DomainError(_("The procurement belongs to another partner."), "procurement")
    item.full_clean()


@transaction.atomic
def add_expenditure(actor: Any, partner: Partner, **data: Any) -> Expenditure:
    """Declare an expenditure item for a partner and period."""
    require_partner_editor(actor, partner)
    item = Expenditure(partner=partner, created_by=actor if actor.is_authenticated else None,
                       **{k: v for k, v in data.items() if k in EXPENDITURE_FIELDS})
    check_item(item)
    require_open_period(partner, item.period)
    item.save()
    record_audit(actor, "add_expenditure", item, {"amount": str(item.amount), "currency": item.currency})
    return item


@transaction.atomic
def update_expenditure(actor: Any, item: Expenditure, **data: Any) -> Expenditure:
    """Change an item while its period's report is still open."""
    require_partner_editor(actor, item.partner, CHANGE, item)
    require_open_period(item.partner, item.period)
    changes = apply_changes(item, data, EXPENDITURE_FIELDS)
    check_item(item)
    require_partner_editor(actor, item.partner, CHANGE, item)  # moved to another partner: rights there too
    require_open_period(item.partner, item.period)
    item.save()
    if changes:
        record_audit(actor, "update_expenditure", item, changes)
    return item


@transaction.atomic
def delete_expenditure(actor: Any, item: Expenditure) -> None:
    """Soft-delete an item while its period's report is still open."""
    require_partner_editor(actor, item.partner, DELETE, item)
    require_open_period(item.partner, item.period)
    item.deleted_at = timezone.now()
    item.save(update_fields=["deleted_at"])
    record_audit(actor, "delete_expenditure", item)
