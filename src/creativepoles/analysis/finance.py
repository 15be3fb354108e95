"""Investment arithmetic in Decimal: NPV, IRR, payback and the pre-investment model."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import numpy_financial as npf  # type: ignore[import-untyped, unused-ignore]

from creativepoles.analysis.money import CENT, to_cents

__all__ = [
    "CENT",
    "DecimalLike",
    "FinanceError",
    "FixedCost",
    "Investment",
    "Loan",
    "MonthRow",
    "PlanInputError",
    "PlanInputs",
    "PlanResult",
    "RevenueStream",
    "Scenario",
    "StaffLine",
    "YearRow",
    "PreInvestmentInputs",
    "PreInvestmentResult",
    "irr",
    "npv",
    "loan_payment",
    "loan_schedule",
    "parse_plan_inputs",
    "payback_years",
    "plan_model",
    "plan_scenarios",
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


# --- the business plan's financial model ----------------------------------------------------------------
#
# A creative business's first five years, month by month (the first year is shown monthly, the rest by year).
# Conventions, the same in the XLSX export so that a spreadsheet recomputes the same figures:
# - every monthly line is rounded half up to the cent per stream, staff line, cost or loan before it is summed;
# - investment is paid in month 0 and depreciated straight-line over its life; grants, own funds and loans
#   arrive in month 0; loans are annuities repaid monthly, the last instalment clearing the rounding residue;
# - operating profit = revenue - direct costs - staff - fixed costs - depreciation (no tax);
# - break-even month: the first month whose cumulative operating profit is >= 0;
# - funding gap: the lowest cumulative cash balance before financing (month 0 investment, then EBITDA), as
#   a positive amount to be financed; NPV and IRR on yearly flows with the investment at t = 0.

PLAN_YEARS = 5
PLAN_MONTHS = PLAN_YEARS * 12
MAX_AMOUNT = Decimal("1000000000")  # a billion: far above any creative start-up, far below float trouble
MAX_ROWS = 20
SCENARIO_NAMES = ("pessimistic", "base", "optimistic")
SCENARIO_INPUTS = ("units", "price", "unit_cost", "staff", "fixed")
ZERO = Decimal(0)
ONE = Decimal(1)


class PlanInputError(FinanceError):
    """Invalid plan inputs: `errors` maps an input's path ("streams.0.price") to a (code, params) pair.

    Codes, not sentences: the caller words them in the user's language.
    """

    def __init__(self, errors: Mapping[str, tuple[str, Mapping[str, object]]]) -> None:
        super().__init__("; ".join(f"{path}: {code}" for path, (code, _params) in errors.items()))
        self.errors = dict(errors)


@dataclass(frozen=True)
class RevenueStream:
    """What is sold: units a year (first year) at a price, a direct cost per unit, growth and seasonality."""

    name: str
    units_per_year: Decimal
    price: Decimal
    unit_cost: Decimal
    growth_pct: Decimal  # yearly growth of units from year 2 on
    seasonality_pct: tuple[Decimal, ...]  # 12 monthly shares of the year's units, adding up to 100


@dataclass(frozen=True)
class StaffLine:
    """People paid monthly (employer's cost) from a start month on."""

    role: str
    monthly_cost: Decimal
    count: Decimal
    start_month: int


@dataclass(frozen=True)
class FixedCost:
    """A cost that does not move with sales (rent, insurance, software)."""

    name: str
    monthly: Decimal


@dataclass(frozen=True)
class Investment:
    """Equipment or fit-out bought in month 0 and depreciated straight-line."""

    name: str
    amount: Decimal
    life_years: int


@dataclass(frozen=True)
class Loan:
    """A loan paid out in month 0 and repaid in equal monthly instalments (annuity)."""

    name: str
    amount: Decimal
    rate_pct: Decimal  # nominal yearly rate
    term_months: int


@dataclass(frozen=True)
class Scenario:
    """Multipliers on chosen inputs (1 leaves an input as entered)."""

    units: Decimal = ONE
    price: Decimal = ONE
    unit_cost: Decimal = ONE
    staff: Decimal = ONE
    fixed: Decimal = ONE


@dataclass(frozen=True)
class PlanInputs:
    """Everything the financial model needs; build it with `parse_plan_inputs` to have it validated."""

    streams: tuple[RevenueStream, ...] = ()
    staff: tuple[StaffLine, ...] = ()
    fixed_costs: tuple[FixedCost, ...] = ()
    investments: tuple[Investment, ...] = ()
    loans: tuple[Loan, ...] = ()
    own_funds: Decimal = ZERO
    grants: Decimal = ZERO
    discount_rate_pct: Decimal = Decimal(8)
    scenarios: Mapping[str, Scenario] = field(default_factory=dict)

    def scenario(self, name: str) -> Scenario:
        """The multipliers of a named scenario (base and unknown names: none)."""
        return self.scenarios.get(name, Scenario())


@dataclass(frozen=True)
class MonthRow:
    """One month of the model (money in cents)."""

    month: int
    revenue: Decimal
    direct_costs: Decimal
    staff: Decimal
    fixed_costs: Decimal
    ebitda: Decimal
    depreciation: Decimal
    operating_profit: Decimal
    interest: Decimal
    net_profit: Decimal
    cumulative_operating_profit: Decimal
    cumulative_before_financing: Decimal
    loan_repayment: Decimal
    cash_flow: Decimal
    cash_balance: Decimal


@dataclass(frozen=True)
class YearRow:
    """One year: the sums of its months and the cash balance at its end."""

    year: int
    revenue: Decimal
    direct_costs: Decimal
    staff: Decimal
    fixed_costs: Decimal
    ebitda: Decimal
    depreciation: Decimal
    operating_profit: Decimal
    interest: Decimal
    net_profit: Decimal
    loan_repayment: Decimal
    cash_flow: Decimal
    cash_balance: Decimal


@dataclass(frozen=True)
class PlanResult:
    """The model's results for one scenario."""

    scenario: str
    investment: Decimal
    financing_in: Decimal
    opening_balance: Decimal  # month 0: financing in, investment out
    months: tuple[MonthRow, ...]
    years: tuple[YearRow, ...]
    break_even_month: int | None
    lowest_cash_before_financing: Decimal
    funding_gap: Decimal
    negative_cash_months: tuple[int, ...]
    yearly_flows: tuple[Decimal, ...]  # t = 0 (investment) then EBITDA of years 1..5
    npv: Decimal
    irr: Decimal | None

    @property
    def first_year(self) -> tuple[MonthRow, ...]:
        """The twelve months shown one by one."""
        return self.months[:12]


Errors = dict[str, tuple[str, Mapping[str, object]]]


class _Reader:
    """Reads a JSON-like mapping into typed inputs, collecting every error with its path."""

    def __init__(self) -> None:
        self.errors: Errors = {}

    def fail(self, path: str, code: str, **params: object) -> None:
        self.errors.setdefault(path, (code, params))

    def number(self, row: Mapping[str, Any], key: str, path: str, *, default: Decimal | None = None,
               low: Decimal | None = ZERO, high: Decimal | None = MAX_AMOUNT, positive: bool = False) -> Decimal:
        where = f"{path}.{key}" if path else key
        raw = row.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if default is not None:
                return default
            self.fail(where, "required")
            return ZERO
        if isinstance(raw, bool) or not isinstance(raw, Decimal | int | float | str):
            self.fail(where, "not_number")
            return ZERO
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            self.fail(where, "not_number")
            return ZERO
        if not value.is_finite():
            self.fail(where, "not_number")
            return ZERO
        if positive and value <= 0:
            self.fail(where, "positive")
        elif low is not None and value < low:
            self.fail(where, "negative" if low == 0 else "too_low", low=low)
        elif high is not None and value > high:
            self.fail(where, "too_high", high=high)
        return value

    def whole(self, row: Mapping[str, Any], key: str, path: str, low: int, high: int, default: int | None = None,
              code: str = "range") -> int:
        where = f"{path}.{key}" if path else key
        value = self.number(row, key, path, default=None if default is None else Decimal(default), low=None,
                            high=None)
        if where in self.errors:
            return low
        if value != value.to_integral_value():
            self.fail(where, "whole")
            return low
        if not low <= value <= high:
            self.fail(where, code, low=low, high=high)
            return low
        return int(value)

    def text(self, row: Mapping[str, Any], key: str, path: str) -> str:
        raw = row.get(key, "")
        value = "" if raw is None else str(raw).strip()
        if len(value) > 120:
            self.fail(f"{path}.{key}", "too_long", high=120)
        return value[:120]

    def rows(self, data: Mapping[str, Any], key: str) -> list[tuple[str, Mapping[str, Any]]]:
        raw = data.get(key) or []
        if not isinstance(raw, list | tuple):
            self.fail(key, "not_list")
            return []
        if len(raw) > MAX_ROWS:
            self.fail(key, "too_many", high=MAX_ROWS)
            return []
        out = []
        for i, row in enumerate(raw):
            if isinstance(row, Mapping):
                out.append((f"{key}.{i}", row))
            else:
                self.fail(f"{key}.{i}", "not_object")
        return out

    def seasonality(self, row: Mapping[str, Any], path: str) -> tuple[Decimal, ...]:
        """Twelve shares in percent adding up to 100: a list of 12, or {month: share} with months 1..12."""
        where = f"{path}.seasonality_pct"
        raw = row.get("seasonality_pct")
        if raw is None or raw == [] or raw == {}:
            return tuple(Decimal(100) / 12 for _ in range(12))
        values: dict[int, Any]
        if isinstance(raw, Mapping):
            values = {}
            for key, share in raw.items():
                try:
                    month = int(str(key))
                except ValueError:
                    self.fail(where, "month_range", low=1, high=12)
                    return ()
                if not 1 <= month <= 12:
                    self.fail(where, "month_range", low=1, high=12)
                    return ()
                values[month] = share
            missing = [m for m in range(1, 13) if m not in values]
            for m in missing:
                values[m] = 0
        elif isinstance(raw, list | tuple):
            if len(raw) != 12:
                self.fail(where, "month_count", count=len(raw))
                return ()
            values = {i + 1: share for i, share in enumerate(raw)}
        else:
            self.fail(where, "not_list")
            return ()
        shares = []
        for month in range(1, 13):
            share = self.number({"v": values[month]}, "v", "", high=Decimal(100))
            if "v" in self.errors:
                code, params = self.errors.pop("v")
                self.fail(where, "share_range" if code == "too_high" else code, month=month, high=100)
                return ()
            shares.append(share)
        total = sum(shares, ZERO)
        if abs(total - 100) > Decimal("0.01"):
            self.fail(where, "share_sum", total=total)
            return ()
        return tuple(shares)


def parse_plan_inputs(data: Mapping[str, Any]) -> PlanInputs:
    """Validate a JSON-like mapping of plan inputs; raise PlanInputError with every bad field at once."""
    if not isinstance(data, Mapping):
        raise PlanInputError({"": ("not_object", {})})
    r = _Reader()
    streams = tuple(
        RevenueStream(
            name=r.text(row, "name", path),
            units_per_year=r.number(row, "units_per_year", path),
            price=r.number(row, "price", path),
            unit_cost=r.number(row, "unit_cost", path, default=ZERO),
            growth_pct=r.number(row, "growth_pct", path, default=ZERO, low=Decimal(-100), high=Decimal(1000)),
            seasonality_pct=r.seasonality(row, path),
        )
        for path, row in r.rows(data, "streams")
    )
    staff = tuple(
        StaffLine(
            role=r.text(row, "role", path),
            monthly_cost=r.number(row, "monthly_cost", path),
            count=r.number(row, "count", path, default=ONE, high=Decimal(1000)),
            start_month=r.whole(row, "start_month", path, 1, PLAN_MONTHS, default=1, code="month_range"),
        )
        for path, row in r.rows(data, "staff")
    )
    fixed = tuple(FixedCost(name=r.text(row, "name", path), monthly=r.number(row, "monthly", path))
                  for path, row in r.rows(data, "fixed_costs"))
    investments = tuple(
        Investment(name=r.text(row, "name", path), amount=r.number(row, "amount", path),
                   life_years=r.whole(row, "life_years", path, 1, 50))
        for path, row in r.rows(data, "investments")
    )
    loans = tuple(
        Loan(name=r.text(row, "name", path), amount=r.number(row, "amount", path),
             rate_pct=r.number(row, "rate_pct", path, high=Decimal(100)),
             term_months=r.whole(row, "term_months", path, 1, 360))
        for path, row in r.rows(data, "loans")
    )
    own = r.number(data, "own_funds", "", default=ZERO)
    grants = r.number(data, "grants", "", default=ZERO)
    rate = r.number(data, "discount_rate_pct", "", default=Decimal(8), high=Decimal(100))
    scenarios: dict[str, Scenario] = {}
    raw_scenarios = data.get("scenarios") or {}
    if not isinstance(raw_scenarios, Mapping):
        r.fail("scenarios", "not_object")
        raw_scenarios = {}
    for name, raw in raw_scenarios.items():
        if name not in SCENARIO_NAMES:
            r.fail(f"scenarios.{name}", "unknown_scenario")
            continue
        if not isinstance(raw, Mapping):
            r.fail(f"scenarios.{name}", "not_object")
            continue
        unknown = sorted(set(map(str, raw)) - set(SCENARIO_INPUTS))
        if unknown:
            r.fail(f"scenarios.{name}.{unknown[0]}", "unknown_input")
        scenarios[name] = Scenario(**{key: r.number(raw, key, f"scenarios.{name}", default=ONE, high=Decimal(10))
                                      for key in SCENARIO_INPUTS})
    if r.errors:
        raise PlanInputError(r.errors)
    return PlanInputs(streams, staff, fixed, investments, loans, own, grants, rate, scenarios)


def loan_payment(loan: Loan) -> Decimal:
    """The monthly instalment of an annuity loan, rounded to the cent."""
    rate = loan.rate_pct / HUNDRED / MONTHS
    if rate == 0:
        return to_cents(loan.amount / loan.term_months)
    return to_cents(loan.amount * rate / (ONE - (ONE + rate) ** -loan.term_months))


def loan_schedule(loan: Loan, months: int = PLAN_MONTHS) -> list[tuple[Decimal, Decimal]]:
    """(interest, principal) for months 1..`months`; the last instalment clears what rounding left."""
    rate = loan.rate_pct / HUNDRED / MONTHS
    payment = loan_payment(loan)
    balance = loan.amount
    out = []
    for month in range(1, months + 1):
        if month > loan.term_months or balance <= 0:
            out.append((ZERO, ZERO))
            continue
        interest = to_cents(balance * rate)
        principal = balance if month == loan.term_months else min(payment - interest, balance)
        balance -= principal
        out.append((interest, principal))
    return out


def _stream_month(stream: RevenueStream, month: int, per_unit: Decimal, scenario: Scenario) -> Decimal:
    """Units of a month (year's units × growth × the month's share) times a per-unit amount, in cents."""
    year = (month - 1) // 12
    growth = (ONE + stream.growth_pct / HUNDRED) ** year
    share = stream.seasonality_pct[(month - 1) % 12] / HUNDRED
    return to_cents(stream.units_per_year * scenario.units * growth * share * per_unit)


def plan_model(inputs: PlanInputs, scenario_name: str = "base") -> PlanResult:
    """Profit and loss, cash flow, break-even, funding gap, NPV and IRR of a plan for one scenario."""
    s = inputs.scenario(scenario_name)
    investment = sum((to_cents(i.amount) for i in inputs.investments), ZERO)
    loans_in = sum((to_cents(loan.amount) for loan in inputs.loans), ZERO)
    financing_in = to_cents(inputs.own_funds) + to_cents(inputs.grants) + loans_in
    schedules = [loan_schedule(loan) for loan in inputs.loans]
    balance = financing_in - investment
    before_financing = -investment
    lowest = min(before_financing, ZERO)
    cumulative_profit = ZERO
    months: list[MonthRow] = []
    for month in range(1, PLAN_MONTHS + 1):
        revenue = sum((_stream_month(st, month, st.price * s.price, s) for st in inputs.streams), ZERO)
        direct = sum((_stream_month(st, month, st.unit_cost * s.unit_cost, s) for st in inputs.streams), ZERO)
        staff = sum((to_cents(line.monthly_cost * line.count * s.staff) for line in inputs.staff
                     if month >= line.start_month), ZERO)
        fixed = sum((to_cents(cost.monthly * s.fixed) for cost in inputs.fixed_costs), ZERO)
        depreciation = sum((to_cents(i.amount / (i.life_years * 12)) for i in inputs.investments
                            if month <= i.life_years * 12), ZERO)
        interest = sum((sched[month - 1][0] for sched in schedules), ZERO)
        repayment = sum((sched[month - 1][1] for sched in schedules), ZERO)
        ebitda = revenue - direct - staff - fixed
        operating = ebitda - depreciation
        cumulative_profit += operating
        before_financing += ebitda
        lowest = min(lowest, before_financing)
        cash_flow = ebitda - interest - repayment
        balance += cash_flow
        months.append(MonthRow(month, revenue, direct, staff, fixed, ebitda, depreciation, operating, interest,
                               operating - interest, cumulative_profit, before_financing, repayment, cash_flow,
                               balance))
    years = []
    for year in range(1, PLAN_YEARS + 1):
        rows = months[(year - 1) * 12: year * 12]

        def total(name: str, rows: list[MonthRow] = rows) -> Decimal:
            return sum((getattr(row, name) for row in rows), ZERO)

        years.append(YearRow(year, total("revenue"), total("direct_costs"), total("staff"), total("fixed_costs"),
                             total("ebitda"), total("depreciation"), total("operating_profit"), total("interest"),
                             total("net_profit"), total("loan_repayment"), total("cash_flow"),
                             rows[-1].cash_balance))
    flows = (-investment, *(y.ebitda for y in years))
    break_even = next((row.month for row in months if row.cumulative_operating_profit >= 0), None)
    return PlanResult(
        scenario=scenario_name,
        investment=investment,
        financing_in=financing_in,
        opening_balance=financing_in - investment,
        months=tuple(months),
        years=tuple(years),
        break_even_month=break_even,
        lowest_cash_before_financing=lowest,
        funding_gap=-lowest,
        negative_cash_months=tuple(row.month for row in months if row.cash_balance < 0),
        yearly_flows=flows,
        npv=npv(inputs.discount_rate_pct / HUNDRED, flows),
        irr=irr(flows),
    )


def plan_scenarios(inputs: PlanInputs) -> dict[str, PlanResult]:
    """The model under each of the three scenarios."""
    return {name: plan_model(inputs, name) for name in SCENARIO_NAMES}
