"""Location quotients, shift-share, Krugman and Herfindahl against hand computations on published input tables
(Farhauer & Kröll 2013 via REAT; Freiburg 2008/2014), and the suppression pattern's guarantees."""

from __future__ import annotations

import csv
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creativepoles.analysis import economy
from tests.atlas.data import shared


def _rows(name: str) -> list[dict[str, str]]:
    with shared("regional", name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_it_computes_the_location_quotient_of_farhauer_kroell_region_a() -> None:
    rows = _rows("farhauer_kroell_4industries_input.csv")
    a = [int(r["region_A_t"]) for r in rows]
    x = [int(r["nation_X_t"]) for r in rows]
    for i in range(4):
        expected = (Fraction(a[i], sum(a)) / Fraction(x[i], sum(x)))
        assert economy.location_quotient(a[i], sum(a), x[i], sum(x)) == pytest.approx(float(expected), rel=1e-12)
    # Industry 1: (90/180) / (400/1100) = 1.375, by hand.
    assert economy.location_quotient(90, 180, 400, 1100) == pytest.approx(1.375)
    assert economy.location_quotient(1, 0, 1, 1) is None
    assert economy.location_quotient(1, 1, 0, 1) is None


def test_it_decomposes_growth_as_dunn_for_farhauer_kroell_region_a() -> None:
    # Industry 1 of region A, t -> t+1: G = 1265/1100 - 1 = 0.15, g_i = 0.1, g_ir = 1/9.
    result = economy.shift_share(90, 100, 400, 440, 1100, 1265)
    assert result is not None
    assert result.national == pytest.approx(13.5)
    assert result.industry_mix == pytest.approx(-4.5)
    assert result.competitive == pytest.approx(1.0)
    assert result.change == 10
    assert economy.shift_share(0, 5, 1, 2, 3, 4) is None


def test_it_adds_the_freiburg_effects_up_to_each_change() -> None:
    rows = _rows("freiburg_2008_2014_input.csv")
    total0 = sum(int(r["e_Germany2008"]) for r in rows)
    total1 = sum(int(r["e_Germany2014"]) for r in rows)
    for r in rows:
        e0, e1 = int(r["e_Freiburg2008"]), int(r["e_Freiburg2014"])
        ei0, ei1 = int(r["e_Germany2008"]), int(r["e_Germany2014"])
        result = economy.shift_share(e0, e1, ei0, ei1, total0, total1)
        assert result is not None
        big_g = Fraction(total1, total0) - 1
        assert result.national == pytest.approx(float(e0 * big_g))
        assert result.industry_mix == pytest.approx(float(e0 * (Fraction(ei1, ei0) - 1 - big_g)))
        assert result.competitive == pytest.approx(float(e0 * (Fraction(e1, e0) - Fraction(ei1, ei0))))
        assert result.national + result.industry_mix + result.competitive == pytest.approx(e1 - e0)


def test_it_computes_krugman_and_herfindahl_by_hand() -> None:
    rows = _rows("farhauer_kroell_4industries_input.csv")
    a = {r["industry"]: int(r["region_A_t"]) for r in rows}
    x = {r["industry"]: int(r["nation_X_t"]) for r in rows}
    # |1/2-4/11| + |1/9-3/22| + |1/18-3/22| + |1/3-4/11| = 54/198 = 3/11.
    assert economy.krugman(a, x) == pytest.approx(3 / 11)
    assert economy.krugman(a, a) == pytest.approx(0.0)
    assert economy.krugman({"a": 1}, {"b": 1}) == pytest.approx(2.0)
    assert economy.krugman({}, x) is None
    # (1/2)² + (1/9)² + (1/18)² + (1/3)² = 81/324 + 4/324 + 1/324 + 36/324 = 122/324.
    assert economy.herfindahl(a) == pytest.approx(122 / 324)
    assert economy.herfindahl({"only": 5}) == pytest.approx(1.0)
    assert economy.herfindahl({"a": 0}) is None


def test_it_computes_shares_density_and_growth() -> None:
    assert economy.share(1, 4) == 0.25
    assert economy.share(1, 0) is None
    assert economy.density(30, 150000) == pytest.approx(0.2)
    assert economy.growth(80, 100) == pytest.approx(0.25)
    assert economy.growth(0, 3) is None


def test_it_suppresses_small_cells_and_the_cells_they_could_be_derived_from() -> None:
    cells = {("k", "design"): 2, ("k", "it"): 40, ("k", "film"): 9,
             ("t", "design"): 12, ("t", "it"): 30, ("t", "film"): 0}
    hidden = economy.suppression(cells, 3)
    assert ("k", "design") in hidden
    # The Klaipėda row and the design column each hide a second cell, the smallest other non-zero one.
    assert ("k", "film") in hidden and ("t", "design") in hidden
    assert ("t", "film") not in hidden  # a zero tells nothing about any firm


@given(st.dictionaries(st.tuples(st.sampled_from("abcd"), st.sampled_from("wxyz")), st.integers(0, 12), min_size=1))
def test_it_never_leaves_a_single_hidden_cell_in_a_row_or_column_with_other_cells(cells: dict[tuple[str, str], int]) -> None:
    hidden = economy.suppression(cells, 3)
    assert {k for k, v in cells.items() if 0 < v < 3} <= hidden
    for axis in (0, 1):
        for line in {k[axis] for k in cells}:
            keys = [k for k in cells if k[axis] == line]
            others = [k for k in keys if k not in hidden and cells[k] > 0]
            assert sum(1 for k in keys if k in hidden) != 1 or not others
