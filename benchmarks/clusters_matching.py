"""Benchmark partner suggestions for 20,000 profiles and a schedule for 2,000 accepted meeting requests.

Run: nice .venv/bin/python benchmarks/clusters_matching.py [--profiles 20000] [--meetings 2000] [--subsample 1500]

Suggestions: the bulk matcher (`analysis.matching.suggest`, top 10, reasons worded on display: float32 block
products, symmetric blocks, a rising k-th-best bound per profile) on profiles from the labelled generator, against
the named baseline `naive_suggest` (a pairwise Python loop over word and tag sets) measured in the same run
on a subsample; the baseline's time for all profiles is extrapolated quadratically and printed as a ratio. Scheduling: the repaired greedy heuristic on random accepted meetings (500 people, 12 slots,
150 tables), with its gap to the upper bound. Targets on the project machine: suggestions under 5 s, scheduling
under 2 s.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from creativepoles.analysis.matching import MatchProfile, naive_suggest, suggest
from creativepoles.analysis.partner_sample import generate
from creativepoles.analysis.schedule import Meeting, double_bookings, schedule_greedy


def profiles(n: int) -> list[MatchProfile]:
    """n generated profiles (pairs and distractors in the generator's proportion)."""
    sample = generate(pairs=n // 3, distractors=n - 2 * (n // 3), seed=20)
    return [MatchProfile(p.key, p.city, p.group, p.offers, p.seeks, p.offer_tags, p.seek_tags, p.interests)
            for p in sample]


def meetings(n: int, people: int, seed: int = 5) -> list[Meeting]:
    """n distinct random two-person meetings among `people`."""
    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n:
        a, b = rng.sample(range(people), 2)
        pairs.add((min(a, b), max(a, b)))
    return [Meeting(k, pair) for k, pair in enumerate(sorted(pairs))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=20000)
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--subsample", type=int, default=1500)
    args = parser.parse_args()

    suggest(profiles(50), top=5)  # import scikit-learn and warm up outside the timings
    everyone = profiles(args.profiles)
    # The machine is shared: the load average and the CPU time beside the wall time show how busy it was.
    print(f"load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    start, cpu = time.perf_counter(), time.process_time()
    found = suggest(everyone, top=10, reasons=False)
    bulk = time.perf_counter() - start
    print(f"suggestions: {len(everyone):,} profiles, top 10 each in {bulk:.2f} s, CPU time {time.process_time() - cpu:.2f} s "
          f"({sum(len(v) for v in found.values()):,} suggestions; reasons are worded when a page shows them)")
    start = time.perf_counter()
    suggest(everyone, top=10, only=[p.key for p in everyone[:100]])
    print(f"one page's worth (100 profiles' top 10 with reasons, against all): {time.perf_counter() - start:.2f} s")

    sub = everyone[:args.subsample]
    start = time.perf_counter()
    suggest(sub, top=10, reasons=False)
    bulk_sub = time.perf_counter() - start
    start = time.perf_counter()
    naive_suggest(sub, top=10)
    naive_sub = time.perf_counter() - start
    scale = (len(everyone) / len(sub)) ** 2
    print(f"subsample of {len(sub):,}: bulk {bulk_sub:.3f} s, naive pairwise loop {naive_sub:.2f} s "
          f"(ratio {naive_sub / bulk_sub:.1f}×)")
    print(f"naive loop extrapolated to {len(everyone):,} profiles: {naive_sub * scale:.0f} s "
          f"(ratio against the bulk run {naive_sub * scale / bulk:.0f}×)")

    requests = meetings(args.meetings, people=500)
    start = time.perf_counter()
    result = schedule_greedy(requests, slots=12, tables=150)
    took = time.perf_counter() - start
    assert double_bookings(requests, result, 150) == []
    print(f"schedule: {len(requests):,} accepted meetings, 500 people, 12 slots × 150 tables in {took:.2f} s: "
          f"{result.held:,} held, bound {result.bound:,}, gap {result.gap:.2%}")


if __name__ == "__main__":
    main()
