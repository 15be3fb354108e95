"""Projects, their periods, partners, budgets and co-financing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError
from creativepoles.core.models import record_audit
from creativepoles.core.permissions import CHANGE, require
from creativepoles.programme.models import BudgetLine, CoFinancing, Partner, Period, Project


def require_manager(actor: Any, project: Project) -> None:
    """Only those who may change the project (its managers) change its structure and money plan."""
    require(actor, CHANGE, project, _("Only programme managers can change this."))


@transaction.atomic
def generate_periods(actor: Any, project: Project) -> list[Period]:
    """(Re)build the reporting periods from the timeline; periods already used by data are kept in place."""
    require_manager(actor, project)
    bounds = project.period_bounds()
    existing = {p.number: p for p in project.periods.all()}
    new_bounds = {number: (start, end) for number, start, end in bounds}
    for number, period in existing.items():
        used = (period.expenditures.exists() or period.partner_reports.exists() or period.budget_lines.exists()
                or period.project_reports.exists())
        if number not in new_bounds and used:
            raise DomainError(_("Period %(n)s holds data and cannot be removed.") % {"n": number}, "period_months")
        moved = number in new_bounds and new_bounds[number] != (period.start, period.end)
        if moved and (period.expenditures.exists() or period.partner_reports.exists()
                      or period.project_reports.exists()):
            # Items are dated inside their period and reports describe it: their dates cannot shift under them.
            raise DomainError(_("Period %(n)s already holds spending or reports; its dates cannot change.")
                              % {"n": number}, "period_months")
    result = []
    for number, start, end in bounds:
        period, _created = Period.objects.update_or_create(
            project=project, number=number, defaults={"start": start, "end": end}
        )
        result.append(period)
    project.periods.filter(number__gt=len(bounds)).delete()
    record_audit(actor, "generate_periods", project, {"periods": len(result)})
    return result


@transaction.atomic
def update_timeline(actor: Any, project: Project, **data: Any) -> Project:
    """Change the start, phases or period length; the periods follow."""
    require_manager(actor, project)
    fields = ("start_date", "contracting_months", "implementation_months", "closing_months", "period_months")
    changes = apply_changes(project, data, fields)
    project.full_clean()
    project.save()
    generate_periods(actor, project)
    if changes:
        record_audit(actor, "update_timeline", project, changes)
    return project


@transaction.atomic
def set_budget_line(actor: Any, partner: Partner, category: str, period: Period | None, amount: Decimal) -> BudgetLine:
    """Set the planned amount of a partner for a category (and period); history keeps every change."""
    require_manager(actor, partner.project)
    if period is not None and period.project_id != partner.project_id:
        raise DomainError(_("The period belongs to another project."), "period")
    line = BudgetLine.objects.filter(partner=partner, category=category, period=period).first()
    old = line.amount if line else None
    if line is None:
        line = BudgetLine(partner=partner, category=category, period=period)
    line.amount = amount
    line.full_clean()
    line.save()
    record_audit(actor, "set_budget_line", line, {"amount": [str(old) if old is not None else None, str(amount)]})
    return line


@transaction.atomic
def set_cofinancing(actor: Any, partner: Partner, **data: Any) -> CoFinancing:
    """Set the fund, its rate and the rounding of a partner's co-financing."""
    require_manager(actor, partner.project)
    cofinancing, _created = CoFinancing.objects.get_or_create(partner=partner)
    changes = apply_changes(cofinancing, data, ("fund_name", "fund_rate", "quantum", "rounding"))
    cofinancing.full_clean()
    cofinancing.save()
    record_audit(actor, "set_cofinancing", cofinancing, changes)
    return cofinancing
