"""The plan's financial model as the pages, exports and API use it: inputs with the premises rent, results,
and the model's input errors worded for people."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from creativepoles.analysis.finance import (
    SCENARIO_NAMES,
    FixedCost,
    PlanInputError,
    PlanInputs,
    PlanResult,
    parse_plan_inputs,
    plan_scenarios,
)
from creativepoles.core.errors import DomainError
from creativepoles.spaces.services.premises import PremisesRent, premises_rent

MESSAGES: dict[str, Any] = {
    "required": _("Enter a value."),
    "not_number": _("Enter a number."),
    "negative": _("Must not be negative."),
    "positive": _("Must be more than zero."),
    "too_low": _("Must be at least %(low)s."),
    "too_high": _("Must be at most %(high)s."),
    "whole": _("Enter a whole number."),
    "range": _("Must be between %(low)s and %(high)s."),
    "month_range": _("Months are numbered from %(low)s to %(high)s."),
    "month_count": _("Give 12 monthly shares, one per month (%(count)s given)."),
    "share_range": _("Each month's share must lie between 0 and 100 %% (month %(month)s does not)."),
    "share_sum": _("The monthly shares must add up to 100 %% (they add up to %(total)s %%)."),
    "too_long": _("Use at most %(high)s characters."),
    "not_list": _("Give a list."),
    "not_object": _("Give named values."),
    "too_many": _("At most %(high)s rows."),
    "unknown_scenario": _("Scenarios are pessimistic, base and optimistic."),
    "unknown_input": _("Multipliers apply to units, price, unit cost, staff and fixed costs."),
}
LABELS: dict[str, Any] = {
    "name": _("Name"), "role": _("Role"), "units_per_year": _("Units in year 1"), "price": _("Price"),
    "unit_cost": _("Direct cost per unit"), "growth_pct": _("Growth a year (%)"),
    "seasonality_pct": _("Monthly shares (%), January to December"), "monthly_cost": _("Monthly cost"),
    "count": _("People"), "start_month": _("From month"), "monthly": _("Per month"), "amount": _("Amount"),
    "life_years": _("Life (years)"), "rate_pct": _("Interest (% a year)"), "term_months": _("Term (months)"),
    "own_funds": _("Own funds"), "grants": _("Grants"), "discount_rate_pct": _("Discount rate (%)"),
    "units": _("Units"), "fixed": _("Fixed costs"), "staff": _("Staff"),
}
GROUP_LABELS: dict[str, Any] = {"streams": _("Revenue streams"), "staff": _("Staff"),
                                "fixed_costs": _("Fixed costs"), "investments": _("Investment"),
                                "loans": _("Loans")}


SCENARIO_LABELS: dict[str, Any] = {"pessimistic": _("Pessimistic"), "base": _("Base"), "optimistic": _("Optimistic")}


class FinancialsError(DomainError):
    """Financial inputs refused: every bad field with its message, keyed by its path ("streams.0.price")."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        first = next(iter(self.errors.items()), ("", ""))
        super().__init__(first[1], "financials")


def worded(error: PlanInputError) -> dict[str, str]:
    """The model's error codes as sentences in the user's language."""
    out = {}
    for path, (code, params) in error.errors.items():
        template = MESSAGES.get(code, _("This value cannot be used."))
        out[path] = str(template) % dict(params)
    return out


def validate(data: Any) -> PlanInputs:
    """The plan's inputs, or FinancialsError naming every bad field."""
    if not isinstance(data, Mapping):
        raise FinancialsError({"financials": str(MESSAGES["not_object"])})
    try:
        # PostgreSQL's JSON refuses the NUL character: a text holding one is refused here, as a field error.
        json.dumps(data, default=str).encode().index(b"\\u0000")
    except ValueError:
        pass
    else:
        raise FinancialsError({"financials": str(_("This value cannot be used."))})
    try:
        return parse_plan_inputs(data)
    except PlanInputError as error:
        raise FinancialsError(worded(error)) from None


def with_premises(inputs: PlanInputs, rent: PremisesRent | None) -> PlanInputs:
    """The inputs with the premises' monthly rent as a fixed cost, when the plan names a site."""
    if rent is None:
        return inputs
    line = FixedCost(str(_("Premises rent")), rent.monthly)
    return PlanInputs(inputs.streams, inputs.staff, (line, *inputs.fixed_costs), inputs.investments, inputs.loans,
                      inputs.own_funds, inputs.grants, inputs.discount_rate_pct, inputs.scenarios)


def plan_premises(plan: Any) -> PremisesRent | None:
    """The rent of the plan's premises (a site of the inventory), when it names one with an area."""
    if not plan.site_id or not plan.premises_area_m2:
        return None
    return premises_rent(plan.site_id, Decimal(plan.premises_area_m2))


def model_inputs(plan: Any, financials: Any = None) -> PlanInputs | None:
    """The model's inputs of a plan, premises rent included; None while the inputs are not valid."""
    try:
        inputs = parse_plan_inputs(financials if financials is not None else plan.financials or {})
    except PlanInputError:
        return None
    return with_premises(inputs, plan_premises(plan))


def results(plan: Any) -> dict[str, PlanResult] | None:
    """The results of the three scenarios, or None while the inputs are not valid."""
    inputs = model_inputs(plan)
    return None if inputs is None else plan_scenarios(inputs)


def readable_path(path: str) -> str:
    """An input's place in words: "streams.1.price" -> "Revenue streams 2 · Price"."""
    parts = path.split(".")
    words = []
    for i, part in enumerate(parts):
        if part.isdigit():
            words.append(str(int(part) + 1))
        elif part in GROUP_LABELS and i == 0:
            words.append(str(GROUP_LABELS[part]))
        elif part in SCENARIO_LABELS:
            words.append(str(SCENARIO_LABELS[part]))
        elif part == "scenarios":
            continue
        else:
            words.append(str(LABELS.get(part, _("Other input"))))
    return " · ".join(words)


def money(value: Decimal | None) -> str | None:
    """A Decimal as a string for JSON (None stays None)."""
    return None if value is None else str(value)


def jsonable(result: PlanResult) -> dict[str, Any]:
    """A scenario's results for the API and the page: money as strings."""
    return {
        "scenario": result.scenario,
        "investment": money(result.investment),
        "financing_in": money(result.financing_in),
        "opening_balance": money(result.opening_balance),
        "break_even_month": result.break_even_month,
        "lowest_cash_before_financing": money(result.lowest_cash_before_financing),
        "funding_gap": money(result.funding_gap),
        "negative_cash_months": list(result.negative_cash_months),
        "npv": money(result.npv),
        "irr": money(result.irr),
        "yearly_flows": [money(f) for f in result.yearly_flows],
        "months": [{"month": r.month, "revenue": money(r.revenue), "direct_costs": money(r.direct_costs),
                    "staff": money(r.staff), "fixed_costs": money(r.fixed_costs), "ebitda": money(r.ebitda),
                    "depreciation": money(r.depreciation), "operating_profit": money(r.operating_profit),
                    "interest": money(r.interest), "net_profit": money(r.net_profit),
                    "loan_repayment": money(r.loan_repayment), "cash_flow": money(r.cash_flow),
                    "cash_balance": money(r.cash_balance)} for r in result.first_year],
        "years": [{"year": y.year, "revenue": money(y.revenue), "direct_costs": money(y.direct_costs),
                   "staff": money(y.staff), "fixed_costs": money(y.fixed_costs), "ebitda": money(y.ebitda),
                   "depreciation": money(y.depreciation), "operating_profit": money(y.operating_profit),
                   "interest": money(y.interest), "net_profit": money(y.net_profit),
                   "loan_repayment": money(y.loan_repayment), "cash_flow": money(y.cash_flow),
                   "cash_balance": money(y.cash_balance)} for y in result.years],
    }


__all__ = ["SCENARIO_LABELS", "SCENARIO_NAMES", "FinancialsError", "jsonable", "model_inputs", "results", "validate"]
