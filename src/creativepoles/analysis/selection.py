"""Optimal selection of academy participants: the most total rubric score within capacity and country rules.

An integer programme solved exactly with HiGHS (through highspy), in two phases:

1. minimise the total shortfall against the country minimums (slack variables), so that when the rules cannot
   all be met by the applications received we know which rule fails and by how much;
2. with the shortfall fixed at that minimum, maximise the total score.

When every rule can be met the first phase ends at zero and the second is exactly
    max Σ sᵢxᵢ  s.t.  Σ xᵢ ≤ capacity,  minₖ ≤ Σ_{i∈k} xᵢ ≤ maxₖ,  xᵢ ∈ {0, 1}.
Gaps are set to zero so that HiGHS proves optimality rather than stopping within its default 0.01 %.
No Django here: plain typed values in and out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import highspy
import numpy as np

# Why a candidate was, or was not, selected (the pages translate these).
BY_SCORE = "score"  # selected: among the best scores the rules allow
BY_MINIMUM = "country_minimum"  # selected to meet its country's minimum although a better score was left out
COUNTRY_FULL = "country_maximum"  # not selected: its country reached its maximum
BELOW_CUTOFF = "capacity"  # not selected: the places went to higher scores (or to meet a minimum)


@dataclass(frozen=True)
class Candidate:
    """One application: its key, its total rubric score and its country (ISO code)."""

    key: int
    score: float
    country: str


@dataclass(frozen=True)
class CountryRule:
    """At least `minimum` and at most `maximum` (None: no upper limit) participants from one country."""

    country: str
    minimum: int = 0
    maximum: int | None = None


@dataclass(frozen=True)
class Shortfall:
    """A rule the applications received cannot meet: by how many places, and why."""

    country: str
    minimum: int
    available: int  # applications from that country
    missing: int  # places by which the selection stays below the minimum
    cause: str  # "applications" (too few from the country) or "capacity" (the minimums together exceed it)


@dataclass(frozen=True)
class Selection:
    """The chosen keys, the ranked waiting list, the total score, and what (if anything) had to be relaxed."""

    selected: tuple[int, ...]
    waiting: tuple[int, ...]
    total: float
    shortfalls: tuple[Shortfall, ...]
    reasons: Mapping[int, str]

    @property
    def feasible(self) -> bool:
        """True when every country rule is met (no relaxation was needed)."""
        return not self.shortfalls


def check_rules(capacity: int, rules: Iterable[CountryRule]) -> None:
    """Refuse rules that contradict themselves (a negative number, a minimum above its maximum, a repeat)."""
    if capacity < 0:
        raise ValueError("capacity must not be negative")
    seen: set[str] = set()
    for rule in rules:
        if rule.country in seen:
            raise ValueError(f"two rules for {rule.country}")
        seen.add(rule.country)
        if rule.minimum < 0 or (rule.maximum is not None and rule.maximum < 0):
            raise ValueError(f"negative limit for {rule.country}")
        if rule.maximum is not None and rule.minimum > rule.maximum:
            raise ValueError(f"minimum above maximum for {rule.country}")


def _solve(candidates: Sequence[Candidate], capacity: int, rules: Mapping[str, CountryRule],
           shortfall_cap: int | None) -> tuple[list[int], list[int]]:
    """One phase: without `shortfall_cap` minimise the total slack; with it, maximise the score within it."""
    if not candidates:
        return [], [rules[country].minimum for country in sorted(rules)]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.0)
    h.setOptionValue("threads", 1)
    inf = highspy.kHighsInf
    n = len(candidates)
    countries = sorted(rules)
    # Columns: x_0..x_{n-1} (binary), then one slack per country rule (integer ≥ 0).
    for c in candidates:
        cost = 0.0 if shortfall_cap is None else -c.score  # HiGHS minimises
        h.addVar(0.0, 1.0)
        h.changeColCost(h.getNumCol() - 1, cost)
    for country in countries:
        h.addVar(0.0, float(rules[country].minimum))
        h.changeColCost(h.getNumCol() - 1, 1.0 if shortfall_cap is None else 0.0)
    total_cols = n + len(countries)
    integer = np.full(total_cols, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
    h.changeColsIntegrality(total_cols, np.arange(total_cols, dtype=np.int32), integer)
    if n:
        h.addRow(-inf, float(capacity), n, list(range(n)), [1.0] * n)
    for k, country in enumerate(countries):
        rule = rules[country]
        members = [i for i, c in enumerate(candidates) if c.country == country]
        upper = inf if rule.maximum is None else float(rule.maximum)
        # Σ x (country) + slack ≥ minimum, and Σ x (country) ≤ maximum.
        h.addRow(float(rule.minimum), inf, len(members) + 1, [*members, n + k], [1.0] * (len(members) + 1))
        if members:
            h.addRow(-inf, upper, len(members), members, [1.0] * len(members))
    if shortfall_cap is not None and countries:
        h.addRow(-inf, float(shortfall_cap), len(countries), list(range(n, total_cols)), [1.0] * len(countries))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"HiGHS did not find an optimum: {h.modelStatusToString(h.getModelStatus())}")
    values = list(h.getSolution().col_value)
    chosen = [i for i in range(n) if values[i] > 0.5]
    slacks = [round(values[n + k]) for k in range(len(countries))]
    return chosen, slacks


def select(candidates: Sequence[Candidate], capacity: int, rules: Iterable[CountryRule] = ()) -> Selection:
    """The selection with the highest total score within capacity and the country rules (relaxed if it must be)."""
    rule_list = list(rules)
    check_rules(capacity, rule_list)
    if len({c.key for c in candidates}) != len(candidates):
        raise ValueError("candidate keys must be unique")
    by_country = {r.country: r for r in rule_list}
    _, slacks = _solve(candidates, capacity, by_country, None)
    chosen, slacks = _solve(candidates, capacity, by_country, sum(slacks))
    countries = sorted(by_country)
    shortfalls = []
    for country, missing in zip(countries, slacks, strict=True):
        if missing > 0:
            rule = by_country[country]
            available = sum(1 for c in candidates if c.country == country)
            cause = "applications" if available < rule.minimum else "capacity"
            shortfalls.append(Shortfall(country, rule.minimum, available, missing, cause))
    picked = {candidates[i].key for i in chosen}
    selected = tuple(c.key for c in _ranked(candidates) if c.key in picked)
    waiting = tuple(c.key for c in _ranked(candidates) if c.key not in picked)
    total = sum(c.score for c in candidates if c.key in picked)
    return Selection(selected, waiting, total, tuple(shortfalls), explain(candidates, picked, rule_list))


def _ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best score first; equal scores by key (the earlier application first)."""
    return sorted(candidates, key=lambda c: (-c.score, c.key))


def explain(candidates: Sequence[Candidate], picked: set[int], rules: Iterable[CountryRule]) -> dict[int, str]:
    """For every candidate, the reason code of its place in or out of the selection."""
    maxima = {r.country: r.maximum for r in rules}
    counts: dict[str, int] = {}
    for c in candidates:
        if c.key in picked:
            counts[c.country] = counts.get(c.country, 0) + 1
    best_left_out = max((c.score for c in candidates if c.key not in picked), default=None)
    reasons: dict[int, str] = {}
    for c in candidates:
        if c.key in picked:
            reasons[c.key] = BY_MINIMUM if best_left_out is not None and best_left_out > c.score else BY_SCORE
        else:
            limit = maxima.get(c.country)
            reasons[c.key] = COUNTRY_FULL if limit is not None and counts.get(c.country, 0) >= limit \
                else BELOW_CUTOFF
    return reasons


def shortfall_of(countries: Sequence[str], rules: Iterable[CountryRule]) -> int | None:
    """Total places missing against the minimums for participants from these countries; None if a maximum breaks."""
    counts: dict[str, int] = {}
    for country in countries:
        counts[country] = counts.get(country, 0) + 1
    missing = 0
    for rule in rules:
        have = counts.get(rule.country, 0)
        if rule.maximum is not None and have > rule.maximum:
            return None
        missing += max(0, rule.minimum - have)
    return missing


def promote(participants: Sequence[str], waiting: Sequence[tuple[int, str]],
            rules: Iterable[CountryRule]) -> int | None:
    """The first on the ranked waiting list (key, country) whose joining keeps the rules best satisfied.

    `participants` are the countries of those who keep their places after a decline. A candidate who would
    break a maximum is passed over; among the rest the first in rank order with the smallest shortfall wins,
    so the rules stay satisfied whenever the waiting list allows it. None when nobody can take the place.
    """
    rule_list = list(rules)
    best: tuple[int, int] | None = None  # (shortfall, key)
    for key, country in waiting:
        missing = shortfall_of([*participants, country], rule_list)
        if missing is None:
            continue
        if best is None or missing < best[0]:
            best = (missing, key)
            if missing == 0:
                break
    return None if best is None else best[1]
