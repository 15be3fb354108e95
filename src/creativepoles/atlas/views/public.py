"""The atlas's public pages: index, a city's statistics, the map, the comparison, and their exports.

Every figure shown here is suppressed below the threshold (and where it could be derived), whoever looks.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from creativepoles.analysis import nace
from creativepoles.atlas.classification import label
from creativepoles.atlas.models import Denominator, Firm
from creativepoles.atlas.services import indicators
from creativepoles.atlas.services.hotspots import city_hotspots, map_points, parse_params
from creativepoles.core.errors import DomainError
from creativepoles.core.exports import csv_response, xlsx_response
from creativepoles.core.models import City

GEOJSON_TYPE = "application/geo+json"


def _int(value: Any, default: int, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def default_year() -> int:
    """The latest year with denominators, else last year."""
    latest = Denominator.objects.order_by("-year").values_list("year", flat=True).first()
    return int(latest) if latest else dt.date.today().year - 1


def choices(request: HttpRequest, cities: list[City]) -> dict[str, Any]:
    """Year, reference and basis from the query string; unknown values fall back to the defaults."""
    year = _int(request.GET.get("year"), default_year(), 1990, 2100)
    references = indicators.reference_options(cities)
    reference = request.GET.get("reference", indicators.PARTNERS)
    if reference not in {k for k, _v in references}:
        reference = indicators.PARTNERS
    basis = request.GET.get("basis", "firms")
    if basis not in indicators.BASES:
        basis = "firms"
    return {"year": year, "reference": reference, "basis": basis, "references": references,
            "bases": [("firms", _("firms")), ("employment", _("employment"))]}


def index(request: HttpRequest) -> HttpResponse:
    """Every city's creative firms at a glance, with the links into the atlas."""
    cities = indicators.partner_cities()
    year = default_year()
    data = indicators.counts([c.pk for c in cities], [year])
    synthetic = set(Firm.objects.filter(synthetic=True).values_list("city_id", flat=True).distinct())
    rows = [{"city": c, "creative": sum(data.get("firms", c.pk, g, year) for g in nace.DCMS_GROUPS),
             "synthetic": c.pk in synthetic} for c in cities]
    return render(request, "atlas/index.html", {"rows": rows, "year": year})


def city_statistics(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's indicators for a year against a reference, each with its inputs; shift-share; specialisation."""
    city = get_object_or_404(City, slug=slug)
    cities = indicators.partner_cities()
    picked = choices(request, cities)
    result = indicators.city_indicators(city, picked["year"], picked["reference"], picked["basis"], public=True,
                                        cities=cities)
    base_year = _int(request.GET.get("from"), picked["year"] - 5, 1990, picked["year"] - 1)
    shift = indicators.shift_share_table(city, base_year, picked["year"], picked["reference"], picked["basis"])
    return render(request, "atlas/city.html", {"city": city, "result": result, "shift": shift, "base_year": base_year,
                                               "threshold": indicators.threshold(), **picked})


def comparison(request: HttpRequest) -> HttpResponse:
    """Every partner city against every group: a table and one small bar chart per city."""
    cities = indicators.partner_cities()
    picked = choices(request, cities)
    table = indicators.comparison(picked["year"], picked["basis"], picked["reference"])
    for row in table["rows"]:
        peak = max(row["peak"], 1)
        row["bars"] = [{"label": label_, "value": cell["value"], "suppressed": cell["suppressed"],
                        "width": 0 if cell["value"] is None else round(100 * cell["value"] / peak, 1)}
                       for (_key, label_), cell in zip(table["groups"], row["cells"], strict=True)]
    synthetic = Firm.objects.filter(synthetic=True).exists()
    return render(request, "atlas/compare.html", {"table": table, "synthetic": synthetic,
                                                  "threshold": indicators.threshold(), **picked})


def _hidden_groups(city: City, year: int) -> set[str]:
    cities = indicators.partner_cities()
    if city.pk not in {c.pk for c in cities}:
        cities.append(city)
    data = indicators.counts([c.pk for c in cities], [year])
    return {g for c, g in indicators.hidden_cells(data, cities, year) if c == city.pk}


def city_map(request: HttpRequest, slug: str) -> HttpResponse:
    """The city's creative firms with a layer per group and the hotspots, parameters editable."""
    city = get_object_or_404(City, slug=slug)
    year = dt.date.today().year
    hidden = _hidden_groups(city, year)
    error = ""
    try:
        params = parse_params(request.GET)
    except DomainError as exc:
        error, params = exc.message, parse_params({})
    spots = city_hotspots(city, params, public=True)
    points = map_points(city, hidden)
    groups = [{"key": g, "label": label(g), "count": sum(1 for f in points["features"]
                                                          if f["properties"]["group"] == g)}
              for g in nace.DCMS_GROUPS if g not in hidden]
    data = {"centre": [float(city.latitude), float(city.longitude)], "points": points,
            "clusters": spots["clusters"], "hot_cells": spots["hot_cells"]}
    synthetic = any(f["properties"]["synthetic"] for f in points["features"])
    return render(request, "atlas/map.html", {"city": city, "groups": groups, "map_data": data, "spots": spots,
                                              "params": params, "error": error, "synthetic": synthetic,
                                              "hidden": [label(g) for g in sorted(hidden)]},
                  status=400 if error else 200)


def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The city's public indicators as CSV or XLSX, or its public map points as GeoJSON."""
    city = get_object_or_404(City, slug=slug)
    if fmt == "geojson":
        collection = map_points(city, _hidden_groups(city, dt.date.today().year))
        collection["synthetic"] = any(f["properties"]["synthetic"] for f in collection["features"])
        response = HttpResponse(json.dumps(collection, cls=DjangoJSONEncoder, ensure_ascii=False),
                                content_type=GEOJSON_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"atlas-{city.slug}.geojson")
        return response
    if fmt not in ("csv", "xlsx"):
        return HttpResponseBadRequest(_("Unknown format: use csv, xlsx or geojson."), content_type="text/plain")
    cities = indicators.partner_cities()
    picked = choices(request, cities)
    result = indicators.city_indicators(city, picked["year"], picked["reference"], picked["basis"], cities=cities)
    header = ["city", "year", "group", "basis", "firms", "employment", "share", "density_per_1000", "lq",
              "lq_e_ij", "lq_e_j", "lq_E_i", "lq_E", "growth", "suppressed", "reference", "synthetic"]
    rows = []
    for row in result.rows:
        inputs = row["lq_inputs"] or {}
        rows.append([city.slug, result.year, row["group"], result.basis, row["firms"], row["employment"], row["share"],
                     row["density"], row["lq"], inputs.get("e_ij"), inputs.get("e_j"), inputs.get("E_i"),
                     inputs.get("E"), row["growth"], row["suppressed"], result.reference.key, result.synthetic])
    name = f"atlas-{city.slug}-{result.year}"
    if fmt == "csv":
        return csv_response(f"{name}.csv", header, rows)
    return xlsx_response(f"{name}.xlsx", [(str(_("Indicators")), header, rows)])
