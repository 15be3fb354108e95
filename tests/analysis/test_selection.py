"""The academy selection: exact against exhaustive search, capacity and country rules, diagnosis, promotion."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creativepoles.analysis.selection import (
    BELOW_CUTOFF,
    BY_MINIMUM,
    BY_SCORE,
    COUNTRY_FULL,
    Candidate,
    CountryRule,
    promote,
    select,
    shortfall_of,
)

COUNTRIES = ("DE", "EE", "LT", "PL")


def brute_force(candidates: list[Candidate], capacity: int, rules: list[CountryRule]) -> float | None:
    """The best total score over every subset that meets the rules; None when no subset does."""
    best: float | None = None
    for size in range(capacity + 1):
        for subset in itertools.combinations(candidates, size):
            if shortfall_of([c.country for c in subset], rules) != 0:
                continue
            total = sum(c.score for c in subset)
            if best is None or total > best:
                best = total
    return best


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[Candidate], int, list[CountryRule]]:
    n = draw(st.integers(0, 9))
    candidates = [Candidate(i, draw(st.integers(0, 40)) / 4, draw(st.sampled_from(COUNTRIES))) for i in range(n)]
    capacity = draw(st.integers(0, 6))
    rules = []
    for country in draw(st.lists(st.sampled_from(COUNTRIES), unique=True, max_size=3)):
        minimum = draw(st.integers(0, 3))
        maximum = draw(st.one_of(st.none(), st.integers(minimum, 4)))
        rules.append(CountryRule(country, minimum, maximum))
    return candidates, capacity, rules


@settings(max_examples=150, deadline=None)
@given(instances())
def test_it_equals_exhaustive_search_and_never_breaks_capacity_or_rules(
        instance: tuple[list[Candidate], int, list[CountryRule]]) -> None:
    candidates, capacity, rules = instance
    result = select(candidates, capacity, rules)
    countries = {c.key: c.country for c in candidates}
    chosen = [countries[k] for k in result.selected]
    assert len(result.selected) <= capacity
    assert sorted(result.selected + result.waiting) == [c.key for c in candidates]
    optimum = brute_force(candidates, capacity, rules)
    if optimum is None:
        assert not result.feasible
        # The relaxed selection still never breaks a maximum, and misses exactly what it reports.
        assert shortfall_of(chosen, rules) == sum(s.missing for s in result.shortfalls)
    else:
        assert result.feasible
        assert shortfall_of(chosen, rules) == 0
        assert result.total == pytest.approx(optimum)
        assert sum(c.score for c in candidates if c.key in result.selected) == pytest.approx(optimum)


def test_it_takes_the_best_scores_without_rules() -> None:
    candidates = [Candidate(1, 5, "LT"), Candidate(2, 9, "LT"), Candidate(3, 7, "EE"), Candidate(4, 1, "DE")]
    result = select(candidates, 2)
    assert result.selected == (2, 3)
    assert result.waiting == (1, 4)
    assert result.total == 16
    assert result.reasons == {1: BELOW_CUTOFF, 2: BY_SCORE, 3: BY_SCORE, 4: BELOW_CUTOFF}


def test_it_meets_a_minimum_and_a_maximum_at_the_cost_of_score() -> None:
    # By score alone LT would take all three places; LT may have two at most and DE needs one.
    candidates = [Candidate(1, 9, "LT"), Candidate(2, 8, "LT"), Candidate(3, 7, "LT"), Candidate(4, 2, "DE"),
                  Candidate(5, 6, "EE")]
    result = select(candidates, 3, [CountryRule("LT", 0, 2), CountryRule("DE", 1)])
    assert result.selected == (1, 2, 4)
    assert result.total == 19
    assert result.reasons[4] == BY_MINIMUM
    assert result.reasons[3] == COUNTRY_FULL
    assert result.reasons[5] == BELOW_CUTOFF
    assert result.waiting == (3, 5)


def test_it_says_which_rule_fails_and_by_how_much() -> None:
    candidates = [Candidate(1, 9, "LT"), Candidate(2, 8, "LT"), Candidate(3, 4, "PL")]
    result = select(candidates, 3, [CountryRule("PL", 3), CountryRule("LT", 0, 1)])
    assert not result.feasible
    [shortfall] = result.shortfalls
    assert (shortfall.country, shortfall.minimum, shortfall.available, shortfall.missing, shortfall.cause) == \
        ("PL", 3, 1, 2, "applications")
    # The relaxed selection: the one Polish applicant and the best Lithuanian within LT's maximum.
    assert result.selected == (1, 3)


def test_it_reports_minimums_that_together_exceed_the_capacity() -> None:
    candidates = [Candidate(1, 1, "LT"), Candidate(2, 2, "LT"), Candidate(3, 3, "EE"), Candidate(4, 4, "EE")]
    result = select(candidates, 2, [CountryRule("LT", 2), CountryRule("EE", 2)])
    assert sum(s.missing for s in result.shortfalls) == 2
    assert {s.cause for s in result.shortfalls} == {"capacity"}
    assert len(result.selected) == 2


def test_it_refuses_contradictory_rules() -> None:
    with pytest.raises(ValueError, match="minimum above maximum"):
        select([], 2, [CountryRule("LT", 3, 1)])
    with pytest.raises(ValueError, match="two rules"):
        select([], 2, [CountryRule("LT"), CountryRule("LT")])
    with pytest.raises(ValueError, match="capacity"):
        select([], -1)
    with pytest.raises(ValueError, match="negative"):
        select([], 1, [CountryRule("LT", -1)])
    with pytest.raises(ValueError, match="unique"):
        select([Candidate(1, 1, "LT"), Candidate(1, 2, "EE")], 1)


def test_it_promotes_the_first_waiting_candidate_who_keeps_the_rules() -> None:
    rules = [CountryRule("DE", 1), CountryRule("LT", 0, 2)]
    # A German declined: the first waiting (LT) would leave DE below its minimum; the German next in line goes in.
    assert promote(["LT", "EE"], [(7, "LT"), (8, "DE"), (9, "DE")], rules) == 8
    # A Lithuanian declined: the first waiting fits.
    assert promote(["DE", "LT"], [(7, "LT"), (8, "DE")], rules) == 7
    # LT is full: its candidates are passed over.
    assert promote(["DE", "LT", "LT"], [(7, "LT"), (8, "EE")], rules) == 8
    # Nobody can keep the minimum: the first who breaks no maximum.
    assert promote(["LT"], [(7, "EE"), (8, "PL")], rules) == 7
    assert promote(["LT", "LT"], [(7, "LT")], rules) is None
    assert promote([], [], rules) is None


def test_shortfall_of_counts_missing_places_and_refuses_a_broken_maximum() -> None:
    rules = [CountryRule("DE", 2), CountryRule("LT", 1, 1)]
    assert shortfall_of(["DE"], rules) == 2
    assert shortfall_of(["DE", "LT", "DE"], rules) == 0
    assert shortfall_of(["LT", "LT"], rules) is None
