"""Brokerage scheduling on small cases worked out by hand: what the checker reports, availability in both
modes, the switch between exact and greedy, the least-loaded slot, and what the repair step wins."""

from __future__ import annotations

import pytest

from creativepoles.analysis.schedule import (
    Meeting,
    Placement,
    Schedule,
    double_bookings,
    schedule,
    schedule_exact,
    schedule_greedy,
    upper_bound,
)

PAIRS = [Meeting(1, (1, 2)), Meeting(2, (2, 3)), Meeting(3, (4, 5))]


def _check(*placements: Placement, tables: int = 2) -> list[str]:
    return double_bookings(PAIRS, Schedule(list(placements), [], 0, "test"), tables)


def test_the_checker_names_each_kind_of_double_booking() -> None:
    assert _check(Placement(1, 0, 0), Placement(2, 1, 0), Placement(3, 0, 1)) == []
    assert _check(Placement(1, 0, 0), Placement(2, 0, 1)) == ["person 2 twice in slot 0"]
    assert _check(Placement(1, 0, 0), Placement(3, 0, 0)) == ["table 0 twice in slot 0"]
    assert _check(Placement(1, 0, 2)) == ["table 2 does not exist"]
    assert _check(Placement(1, 0, 1), tables=1) == ["table 1 does not exist"]
    assert _check(Placement(1, 0, 0), Placement(1, 1, 0)) == ["meeting 1 placed twice"]


def test_both_modes_respect_availability() -> None:
    # Person 0 is free only in slot 1, so only one of their two meetings can be held, and only there.
    meetings = [Meeting(1, (0, 1)), Meeting(2, (0, 2))]
    availability = {0: frozenset({1})}
    for result in (schedule(meetings, 3, 2, availability), schedule(meetings, 3, 2, availability, exact_up_to=0)):
        assert result.held == 1 and result.bound == 1
        assert [p.slot for p in result.placements] == [1]
        assert result.unplaced in ([1], [2])


def test_it_solves_exactly_up_to_60_meetings_by_default() -> None:
    # Disjoint pairs in one slot with enough tables: trivial for both modes, so only the mode tells them apart.
    sixty = [Meeting(k, (2 * k, 2 * k + 1)) for k in range(60)]
    assert schedule(sixty, 1, 61).mode == "exact"
    assert schedule(sixty + [Meeting(60, (120, 121))], 1, 61).mode == "greedy"
    assert schedule(sixty[:5], 1, 5, exact_up_to=5).mode == "exact"


def test_the_heuristic_says_whether_it_reached_the_bound() -> None:
    # A triangle needs three slots; in two, at most two of its meetings are held, while the bound says three.
    triangle = [Meeting(1, (0, 1)), Meeting(2, (1, 2)), Meeting(3, (0, 2))]
    result = schedule_greedy(triangle, 2, 3)
    assert (result.held, result.bound, result.optimal) == (2, 3, False)
    result = schedule_greedy(triangle, 3, 1)
    assert (result.held, result.bound, result.optimal) == (3, 3, True)
    assert upper_bound(triangle, 3, 1) == 3


def test_it_puts_a_meeting_in_the_least_loaded_slot() -> None:
    # Two unrelated meetings and two slots with room for both: they are spread, one per slot.
    result = schedule_greedy([Meeting(1, (1, 2)), Meeting(2, (3, 4))], 2, 2)
    assert sorted(p.slot for p in result.placements) == [0, 1]


def test_the_repair_step_seats_a_meeting_the_first_pass_left_out() -> None:
    # Found by search: the first pass holds 5 of these 6 meetings; moving one blocker lets all 6 be held,
    # which is the optimum.
    meetings = [Meeting(0, (0, 2)), Meeting(1, (0, 4)), Meeting(2, (1, 2)), Meeting(3, (1, 4)),
                Meeting(4, (3, 5)), Meeting(5, (4, 5))]
    first_pass = schedule_greedy(meetings, 3, 2, repair=False)
    repaired = schedule_greedy(meetings, 3, 2)
    assert (first_pass.held, repaired.held) == (5, 6)
    assert repaired.held == schedule_exact(meetings, 3, 2).held
    assert double_bookings(meetings, repaired, 2) == []
    assert repaired.optimal and repaired.unplaced == []


def test_no_slots_or_no_tables_hold_nothing_and_negative_ones_are_refused() -> None:
    for slots, tables in ((0, 2), (2, 0)):
        result = schedule_greedy(PAIRS, slots, tables)
        assert (result.held, sorted(result.unplaced), result.bound) == (0, [1, 2, 3], 0)
    for slots, tables in ((-1, 2), (2, -1)):
        with pytest.raises(ValueError, match="^slots and tables must not be negative$"):
            schedule_greedy(PAIRS, slots, tables)
    with pytest.raises(ValueError, match="^meeting 1 needs two or more different people$"):
        schedule_greedy([Meeting(1, (7,))], 2, 2)
