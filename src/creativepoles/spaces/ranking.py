"""What a stored run's columns mean: recomputed from its inputs so the page explains exactly what was scored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from creativepoles.analysis import mcda


@dataclass(frozen=True)
class Explained:
    """Per-site columns of a run and, for TOPSIS, the distances the score is made of."""

    columns: dict[int, list[float]]  # site id -> weighted normalised value per criterion
    d_plus: dict[int, float]  # site id -> distance to the ideal (TOPSIS only)
    d_minus: dict[int, float]  # site id -> distance to the anti-ideal (TOPSIS only)
    at_anti_ideal: set[int]  # sites worst on every criterion: their TOPSIS score is 0
    worst: dict[int, set[int]]  # site id -> indexes of the criteria where it has the worst value


def explain(inputs: dict[str, Any]) -> Explained:
    """Recompute the weighted normalised matrix of a run the way its method scored it."""
    criteria = inputs["criteria"]
    x = np.asarray(inputs["matrix"], dtype=np.float64)
    sites = [int(s) for s in inputs["sites"]]
    w = np.asarray([c["weight"] for c in criteria], dtype=np.float64)
    w = w / w.sum()
    b = np.asarray([bool(c["benefit"]) for c in criteria])
    topsis = inputs.get("aggregation") == "topsis"
    # The weighted sum always min-max normalises (cost criteria inverted), so its columns add up to the score;
    # TOPSIS uses the method's normalisation, and with vector normalisation a cost column is "lower is better".
    if topsis and inputs.get("normalisation") == "vector":
        v = mcda.vector_normalise(x) * w
        ideal = np.where(b, v.max(axis=0), v.min(axis=0))
        anti = np.where(b, v.min(axis=0), v.max(axis=0))
    else:
        v = mcda.minmax_normalise(x, b) * w
        ideal, anti = v.max(axis=0), v.min(axis=0)
    d_plus = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - anti) ** 2).sum(axis=1))
    spread = v.max(axis=0) - v.min(axis=0)
    # A column where every site is equal does not discriminate: nobody is "worst" on it.
    worst_cells = np.isclose(v, anti, rtol=0, atol=1e-12) & (spread > 1e-12)
    return Explained(
        columns={site: v[i].tolist() for i, site in enumerate(sites)},
        d_plus={site: float(d_plus[i]) for i, site in enumerate(sites)} if topsis else {},
        d_minus={site: float(d_minus[i]) for i, site in enumerate(sites)} if topsis else {},
        at_anti_ideal={site for i, site in enumerate(sites) if topsis and d_minus[i] <= 1e-12 and d_plus[i] > 1e-12},
        worst={site: {j for j in range(len(criteria)) if worst_cells[i, j]} for i, site in enumerate(sites)},
    )
