"""Hotspots of a city's creative firms and the public map's points, both safe to publish.

DBSCAN runs on the city's own transverse-Mercator plane (metres, analysis.geo.to_city_plane). A public
hotspot shows its hull, its size and its dominant group only when the counts reach the suppression
threshold; hulls are drawn around firms other than sole traders, so no sole trader's place is a corner.
Getis-Ord Gi* is computed on a square grid of firm counts with queen contiguity, the cell included.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from pyproj.enums import TransformDirection
from scipy.spatial import cKDTree

from creativepoles.analysis import hotspots
from creativepoles.analysis.geo import city_transformer, to_city_plane
from creativepoles.atlas.classification import label
from creativepoles.atlas.models import Firm
from creativepoles.atlas.services.indicators import threshold
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City

__all__ = ["HotspotParams", "city_hotspots", "map_points", "near_hotspots", "parse_params"]


@dataclass(frozen=True)
class HotspotParams:
    """DBSCAN's reach (metres) and minimum firms, and the Gi* grid's cell side (metres)."""

    eps_m: float = 150.0
    min_firms: int = 10
    cell_m: float = 500.0


def parse_params(data: Any) -> HotspotParams:
    """Parameters from a query string; bad values are a DomainError (HTTP 400)."""
    defaults = HotspotParams()
    try:
        eps = float(data.get("eps", defaults.eps_m))
        minimum = int(data.get("min_firms", defaults.min_firms))
        cell = float(data.get("cell", defaults.cell_m))
    except (TypeError, ValueError) as error:
        raise DomainError(_("Enter numbers for the hotspot parameters."), "eps") from error
    if not (math.isfinite(eps) and 10 <= eps <= 5000):
        raise DomainError(_("The reach must be between 10 and 5000 metres."), "eps")
    if not 2 <= minimum <= 1000:
        raise DomainError(_("The minimum must be between 2 and 1000 firms."), "min_firms")
    if not (math.isfinite(cell) and 50 <= cell <= 5000):
        raise DomainError(_("The grid cell must be between 50 and 5000 metres."), "cell")
    return HotspotParams(eps, minimum, cell)


def _located(city: City) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], list[str], np.ndarray[Any, Any]]:
    rows = list(Firm.objects.filter(city=city, closed__isnull=True, latitude__isnull=False).exclude(group="")
                .values_list("longitude", "latitude", "group", "sole_trader"))
    lon = np.array([r[0] for r in rows], dtype=np.float64)
    lat = np.array([r[1] for r in rows], dtype=np.float64)
    return lon, lat, [r[2] for r in rows], np.array([bool(r[3]) for r in rows], dtype=bool)


def city_hotspots(city: City, params: HotspotParams, public: bool = True) -> dict[str, Any]:
    """Clusters with hull (WGS 84), size and dominant group, and the hottest Gi* cells, with the parameters."""
    lon, lat, groups, sole = _located(city)
    centre = (float(city.longitude), float(city.latitude))
    out: dict[str, Any] = {"params": params, "clusters": [], "hot_cells": [], "firms": len(groups)}
    if len(groups) == 0:
        return out
    x, y = to_city_plane(lon, lat, centre)
    xy = np.column_stack([x, y])
    labels = hotspots.dbscan(xy, params.eps_m, params.min_firms)
    inverse = city_transformer(*centre)
    limit = threshold() if public else 1
    for cluster in hotspots.clusters(xy, labels):
        if cluster.size < limit:
            continue
        members = cluster.members
        named = members[~sole[members]]
        hull: list[list[float]] = []
        if len(named) >= 3:
            corners = hotspots.clusters(xy[named], np.zeros(len(named), dtype=np.int64))[0].hull
            hx, hy = inverse.transform([c[0] for c in corners], [c[1] for c in corners],
                                       direction=TransformDirection.INVERSE)
            hull = [[round(float(a), 6), round(float(b), 6)] for a, b in zip(hx, hy, strict=True)]
        top, top_count = Counter(groups[i] for i in members).most_common(1)[0]
        out["clusters"].append({"size": cluster.size, "hull": hull,
                                "group": top if top_count >= limit else "",
                                "group_label": label(top) if top_count >= limit else "",
                                "group_firms": top_count if top_count >= limit else None})
    grid = hotspots.grid_counts(xy, params.cell_m)
    if grid.counts.size >= 2:
        gi = hotspots.grid_gi_star(grid.counts)
        order = np.argsort(-gi.z, axis=None)[:10]
        for flat in order:
            r, c = np.unravel_index(int(flat), gi.z.shape)
            n = int(grid.counts[r, c])
            if gi.z[r, c] <= 1.96 or n < limit:
                continue
            cx, cy = grid.x0 + (c + 0.5) * grid.side, grid.y0 + (r + 0.5) * grid.side
            clon, clat = inverse.transform(cx, cy, direction=TransformDirection.INVERSE)
            out["hot_cells"].append({"lon": round(float(clon), 5), "lat": round(float(clat), 5), "firms": n,
                                     "z": round(float(gi.z[r, c]), 2), "p": round(float(gi.p[r, c]), 4)})
    return out


def near_hotspots(city: City, points: list[tuple[float, float]], radius_m: float,
                  params: HotspotParams | None = None) -> list[bool]:
    """For each (lon, lat), whether it lies within `radius_m` of a firm of one of the city's public hotspots.

    The hotspots are those the public map shows (default parameters, suppression applied), so "near a hotspot"
    means the same on every page; the distance is measured on the city's own metric plane."""
    if not points:
        return []
    params = params or HotspotParams()
    lon, lat, groups, _sole = _located(city)
    if len(groups) == 0:
        return [False] * len(points)
    centre = (float(city.longitude), float(city.latitude))
    x, y = to_city_plane(lon, lat, centre)
    xy = np.column_stack([x, y])
    labels = hotspots.dbscan(xy, params.eps_m, params.min_firms)
    limit = threshold()
    kept = [c.members for c in hotspots.clusters(xy, labels) if c.size >= limit]
    if not kept:
        return [False] * len(points)
    tree = cKDTree(xy[np.concatenate(kept)])
    px, py = to_city_plane(np.array([p[0] for p in points], dtype=np.float64),
                           np.array([p[1] for p in points], dtype=np.float64), centre)
    distances, _index = tree.query(np.column_stack([px, py]), k=1)
    return [bool(d <= radius_m) for d in distances]


def map_points(city: City, hidden_groups: set[str]) -> dict[str, Any]:
    """GeoJSON of the city's located creative firms for the public map: no sole trader, no hidden group."""
    rows = (Firm.objects.filter(city=city, closed__isnull=True, latitude__isnull=False, sole_trader=False)
            .exclude(group="").exclude(group__in=hidden_groups).values_list("longitude", "latitude", "group", "name",
                                                                          "synthetic"))
    features = [{"type": "Feature",
                 "geometry": {"type": "Point", "coordinates": [round(lon or 0.0, 6), round(lat or 0.0, 6)]},
                 "properties": {"group": group, "group_label": label(group), "name": name, "synthetic": synthetic}}
                for lon, lat, group, name, synthetic in rows]
    return {"type": "FeatureCollection", "features": features}
