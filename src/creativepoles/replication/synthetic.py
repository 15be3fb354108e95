"""Deterministic synthetic business registers for a bounding box (demo, benchmark and tests; never real firms)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

# Classes by weight: mostly creative (DCMS classes), some not, and a share without a code, as real registers have.
CLASSES = [("62.01", 8), ("74.10", 5), ("90.03", 4), ("73.11", 4), ("71.11", 3), ("59.11", 3), ("58.11", 2),
           ("32.12", 1), ("47.11", 10), ("56.10", 8), ("43.21", 6), ("", 2)]
COLUMNS = ["registry_id", "name", "nace", "employees", "founded", "address", "latitude", "longitude"]


def write_register(path: str | Path, bbox: tuple[float, float, float, float] | list[float], count: int,
                   seed: str = "synthetic", prefix: str = "SYN") -> Path:
    """Write `count` synthetic firms inside bbox (min_lon, min_lat, max_lon, max_lat) as a generic-layout CSV."""
    rng = random.Random(seed)
    codes = [c for c, _w in CLASSES]
    weights = [w for _c, w in CLASSES]
    min_lon, min_lat, max_lon, max_lat = bbox
    target = Path(path)
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i in range(count):
            code = rng.choices(codes, weights)[0]
            writer.writerow([f"{prefix}-{i:07d}", f"Synthetic firm {i:05d}", code, rng.randint(0, 40),
                             f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                             f"Synthetic street {rng.randint(1, 200)}",
                             f"{rng.uniform(min_lat, max_lat):.6f}", f"{rng.uniform(min_lon, max_lon):.6f}"])
    return target
