"""Demo atlas: a synthetic business register for every city, clustered in plausible districts, with totals.

Every firm is marked synthetic (the pages and exports say so); the register's size per city is the setting
ATLAS_DEMO_FIRMS_PER_CITY (thousands for `make run`, a few dozen in tests). Denominators and national/EU
totals are rounded approximations of the order of the official figures, marked approximate.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from django.conf import settings
from django.db import transaction

from creativepoles.analysis import nace
from creativepoles.atlas.models import CodeStatus, Denominator, Firm, ReferenceTotal
from creativepoles.core.demo import Demo, DemoContext
from creativepoles.core.models import City

SOURCE = "Demo: approximation of the order of official statistics, not an official figure"
YEARS = range(2019, 2026)
# Districts as (metres east, metres north of the centre, spread in metres, weight): old town, a
# former industrial or port quarter, a university quarter, and a smaller one.
DISTRICTS: dict[str, list[tuple[float, float, float, float]]] = {
    "klaipeda": [(-300, 150, 350, 0.4), (-900, 1400, 500, 0.25), (1800, -600, 450, 0.2), (600, 2600, 400, 0.15)],
    "brandenburg": [(0, 0, 350, 0.4), (1500, 300, 450, 0.3), (-1200, -800, 400, 0.3)],
    "cottbus": [(0, 0, 350, 0.45), (900, -700, 450, 0.3), (-1400, 600, 400, 0.25)],
    "zielona-gora": [(0, 0, 350, 0.45), (1300, 900, 500, 0.3), (-900, -1100, 400, 0.25)],
    "linkoping": [(0, 0, 350, 0.4), (2200, -1800, 500, 0.35), (-1500, 900, 400, 0.25)],
    "ostsam": [(24000, 25000, 450, 0.45), (24800, 25600, 400, 0.2), (-13000, 6600, 400, 0.35)],
    "tartu": [(0, 0, 300, 0.4), (-900, -400, 350, 0.3), (700, 1100, 400, 0.3)],
}
# Share of all firms per creative group (a creative share of about 10 %, IT the largest).
GROUP_WEIGHTS = {"it": 0.32, "advertising": 0.14, "design": 0.1, "architecture": 0.09, "film": 0.1,
                 "publishing": 0.06, "music": 0.12, "crafts": 0.03, "museums": 0.04}
OTHER_CLASSES = ["47.11", "56.10", "43.21", "49.41", "68.20", "69.20", "86.23", "45.20", "41.20", "96.02"]
CREATIVE_SHARE = 0.3
COUNTRY_FIRMS = {"LT": 130000, "EE": 140000, "DE": 3200000, "PL": 2300000, "SE": 1100000, "EU": 32000000}


def _offset(lat0: float, east: float, north: float) -> tuple[float, float]:
    """Degrees for metres east/north near latitude lat0 (good to a fraction of a per cent over a few km)."""
    return east / (111320.0 * math.cos(math.radians(lat0))), north / 110574.0


def _firms(city: City, count: int) -> list[Firm]:
    rng = random.Random(f"atlas-demo-{city.slug}")
    lat0, lon0 = float(city.latitude), float(city.longitude)
    districts = DISTRICTS.get(city.slug, [(0, 0, 400, 1.0)])
    groups = list(GROUP_WEIGHTS)
    out = []
    for i in range(count):
        creative = rng.random() < CREATIVE_SHARE
        group = rng.choices(groups, weights=[GROUP_WEIGHTS[g] for g in groups])[0] if creative else ""
        code = rng.choice(nace.DCMS_GROUPS[group][1]) if group else rng.choice(OTHER_CLASSES)
        if creative or rng.random() < 0.5:
            east, north, spread, _w = rng.choices(districts, weights=[d[3] for d in districts])[0]
            east, north = east + rng.gauss(0, spread), north + rng.gauss(0, spread)
        else:
            east, north = rng.uniform(-5000, 5000), rng.uniform(-5000, 5000)
        dlon, dlat = _offset(lat0, east, north)
        founded = dt.date(rng.randint(1995, 2025), rng.randint(1, 12), rng.randint(1, 28))
        closed = None
        if rng.random() < 0.12:
            closed = min(founded + dt.timedelta(days=rng.randint(200, 4000)), dt.date(2025, 12, 1))
        sole = rng.random() < 0.2
        employees = rng.choice([0, 1]) if sole else max(1, int(rng.expovariate(1 / 8)))
        out.append(Firm(city=city, registry_id=f"SYN-{city.slug}-{i:06d}", name=f"Demo firm {city.slug} {i:04d}",
                        nace_raw=code, nace_version=nace.REV2, nace=code, group=group, code_status=CodeStatus.OK,
                        employees=employees, founded=founded, closed=closed, address="" if sole else "Demo street",
                        latitude=round(lat0 + dlat, 6), longitude=round(lon0 + dlon, 6), sole_trader=sole,
                        synthetic=True))
    return out


@transaction.atomic
def load_atlas(context: DemoContext) -> None:
    """Synthetic registers, denominators and reference totals; a second run adds nothing."""
    count = int(getattr(settings, "ATLAS_DEMO_FIRMS_PER_CITY", 3000))
    cities = list(context.cities.values()) or list(City.objects.all())
    for city in cities:
        have = set(Firm.objects.filter(city=city).values_list("registry_id", flat=True))
        Firm.objects.bulk_create([f for f in _firms(city, count) if f.registry_id not in have], batch_size=2000)
        population = city.population or 100000
        have_years = set(Denominator.objects.filter(city=city).values_list("year", flat=True))
        Denominator.objects.bulk_create([
            Denominator(city=city, year=year, firms=round(population * 0.06 * (1.02 ** (year - 2019)), -1),
                        employment=round(population * 0.45 * (1.01 ** (year - 2019)), -2),
                        population=population, source=SOURCE, approximate=True)
            for year in YEARS if year not in have_years])
    have_refs = set(ReferenceTotal.objects.values_list("region", "year", "group"))
    refs = []
    for region, firms in COUNTRY_FIRMS.items():
        for year in YEARS:
            total = round(firms * (1.02 ** (year - 2019)), -1)
            rows = [("", total, total * 7)] + [(g, round(total * 0.1 * w), round(total * 0.1 * w * 5))
                                               for g, w in GROUP_WEIGHTS.items()]
            refs += [ReferenceTotal(region=region, year=year, group=g, firms=int(f), employment=int(e), source=SOURCE,
                                    approximate=True) for g, f, e in rows if (region, year, g) not in have_refs]
    ReferenceTotal.objects.bulk_create(refs)


DEMO = Demo(name="atlas", load=load_atlas, depends_on=("core",))
