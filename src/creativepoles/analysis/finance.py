"""Investment arithmetic in Decimal: NPV, IRR, payback and the pre-investment model."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import numpy_financial as npf  # type: ignore[import-untyped, unused-ignore]

from creativepoles.analysis.money import CENT, to_cents

__all__ = [
    "CENT",
    "DecimalLike",
    "FinanceError",
    "PreInvestmentInputs",
    "PreInvestmentResult",
    "irr",
    "npv",
    "payback_years",
    "pre_investment",
    "to_cents",
]

DecimalLike = Decimal | int | str

# IRR is reported as a fraction; six decimals is 0.0001 %, far below any decision threshold.
RATE_QUANTUM = Decimal("0.000001")
YEAR_QUANTUM = Decimal("0.01")
HUNDRED = Decimal(100)
MONTHS = Decimal(12)


class FinanceError(ValueError):
    """Invalid input to a financial computation."""


def _dec(value: DecimalLike, name: str) -> Decimal:
    """Convert to Decimal, refusing floats whose binary rounding would leak into money."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise FinanceError(f"{name} must be Decimal, int or str, got {type(value).__name__}")
    try:
        result = Decimal(value)
    except InvalidOperation as exc:
        raise FinanceError(f"{name} is not a number: {value!r}") from exc
    if not result.is_finite():
        raise FinanceError(f"{name} must be finite, got {value!r}")
    return result


def _cashflows(cashflows: Sequence[DecimalLike]) -> list[Decimal]:
    """Validate and convert a cash-flow series (index 0 is now, then one per period)."""
    if len(cashflows) == 0:
        raise FinanceError("cash-flow series is empty")
    return [_dec(cf, f"cashflows[{i}]") for i, cf in enumerate(cashflows)]


def npv(rate: DecimalLike, cashflows: Sequence[DecimalLike]) -> Decimal:
    """Return the net present value, cashflows[0] undiscounted at t=0, rounded to the cent."""
    r = _dec(rate, "rate")
    if r <= -1:
        raise FinanceError(f"rate must be greater than -1, got {r}")
    flows = _cashflows(cashflows)
    factor = Decimal(1) + r
    # Unlike Excel's NPV(), the first flow is not discounted (numpy-financial convention).
    total = sum((cf / factor**t for t, cf in enumerate(flows)), Decimal(0))
    return to_cents(total)


def irr(cashflows: Sequence[DecimalLike]) -> Decimal | None:
    """Return the internal rate of return as a fraction, or None without a sign change or root."""
    flows = _cashflows(cashflows)
    if not (any(cf > 0 for cf in flows) and any(cf < 0 for cf in flows)):
        # Without both an outflow and an inflow NPV never crosses zero.
        return None
    # np.roots does not take Decimal; float precision is ample for a rate shown to 1e-6.
    rate = float(npf.irr([float(cf) for cf in flows]))
    if not math.isfinite(rate):
        return None
    return Decimal(repr(rate)).quantize(RATE_QUANTUM, rounding=ROUND_HALF_UP)


def payback_years(cashflows: Sequence[DecimalLike], fractional: bool = True) -> Decimal | None:
    """Return the periods until the cumulative balance turns non-negative for good, or None."""
    flows = _cashflows(cashflows)
    cumulative: list[Decimal] = []
    running = Decimal(0)
    for cf in flows:
        running += cf
        cumulative.append(running)
    if cumulative[-1] < 0:
        return None
    negatives = [t for t, c in enumerate(cumulative) if c < 0]
    if not negatives:
        return Decimal(0).quantize(YEAR_QUANTUM)
    # Use the last dip below zero: a late reinvestment that pushes the balance negative again
    # means the money has not really been paid back until the balance recovers.
    last = negatives[-1]
    if not fractional:
        return Decimal(last + 1).quantize(YEAR_QUANTUM)
    # Linear interpolation assumes the period's inflow arrives evenly through the period.
    fraction = -cumulative[last] / flows[last + 1]
    return (Decimal(last) + fraction).quantize(YEAR_QUANTUM, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PreInvestmentInputs:
    """Assumptions for bringing an empty building back into use as creative workspace.

    Percentages are given in percent (Decimal("15") is 15 %); rents are per m2 of gross floor
    area per month, operating cost per m2 per year; amounts are in one currency (EUR).
    """

    gross_floor_area_m2: Decimal
    condition_grade: str
    renovation_cost_per_m2: Mapping[str, Decimal]
    heritage_surcharge_pct: Decimal
    remediation_surcharge_pct: Decimal
    public_share_pct: Decimal
    market_rent_m2_month: Decimal
    affordable_rent_m2_month: Decimal
    occupancy_pct: Decimal
    operating_cost_m2_year: Decimal
    horizon_years: int
    discount_rate_pct: Decimal
    target_rent_m2_month: Decimal


@dataclass(frozen=True)
class PreInvestmentResult:
    """Outcome of the pre-investment model; money in cents, rates as fractions."""

    renovation_cost: Decimal
    public_pre_investment: Decimal
    private_investment: Decimal
    yearly_net_income: Decimal
    yearly_net_income_market: Decimal
    cashflows: tuple[Decimal, ...]
    npv: Decimal
    npv_market: Decimal
    irr: Decimal | None
    payback_years: Decimal | None
    subsidy_gap: Decimal
    rent_discount_pct: Decimal
    target_is_affordable: bool


def _pct(value: Decimal, name: str, upper: Decimal | None = HUNDRED) -> Decimal:
    """Validate a percentage and return it as a fraction."""
    v = _dec(value, name)
    if v < 0 or (upper is not None and v > upper):
        bound = f"[0, {upper}]" if upper is not None else ">= 0"
        raise FinanceError(f"{name} must be {bound} percent, got {v}")
    return v / HUNDRED


def _normalised(inputs: PreInvestmentInputs) -> PreInvestmentInputs:
    """Validate the inputs and return a copy whose numbers are all Decimal."""
    if not isinstance(inputs.horizon_years, int) or isinstance(inputs.horizon_years, bool):
        raise FinanceError("horizon_years must be an int")
    if not 1 <= inputs.horizon_years <= 100:
        raise FinanceError(f"horizon_years must be between 1 and 100, got {inputs.horizon_years}")
    if inputs.condition_grade not in inputs.renovation_cost_per_m2:
        known = ", ".join(sorted(inputs.renovation_cost_per_m2)) or "none"
        raise FinanceError(f"no renovation cost for condition grade {inputs.condition_grade!r} (known: {known})")
    costs = {
        grade: _dec(cost, f"renovation_cost_per_m2[{grade!r}]") for grade, cost in inputs.renovation_cost_per_m2.items()
    }
    values = {
        name: _dec(getattr(inputs, name), name)
        for name in (
            "gross_floor_area_m2",
            "heritage_surcharge_pct",
            "remediation_surcharge_pct",
            "public_share_pct",
            "market_rent_m2_month",
            "affordable_rent_m2_month",
            "occupancy_pct",
            "operating_cost_m2_year",
            "discount_rate_pct",
            "target_rent_m2_month",
        )
    }
    if values["gross_floor_area_m2"] <= 0:
        raise FinanceError("gross_floor_area_m2 must be positive")
    if costs[inputs.condition_grade] < 0:
        raise FinanceError("renovation cost per m2 must not be negative")
    for name in (
        "market_rent_m2_month",
        "affordable_rent_m2_month",
        "operating_cost_m2_year",
        "target_rent_m2_month",
    ):
        if values[name] < 0:
            raise FinanceError(f"{name} must not be negative")
    for name in ("public_share_pct", "occupancy_pct"):
        _pct(values[name], name)
    for name in ("heritage_surcharge_pct", "remediation_surcharge_pct"):
        _pct(values[name], name, upper=None)
    if values["discount_rate_pct"] <= -100:
        raise FinanceError("discount_rate_pct must be greater than -100")
    return PreInvestmentInputs(
        gross_floor_area_m2=values["gross_floor_area_m2"],
        condition_grade=inputs.condition_grade,
        renovation_cost_per_m2=costs,
        heritage_surcharge_pct=values["heritage_surcharge_pct"],
        remediation_surcharge_pct=values["remediation_surcharge_pct"],
        public_share_pct=values["public_share_pct"],
        market_rent_m2_month=values["market_rent_m2_month"],
        affordable_rent_m2_month=values["affordable_rent_m2_month"],
        occupancy_pct=values["occupancy_pct"],
        operating_cost_m2_year=values["operating_cost_m2_year"],
        horizon_years=inputs.horizon_years,
        discount_rate_pct=values["discount_rate_pct"],
        target_rent_m2_month=values["target_rent_m2_month"],
    )


def _net_income(inputs: PreInvestmentInputs, rent_m2_month: Decimal) -> Decimal:
    """Return the yearly net operating income at a given monthly rent, in cents."""
    area = inputs.gross_floor_area_m2
    occupancy = inputs.occupancy_pct / HUNDRED
    gross = area * rent_m2_month * MONTHS * occupancy
    # Operating costs fall on the whole building whether or not space is let.
    return to_cents(gross - area * inputs.operating_cost_m2_year)


def pre_investment(inputs: PreInvestmentInputs) -> PreInvestmentResult:
    """Evaluate a public pre-investment: costs, income, NPV, IRR, payback and subsidy gap."""
    inputs = _normalised(inputs)
    unit_cost = inputs.renovation_cost_per_m2[inputs.condition_grade]
    heritage = inputs.heritage_surcharge_pct / HUNDRED
    remediation = inputs.remediation_surcharge_pct / HUNDRED
    public_share = inputs.public_share_pct / HUNDRED
    rate = inputs.discount_rate_pct / HUNDRED

    # Both surcharges are percentages of the base works cost, so they add rather than compound.
    renovation = to_cents(inputs.gross_floor_area_m2 * unit_cost * (1 + heritage + remediation))
    public = to_cents(renovation * public_share)
    # Derive the private part by subtraction so that the split adds up to the cent.
    private = renovation - public

    # Money values are rounded before they enter the cash flows so that anyone can reproduce
    # the NPV from the figures shown to the cent.
    net_target = _net_income(inputs, inputs.target_rent_m2_month)
    net_market = _net_income(inputs, inputs.market_rent_m2_month)
    # Renovation is paid at t=0, rents arrive at the end of each year; no residual value is
    # counted, which keeps the subsidy estimate on the safe side.
    flows = (-private, *([net_target] * inputs.horizon_years))
    market_flows = (-private, *([net_market] * inputs.horizon_years))
    project_npv = npv(rate, flows)
    market = inputs.market_rent_m2_month
    discount = (
        ((market - inputs.target_rent_m2_month) / market * HUNDRED).quantize(YEAR_QUANTUM, rounding=ROUND_HALF_UP)
        if market > 0
        else Decimal(0).quantize(YEAR_QUANTUM)
    )
    return PreInvestmentResult(
        renovation_cost=renovation,
        public_pre_investment=public,
        private_investment=private,
        yearly_net_income=net_target,
        yearly_net_income_market=net_market,
        cashflows=flows,
        npv=project_npv,
        npv_market=npv(rate, market_flows),
        irr=irr(flows),
        payback_years=payback_years(flows),
        # An extra grant at t=0 raises the NPV one-for-one, so the gap is the NPV shortfall.
        subsidy_gap=-project_npv if project_npv < 0 else Decimal(0).quantize(CENT),
        rent_discount_pct=discount,
        target_is_affordable=inputs.target_rent_m2_month <= inputs.affordable_rent_m2_month,
    )
