"""DBSCAN against scikit-learn on the same projected points; Gi* against PySAL esda's published test values."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.cluster import DBSCAN
from sklearn.metrics import adjusted_rand_score

from creativepoles.analysis import hotspots
from tests.atlas.data import shared


def _districts(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-3000, 3000, size=(6, 2))
    parts = [rng.normal(c, rng.uniform(100, 300), size=(n // 8, 2)) for c in centres]
    parts.append(rng.uniform(-5000, 5000, size=(n - 6 * (n // 8), 2)))
    return np.vstack(parts)


@pytest.mark.parametrize(("seed", "eps", "min_samples"), [(1, 150.0, 10), (2, 80.0, 5), (3, 300.0, 25)])
def test_it_finds_the_clusters_scikit_learn_finds(seed: int, eps: float, min_samples: int) -> None:
    xy = _districts(4000, seed)
    ours = hotspots.dbscan(xy, eps, min_samples)
    theirs = DBSCAN(eps=eps, min_samples=min_samples).fit_predict(xy)
    assert adjusted_rand_score(theirs, ours) >= 0.99
    # The same labels point for point: clusters numbered by first core point, border points to the first cluster.
    assert ours.tolist() == theirs.tolist()


def test_it_handles_edge_cases() -> None:
    assert hotspots.dbscan(np.empty((0, 2)), 10, 3).tolist() == []
    assert hotspots.dbscan(np.array([[0.0, 0.0], [1000.0, 0.0]]), 10, 2).tolist() == [-1, -1]
    assert hotspots.dbscan(np.array([[0.0, 0.0], [5.0, 0.0], [10.0, 0.0]]), 5, 2).tolist() == [0, 0, 0]
    with pytest.raises(hotspots.HotspotError):
        hotspots.dbscan(np.zeros((3, 3)), 10, 2)
    with pytest.raises(hotspots.HotspotError):
        hotspots.dbscan(np.zeros((3, 2)), 0, 2)


def test_it_draws_hulls_around_clusters() -> None:
    xy = np.array([[0, 0], [10, 0], [0, 10], [10, 10], [5, 5], [500, 500]], dtype=float)
    labels = hotspots.dbscan(xy, 15, 3)
    found = hotspots.clusters(xy, labels)
    assert len(found) == 1 and found[0].size == 5
    assert sorted(found[0].hull) == [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)]


def test_it_matches_esda_gi_star_on_the_six_point_case() -> None:
    with shared("regional", "six_points_input.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    values = [float(r["value"]) for r in rows]
    neighbours = [[int(j) for j in r["neighbours_within_15_inclusive"].split()] for r in rows]
    result = hotspots.gi_star(values, neighbours)
    # esda's test_getisord: G_Local(y, DistanceBand(points, 15), transform="B", star=True).Zs[0] = -1.39727626
    assert result.z[0] == pytest.approx(-1.39727626, abs=1e-8)
    assert 0 < result.p[0] < 1


def test_it_finds_the_hot_corner_of_getis_ord_1996_grid() -> None:
    with shared("regional", "getisord1996_xyz_spData.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    side = 16
    grid = np.zeros((side, side))
    for r in rows:
        grid[int(float(r["y"])) // 30, int(float(r["x"])) // 30] = float(r["val"])
    result = hotspots.grid_gi_star(grid)
    hottest = np.unravel_index(int(np.argmax(result.z)), result.z.shape)
    coldest = np.unravel_index(int(np.argmin(result.z)), result.z.shape)
    assert grid[hottest] > np.median(grid) > grid[coldest]
    assert result.z.max() > 1.96 and result.z.min() < -1.96


def test_it_counts_points_on_a_grid() -> None:
    grid = hotspots.grid_counts(np.array([[0.0, 0.0], [10.0, 0.0], [150.0, 120.0]]), 100.0)
    assert grid.counts.tolist() == [[2, 0], [0, 1]]
    with pytest.raises(hotspots.HotspotError):
        hotspots.grid_counts(np.zeros((1, 2)), -1)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=120),
       st.sampled_from([3.0, 5.0, 7.5]), st.integers(1, 6))
def test_it_labels_like_scikit_learn_on_grid_points_at_exact_distances(
        points: list[tuple[int, int]], eps: float, min_samples: int) -> None:
    xy = np.array(points, dtype=float)
    assert hotspots.dbscan(xy, eps, min_samples).tolist() == DBSCAN(eps=eps, min_samples=min_samples).fit_predict(xy).tolist()
