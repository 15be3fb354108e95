"""Brokerage meeting scheduling: accepted meetings into time slots and tables, nobody double-booked.

A meeting joins two or more people; a slot holds at most `tables` meetings and a person at most one meeting
(and only in slots they are available). We maximise the number of meetings held. The problem is NP-hard
(it contains edge colouring), so there are two modes: `exact` solves the integer programme

    max Σ x[m,t]   s.t.  Σ_t x[m,t] ≤ 1,  Σ_{m ∋ p} x[m,t] ≤ 1,  Σ_m x[m,t] ≤ tables,  x ∈ {0,1}

with HiGHS (highspy), and `greedy` places the most constrained meetings first and then repairs: an unplaced
meeting may take a slot by moving one blocking meeting elsewhere. The heuristic reports its gap to an
upper bound (each person meets at most once per available slot; a slot holds at most `tables`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Person = int


@dataclass(frozen=True)
class Meeting:
    """An accepted meeting request: its id and the people who must all be there."""

    key: int
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Placement:
    """Where a meeting takes place: slot and table indices, from 0."""

    meeting: int
    slot: int
    table: int


@dataclass
class Schedule:
    """A schedule, the meetings left out, an upper bound on how many could be held, and the mode used."""

    placements: list[Placement]
    unplaced: list[int]
    bound: int
    mode: str
    optimal: bool = False
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def held(self) -> int:
        """How many meetings the schedule holds."""
        return len(self.placements)

    @property
    def gap(self) -> float:
        """Share of the upper bound the schedule misses (0 when it holds as many as the bound)."""
        return 0.0 if self.bound == 0 else (self.bound - self.held) / self.bound


def _valid(meetings: Sequence[Meeting], slots: int, tables: int) -> None:
    if slots < 0 or tables < 0:
        raise ValueError("slots and tables must not be negative")
    seen: set[int] = set()
    for m in meetings:
        if m.key in seen:
            raise ValueError(f"meeting {m.key} appears twice")
        seen.add(m.key)
        if len(set(m.people)) != len(m.people) or len(m.people) < 2:
            raise ValueError(f"meeting {m.key} needs two or more different people")


def _free_slots(person: Person, slots: int, availability: Mapping[Person, frozenset[int]] | None) -> frozenset[int]:
    if availability is None or person not in availability:
        return frozenset(range(slots))
    return frozenset(s for s in availability[person] if 0 <= s < slots)


def upper_bound(meetings: Sequence[Meeting], slots: int, tables: int,
                availability: Mapping[Person, frozenset[int]] | None = None) -> int:
    """At most slots × tables, and the meetings whose people share a free slot less those that people with more
    meetings than free slots must drop."""
    possible = [m for m in meetings
                if frozenset.intersection(*[_free_slots(p, slots, availability) for p in m.people])]
    degree: dict[Person, int] = {}
    for m in possible:
        for p in m.people:
            degree[p] = degree.get(p, 0) + 1
    free = {p: len(_free_slots(p, slots, availability)) for p in degree}
    # A person over their free slots forces meetings out: a dropped meeting relieves at most its people's excess.
    excess = {p: max(0, d - free[p]) for p, d in degree.items()}
    largest = max((len(m.people) for m in possible), default=2)
    shared = sum(1 for m in possible if sum(1 for p in m.people if excess[p]) > 1)
    total = sum(excess.values())
    dropped = max(max(excess.values(), default=0), -(-total // largest), total - (largest - 1) * shared)
    return max(0, min(len(possible) - dropped, slots * tables))


def _tables(assigned: Mapping[int, int]) -> list[Placement]:
    """Number the tables within each slot, in meeting order."""
    used: dict[int, int] = {}
    out = []
    for meeting in sorted(assigned):
        slot = assigned[meeting]
        out.append(Placement(meeting, slot, used.get(slot, 0)))
        used[slot] = used.get(slot, 0) + 1
    return sorted(out, key=lambda p: (p.slot, p.table))


def schedule_greedy(meetings: Sequence[Meeting], slots: int, tables: int,
                    availability: Mapping[Person, frozenset[int]] | None = None, repair: bool = True) -> Schedule:
    """Most constrained first into the least loaded common free slot, then one-move repairs."""
    _valid(meetings, slots, tables)
    free = {p: set(_free_slots(p, slots, availability)) for m in meetings for p in m.people}
    degree: dict[Person, int] = {}
    for m in meetings:
        for p in m.people:
            degree[p] = degree.get(p, 0) + 1

    def options(m: Meeting) -> int:
        return len(set.intersection(*[free[p] for p in m.people]))

    load = [0] * slots
    busy: dict[tuple[Person, int], int] = {}  # (person, slot) -> meeting
    assigned: dict[int, int] = {}
    order = sorted(meetings, key=lambda m: (options(m), -sum(degree[p] for p in m.people), m.key))

    def fits(m: Meeting, slot: int) -> bool:
        return load[slot] < tables and all(slot in free[p] and (p, slot) not in busy for p in m.people)

    def place(m: Meeting, slot: int) -> None:
        assigned[m.key] = slot
        load[slot] += 1
        for p in m.people:
            busy[(p, slot)] = m.key

    def remove(m: Meeting) -> None:
        slot = assigned.pop(m.key)
        load[slot] -= 1
        for p in m.people:
            del busy[(p, slot)]

    by_key = {m.key: m for m in meetings}
    unplaced: list[Meeting] = []
    for m in order:
        candidates = [s for s in set.intersection(*[free[p] for p in m.people]) if fits(m, s)]
        if candidates:
            place(m, min(candidates, key=lambda s: (load[s], s)))
        else:
            unplaced.append(m)

    def repair_all(unplaced: list[Meeting]) -> list[Meeting]:
        """Try to seat each unplaced meeting by moving one meeting that blocks it to another slot."""
        left = []
        for m in unplaced:
            done = False
            for slot in sorted(set.intersection(*[free[p] for p in m.people]), key=lambda s: load[s]):
                blockers = {busy[(p, slot)] for p in m.people if (p, slot) in busy}
                if len(blockers) > 1:
                    continue
                if not blockers and fits(m, slot):
                    place(m, slot)
                    done = True
                    break
                if not blockers:
                    # The slot is full of meetings that do not involve m's people: move any one of them away.
                    movable = [k for k, s in assigned.items() if s == slot]
                else:
                    movable = list(blockers)
                for other_key in movable:
                    other = by_key[other_key]
                    remove(other)
                    target = next((s for s in range(slots) if s != slot and fits(other, s)), None)
                    if target is not None and fits(m, slot):
                        place(other, target)
                        place(m, slot)
                        done = True
                        break
                    place(other, slot)
                if done:
                    break
            if not done:
                left.append(m)
        return left

    if repair:
        unplaced = repair_all(unplaced)
    bound = upper_bound(meetings, slots, tables, availability)
    return Schedule(_tables(assigned), sorted(m.key for m in unplaced), bound, "greedy",
                    optimal=len(assigned) == bound)


def schedule_exact(meetings: Sequence[Meeting], slots: int, tables: int,
                   availability: Mapping[Person, frozenset[int]] | None = None,
                   time_limit: float = 30.0) -> Schedule:
    """The optimum of the integer programme above, solved with HiGHS."""
    import highspy
    import numpy as np

    _valid(meetings, slots, tables)
    bound = upper_bound(meetings, slots, tables, availability)
    variables: list[tuple[int, int]] = []  # (meeting index, slot)
    for i, m in enumerate(meetings):
        common = frozenset.intersection(*[_free_slots(p, slots, availability) for p in m.people])
        variables += [(i, s) for s in sorted(common)]
    if not variables:
        return Schedule([], sorted(m.key for m in meetings), bound, "exact", optimal=True)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    n = len(variables)
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.ones(n, dtype=np.uint8))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), -np.ones(n))
    rows: dict[tuple[str, int, int], list[int]] = {}
    for j, (i, s) in enumerate(variables):
        rows.setdefault(("m", i, 0), []).append(j)
        rows.setdefault(("t", s, 0), []).append(j)
        for p in meetings[i].people:
            rows.setdefault(("p", p, s), []).append(j)
    for (kind, _a, _b), cols in rows.items():
        upper = float(tables) if kind == "t" else 1.0
        h.addRow(-highspy.kHighsInf, upper, len(cols), np.array(cols, dtype=np.int32), np.ones(len(cols)))
    h.run()
    status = h.getModelStatus()
    values = h.getSolution().col_value
    assigned = {meetings[i].key: s for j, (i, s) in enumerate(variables) if values[j] > 0.5}
    placed = set(assigned)
    return Schedule(_tables(assigned), sorted(m.key for m in meetings if m.key not in placed), bound, "exact",
                    optimal=status == highspy.HighsModelStatus.kOptimal)


def schedule(meetings: Sequence[Meeting], slots: int, tables: int,
             availability: Mapping[Person, frozenset[int]] | None = None, exact_up_to: int = 60) -> Schedule:
    """Exact for small events (up to `exact_up_to` meetings), the repaired greedy beyond; both report the bound."""
    if len(meetings) <= exact_up_to:
        return schedule_exact(meetings, slots, tables, availability)
    return schedule_greedy(meetings, slots, tables, availability)


def double_bookings(meetings: Sequence[Meeting], result: Schedule, tables: int) -> list[str]:
    """What is wrong with a schedule: a person or a table twice in a slot, too many tables, a meeting twice."""
    people = {m.key: m.people for m in meetings}
    problems = []
    seen_people: set[tuple[Person, int]] = set()
    seen_tables: set[tuple[int, int]] = set()
    seen_meetings: set[int] = set()
    for p in result.placements:
        if p.meeting in seen_meetings:
            problems.append(f"meeting {p.meeting} placed twice")
        seen_meetings.add(p.meeting)
        if (p.slot, p.table) in seen_tables:
            problems.append(f"table {p.table} twice in slot {p.slot}")
        seen_tables.add((p.slot, p.table))
        if not 0 <= p.table < tables:
            problems.append(f"table {p.table} does not exist")
        for person in people[p.meeting]:
            if (person, p.slot) in seen_people:
                problems.append(f"person {person} twice in slot {p.slot}")
            seen_people.add((person, p.slot))
    return problems
