"""Decimal money: the fixed euro–litas rate, co-financing splits that add up to the cent, and allocation by
weights, against hand computations. Programme budgets, payments and reports all go through these functions."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creativepoles.analysis import money
from creativepoles.analysis.money import MoneyError

cents = st.integers(min_value=0, max_value=10_000_000).map(lambda c: D(c) / 100)
rates = st.integers(min_value=0, max_value=100).map(lambda r: D(r) / 100)


def test_it_rounds_half_up_to_the_cent() -> None:
    assert money.to_cents(D("1.005")) == D("1.01")
    assert money.to_cents(D("1.0049")) == D("1.00")
    assert money.to_cents(D("-1.005")) == D("-1.01")
    # Always two decimals, so amounts print as money.
    assert str(money.to_cents(D("2.1"))) == "2.10"


def test_it_converts_at_the_irrevocable_litas_rate() -> None:
    # 1 EUR = 3.45280 LTL: 100 EUR = 345.28 LTL; 100 LTL = 28.9620... EUR.
    assert money.convert(D("100"), "EUR", "LTL") == D("345.28")
    assert money.convert(D("100"), "LTL", "EUR") == D("28.96")
    assert money.convert(D("345.28"), "LTL", "EUR") == D("100.00")
    assert money.convert(D("10.005"), "EUR", "EUR") == D("10.01")
    assert money.convert(D("1.234"), "LTL", "LTL") == D("1.23")


def test_it_rounds_a_conversion_once_at_the_end() -> None:
    # 0.01 LTL is 0.0028961... EUR, which rounds to 0.00; 1000 of them is 2.8962 EUR = 2.90, not 0.
    assert money.convert(D("0.01"), "LTL", "EUR") == D("0.00")
    assert money.convert(D("10.00"), "LTL", "EUR") == D("2.90")


@pytest.mark.parametrize(("source", "target"), [("USD", "EUR"), ("EUR", "USD")])
def test_it_refuses_a_currency_without_a_fixed_rate(source: str, target: str) -> None:
    with pytest.raises(MoneyError) as caught:
        money.convert(D("1"), source, target)
    assert str(caught.value) == "No fixed rate for USD"


def test_it_splits_a_total_so_the_parts_add_up() -> None:
    parts = money.split(D("100.00"), D("0.85"))
    assert (parts.total, parts.fund, parts.own, parts.exact_fund) == (D("100.00"), D("85.00"), D("15.00"), D("85.00"))
    # 33.33 at 85 % is 28.3305: the fund gets 28.33, the partner the remaining 5.00, the exact share stays visible.
    parts = money.split(D("33.33"), D("0.85"))
    assert (parts.fund, parts.own, parts.exact_fund) == (D("28.33"), D("5.00"), D("28.3305"))


def test_it_rounds_the_fund_share_half_up_or_down() -> None:
    assert money.split(D("0.03"), D("0.5")).fund == D("0.02")
    assert money.split(D("0.03"), D("0.5"), rounding="down").fund == D("0.01")
    assert money.split(D("0.03"), D("0.5"), rounding="down").own == D("0.02")


def test_it_rounds_the_fund_share_to_a_multiple_of_the_step() -> None:
    # 1234 × 0.85 = 1048.90: to whole hundreds that is 1000, to whole euros 1049, both shown with cents.
    hundreds = money.split(D("1234"), D("0.85"), quantum=D("100"))
    assert str(hundreds.fund) == "1000.00"
    assert hundreds.own == D("234")
    assert money.split(D("1234"), D("0.85"), quantum=D("1")).fund == D("1049")
    assert money.split(D("1234"), D("0.85"), quantum=D("100"), rounding="down").fund == D("1000")


def test_the_fund_share_never_exceeds_the_total() -> None:
    # 150 at 100 % to whole hundreds would round to 200; the fund is capped at the total.
    parts = money.split(D("150"), D("1"), quantum=D("100"))
    assert (parts.fund, parts.own) == (D("150"), D("0"))


@pytest.mark.parametrize("rate", [D("0"), D("1")])
def test_it_accepts_the_rate_bounds(rate: D) -> None:
    parts = money.split(D("10.00"), rate)
    assert parts.fund == D("10.00") * rate
    assert parts.fund + parts.own == D("10.00")


def test_it_accepts_a_zero_total() -> None:
    assert money.split(D("0"), D("0.5")).fund == D("0")


@pytest.mark.parametrize(
    ("total", "rate", "quantum", "rounding", "message"),
    [
        (D("10"), D("-0.01"), D("0.01"), "half_up", "The fund rate must be between 0 and 1."),
        (D("10"), D("1.01"), D("0.01"), "half_up", "The fund rate must be between 0 and 1."),
        (D("-0.01"), D("0.5"), D("0.01"), "half_up", "A total to split cannot be negative."),
        (D("10"), D("0.5"), D("0.01"), "ceiling", "Unknown rounding 'ceiling'."),
        (D("10"), D("0.5"), D("0"), "half_up", "The rounding step must be positive."),
        (D("10"), D("0.5"), D("-1"), "half_up", "The rounding step must be positive."),
    ],
)
def test_it_refuses_an_impossible_split(total: D, rate: D, quantum: D, rounding: str, message: str) -> None:
    with pytest.raises(MoneyError) as caught:
        money.split(total, rate, quantum, rounding)
    assert str(caught.value) == message


@given(total=cents, rate=rates)
def test_a_split_always_adds_up_and_stays_within_a_cent_of_the_exact_share(total: D, rate: D) -> None:
    parts = money.split(total, rate)
    assert parts.fund + parts.own == total
    assert abs(parts.fund - total * rate) <= D("0.005")
    assert D("0") <= parts.fund <= total


def test_it_converts_a_split_keeping_the_remainder_rule() -> None:
    parts = money.convert_split(money.split(D("100.00"), D("0.5")), "EUR", "LTL")
    assert (parts.total, parts.fund, parts.own, parts.exact_fund) == (D("345.28"), D("172.64"), D("172.64"),
                                                                      D("172.64"))
    # 10.01 EUR at 85 %: fund 8.51 → 29.38 LTL, total 34.56 LTL, own is the remainder 5.18, not convert(1.50).
    parts = money.convert_split(money.split(D("10.01"), D("0.85")), "EUR", "LTL")
    assert (parts.total, parts.fund, parts.own) == (D("34.56"), D("29.38"), D("5.18"))
    assert parts.exact_fund == D("29.38")


def test_it_allocates_leftover_cents_to_the_largest_remainders() -> None:
    assert money.allocate(D("100.00"), [D("1"), D("1"), D("1")]) == [D("33.34"), D("33.33"), D("33.33")]
    # 1.00 by 1:2 is 33.33... and 66.66...: the larger remainder (0.67) takes the leftover cent.
    assert money.allocate(D("1.00"), [D("1"), D("2")]) == [D("0.33"), D("0.67")]
    assert money.allocate(D("1.00"), [D("2"), D("1")]) == [D("0.67"), D("0.33")]
    assert money.allocate(D("10.00"), [D("3"), D("1")]) == [D("7.50"), D("2.50")]
    # 1.00 by 1:5 is 16.67 and 83.33 cents: the smaller share has the larger remainder and takes the cent.
    assert money.allocate(D("1.00"), [D("1"), D("5")]) == [D("0.17"), D("0.83")]
    # The total is first rounded half up to the cent.
    assert money.allocate(D("0.005"), [D("1")]) == [D("0.01")]


@pytest.mark.parametrize("weights", [[], [D("0")], [D("1"), D("-1")], [D("-2")]])
def test_it_refuses_weights_that_do_not_share(weights: list[D]) -> None:
    with pytest.raises(MoneyError) as caught:
        money.allocate(D("10"), weights)
    assert str(caught.value) == "Weights must be positive."


@given(total=cents, weights=st.lists(st.integers(min_value=1, max_value=1000).map(D), min_size=1, max_size=8))
def test_an_allocation_adds_up_to_the_cent_and_is_within_a_cent_of_proportional(total: D, weights: list[D]) -> None:
    shares = money.allocate(total, weights)
    assert sum(shares) == total
    for share, weight in zip(shares, weights, strict=True):
        assert abs(share - total * weight / sum(weights)) < D("0.01")
