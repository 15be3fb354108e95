"""Tests for creativepoles.analysis.finance against published examples and hand calculations."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creativepoles.analysis.finance import (
    FinanceError,
    PreInvestmentInputs,
    irr,
    npv,
    payback_years,
    pre_investment,
)


def test_it_reproduces_the_excel_npv_help_example_1() -> None:
    # Microsoft Support, "NPV function" (Excel help), example 1: 10 % annual rate, an initial
    # cost of 10,000 one year from today and returns of 3,000, 4,200 and 6,800 give 1,188.44.
    # Excel discounts its first value; here index 0 is "now", hence the leading zero.
    assert npv(D("0.10"), [0, -10000, 3000, 4200, 6800]) == D("1188.44")


def test_it_reproduces_the_excel_npv_help_example_2() -> None:
    # Same page, example 2: 8 %, an initial investment of 40,000 at the start and returns of
    # 8,000, 9,200, 10,000, 12,000, 14,500 give 1,922.06; with a 9,000 loss in year six, -3,749.47.
    flows = [-40000, 8000, 9200, 10000, 12000, 14500]
    assert npv(D("0.08"), flows) == D("1922.06")
    assert npv(D("0.08"), [*flows, -9000]) == D("-3749.47")


def test_it_reproduces_the_excel_irr_help_example() -> None:
    # Microsoft Support, "IRR function" (Excel help): an investment of 70,000 with net income of
    # 12,000, 15,000, 18,000, 21,000 and 26,000: IRR after four years -2.1 %, after five years
    # 8.7 %, after two years -44.4 % (values as printed, rounded to 0.1 %).
    flows = [-70000, 12000, 15000, 18000, 21000, 26000]
    rates = (irr(flows[:5]), irr(flows), irr(flows[:3]))
    assert [round(r * 100, 1) for r in rates if r is not None] == [D("-2.1"), D("8.7"), D("-44.4")]


def test_it_reproduces_gitmans_irr_example() -> None:
    # Gitman, L. J. (2003). Principles of Managerial Finance, Brief, 3rd ed., Addison-Wesley,
    # p. 348 (as cited by numpy-financial's irr documentation): flows -100, 39, 59, 55, 20 have
    # an IRR of 0.28095 (28.09 %).
    result = irr([-100, 39, 59, 55, 20])
    assert result is not None and round(result, 5) == D("0.28095")


@pytest.mark.parametrize(
    ("flows", "npv_at_10", "payback"),
    [
        ([-2000, 500, 500, 5000], D("2624"), D("3")),
        ([-2000, 500, 1800, 0], D("-58"), D("2")),
        ([-2000, 1800, 500, 0], D("50"), D("2")),
    ],
)
def test_it_reproduces_brealey_myers_allen_payback_table(flows: list[int], npv_at_10: D, payback: D) -> None:
    # Brealey, R. A., Myers, S. C. & Allen, F. (2011). Principles of Corporate Finance, 10th ed.,
    # McGraw-Hill, chapter 5, section 5-2 "Payback": projects A, B, C with payback periods of
    # 3, 2 and 2 years and NPVs at 10 % of +2,624, -58 and +50 (rounded to whole dollars).
    assert round(npv(D("0.10"), flows)) == npv_at_10
    assert payback_years(flows, fractional=False) == payback


def test_it_interpolates_payback_within_the_year() -> None:
    # 2,000 out, 500 back in year 1: 1,500 remain, recovered by 1,800 in year 2 -> 1 + 1500/1800.
    assert payback_years([-2000, 500, 1800, 0]) == D("1.83")
    assert payback_years([-1000, 500, 500]) == D("2.00")
    assert payback_years([100, 50]) == D("0.00")


def test_it_returns_none_when_never_paid_back() -> None:
    assert payback_years([-1000, 100, 100]) is None
    # A late reinvestment that leaves the balance negative means no payback.
    assert payback_years([-1000, 800, 800, -700]) is None
    # ... and one it recovers from moves the payback to the final recovery.
    # Balance -1000, -200, 600, -100, 400: last below zero after year 3, then 100 of 500 -> 3.2.
    assert payback_years([-1000, 800, 800, -700, 500]) == D("3.20")


def test_it_returns_no_irr_without_a_sign_change() -> None:
    assert irr([100, 200, 300]) is None
    assert irr([-100, -200]) is None
    assert irr([0, 0]) is None


def test_it_refuses_floats_and_bad_rates() -> None:
    with pytest.raises(FinanceError, match="float"):
        npv(D("0.1"), [0.1, 2])  # type: ignore[list-item]
    with pytest.raises(FinanceError, match="greater than -1"):
        npv(D("-1"), [1, 2])
    with pytest.raises(FinanceError, match="empty"):
        irr([])


# A renovated 1,000 m2 warehouse in fair condition; every figure below is checked by hand.
BASE = PreInvestmentInputs(
    gross_floor_area_m2=D("1000"),
    condition_grade="fair",
    renovation_cost_per_m2={"good": D("300"), "fair": D("600"), "poor": D("1100")},
    heritage_surcharge_pct=D("10"),
    remediation_surcharge_pct=D("5"),
    public_share_pct=D("60"),
    market_rent_m2_month=D("8.00"),
    affordable_rent_m2_month=D("5.00"),
    occupancy_pct=D("85"),
    operating_cost_m2_year=D("20"),
    horizon_years=15,
    discount_rate_pct=D("4"),
    target_rent_m2_month=D("5.00"),
)


def test_it_evaluates_the_pre_investment_by_hand() -> None:
    result = pre_investment(BASE)
    # 1,000 m2 x 600/m2 x (1 + 0.10 + 0.05) = 690,000; 60 % public = 414,000; private 276,000.
    assert result.renovation_cost == D("690000.00")
    assert result.public_pre_investment == D("414000.00")
    assert result.private_investment == D("276000.00")
    # Target rent: 1,000 x 5 x 12 x 0.85 = 51,000 rent - 20,000 operating = 31,000 a year.
    assert result.yearly_net_income == D("31000.00")
    # Market rent: 1,000 x 8 x 12 x 0.85 = 81,600 - 20,000 = 61,600 a year.
    assert result.yearly_net_income_market == D("61600.00")
    # 15-year annuity factor at 4 %: (1 - 1.04^-15) / 0.04 = 11.1183874...
    # NPV = -276,000 + 31,000 x 11.1183874 = -276,000 + 344,670.01 = 68,670.01.
    assert result.npv == npv(D("0.04"), [-276000, *([31000] * 15)])
    assert result.npv == D("68670.01")
    assert result.subsidy_gap == D("0.00")
    # 276,000 / 31,000 = 8.90 years.
    assert result.payback_years == D("8.90")
    assert result.irr is not None and D("0.07") < result.irr < D("0.08")
    assert result.rent_discount_pct == D("37.50")
    assert result.target_is_affordable is True


def test_it_sizes_the_subsidy_gap_to_reach_zero_npv() -> None:
    result = pre_investment(replace(BASE, condition_grade="poor", public_share_pct=D("20")))
    # 1,000 x 1,100 x 1.15 = 1,265,000; public 253,000; private 1,012,000.
    assert result.private_investment == D("1012000.00")
    assert result.npv < 0
    assert result.subsidy_gap == -result.npv
    topped_up = (result.cashflows[0] + result.subsidy_gap, *result.cashflows[1:])
    assert npv(D("0.04"), topped_up) == D("0.00")


def test_it_rejects_unknown_grades_and_bad_percentages() -> None:
    with pytest.raises(FinanceError, match="condition grade 'ruin'"):
        pre_investment(replace(BASE, condition_grade="ruin"))
    with pytest.raises(FinanceError, match="occupancy_pct"):
        pre_investment(replace(BASE, occupancy_pct=D("120")))
    with pytest.raises(FinanceError, match="float"):
        pre_investment(replace(BASE, market_rent_m2_month=8.0))  # type: ignore[arg-type]
    with pytest.raises(FinanceError, match="horizon_years"):
        pre_investment(replace(BASE, horizon_years=0))


money = st.decimals(min_value=0, max_value=50, places=2)
percent = st.decimals(min_value=0, max_value=100, places=1)


@given(
    rent=money,
    share=percent,
    occupancy=percent,
    rate=st.decimals(min_value=0, max_value=15, places=1),
    years=st.integers(1, 40),
)
def test_it_keeps_splits_exact_and_gaps_consistent(rent: D, share: D, occupancy: D, rate: D, years: int) -> None:
    result = pre_investment(
        replace(
            BASE,
            target_rent_m2_month=rent,
            public_share_pct=share,
            occupancy_pct=occupancy,
            discount_rate_pct=rate,
            horizon_years=years,
        )
    )
    assert result.public_pre_investment + result.private_investment == result.renovation_cost
    assert result.subsidy_gap >= 0
    assert (result.subsidy_gap == 0) == (result.npv >= 0)
    assert result.npv + result.subsidy_gap >= 0
    for value in (result.npv, result.subsidy_gap, result.yearly_net_income):
        assert value == value.quantize(D("0.01"))
    # A higher rent can never need a larger subsidy.
    richer = pre_investment(
        replace(
            BASE,
            target_rent_m2_month=rent + 1,
            public_share_pct=share,
            occupancy_pct=occupancy,
            discount_rate_pct=rate,
            horizon_years=years,
        )
    )
    assert richer.subsidy_gap <= result.subsidy_gap
