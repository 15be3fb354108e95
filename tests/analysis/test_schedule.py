"""Brokerage scheduling: nobody double-booked, the exact mode at the optimum, the heuristic close to it."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from creativepoles.analysis.schedule import (
    Meeting,
    double_bookings,
    schedule,
    schedule_exact,
    schedule_greedy,
    upper_bound,
)


def random_instance(rng: random.Random, people: int, meetings: int) -> list[Meeting]:
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < meetings:
        a, b = rng.sample(range(people), 2)
        pairs.add((min(a, b), max(a, b)))
    return [Meeting(k, pair) for k, pair in enumerate(sorted(pairs))]


instances = st.builds(
    lambda seed, people, meetings, slots, tables: (random_instance(random.Random(seed), people,
                                                                   min(meetings, people * (people - 1) // 2)),
                                                   slots, tables),
    st.integers(0, 10**6), st.integers(2, 9), st.integers(1, 20), st.integers(1, 5), st.integers(1, 4))


@settings(max_examples=150, deadline=None)
@given(instances)
def test_it_never_double_books_a_person_or_a_table(instance: tuple[list[Meeting], int, int]) -> None:
    meetings, slots, tables = instance
    for result in (schedule_greedy(meetings, slots, tables), schedule_exact(meetings, slots, tables)):
        assert double_bookings(meetings, result, tables) == []
        assert result.held + len(result.unplaced) == len(meetings)
        assert result.held <= result.bound
        assert all(0 <= p.slot < slots for p in result.placements)


@settings(max_examples=60, deadline=None)
@given(instances, st.integers(0, 10**6))
def test_it_respects_availability(instance: tuple[list[Meeting], int, int], seed: int) -> None:
    meetings, slots, tables = instance
    rng = random.Random(seed)
    people = {p for m in meetings for p in m.people}
    free = {p: frozenset(s for s in range(slots) if rng.random() < 0.6) for p in people}
    people_of = {m.key: m.people for m in meetings}
    for result in (schedule_greedy(meetings, slots, tables, free), schedule_exact(meetings, slots, tables, free)):
        assert double_bookings(meetings, result, tables) == []
        assert all(p.slot in free[q] for p in result.placements for q in people_of[p.meeting])


def test_it_reaches_the_optimum_in_exact_mode() -> None:
    # A triangle needs three slots: with two, only two of its meetings can be held.
    triangle = [Meeting(1, (1, 2)), Meeting(2, (2, 3)), Meeting(3, (1, 3))]
    assert schedule_exact(triangle, 2, 5).held == 2
    assert schedule_exact(triangle, 3, 1).held == 3
    # A star: the centre meets at most once per slot.
    star = [Meeting(k, (0, k)) for k in range(1, 7)]
    result = schedule_exact(star, 4, 3)
    assert result.held == 4 and result.optimal and result.gap == 0
    # The optimum of small random instances equals a brute force over every assignment.
    rng = random.Random(7)
    for _ in range(25):
        meetings = random_instance(rng, 5, rng.randint(1, 6))
        slots, tables = rng.randint(1, 3), rng.randint(1, 2)
        assert schedule_exact(meetings, slots, tables).held == _brute_force(meetings, slots, tables)


def _brute_force(meetings: list[Meeting], slots: int, tables: int) -> int:
    best = 0

    def walk(i: int, used: dict[int, list[Meeting]], held: int) -> None:
        nonlocal best
        best = max(best, held)
        if i == len(meetings) or held + len(meetings) - i <= best:
            return
        m = meetings[i]
        for s in range(slots):
            here = used.setdefault(s, [])
            if len(here) < tables and not any(set(m.people) & set(o.people) for o in here):
                here.append(m)
                walk(i + 1, used, held + 1)
                here.pop()
        walk(i + 1, used, held)

    walk(0, {}, 0)
    return best


def test_the_heuristic_averages_at_least_95_percent_of_the_optimum() -> None:
    rng = random.Random(2026)
    ratios = []
    for _ in range(200):
        people = rng.randint(4, 12)
        meetings = random_instance(rng, people, rng.randint(3, min(30, people * (people - 1) // 2)))
        slots, tables = rng.randint(2, 6), rng.randint(1, 5)
        best = schedule_exact(meetings, slots, tables).held
        got = schedule_greedy(meetings, slots, tables).held
        assert got <= best
        ratios.append(1.0 if best == 0 else got / best)
    average = sum(ratios) / len(ratios)
    print(f"\nheuristic / optimum over 200 instances: {average:.2%} (worst {min(ratios):.2%})")
    assert average >= 0.95


def test_it_reports_a_gap_to_the_bound_and_picks_the_mode_by_size() -> None:
    star = [Meeting(k, (0, k)) for k in range(1, 7)]
    assert upper_bound(star, 4, 3) == 4
    greedy = schedule_greedy(star, 4, 3)
    assert greedy.held == 4 and greedy.gap == 0.0
    assert schedule(star, 4, 3).mode == "exact"
    assert schedule(star, 4, 3, exact_up_to=2).mode == "greedy"
    full = schedule_greedy(star, 2, 1)
    assert full.held == 2 and full.bound == 2


def test_it_refuses_malformed_meetings() -> None:
    import pytest

    with pytest.raises(ValueError):
        schedule_greedy([Meeting(1, (1, 1))], 2, 2)
    with pytest.raises(ValueError):
        schedule_greedy([Meeting(1, (1, 2)), Meeting(1, (3, 4))], 2, 2)
