"""The business plan's financial model against hand calculations and numpy-financial."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import numpy_financial as npf  # type: ignore[import-untyped, unused-ignore]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from creativepoles.analysis.finance import (
    Loan,
    PlanInputError,
    loan_payment,
    loan_schedule,
    parse_plan_inputs,
    plan_model,
    plan_scenarios,
)

# Five per cent of the year's units in January, February, March and December, ten per cent in the other months.
SEASON = [5, 5, 5, 10, 10, 10, 10, 10, 10, 10, 10, 5]


def studio(**changes: Any) -> dict[str, Any]:
    """A small design studio worked by hand below."""
    data: dict[str, Any] = {
        "streams": [{"name": "Prints", "units_per_year": "2400", "price": "50", "unit_cost": "20",
                     "growth_pct": "10", "seasonality_pct": SEASON}],
        "staff": [{"role": "Designer", "monthly_cost": "4000", "count": "1"}],
        "fixed_costs": [{"name": "Rent", "monthly": "1000"}],
        "investments": [{"name": "Press", "amount": "24000", "life_years": 5}],
        "loans": [{"name": "Micro-loan", "amount": "12000", "rate_pct": "0", "term_months": 12}],
        "own_funds": "10000", "grants": "5000", "discount_rate_pct": "8",
        "scenarios": {"pessimistic": {"units": "0.8"}, "optimistic": {"units": "1.2", "price": "1.05"}},
    }
    data.update(changes)
    return data


def test_it_computes_the_first_months_by_hand() -> None:
    result = plan_model(parse_plan_inputs(studio()))
    m = result.months
    # January: 120 units × 50 = 6,000 revenue, 2,400 direct costs, 4,000 staff, 1,000 rent: EBITDA -1,400;
    # depreciation 24,000 / 60 = 400, so an operating loss of 1,800.
    assert (m[0].revenue, m[0].direct_costs, m[0].staff, m[0].fixed_costs) == (D("6000.00"), D("2400.00"),
                                                                                 D("4000.00"), D("1000.00"))
    assert (m[0].ebitda, m[0].depreciation, m[0].operating_profit) == (D("-1400.00"), D("400.00"), D("-1800.00"))
    # April: 240 units: EBITDA 12,000 - 4,800 - 5,000 = 2,200, operating profit 1,800.
    assert (m[3].revenue, m[3].ebitda, m[3].operating_profit) == (D("12000.00"), D("2200.00"), D("1800.00"))
    # Cumulative operating profit: -1,800, -3,600, -5,400, -3,600, -1,800, 0 -> break-even in month 6 (>= 0).
    assert [r.cumulative_operating_profit for r in m[:6]] == [D(x) for x in
                                                               ("-1800", "-3600", "-5400", "-3600", "-1800", "0")]
    assert result.break_even_month == 6


def test_it_computes_the_cash_balance_and_the_funding_gap_by_hand() -> None:
    result = plan_model(parse_plan_inputs(studio()))
    # Month 0: 10,000 own + 5,000 grant + 12,000 loan - 24,000 investment = 3,000.
    assert result.opening_balance == D("3000.00")
    # Each month: EBITDA minus the 1,000 repayment of the interest-free loan.
    assert [r.cash_balance for r in result.months[:7]] == [D(x) for x in
                                                           ("600", "-1800", "-4200", "-3000", "-1800", "-600", "600")]
    # The loan is repaid by December (balance 3,000); the next quiet season (-1,040 a month) dips once more:
    # 3,000 - 1,040 × 3 = -120 in month 15.
    assert result.months[11].cash_balance == D("3000.00")
    assert result.months[14].cash_balance == D("-120.00")
    assert result.negative_cash_months == (2, 3, 4, 5, 6, 15)
    # Before financing: -24,000 then -1,400 a month for three months: lowest -28,200.
    assert result.lowest_cash_before_financing == D("-28200.00")
    assert result.funding_gap == D("28200.00")
    assert result.months[11].loan_repayment == D("1000.00") and result.months[12].loan_repayment == 0


def test_it_sums_years_with_growth_by_hand() -> None:
    result = plan_model(parse_plan_inputs(studio()))
    # Yearly gross margin 2,400 × 30 × 1.1^(y-1) minus 60,000 of staff and rent.
    assert [y.ebitda for y in result.years] == [D(x) for x in ("12000", "19200", "27120", "35832", "45415.20")]
    assert result.years[0].revenue == D("120000.00")
    assert result.years[4].operating_profit == D("45415.20") - D("4800")
    assert result.yearly_flows == (D("-24000"), D("12000"), D("19200"), D("27120"), D("35832"), D("45415.20"))


def test_it_matches_numpy_financial_npv_and_irr() -> None:
    result = plan_model(parse_plan_inputs(studio()))
    flows = [float(f) for f in result.yearly_flows]
    assert result.npv == D(str(round(npf.npv(0.08, flows), 2)))
    assert result.irr is not None
    assert abs(float(result.irr) - npf.irr(flows)) < 1e-6
    assert result.npv > 0


def test_it_applies_scenario_multipliers() -> None:
    results = plan_scenarios(parse_plan_inputs(studio()))
    # Pessimistic: 80 % of the units, so January sells 96 units: 4,800 revenue and 1,920 direct costs.
    assert results["pessimistic"].months[0].revenue == D("4800.00")
    assert results["pessimistic"].months[0].direct_costs == D("1920.00")
    # Optimistic: 144 units at 52.50.
    assert results["optimistic"].months[0].revenue == D("7560.00")
    assert results["base"].months[0].revenue == D("6000.00")
    assert results["pessimistic"].npv < results["base"].npv < results["optimistic"].npv


def test_it_repays_an_annuity_like_numpy_financial() -> None:
    loan = Loan("Bank", D("10000"), D("6"), 12)
    assert loan_payment(loan) == D(str(round(-npf.pmt(0.005, 12, 10000), 2)))
    schedule = loan_schedule(loan)
    assert sum(p for _i, p in schedule) == D("10000")
    assert schedule[0] == (D("50.00"), loan_payment(loan) - D("50.00"))  # 10,000 × 0.5 %
    assert schedule[12:] == [(0, 0)] * 48
    assert loan_payment(Loan("Family", D("1000"), D("0"), 3)) == D("333.33")
    assert sum(p for _i, p in loan_schedule(Loan("Family", D("1000"), D("0"), 3))) == D("1000")


def test_it_reports_no_break_even_when_the_plan_never_earns() -> None:
    data = studio(streams=[{"name": "Prints", "units_per_year": "10", "price": "5", "seasonality_pct": SEASON}])
    result = plan_model(parse_plan_inputs(data))
    assert result.break_even_month is None
    assert result.irr is None  # no year ever earns: no sign change


@pytest.mark.parametrize(("change", "path", "code"), [
    ({"streams": [{"units_per_year": "10", "price": "-5"}]}, "streams.0.price", "negative"),
    ({"loans": [{"amount": "1000", "rate_pct": "5", "term_months": 0}]}, "loans.0.term_months", "range"),
    ({"streams": [{"units_per_year": "1", "price": "1", "seasonality_pct": [8] * 12 + [4]}]},
     "streams.0.seasonality_pct", "month_count"),
    ({"streams": [{"units_per_year": "1", "price": "1", "seasonality_pct": {"13": 100}}]},
     "streams.0.seasonality_pct", "month_range"),
    ({"streams": [{"units_per_year": "1", "price": "1", "seasonality_pct": {"1": 200}}]},
     "streams.0.seasonality_pct", "share_range"),
    ({"streams": [{"units_per_year": "1", "price": "1", "seasonality_pct": [10] * 12}]},
     "streams.0.seasonality_pct", "share_sum"),
    ({"streams": [{"units_per_year": "x", "price": "1"}]}, "streams.0.units_per_year", "not_number"),
    ({"streams": [{"units_per_year": "NaN", "price": "1"}]}, "streams.0.units_per_year", "not_number"),
    ({"streams": [{"price": "1"}]}, "streams.0.units_per_year", "required"),
    ({"investments": [{"amount": "100", "life_years": "2.5"}]}, "investments.0.life_years", "whole"),
    ({"staff": [{"monthly_cost": "100", "start_month": 61}]}, "staff.0.start_month", "month_range"),
    ({"own_funds": "1e12"}, "own_funds", "too_high"),
    ({"scenarios": {"worst": {}}}, "scenarios.worst", "unknown_scenario"),
    ({"scenarios": {"pessimistic": {"units": "-1"}}}, "scenarios.pessimistic.units", "negative"),
    ({"streams": "many"}, "streams", "not_list"),
])
def test_it_names_the_field_of_bad_input(change: dict[str, Any], path: str, code: str) -> None:
    with pytest.raises(PlanInputError) as caught:
        parse_plan_inputs(studio(**change))
    assert caught.value.errors[path][0] == code


def test_it_reports_every_bad_field_at_once() -> None:
    data = studio(streams=[{"units_per_year": "-1", "price": "-1"}], grants="-5")
    with pytest.raises(PlanInputError) as caught:
        parse_plan_inputs(data)
    assert set(caught.value.errors) == {"streams.0.units_per_year", "streams.0.price", "grants"}


def test_it_spreads_units_evenly_without_seasonality() -> None:
    data = studio(streams=[{"units_per_year": "1200", "price": "10"}])
    result = plan_model(parse_plan_inputs(data))
    assert {r.revenue for r in result.first_year} == {D("1000.00")}


money = st.integers(min_value=0, max_value=200_000).map(lambda c: D(c) / 100)


@given(units=st.integers(0, 5000), price=money, cost=money, staff=money, rent=money, invest=money,
       life=st.integers(1, 10), loan=money, rate=st.integers(0, 1500).map(lambda r: D(r) / 100),
       term=st.integers(1, 120), own=money)
def test_it_keeps_its_books_consistent(units: int, price: D, cost: D, staff: D, rent: D, invest: D, life: int,
                                       loan: D, rate: D, term: int, own: D) -> None:
    inputs = parse_plan_inputs(studio(
        streams=[{"units_per_year": units, "price": str(price), "unit_cost": str(cost), "seasonality_pct": SEASON}],
        staff=[{"monthly_cost": str(staff)}], fixed_costs=[{"monthly": str(rent)}],
        investments=[{"amount": str(invest), "life_years": life}],
        loans=[{"amount": str(loan), "rate_pct": str(rate), "term_months": term}], own_funds=str(own)))
    result = plan_model(inputs)
    # The cash balance is the opening balance plus every month's cash flow; years add up their months.
    assert result.months[-1].cash_balance == result.opening_balance + sum(r.cash_flow for r in result.months)
    assert sum(y.ebitda for y in result.years) == sum(r.ebitda for r in result.months)
    assert result.years[-1].cash_balance == result.months[-1].cash_balance
    # A loan is repaid in full within its term (inside the five years) and never beyond.
    repaid = sum(r.loan_repayment for r in result.months)
    assert repaid == (loan if term <= 60 else repaid) and repaid <= loan
    # Depreciation never exceeds what was invested.
    assert sum(r.depreciation for r in result.months) <= invest + D("0.30")
    # Break-even is the first month with a non-negative cumulative operating profit.
    if result.break_even_month is not None:
        assert result.months[result.break_even_month - 1].cumulative_operating_profit >= 0
        assert all(r.cumulative_operating_profit < 0 for r in result.months[:result.break_even_month - 1])
    # Before financing, month 0 already lacks the whole investment.
    assert result.funding_gap >= invest
