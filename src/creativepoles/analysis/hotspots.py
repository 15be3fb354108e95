"""Hotspots of creative firms: DBSCAN on projected coordinates and Getis-Ord Gi* on a grid.

DBSCAN (Ester et al. 1996) with the conventions of scikit-learn's implementation: a point is a core point
when at least `min_samples` points, itself included, lie within `eps` (inclusive); clusters are the
connected components of core points linked within `eps`, numbered in the order of their first core point; a
border point joins the first of the clusters within its reach, as in scikit-learn's expansion order;
everything else is noise (-1).

The work is done on a grid of cells of side eps/√2, in which any two points are within eps: every point of a
cell holding at least min_samples points is a core point without counting its neighbours (the others are
counted with a k-d tree, lengths only); the cores of a cell are linked at once, and two cells are linked when
their closest pair of cores is within eps (one nearest-neighbour query per neighbouring offset). Clusters are
the connected components of the cell graph (scipy), so no list of all pairs of points is ever built.

Gi* (Getis & Ord 1992; Ord & Getis 1995), binary weights with the cell itself included:
z_i = (Σ_j w_ij x_j − x̄ Σ_j w_ij) / (S √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1))), S² = Σ x²/n − x̄².
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import ConvexHull, QhullError, cKDTree
from scipy.stats import norm

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


class HotspotError(ValueError):
    """Parameters or inputs that cannot give hotspots."""


def dbscan(xy: FloatArray, eps: float, min_samples: int) -> IntArray:
    """Cluster labels 0..k−1 for each point of an (n, 2) array in metres, −1 for noise."""
    points = np.asarray(xy, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise HotspotError("coordinates must be an (n, 2) array")
    if not (math.isfinite(eps) and eps > 0) or min_samples < 1:
        raise HotspotError("eps must be positive and min_samples at least 1")
    n = len(points)
    labels = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return labels
    # Cells of side eps/√2: any two points of one cell are within eps of each other, so every point of a cell
    # holding at least min_samples points is a core point without counting its neighbours. Only the points
    # of sparser cells are counted, with a k-d tree (lengths only, no neighbour lists).
    side = eps / math.sqrt(2.0)
    cells = np.floor((points - points.min(axis=0)) / side).astype(np.int64)
    _, cell_of, per_cell = np.unique(cells, axis=0, return_inverse=True, return_counts=True)
    core = per_cell[cell_of.ravel()] >= min_samples
    sparse = np.flatnonzero(~core)
    if len(sparse):
        tree = cKDTree(points)
        counts = np.asarray(tree.query_ball_point(points[sparse], eps, return_length=True), dtype=np.int64)
        core[sparse] = counts >= min_samples
    core_idx = np.flatnonzero(core)
    if len(core_idx) == 0:
        return labels
    core_pts = points[core_idx]
    component = _link_cells(core_pts, cells[core_idx], points.min(axis=0), side, eps)
    # Number clusters in the order of their first core point, as scikit-learn does.
    core_cluster = component
    _, first = np.unique(core_cluster, return_index=True)
    order = np.argsort(np.argsort(first))
    remap = np.empty(len(order), dtype=np.int64)
    remap[np.unique(core_cluster)] = order
    labels[core_idx] = remap[core_cluster]
    border = np.flatnonzero(~core)
    if len(border):
        core_tree = cKDTree(core_pts)
        # A border point takes the first cluster (in scikit-learn's order: by first core point) within reach.
        reach = core_tree.query_ball_point(points[border], eps)
        core_labels = labels[core_idx]
        for point, near in zip(border, reach, strict=True):
            if near:
                labels[point] = int(core_labels[near].min())
    return labels


# Neighbouring cells (dx, dy) whose points can lie within eps of a cell's points (cells of side eps/√2),
# one of each symmetric pair: the 5×5 block without the cell itself and its four far corners.
# Nearest first: once cells are linked through near offsets, the far ones are rarely still needed.
_OFFSETS = [(1, 0), (0, 1), (1, 1), (-1, 1), (2, 0), (0, 2), (2, 1), (-2, 1), (1, 2), (-1, 2)]


def _link_cells(core_pts: FloatArray, core_cells: IntArray, origin: FloatArray, side: float, eps: float) -> IntArray:
    """Connected component of each core point: cores of one cell are linked (all within eps); two cells are
    linked when their closest pair of cores is within eps, found with one nearest-neighbour query per offset
    in a k-d tree whose third axis keeps each query inside its target cell."""
    cx, cy = core_cells[:, 0], core_cells[:, 1]
    width = int(cx.max()) + 5
    key = (cy + 2) * width + (cx + 2)
    cell_keys, core_cell = np.unique(key, return_inverse=True)
    core_cell = core_cell.ravel()
    # Different cells differ by at least 2·eps on the third axis, so a query within eps stays in one cell.
    lift = 2.0 * eps
    tree = cKDTree(np.column_stack([core_pts, key.astype(np.float64) * lift]))
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    n_cells = len(cell_keys)
    component = np.arange(n_cells)
    for dx, dy in _OFFSETS:
        target = key + dy * width + dx
        ask = np.flatnonzero(np.isin(target, cell_keys))
        # Pairs of cells already in one component need no test.
        ask = ask[component[core_cell[ask]] != component[np.searchsorted(cell_keys, target[ask])]]
        if len(ask) == 0:
            continue
        # Only cores within eps of the target cell's square can reach a core in it.
        x0 = origin[0] + (cx[ask] + dx) * side
        y0 = origin[1] + (cy[ask] + dy) * side
        px, py = core_pts[ask, 0], core_pts[ask, 1]
        gx = np.maximum(np.maximum(x0 - px, px - (x0 + side)), 0.0)
        gy = np.maximum(np.maximum(y0 - py, py - (y0 + side)), 0.0)
        ask = ask[gx * gx + gy * gy <= eps * eps]
        if len(ask) == 0:
            continue
        query = np.column_stack([core_pts[ask], target[ask].astype(np.float64) * lift])
        # The bound is exclusive; DBSCAN's reach includes eps.
        distance, nearest = tree.query(query, k=1, distance_upper_bound=float(np.nextafter(eps, np.inf)))
        hit = np.isfinite(distance)
        rows.append(core_cell[ask[hit]])
        cols.append(core_cell[nearest[hit]])
        component = _components(rows, cols, n_cells)
    return np.asarray(component[core_cell], dtype=np.int64)


def _components(rows: list[IntArray], cols: list[IntArray], n: int) -> IntArray:
    """Connected components of the graph of n nodes with the given edges."""
    r = np.concatenate(rows) if rows else np.empty(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.empty(0, dtype=np.int64)
    # int32: duplicate edges are summed, and a small integer type could wrap round to an explicit zero.
    graph = coo_matrix((np.ones(len(r), dtype=np.int32), (r, c)), shape=(n, n)).tocsr()
    _, component = connected_components(graph, directed=False)
    return np.asarray(component, dtype=np.int64)


@dataclass(frozen=True)
class Cluster:
    """One hotspot: its label, how many points, the convex hull (x, y in metres) and the members' indices."""

    label: int
    size: int
    hull: list[tuple[float, float]]
    members: IntArray


def clusters(xy: FloatArray, labels: IntArray) -> list[Cluster]:
    """Each cluster's size and convex hull, largest first."""
    out: list[Cluster] = []
    for label in np.unique(labels[labels >= 0]):
        members = np.flatnonzero(labels == label)
        pts = xy[members]
        try:
            hull_pts = pts[ConvexHull(pts).vertices] if len(pts) >= 3 else pts
        except QhullError:  # all points on a line
            hull_pts = pts[[int(np.argmin(pts[:, 0])), int(np.argmax(pts[:, 0]))]]
        out.append(Cluster(int(label), len(members), [(float(x), float(y)) for x, y in hull_pts], members))
    out.sort(key=lambda c: (-c.size, c.label))
    return out


@dataclass(frozen=True)
class GiStar:
    """Gi* z-scores and two-sided normal p-values, one per observation."""

    z: FloatArray
    p: FloatArray


def gi_star(values: Sequence[float] | FloatArray, neighbours: Sequence[Sequence[int]]) -> GiStar:
    """Gi* with binary weights: each observation's neighbours (itself added if missing)."""
    x = np.asarray(values, dtype=np.float64)
    n = len(x)
    if n < 2 or len(neighbours) != n:
        raise HotspotError("Gi* needs at least two observations and a neighbour list for each")
    mean = float(x.mean())
    s = math.sqrt(max(float((x * x).mean()) - mean * mean, 0.0))
    z = np.zeros(n, dtype=np.float64)
    for i, near in enumerate(neighbours):
        idx = np.unique(np.append(np.asarray(near, dtype=np.int64), i))
        w = float(len(idx))
        local = float(x[idx].sum())
        spread = (n * w - w * w) / (n - 1)
        denominator = s * math.sqrt(spread) if spread > 0 else 0.0
        z[i] = (local - mean * w) / denominator if denominator > 0 else 0.0
    return GiStar(z=z, p=2.0 * norm.sf(np.abs(z)))


@dataclass(frozen=True)
class Grid:
    """Counts of points in square cells: origin (x, y of the lower-left corner), cell side, counts[row, col]."""

    x0: float
    y0: float
    side: float
    counts: npt.NDArray[np.int64]


def grid_counts(xy: FloatArray, side: float) -> Grid:
    """Count points in square cells of `side` metres covering their bounding box."""
    if not (math.isfinite(side) and side > 0):
        raise HotspotError("the cell side must be positive")
    pts = np.asarray(xy, dtype=np.float64)
    if len(pts) == 0:
        return Grid(0.0, 0.0, side, np.zeros((0, 0), dtype=np.int64))
    x0, y0 = float(pts[:, 0].min()), float(pts[:, 1].min())
    col = np.floor((pts[:, 0] - x0) / side).astype(np.int64)
    row = np.floor((pts[:, 1] - y0) / side).astype(np.int64)
    counts = np.zeros((int(row.max()) + 1, int(col.max()) + 1), dtype=np.int64)
    np.add.at(counts, (row, col), 1)
    return Grid(x0, y0, side, counts)


def grid_gi_star(counts: npt.NDArray[np.int64] | FloatArray) -> GiStar:
    """Gi* of each cell of a grid with queen contiguity (the 3×3 block around it, itself included)."""
    values = np.asarray(counts, dtype=np.float64)
    rows, cols = values.shape
    neighbours: list[list[int]] = []
    for r in range(rows):
        for c in range(cols):
            neighbours.append([rr * cols + cc for rr in range(max(r - 1, 0), min(r + 2, rows))
                               for cc in range(max(c - 1, 0), min(c + 2, cols))])
    result = gi_star(values.ravel(), neighbours)
    return GiStar(z=result.z.reshape(rows, cols), p=result.p.reshape(rows, cols))
