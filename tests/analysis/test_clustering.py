"""Cluster formation: constraints always hold; the exact optimum equals exhaustive search and beats greedy."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from creativepoles.analysis.clustering import Constraints, exact, exhaustive, feasible, greedy, local_search, propose


def instance(seed: int, n: int, cities: int = 4) -> tuple[np.ndarray, list[int], list[str]]:
    rng = np.random.default_rng(seed)
    w = rng.random((n, n)) * (rng.random((n, n)) < 0.6)
    w = np.triu(w, 1)
    w = w + w.T
    return w, [int(c) for c in rng.integers(1, cities + 1, n)], [str(g) for g in rng.choice(list("abc"), n)]


def test_the_exact_optimum_equals_exhaustive_search_and_bounds_the_heuristics() -> None:
    for seed in range(15):
        w, cities, groups = instance(seed, 11)
        c = Constraints(size=random.Random(seed).randint(4, 6), min_cities=3)
        best = exhaustive(w, cities, groups, c)
        ilp = exact(w, cities, groups, c)
        assert ilp.feasible and abs(ilp.score - best.score) < 1e-6
        g = greedy(w, cities, groups, c)
        ls = local_search(w, cities, groups, c)
        assert g.feasible and ls.feasible
        assert g.score <= ls.score + 1e-9 <= best.score + 2e-9


def test_it_respects_required_cities_groups_firms_and_exclusions() -> None:
    w, cities, groups = instance(3, 14)
    c = Constraints(size=5, min_cities=3, required_cities=frozenset({cities[0]}), required_groups=frozenset({"c"}),
                    required=frozenset({2}), excluded=frozenset({1, 4}))
    for p in propose(w, cities, groups, c).values():
        assert p.feasible and feasible(p.members, cities, groups, c)
        assert 2 in p.members and not {1, 4} & set(p.members)
        assert len({cities[i] for i in p.members}) >= 3


def test_it_reports_an_infeasible_request() -> None:
    w, _cities, groups = instance(1, 8)
    one_city = [1] * 8
    c = Constraints(size=4, min_cities=3)
    assert not greedy(w, one_city, groups, c).feasible
    assert not exact(w, one_city, groups, c).feasible
    assert not local_search(w, one_city, groups, c).feasible


def test_local_search_improves_on_a_greedy_trap() -> None:
    # Greedy takes the heaviest pair (0, 1) and must add firm 2 for a third city; the best group is 1-2-3.
    w = np.zeros((4, 4))
    for (i, j), v in {(0, 1): 5.0, (1, 2): 4.0, (2, 3): 4.0, (1, 3): 4.0, (0, 2): 0.1}.items():
        w[i, j] = w[j, i] = v
    cities = [1, 2, 3, 1]
    groups = ["a"] * 4
    c = Constraints(size=3, min_cities=3)
    g = greedy(w, cities, groups, c)
    assert g.members == [0, 1, 2] and abs(g.score - 9.1) < 1e-9
    assert local_search(w, cities, groups, c).members == [1, 2, 3]
    assert exact(w, cities, groups, c).score == 12.0


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(6, 14), st.integers(4, 6), st.integers(0, 2))
def test_every_solver_respects_the_constraints(seed: int, n: int, size: int, exclude: int) -> None:
    w, cities, groups = instance(seed, n)
    c = Constraints(size=min(size, n - exclude), min_cities=3, excluded=frozenset(range(exclude)))
    found = propose(w, cities, groups, c)
    if found["exact"].feasible:
        for p in found.values():
            assert p.feasible and feasible(p.members, cities, groups, c)
        assert found["greedy"].score <= found["proposal"].score + 1e-9 <= found["exact"].score + 2e-9
    else:
        assert not found["proposal"].feasible
