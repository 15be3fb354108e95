"""Multi-criteria decision analysis: AHP weights, weighted sum, TOPSIS, ranking and sensitivity."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "RI_TABLE_NAME",
    "SAATY_1980_RI",
    "AhpResult",
    "McdaError",
    "Method",
    "Normalisation",
    "ahp_weights",
    "minmax_normalise",
    "rank",
    "sensitivity",
    "topsis",
    "vector_normalise",
    "weighted_sum",
    "weighted_sum_unnormalised",
]

Normalisation = Literal["vector", "minmax"]
Method = Literal["topsis", "weighted_sum"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

# Random consistency index by matrix order n = 1..10. Several RI tables exist in the literature
# (they differ in the second decimal), so the table is named wherever a CR is reported.
RI_TABLE_NAME = "Saaty (1980)"
SAATY_1980_RI: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}

# Saaty's rule of thumb: judgements with CR below 10 % are acceptable.
CR_THRESHOLD = 0.10


class McdaError(ValueError):
    """Invalid input to a multi-criteria computation."""


@dataclass(frozen=True)
class AhpResult:
    """Priorities and consistency of one AHP pairwise comparison matrix."""

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    consistent: bool
    ri_table: str = field(default=RI_TABLE_NAME)


def ahp_weights(matrix: ArrayLike, reciprocal_tol: float = 1e-3) -> AhpResult:
    """Return AHP priorities (principal eigenvector, sum 1) and Saaty's consistency ratio."""
    a = np.asarray(matrix, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise McdaError(f"AHP matrix must be square, got shape {a.shape}")
    n = a.shape[0]
    if not 1 <= n <= 10:
        raise McdaError(f"AHP matrix order must be between 1 and 10 (Saaty RI table), got {n}")
    if not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise McdaError("AHP matrix entries must be finite and strictly positive")
    # a_ij * a_ji == 1 also forces a_ii == 1; the tolerance admits judgements typed as 0.333.
    deviation = np.abs(a * a.T - 1.0)
    if np.any(deviation > reciprocal_tol):
        i, j = np.unravel_index(int(np.argmax(deviation)), deviation.shape)
        raise McdaError(
            f"AHP matrix is not reciprocal: a[{i}][{j}] * a[{j}][{i}] = {a[i, j] * a[j, i]:.6g}, expected 1"
        )
    eigenvalues, eigenvectors = np.linalg.eig(a)
    # Perron-Frobenius: a positive matrix has a simple real dominant eigenvalue with a
    # positive eigenvector, so taking the largest real part picks it even with rounding noise.
    k = int(np.argmax(eigenvalues.real))
    lambda_max = float(eigenvalues[k].real)
    vector = np.abs(eigenvectors[:, k].real)
    weights = np.asarray(vector / vector.sum(), dtype=np.float64)
    if n <= 2:
        # Every reciprocal 1x1 or 2x2 matrix is perfectly consistent; RI is 0 so CR is undefined.
        ci = cr = 0.0
    else:
        ci = max((lambda_max - n) / (n - 1), 0.0)
        cr = ci / SAATY_1980_RI[n]
    ri = SAATY_1980_RI[n]
    return AhpResult(weights=weights, lambda_max=lambda_max, ci=ci, cr=cr, ri=ri, consistent=cr < CR_THRESHOLD)


def _check_problem(
    matrix: ArrayLike, weights: ArrayLike, benefit: ArrayLike, check_matrix: bool = True
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Validate a decision problem and return (matrix, weights summing to 1, benefit mask).

    With check_matrix=False the caller checks the matrix's finiteness itself, from column statistics it
    computes anyway (min, max or sums of squares propagate NaN and infinity), saving a full pass.
    """
    # float64 and C order: the column reductions and the row sums below read it row by row, once.
    x = np.ascontiguousarray(matrix, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    b = np.asarray(benefit)
    if x.ndim != 2 or x.shape[0] < 1 or x.shape[1] < 1:
        raise McdaError(f"decision matrix must be 2-D (alternatives x criteria), got {x.shape}")
    m = x.shape[1]
    if w.shape != (m,):
        raise McdaError(f"expected {m} weights, got shape {w.shape}")
    if b.shape != (m,):
        raise McdaError(f"expected {m} benefit flags, got shape {b.shape}")
    if b.dtype != np.bool_:
        # Also accept pymcdm-style types: 1 = benefit (profit), -1 = cost.
        if not np.all(np.isin(b, (1, -1, 0))):
            raise McdaError("benefit flags must be booleans or 1 (benefit) / -1 (cost)")
        b = b == 1
    if check_matrix:
        _require_finite(x)
    if not np.all(np.isfinite(w)) or np.any(w < 0) or w.sum() <= 0:
        raise McdaError("weights must be finite, non-negative and not all zero")
    # Normalising the weights makes scores comparable however the weights were written down.
    return x, np.asarray(w / w.sum(), dtype=np.float64), np.asarray(b, dtype=np.bool_)


def _require_finite(*arrays: FloatArray) -> None:
    """Raise McdaError unless every value is finite (applied to the matrix or to its column statistics)."""
    for a in arrays:
        if not np.all(np.isfinite(a)):
            raise McdaError("decision matrix contains NaN or infinite values")


def _column_extreme(x: FloatArray, op: np.ufunc) -> FloatArray:
    """Return op (np.minimum or np.maximum) reduced over the rows of x, by repeated halving."""
    # NumPy reduces a C-ordered (n, m) array over axis 0 one short row at a time (about 10 ms at
    # 100,000 x 12); combining the two halves elementwise is vectorised and halves the data each time,
    # so the whole reduction costs about one pass. NaN propagates through np.minimum and np.maximum.
    a = x
    while a.shape[0] > 64:
        half = a.shape[0] // 2
        reduced = op(a[:half], a[half : 2 * half])
        if a.shape[0] % 2:
            # The odd row out joins the first row of the halved array.
            op(reduced[0], a[-1], out=reduced[0])
        a = reduced
    return np.asarray(op.reduce(a, axis=0), dtype=np.float64)


def _column_range(x: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, BoolArray]:
    """Return column (min, max, span with constant columns set to 1, constant mask); rejects NaN and infinity."""
    lo = _column_extreme(x, np.minimum)
    hi = _column_extreme(x, np.maximum)
    # min and max propagate NaN and infinities, so checking 2 x m numbers checks the whole matrix.
    _require_finite(lo, hi)
    span = hi - lo
    # A span of a few ulps is rounding noise (equal inputs scaled differently), not a real difference.
    constant = span <= 1e-12 * np.maximum(np.abs(hi), np.abs(lo))
    # Avoid 0/0; constant columns are handled separately by each caller.
    return lo, hi, np.where(constant, 1.0, span), constant


def minmax_normalise(matrix: FloatArray, benefit: BoolArray) -> FloatArray:
    """Min-max normalise columns to [0, 1], inverting cost criteria so 1 is always best."""
    lo, hi, safe, constant = _column_range(np.asarray(matrix, dtype=np.float64))
    out = np.where(benefit, (matrix - lo) / safe, (hi - matrix) / safe)
    # A constant column does not discriminate: every alternative is equally best on it. Using 1
    # (not 0 or NaN) keeps scores finite, shifts every score equally so rankings are unchanged,
    # and matches pymcdm's minmax_normalization, which the benchmarks compare against.
    return np.asarray(np.where(constant, 1.0, out), dtype=np.float64)


def vector_normalise(matrix: FloatArray) -> FloatArray:
    """Vector-normalise columns: r_ij = x_ij / sqrt(sum_i x_ij^2) (Hwang & Yoon 1981)."""
    norms = np.sqrt(np.einsum("ij,ij->j", matrix, matrix))
    # An all-zero column carries no information; map it to 0 instead of dividing by zero.
    safe = np.where(norms == 0, 1.0, norms)
    return np.asarray(matrix / safe, dtype=np.float64)


def weighted_sum(matrix: ArrayLike, weights: ArrayLike, benefit: ArrayLike) -> FloatArray:
    """Return weighted-sum scores in [0, 1] after min-max normalisation (cost criteria inverted)."""
    x, w, b = _check_problem(matrix, weights, benefit, check_matrix=False)
    lo, hi, span, constant = _column_range(x)
    # sum_j w_j (x_ij - lo_j) / span_j for benefit and w_j (hi_j - x_ij) / span_j for cost is linear in x:
    # one matrix-vector product x @ coef plus a constant, with no normalised copy of the matrix.
    coef = np.where(constant, 0.0, np.where(b, w / span, -w / span))
    offset = float(np.sum(np.where(constant, w, np.where(b, -lo, hi) * (w / span))))
    # einsum, not BLAS: a 12-wide matrix-vector product gains nothing from BLAS threads, which on a busy
    # machine cost more to wake than the product itself.
    scores = np.einsum("ij,j->i", x, coef)
    scores += offset
    return np.asarray(scores, dtype=np.float64)


def weighted_sum_unnormalised(matrix: ArrayLike, weights: ArrayLike) -> FloatArray:
    """Return the textbook weighted-sum model score sum_j w_j * a_ij on the raw data, with no normalisation.

    This is the form of the worked example in Wikipedia's "Weighted sum model" article (weights 0.20, 0.15,
    0.40, 0.25; scores 21.50, 22.00, 22.00). It is only meaningful when every criterion is a benefit
    criterion measured in the same unit; for mixed units or cost criteria use `weighted_sum`. Weights are
    rescaled to sum to 1, as everywhere in this module.
    """
    x = np.asarray(matrix, dtype=np.float64)
    # Every criterion is a benefit criterion here; _check_problem rejects a non-2-D matrix before this is used.
    all_benefit = np.ones(x.shape[1] if x.ndim == 2 else 0, dtype=np.bool_)
    x, w, _ = _check_problem(x, weights, all_benefit)
    return np.asarray(x @ w, dtype=np.float64)


def _row_norms(buffer: FloatArray) -> FloatArray:
    """Return the Euclidean norm of each row of buffer."""
    # einsum sums the products of each short row in one pass, with no squared copy and no BLAS threads.
    return np.asarray(np.sqrt(np.einsum("ij,ij->i", buffer, buffer)), dtype=np.float64)


def topsis(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: ArrayLike,
    normalisation: Normalisation = "vector",
) -> FloatArray:
    """Return TOPSIS relative closeness C = d- / (d+ + d-) (Hwang & Yoon 1981), 1 is best."""
    if normalisation not in ("vector", "minmax"):
        raise McdaError(f"unknown normalisation {normalisation!r}; use 'vector' or 'minmax'")
    x, w, b = _check_problem(matrix, weights, benefit, check_matrix=False)
    # Two n x m buffers in all; every step below writes into one of them instead of a new temporary.
    if normalisation == "vector":
        sums = np.einsum("ij,ij->j", x, x)
        # Sums of squares propagate NaN and infinity, so this checks the whole matrix for free.
        _require_finite(sums)
        norms = np.sqrt(sums)
        # An all-zero column carries no information; its weighted values are all 0.
        scale = w / np.where(norms == 0, 1.0, norms)
        v = np.multiply(x, scale)
        col_max = _column_extreme(v, np.maximum)
        col_min = _column_extreme(v, np.minimum)
        # Classic form: the ideal takes the minimum of cost criteria, the anti-ideal the maximum.
        ideal = np.where(b, col_max, col_min)
        anti = np.where(b, col_min, col_max)
        buffer = np.subtract(v, ideal)
        d_plus = _row_norms(buffer)
        np.subtract(v, anti, out=buffer)
        d_minus = _row_norms(buffer)
    else:
        lo, hi, span, constant = _column_range(x)
        # Weighted min-max values are u_ij = w_j (x_ij - lo_j) / span_j for benefit, w_j (hi_j - x_ij) / span_j
        # for cost: 0 at the anti-ideal and w_j at the ideal of every varying column. A constant column is
        # w_j everywhere and adds nothing to either distance, so it gets coefficient 0 and ideal 0.
        coef = np.where(constant, 0.0, np.where(b, w / span, -w / span))
        v = np.subtract(x, np.where(b, lo, hi))
        v *= coef
        ideal = np.where(constant, 0.0, w)
        buffer = np.subtract(v, ideal)
        d_plus = _row_norms(buffer)
        d_minus = _row_norms(v)
    total = d_plus + d_minus
    # total is ~0 only when every alternative is identical on every weighted criterion (weighted values
    # are at most 1, so 1e-12 is rounding noise); 0.5 says "neither closer to the ideal nor to the
    # anti-ideal" instead of producing NaN or amplifying noise into 0 and 1.
    identical = total <= 1e-12
    closeness = np.where(identical, 0.5, d_minus / np.where(identical, 1.0, total))
    return np.asarray(closeness, dtype=np.float64)


def rank(scores: ArrayLike) -> IntArray:
    """Rank scores so 1 is best (highest); ties share the minimum rank (1, 2, 2, 4)."""
    s = np.asarray(scores, dtype=np.float64)
    if s.ndim != 1:
        raise McdaError(f"scores must be 1-D, got shape {s.shape}")
    if not np.all(np.isfinite(s)):
        raise McdaError("scores contain NaN or infinite values")
    n = s.shape[0]
    order = np.argsort(-s, kind="stable")
    sorted_scores = s[order]
    # Position of the first element of each run of equal scores gives the "min" (competition) rank.
    new_run = np.ones(n, dtype=np.bool_)
    new_run[1:] = sorted_scores[1:] != sorted_scores[:-1]
    run_start = np.maximum.accumulate(np.where(new_run, np.arange(n), 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = run_start + 1
    return ranks


def _score(method: Method, x: FloatArray, w: FloatArray, b: BoolArray, normalisation: Normalisation) -> FloatArray:
    """Score alternatives with the named method."""
    if method == "topsis":
        return topsis(x, w, b, normalisation)
    if method == "weighted_sum":
        return weighted_sum(x, w, b)
    raise McdaError(f"unknown method {method!r}; use 'topsis' or 'weighted_sum'")


def sensitivity(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: ArrayLike,
    method: Method,
    perturbation: float = 0.1,
    runs: int = 200,
    seed: int = 0,
    normalisation: Normalisation = "vector",
) -> FloatArray:
    """Return, per alternative, the share of weight-perturbed runs that keep its base rank."""
    x, w, b = _check_problem(matrix, weights, benefit)
    if not 0 <= perturbation < 1:
        raise McdaError("perturbation must be in [0, 1) so that perturbed weights stay positive")
    if runs < 1:
        raise McdaError("runs must be at least 1")
    base = rank(_score(method, x, w, b, normalisation))
    rng = np.random.default_rng(seed)
    # Multiplicative noise keeps zero weights at zero and scales with each weight's size;
    # one draw for all runs makes the result reproducible for a given seed.
    factors = rng.uniform(1.0 - perturbation, 1.0 + perturbation, size=(runs, w.shape[0]))
    kept = np.zeros(x.shape[0], dtype=np.int64)
    for factor in factors:
        perturbed = w * factor
        perturbed = perturbed / perturbed.sum()
        kept += rank(_score(method, x, perturbed, b, normalisation)) == base
    return np.asarray(kept / runs, dtype=np.float64)
