"""Tests for creativepoles.analysis.mcda against published worked examples and properties."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pymcdm.methods import TOPSIS, WSM
from pymcdm.normalizations import minmax_normalization, vector_normalization
from scipy.stats import rankdata

from creativepoles.analysis.mcda import (
    RI_TABLE_NAME,
    SAATY_1980_RI,
    McdaError,
    ahp_weights,
    minmax_normalise,
    rank,
    sensitivity,
    topsis,
    vector_normalise,
    weighted_sum,
    weighted_sum_unnormalised,
)


def _matrix(rows: Sequence[Sequence[str | int]]) -> np.ndarray:
    """Build a float matrix from judgements written as in the paper ("1/3")."""
    return np.array([[float(Fraction(str(v))) for v in row] for row in rows])


# Saaty, T. L. (1990). "How to make a decision: The Analytic Hierarchy Process".
# European Journal of Operational Research 48(1), 9-26. House-buying example: pairwise
# comparison matrix of the eight criteria (size of house, transportation, neighbourhood, age of
# house, yard space, modern facilities, general condition, financing) and its published
# priority vector 0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333 with
# lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169.
SAATY_HOUSE_CRITERIA: list[list[str | int]] = [
    [1, 5, 3, 7, 6, 6, "1/3", "1/4"],
    ["1/5", 1, "1/3", 5, 3, 3, "1/5", "1/7"],
    ["1/3", 3, 1, 6, 3, 4, 6, "1/5"],
    ["1/7", "1/5", "1/6", 1, "1/3", "1/4", "1/7", "1/8"],
    ["1/6", "1/3", "1/3", 3, 1, "1/2", "1/5", "1/6"],
    ["1/6", "1/3", "1/4", 4, 2, 1, "1/5", "1/6"],
    [3, 5, "1/6", 7, 5, 5, 1, "1/2"],
    [4, 7, 5, 8, 6, 6, 2, 1],
]
SAATY_HOUSE_WEIGHTS = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]

# Same paper, same example: comparisons of houses A, B, C under each of the eight criteria,
# in criteria order; the published composite priorities are A 0.396, B 0.341, C 0.263.
SAATY_HOUSE_ALTERNATIVES: list[list[list[str | int]]] = [
    [[1, 6, 8], ["1/6", 1, 4], ["1/8", "1/4", 1]],
    [[1, 7, "1/5"], ["1/7", 1, "1/8"], [5, 8, 1]],
    [[1, 8, 6], ["1/8", 1, "1/4"], ["1/6", 4, 1]],
    [[1, 1, 1], [1, 1, 1], [1, 1, 1]],
    [[1, 5, 4], ["1/5", 1, "1/3"], ["1/4", 3, 1]],
    [[1, 8, 6], ["1/8", 1, "1/5"], ["1/6", 5, 1]],
    [[1, "1/2", "1/2"], [2, 1, 1], [2, 1, 1]],
    [[1, "1/7", "1/5"], [7, 1, 3], [5, "1/3", 1]],
]

# Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making: Methods and Applications.
# Lecture Notes in Economics and Mathematical Systems 186, Springer. Fighter-aircraft example
# (decision matrix on p. 133, TOPSIS worked through on the following pages): attributes
# maximum speed (Mach), ferry range (NM), maximum payload (lb), acquisition cost ($10^6, cost),
# reliability and manoeuvrability (interval scale), weights 0.2, 0.1, 0.1, 0.1, 0.2, 0.3.
# Published relative closeness C* = 0.643, 0.268, 0.613, 0.312 (A1 > A3 > A4 > A2).
AIRCRAFT = np.array(
    [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
)
AIRCRAFT_WEIGHTS = np.array([0.2, 0.1, 0.1, 0.1, 0.2, 0.3])
AIRCRAFT_BENEFIT = np.array([True, True, True, False, True, True])
AIRCRAFT_CLOSENESS = [0.643, 0.268, 0.613, 0.312]


def test_it_reproduces_saaty_1990_house_criteria_priorities() -> None:
    result = ahp_weights(_matrix(SAATY_HOUSE_CRITERIA))
    np.testing.assert_allclose(result.weights, SAATY_HOUSE_WEIGHTS, atol=5e-4)
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.ci == pytest.approx(0.238, abs=5e-4)
    assert result.cr == pytest.approx(0.169, abs=5e-4)
    assert result.ri == 1.41
    assert result.consistent is False
    assert result.ri_table == RI_TABLE_NAME == "Saaty (1980)"


def test_it_reproduces_saaty_1990_house_composite_priorities() -> None:
    criteria = ahp_weights(_matrix(SAATY_HOUSE_CRITERIA)).weights
    local = np.column_stack([ahp_weights(_matrix(m)).weights for m in SAATY_HOUSE_ALTERNATIVES])
    np.testing.assert_allclose(local @ criteria, [0.396, 0.341, 0.263], atol=5e-4)


def test_it_uses_saatys_random_index_table() -> None:
    assert SAATY_1980_RI == {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}


def test_it_reproduces_hwang_yoon_1981_fighter_aircraft_closeness() -> None:
    closeness = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT)
    # The book rounds the normalised matrix to four decimals (and has small slips in it, e.g.
    # 0.5063 for 5.5/sqrt(117.75) = 0.5069), so agreement is to the third decimal.
    np.testing.assert_allclose(closeness, AIRCRAFT_CLOSENESS, atol=1e-3)
    assert rank(closeness).tolist() == [1, 4, 2, 3]


def test_it_matches_pymcdm_topsis_with_vector_normalisation() -> None:
    # pymcdm turns cost columns into 1 - r_ij; distances to the ideals are unchanged by that
    # reflection, so its closeness must equal the classic form exactly.
    types = np.where(AIRCRAFT_BENEFIT, 1, -1)
    expected = TOPSIS(vector_normalization)(AIRCRAFT, AIRCRAFT_WEIGHTS, types)
    np.testing.assert_allclose(topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT), expected)


def test_it_matches_pymcdm_topsis_and_wsm_with_minmax_normalisation() -> None:
    types = np.where(AIRCRAFT_BENEFIT, 1, -1)
    np.testing.assert_allclose(
        topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, normalisation="minmax"),
        TOPSIS(minmax_normalization)(AIRCRAFT, AIRCRAFT_WEIGHTS, types),
    )
    np.testing.assert_allclose(
        weighted_sum(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT),
        WSM(minmax_normalization)(AIRCRAFT, AIRCRAFT_WEIGHTS, types),
    )


def test_it_computes_weighted_sum_by_hand() -> None:
    # Benefit column 10..30 -> 0, 0.5, 1; cost column 5..1 -> 0, 0.5, 1; constant column -> 1.
    matrix = [[10, 5, 7], [20, 3, 7], [30, 1, 7]]
    scores = weighted_sum(matrix, [2, 1, 1], [True, False, True])
    np.testing.assert_allclose(scores, [0.25, 0.625, 1.0])


# Wikipedia, "Weighted sum model" (weighted sum model, also called weighted linear combination or
# simple additive weighting), section "Example": https://en.wikipedia.org/wiki/Weighted_sum_model,
# read in the mirror http://cryer.org.uk/weighted_sum_model (same table at
# https://wikiblah.com/wiki/weighted-sum-model). Excerpt of its decision matrix and result column:
#   "Weighting | 0.20 | 0.15 | 0.40 | 0.25 | – |
#    Choice A1 | 25 | 20 | 15 | 30 | 21.50 |  Choice A2 | 10 | 30 | 20 | 30 | 22.00 |
#    Choice A3 | 30 | 10 | 30 | 10 | 22.00"
# The article stresses that this raw form "is applicable only when all the data are expressed in exactly
# the same unit", so the scores are sum_j w_j a_ij with no normalisation. (An older revision, quoted at
# http://intellia.co.nz/Intellia%20Software%20-%20Weighted%20Criteria.html, printed A3 = 20.00; that was an
# arithmetic slip: 30*0.20 + 10*0.15 + 30*0.40 + 10*0.25 = 22.00.)
WSM_EXAMPLE = [[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]]
WSM_EXAMPLE_WEIGHTS = [0.20, 0.15, 0.40, 0.25]
WSM_EXAMPLE_SCORES = [21.50, 22.00, 22.00]


def _minmax_weighted_sum_by_hand(rows: Sequence[Sequence[int]], weights: Sequence[str]) -> list[Fraction]:
    """Min-max weighted sum of an all-benefit matrix in exact arithmetic, written out independently."""
    columns = list(zip(*rows, strict=True))
    scores = []
    for row in rows:
        total = Fraction(0)
        for value, column, weight in zip(row, columns, weights, strict=True):
            total += Fraction(weight) * Fraction(value - min(column), max(column) - min(column))
        scores.append(total)
    return scores


def test_it_reproduces_the_published_weighted_sum_model_example() -> None:
    scores = weighted_sum_unnormalised(WSM_EXAMPLE, WSM_EXAMPLE_WEIGHTS)
    # The article prints the scores to two decimals.
    np.testing.assert_allclose(scores, WSM_EXAMPLE_SCORES, atol=5e-3)
    # A2 and A3 tie at 22.00 and share first place ahead of A1.
    assert rank(scores).tolist() == [3, 1, 1]


def test_it_min_max_normalises_the_published_weighted_sum_example() -> None:
    # Same data through our min-max weighted_sum, checked against exact fractions computed by hand:
    # C1 25,10,30 -> 3/4, 0, 1; C2 20,30,10 -> 1/2, 1, 0; C3 15,20,30 -> 0, 1/3, 1; C4 30,30,10 -> 1, 1, 0.
    by_hand = _minmax_weighted_sum_by_hand(WSM_EXAMPLE, ["0.20", "0.15", "0.40", "0.25"])
    assert by_hand == [Fraction(19, 40), Fraction(8, 15), Fraction(3, 5)]
    scores = weighted_sum(WSM_EXAMPLE, WSM_EXAMPLE_WEIGHTS, [True, True, True, True])
    np.testing.assert_allclose(scores, [float(v) for v in by_hand], rtol=1e-12)
    # Rescaling each criterion to its own range breaks the raw-score tie: A3 > A2 > A1.
    assert rank(scores).tolist() == [3, 2, 1]


def test_it_rejects_malformed_unnormalised_problems() -> None:
    with pytest.raises(McdaError, match="2-D"):
        weighted_sum_unnormalised([1, 2, 3], [1, 1, 1])
    with pytest.raises(McdaError, match="weights"):
        weighted_sum_unnormalised(WSM_EXAMPLE, [0.5, 0.5])


def test_it_accepts_pymcdm_style_criteria_types() -> None:
    a = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, [1, 1, 1, -1, 1, 1])
    b = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT)
    np.testing.assert_array_equal(a, b)


def test_it_gives_identical_alternatives_neutral_closeness() -> None:
    np.testing.assert_array_equal(topsis([[1, 2], [1, 2]], [0.5, 0.5], [True, False]), [0.5, 0.5])


def test_it_ranks_with_shared_minimum_rank_for_ties() -> None:
    assert rank([0.2, 0.9, 0.5, 0.9, 0.1]).tolist() == [4, 1, 3, 1, 5]


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 2, 3], [0.5, 1, 2]], "square"),
        ([[1, -2], [-0.5, 1]], "positive"),
        ([[1, 3], [0.5, 1]], "reciprocal"),
        ([[2, 1], [1, 2]], "reciprocal"),
        (np.ones((11, 11)), "between 1 and 10"),
        (np.ones((0, 0)), "between 1 and 10"),
    ],
)
def test_it_rejects_invalid_ahp_matrices(matrix: object, message: str) -> None:
    with pytest.raises(McdaError, match=message):
        ahp_weights(matrix)  # type: ignore[arg-type]


def test_it_treats_small_ahp_matrices_as_consistent() -> None:
    one = ahp_weights([[1]])
    two = ahp_weights([[1.0, 3.0], [1 / 3, 1.0]])
    assert one.weights.tolist() == [1.0] and one.cr == 0 and one.consistent
    np.testing.assert_allclose(two.weights, [0.75, 0.25])
    assert two.cr == 0 and two.consistent


def test_it_rejects_mismatched_decision_problems() -> None:
    with pytest.raises(McdaError, match="weights"):
        topsis([[1, 2]], [1], [True, True])
    with pytest.raises(McdaError, match="benefit"):
        weighted_sum([[1, 2]], [1, 1], [True])
    with pytest.raises(McdaError, match="NaN"):
        topsis([[1, np.nan]], [1, 1], [True, True])
    with pytest.raises(McdaError, match="normalisation"):
        topsis([[1, 2]], [1, 1], [True, True], normalisation="sum")  # type: ignore[arg-type]


def test_it_keeps_every_rank_without_perturbation() -> None:
    shares = sensitivity(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, "topsis", perturbation=0)
    assert shares.tolist() == [1.0, 1.0, 1.0, 1.0]


def test_it_reports_reproducible_rank_stability() -> None:
    a = sensitivity(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, "weighted_sum", 0.3, 100, 7)
    b = sensitivity(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT, "weighted_sum", 0.3, 100, 7)
    np.testing.assert_array_equal(a, b)
    assert np.all((a >= 0) & (a <= 1))


# --- properties -------------------------------------------------------------------------------

positive_weights = st.lists(st.floats(0.05, 20), min_size=1, max_size=10)


@given(positive_weights)
def test_it_recovers_weights_from_a_perfectly_consistent_matrix(raw: list[float]) -> None:
    w = np.array(raw)
    result = ahp_weights(np.outer(w, 1 / w))
    np.testing.assert_allclose(result.weights, w / w.sum(), rtol=1e-8)
    assert result.cr == pytest.approx(0, abs=1e-9)
    assert result.consistent


saaty_scale = st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9, 2, 4, 1 / 2, 1 / 4])


@st.composite
def reciprocal_matrices(draw: st.DrawFn) -> np.ndarray:
    """Draw a random reciprocal matrix on Saaty's 1-9 scale."""
    n = draw(st.integers(1, 10))
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = draw(saaty_scale)
            a[j, i] = 1 / a[i, j]
    return a


@given(reciprocal_matrices())
def test_it_returns_positive_weights_summing_to_one(matrix: np.ndarray) -> None:
    result = ahp_weights(matrix)
    assert result.weights.sum() == pytest.approx(1.0)
    assert np.all(result.weights > 0)
    # Saaty: lambda_max >= n for every positive reciprocal matrix.
    assert result.lambda_max >= matrix.shape[0] - 1e-9
    assert result.consistent == (result.cr < 0.10)


decision_matrices = st.integers(2, 8).flatmap(
    lambda m: st.tuples(
        arrays(np.float64, st.tuples(st.integers(1, 12), st.just(m)), elements=st.floats(0.1, 1e3)),
        arrays(np.float64, m, elements=st.floats(0.01, 1)),
        arrays(np.bool_, m),
    )
)


@given(decision_matrices)
def test_it_scores_within_unit_interval(problem: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    x, w, b = problem
    for scores in (topsis(x, w, b), topsis(x, w, b, "minmax"), weighted_sum(x, w, b)):
        assert scores.shape == (x.shape[0],)
        assert np.all((scores >= -1e-12) & (scores <= 1 + 1e-12))


@given(decision_matrices, st.floats(0.1, 100))
def test_it_is_invariant_to_rescaling_a_criterion(
    problem: tuple[np.ndarray, np.ndarray, np.ndarray], factor: float
) -> None:
    x, w, b = problem
    scaled = x.copy()
    scaled[:, 0] *= factor
    np.testing.assert_allclose(topsis(scaled, w, b), topsis(x, w, b), atol=1e-9)
    np.testing.assert_allclose(weighted_sum(scaled, w, b), weighted_sum(x, w, b), atol=1e-9)


@given(decision_matrices)
def test_it_puts_a_dominating_alternative_first(
    problem: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    x, w, b = problem
    best = np.where(b, x.max(axis=0), x.min(axis=0)) + np.where(b, 1.0, -0.05)
    with_best = np.vstack([x, best])
    for scores in (topsis(with_best, w, b), weighted_sum(with_best, w, b)):
        assert rank(scores)[-1] == 1
        assert scores[-1] == pytest.approx(scores.max())


@settings(max_examples=200)
@given(st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]) | st.floats(0, 1), min_size=1))
def test_it_ranks_consistently_with_the_scores(scores: list[float]) -> None:
    s = np.array(scores)
    r = rank(s)
    assert r.min() == 1
    np.testing.assert_array_equal(r, rankdata(-s, method="min"))
    i, j = np.meshgrid(np.arange(len(s)), np.arange(len(s)))
    assert np.all((s[i] > s[j]) <= (r[i] < r[j]))
    assert np.all((s[i] == s[j]) == (r[i] == r[j]))


@pytest.mark.parametrize("n", [2, 3, 64, 65, 129, 131, 300])
@pytest.mark.parametrize("normalisation", ["vector", "minmax"])
def test_it_matches_pymcdm_at_every_row_count(n: int, normalisation: str) -> None:
    # Row counts around the powers of two exercise every way the column extremes are halved, and the
    # extremes are put in the last row, the one left over when a half has an odd number of rows.
    rng = np.random.default_rng(n)
    # An even number of criteria, as in the benchmark (12), so halving never depends on the column count.
    matrix = rng.lognormal(size=(n, 6)) * [1, 10, 100, 1000, 1, 5]
    matrix[-1, :3] = matrix.max(axis=0)[:3] * 2
    matrix[-1, 3] = matrix[:, 3].min() / 2
    matrix[:, 4] = 7.0  # a constant column
    weights = np.array([0.3, 0.2, 0.1, 0.2, 0.15, 0.05])
    benefit = np.array([True, False, True, False, True, False])
    types = np.where(benefit, 1, -1)
    norm = vector_normalization if normalisation == "vector" else minmax_normalization
    expected = TOPSIS(norm)(matrix, weights, types, validation=False)
    np.testing.assert_allclose(topsis(matrix, weights, benefit, normalisation), expected, rtol=1e-12, atol=1e-14)  # type: ignore[arg-type]
    expected_ws = WSM(minmax_normalization)(matrix, weights, types, validation=False)
    np.testing.assert_allclose(weighted_sum(matrix, weights, benefit), expected_ws, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("row", [0, 64, 130])
@pytest.mark.parametrize(
    "score",
    [
        lambda m: topsis(m, [1, 1, 1], [True, False, True], "vector"),
        lambda m: topsis(m, [1, 1, 1], [True, False, True], "minmax"),
        lambda m: weighted_sum(m, [1, 1, 1], [True, False, True]),
    ],
    ids=["topsis-vector", "topsis-minmax", "weighted-sum"],
)
def test_it_rejects_a_non_finite_value_anywhere_in_the_matrix(bad: float, row: int, score: object) -> None:
    matrix = np.random.default_rng(1).uniform(1, 2, size=(131, 3))
    matrix[row, 1] = bad
    with pytest.raises(McdaError, match="NaN or infinite"):
        score(matrix)  # type: ignore[operator]


def test_it_ignores_an_all_zero_column_in_vector_topsis() -> None:
    # A zero column adds nothing to either distance, and closeness does not change when all weights scale.
    with_zero = np.column_stack((AIRCRAFT, np.zeros(4)))
    weights = np.append(AIRCRAFT_WEIGHTS, 0.5)
    np.testing.assert_allclose(
        topsis(with_zero, weights, np.append(AIRCRAFT_BENEFIT, True)),
        topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_BENEFIT),
        rtol=1e-12,
    )


def test_it_scores_min_max_topsis_by_hand() -> None:
    # Benefit 10..30 -> 0, 0.5, 1 and cost 5..1 -> 0, 0.5, 1, weights 0.5 each; constant column ignored.
    # Middle row: d+ = d- = sqrt(2) * 0.25, closeness 0.5; first row 0, last row 1.
    scores = topsis([[10, 5, 7], [20, 3, 7], [30, 1, 7]], [1, 1, 0], [True, False, True], "minmax")
    np.testing.assert_allclose(scores, [0.0, 0.5, 1.0], atol=1e-15)
    uneven = topsis([[10, 5], [20, 4], [30, 1]], [1, 1], [True, False], "minmax")
    # Row 2: u = (0.25, 0.125) of ideal (0.5, 0.5): d+ = sqrt(0.0625 + 0.140625), d- = sqrt(0.0625 + 0.015625).
    d_plus, d_minus = np.sqrt(0.0625 + 0.140625), np.sqrt(0.0625 + 0.015625)
    assert uneven[1] == pytest.approx(d_minus / (d_plus + d_minus), rel=1e-12)


def test_it_normalises_columns_by_hand_for_the_ranking_page() -> None:
    # The ranking page shows these normalised columns. Benefit 10..30 -> 0, 0.5, 1; cost 5..1 -> 0, 0.5, 1;
    # a constant column is 1 everywhere (every alternative equally best on it).
    matrix = np.array([[10.0, 5.0, 7.0], [20.0, 3.0, 7.0], [30.0, 1.0, 7.0]])
    normalised = minmax_normalise(matrix, np.array([True, False, True]))
    np.testing.assert_array_equal(normalised, [[0.0, 0.0, 1.0], [0.5, 0.5, 1.0], [1.0, 1.0, 1.0]])
    assert normalised.dtype == np.float64
    # Vector normalisation: the 3-4-5 triangle; an all-zero column stays 0 instead of dividing by zero.
    vector = vector_normalise(np.array([[3.0, 0.0], [4.0, 0.0]]))
    np.testing.assert_allclose(vector, [[0.6, 0.0], [0.8, 0.0]], rtol=1e-15)
    with pytest.raises(McdaError, match="NaN or infinite"):
        minmax_normalise(np.array([[1.0], [np.nan]]), np.array([True]))


def test_it_rejects_malformed_problems_with_clear_messages() -> None:
    with pytest.raises(McdaError, match=r"^decision matrix must be 2-D"):
        topsis(np.ones((0, 3)), [1, 1, 1], [True, True, True])
    with pytest.raises(McdaError, match=r"^decision matrix must be 2-D"):
        weighted_sum(np.ones((3, 0)), [], [])
    with pytest.raises(McdaError, match=r"^benefit flags must be booleans or 1 \(benefit\) / -1 \(cost\)$"):
        topsis([[1, 2], [2, 1]], [1, 1], [1, 2])
    with pytest.raises(McdaError, match=r"^weights must be finite, non-negative and not all zero$"):
        weighted_sum([[1, 2], [2, 1]], [1, -0.5], [True, True])
    with pytest.raises(McdaError, match=r"^weights must be finite, non-negative and not all zero$"):
        weighted_sum([[1, 2], [2, 1]], [0, 0], [True, True])
    with pytest.raises(McdaError, match=r"^decision matrix contains NaN or infinite values$"):
        weighted_sum_unnormalised([[1, np.nan], [2, 1]], [1, 1])
    # pymcdm-style types: 0 is accepted and, like -1, is not a benefit.
    np.testing.assert_array_equal(topsis([[1, 2], [2, 1]], [1, 1], [1, 0]), topsis([[1, 2], [2, 1]], [1, 1], [1, -1]))


def test_it_treats_a_column_differing_by_rounding_noise_as_constant() -> None:
    # 1e6 and 1e6 + 1e-9 differ by 1e-15 relatively: noise, not a criterion that discriminates.
    matrix = np.array([[1e6, 1.0], [1e6 + 1e-9, 2.0], [1e6, 3.0]])
    np.testing.assert_array_equal(minmax_normalise(matrix, np.array([True, True]))[:, 0], [1.0, 1.0, 1.0])
    np.testing.assert_allclose(weighted_sum(matrix, [1, 1], [True, True]), [0.5, 0.75, 1.0])
