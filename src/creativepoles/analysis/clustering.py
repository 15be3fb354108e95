"""Cluster formation: a group of firms that maximises complementarity under the user's constraints.

Complementarity of a group is the sum of pairwise mutual-match scores within it (a dense-subgraph problem,
NP-hard). Constraints: the group's size, at least `min_cities` distinct partner cities, at least one firm of
each required city and of each required creative group, firms that must or must not be in it. Three
solvers: `greedy` (the baseline: best feasible pair, then the best marginal firm), `local_search` (greedy,
then swaps of one member for one outsider while any swap improves a feasible group) and `exact` (the integer
programme with y_ij ≤ x_i, y_ij ≤ x_j, solved by HiGHS; for small inputs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import numpy.typing as npt

Scores = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Constraints:
    """What a proposed cluster must respect."""

    size: int = 6
    min_cities: int = 3
    required_cities: frozenset[int] = frozenset()
    required_groups: frozenset[str] = frozenset()
    required: frozenset[int] = frozenset()  # indices that must be members
    excluded: frozenset[int] = frozenset()  # indices that must not


@dataclass
class Proposal:
    """Members (indices), their complementarity and how it was found."""

    members: list[int]
    score: float
    method: str
    feasible: bool
    optimal: bool = False
    extra: dict[str, float] = field(default_factory=dict)


def group_score(scores: Scores, members: Sequence[int]) -> float:
    """The sum of pairwise scores within a group."""
    idx = np.array(sorted(members), dtype=np.int64)
    if len(idx) < 2:
        return 0.0
    return float(np.triu(scores[np.ix_(idx, idx)], 1).sum())


def feasible(members: Sequence[int], cities: Sequence[int], groups: Sequence[str], c: Constraints) -> bool:
    """Whether a group respects every constraint."""
    chosen = set(members)
    if len(chosen) != c.size or chosen & c.excluded or not c.required <= chosen:
        return False
    covered = {cities[i] for i in chosen}
    return (len(covered) >= c.min_cities and c.required_cities <= covered
            and c.required_groups <= {groups[i] for i in chosen})


def _check(scores: Scores, cities: Sequence[int], groups: Sequence[str], c: Constraints) -> None:
    n = len(cities)
    if scores.shape != (n, n) or len(groups) != n:
        raise ValueError("scores, cities and groups must describe the same firms")
    if not 2 <= c.size:
        raise ValueError("a cluster needs at least two firms")


def _completable(members: set[int], cities: Sequence[int], groups: Sequence[str], c: Constraints,
                 pool: set[int]) -> bool:
    """Whether the partial group can still be completed to a feasible one from `pool` (a cheap check)."""
    room = c.size - len(members)
    if room < 0:
        return False
    missing_cities = c.required_cities - {cities[i] for i in members}
    missing_groups = c.required_groups - {groups[i] for i in members}
    more_cities = max(0, c.min_cities - len({cities[i] for i in members}))
    need = max(len(missing_cities) + len(missing_groups), more_cities)
    if need > room:
        return False
    available_cities = {cities[i] for i in pool}
    available_groups = {groups[i] for i in pool}
    return missing_cities <= available_cities and missing_groups <= available_groups and \
        len(available_cities - {cities[i] for i in members}) >= more_cities


def greedy(scores: Scores, cities: Sequence[int], groups: Sequence[str], c: Constraints) -> Proposal:
    """The baseline: start from the required firms (or the best pair), add the best firm that keeps it completable."""
    _check(scores, cities, groups, c)
    n = len(cities)
    pool = set(range(n)) - c.excluded
    members = set(c.required)
    if not members:
        best, pair = -1.0, None
        for i, j in combinations(sorted(pool), 2):
            if scores[i, j] > best and _completable({i, j}, cities, groups, c, pool - {i, j}):
                best, pair = float(scores[i, j]), (i, j)
        if pair is None:
            return Proposal([], 0.0, "greedy", False)
        members = set(pair)
    while len(members) < c.size:
        rest = pool - members
        options = [(float(scores[i, sorted(members)].sum()), -i) for i in rest
                   if _completable(members | {i}, cities, groups, c, rest - {i})]
        if not options:
            break
        members.add(-max(options)[1])
    chosen = sorted(members)
    return Proposal(chosen, group_score(scores, chosen), "greedy", feasible(chosen, cities, groups, c))


def local_search(scores: Scores, cities: Sequence[int], groups: Sequence[str], c: Constraints,
                 start: Proposal | None = None, max_rounds: int = 200) -> Proposal:
    """Greedy, then the best improving swap (one member out, one outsider in) until none improves."""
    base = start or greedy(scores, cities, groups, c)
    if not base.feasible:
        return Proposal(base.members, base.score, "local search", False)
    members = set(base.members)
    pool = set(range(len(cities))) - c.excluded
    for _ in range(max_rounds):
        inside = sorted(members)
        contribution = {i: float(scores[i, inside].sum()) for i in inside}
        best_gain, best_swap = 1e-12, None
        for out in inside:
            if out in c.required:
                continue
            for new in pool - members:
                gain = float(scores[new, inside].sum()) - float(scores[new, out]) - contribution[out]
                if gain > best_gain:
                    trial = (members - {out}) | {new}
                    if feasible(sorted(trial), cities, groups, c):
                        best_gain, best_swap = gain, (out, new)
        if best_swap is None:
            break
        members = (members - {best_swap[0]}) | {best_swap[1]}
    chosen = sorted(members)
    return Proposal(chosen, group_score(scores, chosen), "local search", True)


def exact(scores: Scores, cities: Sequence[int], groups: Sequence[str], c: Constraints,
          time_limit: float = 20.0) -> Proposal:
    """The optimum of the integer programme, solved with HiGHS (for small inputs: n² / 2 pair variables)."""
    import highspy

    _check(scores, cities, groups, c)
    n = len(cities)
    pairs = [(i, j) for i, j in combinations(range(n), 2) if scores[i, j] > 0]
    city_list = sorted(set(cities))
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    inf = highspy.kHighsInf
    # Columns: x_i (n), y_ij (pairs), z_c (cities covered).
    nx, ny, nz = n, len(pairs), len(city_list)
    total = nx + ny + nz
    lower = np.zeros(total)
    upper = np.ones(total)
    for i in c.excluded:
        upper[i] = 0.0
    for i in c.required:
        lower[i] = 1.0
    h.addVars(total, lower, upper)
    integer = np.arange(nx, dtype=np.int32)
    h.changeColsIntegrality(nx, integer, np.ones(nx, dtype=np.uint8))
    cost = np.zeros(total)
    cost[nx:nx + ny] = [-scores[i, j] for i, j in pairs]
    h.changeColsCost(total, np.arange(total, dtype=np.int32), cost)

    def row(lo: float, hi: float, cols: Sequence[int], coefs: Sequence[float]) -> None:
        h.addRow(lo, hi, len(cols), np.array(cols, dtype=np.int32), np.array(coefs, dtype=np.float64))

    row(c.size, c.size, list(range(nx)), [1.0] * nx)
    for k, (i, j) in enumerate(pairs):
        row(-inf, 0.0, [nx + k, i], [1.0, -1.0])
        row(-inf, 0.0, [nx + k, j], [1.0, -1.0])
    for k, city in enumerate(city_list):
        firms = [i for i in range(n) if cities[i] == city]
        row(-inf, 0.0, [nx + ny + k, *firms], [1.0] + [-1.0] * len(firms))  # z_c only if a firm of c is in
        if city in c.required_cities:
            row(1.0, inf, firms, [1.0] * len(firms))
    row(float(c.min_cities), inf, list(range(nx + ny, total)), [1.0] * nz)
    for group in c.required_groups:
        firms = [i for i in range(n) if groups[i] == group]
        row(1.0, inf, firms, [1.0] * len(firms))
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        return Proposal([], 0.0, "exact", False)
    values = h.getSolution().col_value
    chosen = [i for i in range(n) if values[i] > 0.5]
    return Proposal(chosen, group_score(scores, chosen), "exact", feasible(chosen, cities, groups, c), optimal=True)


def exhaustive(scores: Scores, cities: Sequence[int], groups: Sequence[str], c: Constraints) -> Proposal:
    """Every group of the size (tiny inputs only): the check on the integer programme."""
    best: Proposal = Proposal([], 0.0, "exhaustive", False)
    for combo in combinations(range(len(cities)), c.size):
        if feasible(combo, cities, groups, c):
            value = group_score(scores, combo)
            if not best.feasible or value > best.score + 1e-12:
                best = Proposal(list(combo), value, "exhaustive", True, optimal=True)
    return best


def propose(scores: Scores, cities: Sequence[int], groups: Sequence[str], c: Constraints,
            exact_up_to: int = 40) -> dict[str, Proposal]:
    """The greedy baseline, the local-search proposal and, for up to `exact_up_to` firms, the exact optimum."""
    base = greedy(scores, cities, groups, c)
    out = {"greedy": base, "proposal": local_search(scores, cities, groups, c, base)}
    if len(cities) <= exact_up_to:
        out["exact"] = exact(scores, cities, groups, c)
    return out
