"""Benchmark the atlas: indicators from the database, and hotspots, each against a named baseline in the same run.

Run: .venv/bin/python benchmarks/atlas_indicators.py [--firms 1000000] [--hotspot-firms 100000] [--database-url URL]

1. Indicators for N firms across the 7 partner cities, end to end from the database: ours is
   `atlas.services.indicators.network_indicators` (one grouped query, then the formulas per city); the
   baseline reads the same columns with `pandas.read_sql` and computes the same counts with a pandas
   groupby. Both give every city's firms and employment per group and year, shares and location quotients,
   and the two are checked equal. Targets (issue 12): at least 1.5x faster and under 3 s.
2. Hotspots for M firms in one city with fixed parameters (150 m, 10 firms): ours
   (`analysis.hotspots.dbscan`) against scikit-learn's DBSCAN on the same projected coordinates. Targets:
   adjusted Rand index >= 0.99, at least 1.5x faster, under 5 s.

The database is a throwaway one: a temporary SQLite file unless --database-url names another (e.g. a
PostgreSQL database of your own). Timings are the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

TARGET_SPEEDUP = 1.5
TARGET_INDICATORS_S = 3.0
TARGET_HOTSPOTS_S = 5.0
TARGET_ARI = 0.99
YEAR = 2024


def setup(database_url: str | None) -> None:
    """Point Django at a throwaway database and migrate it."""
    if database_url is None:
        database_url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='atlas-bench-')) / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "creativepoles.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def fill(n: int, seed: int = 12) -> None:
    """N firms spread over the 7 demo cities: 30 % creative, founded 1995-2025, 12 % closed."""
    from django.db import connection, transaction

    from creativepoles.analysis import nace
    from creativepoles.atlas.models import Denominator, Firm
    from creativepoles.core.demo import CITIES, DemoContext, load_core

    load_core(DemoContext())
    from creativepoles.core.models import City

    cities = list(City.objects.filter(slug__in=[c["slug"] for c in CITIES]).order_by("pk"))
    Firm.objects.all().delete()
    rng = np.random.default_rng(seed)
    groups = list(nace.DCMS_GROUPS) + [""] * 21  # 9 of 30 draws creative
    city_ids = rng.integers(0, len(cities), n)
    group_idx = rng.integers(0, len(groups), n)
    founded = rng.integers(dt.date(1995, 1, 1).toordinal(), dt.date(2025, 12, 31).toordinal(), n)
    closed = np.where(rng.random(n) < 0.12, founded + rng.integers(200, 4000, n), 0)
    employees = rng.integers(0, 40, n)
    table = Firm._meta.db_table
    sql = (f'INSERT INTO {table} (city_id, registry_id, name, nace_raw, nace_version, nace, "group", code_status, '
           "employees, founded, closed, address, sole_trader, synthetic, updated_at) "
           "VALUES (%s, %s, %s, '', '2', '', %s, 'ok', %s, %s, %s, '', %s, %s, %s)")
    now = dt.datetime.now(dt.UTC)
    batch = 20000
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, n, batch):
            rows = []
            for i in range(start, min(start + batch, n)):
                rows.append((cities[city_ids[i]].pk, f"B{i}", f"Firm {i}", groups[group_idx[i]], int(employees[i]),
                             dt.date.fromordinal(int(founded[i])),
                             dt.date.fromordinal(int(closed[i])) if closed[i] else None, False, True, now))
            cursor.executemany(sql, rows)
        for city in cities:
            for year in (YEAR - 1, YEAR):
                Denominator.objects.update_or_create(city=city, year=year, defaults={
                    "firms": 200000, "employment": 900000, "population": city.population or 100000})


def ours() -> dict[tuple[int, str], tuple[int, int, float | None]]:
    """Every city's (firms, employment, LQ) per group for YEAR, through the atlas service."""
    from creativepoles.atlas.services import indicators

    out = {}
    for result in indicators.network_indicators(YEAR, public=False):
        for row in result.rows:
            out[(result.city.pk, row["group"])] = (row["firms"], row["employment"], row["lq"])
    return out


def baseline() -> dict[tuple[int, str], tuple[int, int, float | None]]:
    """The same figures from read_sql and a pandas groupby."""
    import pandas as pd
    from django.db import connection

    from creativepoles.analysis import nace
    from creativepoles.atlas.models import Denominator
    from creativepoles.core.models import City

    with connection.cursor() as cursor, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pandas asks for SQLAlchemy; the raw DB-API connection works
        frame = pd.read_sql('SELECT city_id, "group", employees, founded, closed FROM atlas_firm', cursor.connection)
    end = pd.Timestamp(dt.date(YEAR, 12, 31))
    founded = pd.to_datetime(frame["founded"])
    closed = pd.to_datetime(frame["closed"])
    active = frame[(founded.isna() | (founded <= end)) & (closed.isna() | (closed > end))]
    grouped = active.groupby(["city_id", "group"]).agg(firms=("employees", "size"), employment=("employees", "sum"))
    partners = list(City.objects.filter(is_partner=True).values_list("pk", "part_of_id"))
    ids = {pk for pk, _p in partners}
    members = [pk for pk, part in partners if part not in ids]
    whole = {d.city_id: d.firms for d in Denominator.objects.filter(year=YEAR)}
    total = sum(whole.get(pk, 0) for pk in members)
    creative = grouped.reset_index()
    creative = creative[creative["group"] != ""]
    ref_i = creative[creative["city_id"].isin(members)].groupby("group")["firms"].sum()
    out = {}
    for pk in ids:
        for group in nace.DCMS_GROUPS:
            firms = int(grouped["firms"].get((pk, group), 0))
            employment = int(grouped["employment"].get((pk, group), 0))
            e_i = int(ref_i.get(group, 0))
            lq = None if not (whole.get(pk) and e_i and total) else round((firms / whole[pk]) / (e_i / total), 3)
            out[(pk, group)] = (firms, employment, lq)
    return out


def best(func: Any, repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return min(times), result


def hotspots_case(n: int, repeat: int) -> bool:
    from sklearn.cluster import DBSCAN
    from sklearn.metrics import adjusted_rand_score

    from creativepoles.analysis.geo import to_city_plane
    from creativepoles.analysis.hotspots import dbscan

    rng = np.random.default_rng(7)
    # Klaipėda: 12 districts of 300-900 m spread holding 70 % of the firms, the rest over 12 x 12 km.
    centres = rng.uniform(-4000, 4000, size=(12, 2))
    k = int(n * 0.7) // 12
    parts = [rng.normal(c, rng.uniform(300, 900), size=(k, 2)) for c in centres]
    parts.append(rng.uniform(-6000, 6000, size=(n - 12 * k, 2)))
    metres = np.vstack(parts)
    lon = 21.1443 + metres[:, 0] / (111320 * np.cos(np.radians(55.7033)))
    lat = 55.7033 + metres[:, 1] / 110574
    x, y = to_city_plane(lon, lat, (21.1443, 55.7033))
    xy = np.column_stack([x, y])
    t_ours, labels = best(lambda: dbscan(xy, 150.0, 10), repeat)
    t_sk, reference = best(lambda: DBSCAN(eps=150.0, min_samples=10).fit_predict(xy), repeat)
    ari = adjusted_rand_score(reference, labels)
    clusters = len(set(labels[labels >= 0]))
    ratio = t_sk / t_ours
    ok = ari >= TARGET_ARI and ratio >= TARGET_SPEEDUP and t_ours < TARGET_HOTSPOTS_S
    print(f"hotspots, {n:,} firms in one city, 150 m / 10 firms: ours {t_ours:.2f} s, scikit-learn DBSCAN "
          f"{t_sk:.2f} s, ratio {ratio:.2f}x, ARI {ari:.4f}, {clusters} clusters -> {'PASS' if ok else 'FAIL'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--firms", type=int, default=1_000_000)
    parser.add_argument("--hotspot-firms", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url")
    parser.add_argument("--hotspots-only", action="store_true", help="skip the database part")
    args = parser.parse_args()
    if args.hotspots_only:
        return 0 if hotspots_case(args.hotspot_firms, args.repeat) else 1
    setup(args.database_url)
    from django.db import connection

    started = time.perf_counter()
    fill(args.firms)
    print(f"{args.firms:,} firms written in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    t_ours, mine = best(ours, args.repeat)
    t_base, theirs = best(baseline, args.repeat)
    same = all(mine[key][:2] == theirs[key][:2] and (mine[key][2] is None) == (theirs[key][2] is None)
               and (mine[key][2] is None or abs(mine[key][2] - theirs[key][2]) <= 1e-3) for key in theirs)
    ratio = t_base / t_ours
    ok = same and ratio >= TARGET_SPEEDUP and t_ours < TARGET_INDICATORS_S
    print(f"indicators, {args.firms:,} firms in 7 cities: ours {t_ours:.2f} s, read_sql + pandas groupby "
          f"{t_base:.2f} s, ratio {ratio:.2f}x, same figures: {same} -> {'PASS' if ok else 'FAIL'}")
    ok = hotspots_case(args.hotspot_firms, args.repeat) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
