"""Regional-economics measures of a city's creative economy (REFERENCE.md §3).

Location quotient LQ = (e_ij / e_j) / (E_i / E); shift-share after Dunn (1960) with national,
industry-mix and competitive effects that add up to the change; Krugman's specialisation index
K = Σ|s_ir − s_i| (0 = the reference's structure, 2 = nothing in common); Herfindahl H = Σ s_ir².
Inputs are counts of firms or of employees: the caller states which. A ratio whose denominator is zero
is None ("cannot be computed"), never an error and never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None when the denominator is zero."""
    return None if denominator == 0 else numerator / denominator


def share(part: float, whole: float) -> float | None:
    """The part's share of the whole (0..1), None for an empty whole."""
    return ratio(part, whole)


def growth(before: float, after: float) -> float | None:
    """Relative change after/before − 1, None when there was nothing before."""
    value = ratio(after, before)
    return None if value is None else value - 1.0


def density(count: float, population: float, per: float = 1000.0) -> float | None:
    """Count per `per` inhabitants."""
    value = ratio(count, population)
    return None if value is None else value * per


def location_quotient(e_ij: float, e_j: float, e_i_ref: float, e_ref: float) -> float | None:
    """(e_ij / e_j) / (E_i / E): the group's share in the city against its share in the reference."""
    local = ratio(e_ij, e_j)
    reference = ratio(e_i_ref, e_ref)
    if local is None or reference is None:
        return None
    return ratio(local, reference)


@dataclass(frozen=True)
class ShiftShare:
    """Dunn's decomposition of one group's change in one city between two years."""

    change: float
    national: float
    industry_mix: float
    competitive: float


def shift_share(e_0: float, e_1: float, ref_i_0: float, ref_i_1: float, ref_0: float, ref_1: float) -> ShiftShare | None:
    """Dunn (1960): national e0·G, industry mix e0·(g_i − G), competitive e0·(g_ir − g_i).

    G = E1/E0 − 1 is the reference's total growth, g_i = E_i1/E_i0 − 1 the group's growth in the reference,
    g_ir = e1/e0 − 1 the group's growth in the city. None when a base-year value is zero (a growth rate
    cannot be formed).
    """
    total = growth(ref_0, ref_1)
    group = growth(ref_i_0, ref_i_1)
    local = growth(e_0, e_1)
    if total is None or group is None or local is None:
        return None
    return ShiftShare(change=e_1 - e_0, national=e_0 * total, industry_mix=e_0 * (group - total),
                      competitive=e_0 * (local - group))


def structure(values: Mapping[str, float]) -> dict[str, float]:
    """Each key's share of the sum (empty when the sum is zero)."""
    total = sum(values.values())
    if total == 0:
        return {}
    return {key: value / total for key, value in values.items()}


def krugman(local: Mapping[str, float], reference: Mapping[str, float]) -> float | None:
    """Krugman specialisation index Σ_i |s_ir − s_i| over the union of groups, from counts (not shares)."""
    s_local, s_ref = structure(local), structure(reference)
    if not s_local or not s_ref:
        return None
    keys = set(s_local) | set(s_ref)
    return sum(abs(s_local.get(k, 0.0) - s_ref.get(k, 0.0)) for k in keys)


def herfindahl(values: Mapping[str, float]) -> float | None:
    """Herfindahl index Σ s_i² of the counts' structure (1 = all in one group)."""
    shares = structure(values)
    if not shares:
        return None
    return sum(s * s for s in shares.values())


def suppression(cells: Mapping[tuple[str, str], int], threshold: int) -> set[tuple[str, str]]:
    """Cells (row, column) to hide so that none below `threshold` can be read or derived from the margins.

    Primary suppression hides every cell with 0 < count < threshold (a zero tells nothing about a firm).
    Secondary suppression: the row totals (a city's creative firms) and column totals (a group across the
    cities) stay public, so a row or column with exactly one hidden cell would give it away by subtraction;
    the smallest other non-zero cell of that row or column is hidden too, until no row or column has a
    single hidden cell (or none is left to hide).
    """
    hidden = {key for key, count in cells.items() if 0 < count < threshold}
    changed = True
    while changed:
        changed = False
        for axis in (0, 1):
            lines: dict[str, list[tuple[str, str]]] = {}
            for key in cells:
                lines.setdefault(key[axis], []).append(key)
            for keys in lines.values():
                if sum(1 for k in keys if k in hidden) != 1:
                    continue
                candidates = sorted((cells[k], k) for k in keys if k not in hidden and cells[k] > 0)
                if candidates:
                    hidden.add(candidates[0][1])
                    changed = True
    return hidden
