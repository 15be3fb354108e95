"""Benchmark onboarding a test city: the Helsinki extract and a generated 50,000-firm register, step by step.

Run: .venv/bin/python benchmarks/replication_onboarding.py [--firms 50000] [--database-url URL] [--no-baseline]

Ours: `replication.services.continue_onboarding` through every step (facts, extract, register, method copied
from a partner city, first ranking, publication), with the step bookkeeping and reports. The named baseline:
the same writes made by calling the owning apps' services directly, one after the other, for a second test city
(`core.services.add_city`, `spaces` import_osm + compute_accessibility, `atlas` import_register,
`spaces.services.replicate` copy_method + copy_parameters, rank_city, publish_ranking), i.e. what onboarding
costs without its resumable steps. Prints the time per step, the total, the ratio against the baseline and the
ratio against the target of issue 18 (under 120 s on this machine).

The database is a throwaway one: a temporary SQLite file unless --database-url names another.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_S = 120.0
BBOX = [24.9352, 60.1642, 24.9534, 60.1791]


def setup(database_url: str | None) -> None:
    """Point Django at a throwaway database and migrate it."""
    if database_url is None:
        database_url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='onboard-bench-')) / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "creativepoles.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def partner() -> Any:
    """The network with one partner city that has the demo's sites and method (the spaces demo)."""
    from creativepoles.core.demo import load_demos

    return load_demos(["spaces"]).users["manager"]


def facts(slug: str) -> dict[str, Any]:
    return {"slug": slug, "name": slug.title(), "name_en": slug.title(), "country": "FI", "lat": "60.1699",
            "lon": "24.9384", "time_zone": "Europe/Helsinki", "bbox": BBOX}


def ours(manager: Any, register: Path) -> tuple[float, dict[str, float]]:
    """Onboard through the replication services; the time of each step as recorded on it."""
    from creativepoles.replication.extracts import HELSINKI
    from creativepoles.replication.models import OnboardingStep, StepStatus
    from creativepoles.replication.services import continue_onboarding, partner_method, start_onboarding

    started = time.perf_counter()
    run = start_onboarding(manager, **facts("benchcity"))
    t_facts = time.perf_counter() - started
    continue_onboarding(manager, run, extract=HELSINKI, register=register, source=partner_method("klaipeda"))
    total = time.perf_counter() - started
    steps = {"facts": t_facts}
    for step in OnboardingStep.objects.filter(onboarding=run).exclude(key="facts").order_by("pk"):
        if step.status != StepStatus.DONE:
            raise SystemExit(f"step {step.key} ended {step.status}: {step.error}")
        steps[step.key] = (step.finished_at - step.started_at).total_seconds()
    return total, steps


def baseline(manager: Any, register: Path) -> float:
    """The same writes through the owning apps' services, without onboarding's steps."""
    from creativepoles.atlas.services.register import import_register
    from creativepoles.core.services import add_city
    from creativepoles.replication.extracts import HELSINKI
    from creativepoles.replication.services import partner_method
    from creativepoles.spaces.services.accessibility import compute_accessibility
    from creativepoles.spaces.services.osm_import import import_osm
    from creativepoles.spaces.services.replicate import copy_method, copy_parameters, publish_ranking, rank_city

    started = time.perf_counter()
    f = facts("basecity")
    city = add_city(f["slug"], f["name"], f["name_en"], f["country"], f["lat"], f["lon"], f["time_zone"],
                    actor=manager)
    import_osm(manager, HELSINKI, city, tuple(BBOX))
    compute_accessibility(city)
    report = import_register(manager, city, register)
    assert report.ok, report.errors[:3]
    source = partner_method("klaipeda")
    method = copy_method(manager, source.method_id, city, {})
    copy_parameters(manager, source.city, city)
    ranking = rank_city(manager, method["method_id"])
    publish_ranking(manager, ranking["run_id"], 10)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=50_000)
    parser.add_argument("--database-url")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    setup(args.database_url)
    from django.db import connection

    from creativepoles.replication.synthetic import write_register

    manager = partner()
    folder = Path(tempfile.mkdtemp(prefix="onboard-bench-"))
    register = write_register(folder / "register.csv", BBOX, args.firms, seed="benchmark", prefix="BEN")
    total, steps = ours(manager, register)
    print(f"onboarding a test city ({connection.vendor}), Helsinki extract + {args.firms:,}-firm register:")
    for key, seconds in steps.items():
        print(f"  {key:<10} {seconds:7.2f} s")
    print(f"  {'total':<10} {total:7.2f} s")
    if not args.no_baseline:
        base = baseline(manager, register.with_name("register.csv"))
        print(f"baseline (the same services called directly, no steps): {base:.2f} s; "
              f"onboarding / baseline {total / base:.2f}x")
    ok = total < TARGET_S
    print(f"target {TARGET_S:.0f} s: {total:.2f} s = {total / TARGET_S:.3f} of the target -> {'PASS' if ok else 'FAIL'}")


if __name__ == "__main__":
    main()
