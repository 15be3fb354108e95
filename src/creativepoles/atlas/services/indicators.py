"""Indicators of each city's creative economy, each with the inputs it was computed from.

Counts come from the register in one grouped query for any number of cities, groups and years (a firm is
active in year Y when founded by the end of Y and not closed by then). The city's whole economy comes from
its denominators (entered or imported); without them the register's own totals are used and the page says
so. The reference region is chosen per comparison: the partner cities (a region that contains a partner city,
such as Östergötland with Linköping, counts the city once, inside the region), a country's totals, or the
EU's. Public views hide cells below ATLAS_SUPPRESSION_THRESHOLD firms and every figure they could be derived
from (see analysis.economy.suppression).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from creativepoles.analysis import economy, nace
from creativepoles.atlas.classification import label as label_of
from creativepoles.atlas.models import Denominator, Firm, ReferenceTotal
from creativepoles.core.models import City

__all__ = ["BASES", "CityIndicators", "Counts", "city_indicators", "comparison", "counts", "hidden_cells", "network_indicators",
           "partner_cities", "reference_options", "shift_share_table", "threshold"]

BASES = ("firms", "employment")
PARTNERS = "partners"


def threshold() -> int:
    """Cells with fewer firms than this are suppressed in public views (default 3, as statistical offices do)."""
    return int(getattr(settings, "ATLAS_SUPPRESSION_THRESHOLD", 3))


def _active(year: int) -> Q:
    end = dt.date(year, 12, 31)
    return (Q(founded__isnull=True) | Q(founded__lte=end)) & (Q(closed__isnull=True) | Q(closed__gt=end))


@dataclass
class Counts:
    """Firms and employment by (city id, group, year); group "" holds the firms outside the creative groups."""

    firms: dict[tuple[int, str, int], int] = field(default_factory=dict)
    employment: dict[tuple[int, str, int], int] = field(default_factory=dict)

    def get(self, basis: str, city_id: int, group: str, year: int) -> int:
        return (self.firms if basis == "firms" else self.employment).get((city_id, group, year), 0)

    def city_total(self, basis: str, city_id: int, year: int) -> int:
        source = self.firms if basis == "firms" else self.employment
        return sum(v for (c, _g, y), v in source.items() if c == city_id and y == year)


def counts(city_ids: Iterable[int], years: Sequence[int]) -> Counts:
    """One grouped query: active firms and their employees per city, group and year."""
    aggregates: dict[str, Any] = {}
    for year in years:
        aggregates[f"f{year}"] = Count("pk", filter=_active(year))
        aggregates[f"e{year}"] = Sum("employees", filter=_active(year))
    out = Counts()
    rows = (Firm.objects.filter(city_id__in=list(city_ids)).order_by().values("city_id", "group")
            .annotate(**aggregates))
    for row in rows:
        values: dict[str, Any] = dict(row)
        for year in years:
            key = (row["city_id"], row["group"], year)
            out.firms[key] = int(values[f"f{year}"] or 0)
            out.employment[key] = int(values[f"e{year}"] or 0)
    return out


def partner_cities() -> list[City]:
    """The partner cities, in name order."""
    return list(City.objects.filter(is_partner=True).order_by("name_en"))


def _reference_members(cities: Sequence[City]) -> list[int]:
    """Cities that add up to the partners' total: a city inside a partner region is already in the region."""
    ids = {c.pk for c in cities}
    return [c.pk for c in cities if c.part_of_id not in ids]


def reference_options(cities: Sequence[City]) -> list[tuple[str, str]]:
    """(key, label) of the reference regions on offer: the partners, each partner country, the EU."""
    options = [(PARTNERS, _("All partner cities"))]
    options += [(country, _("%(country)s totals") % {"country": country})
                for country in sorted({c.country for c in cities})]
    options.append(("EU", _("EU totals")))
    return options


@dataclass
class Reference:
    """A reference region's totals by group for each year, and where they come from."""

    key: str
    by_group: dict[tuple[str, int], int]
    total: dict[int, int]
    source: str


def _denominators(city_ids: Iterable[int], years: Sequence[int]) -> dict[tuple[int, int], Denominator]:
    return {(d.city_id, d.year): d for d in Denominator.objects.filter(city_id__in=list(city_ids), year__in=years)}


def _whole(basis: str, city_id: int, year: int, data: Counts, denominators: dict[tuple[int, int], Denominator]) -> tuple[int, str]:
    """The city's whole economy on the basis, and its source."""
    row = denominators.get((city_id, year))
    if row is not None:
        return (row.firms if basis == "firms" else row.employment), (row.source or _("denominators"))
    return data.city_total(basis, city_id, year), _("the register itself (no denominator entered)")


def reference(key: str, basis: str, years: Sequence[int], cities: Sequence[City], data: Counts,
              denominators: dict[tuple[int, int], Denominator]) -> Reference:
    """The reference's group counts and totals on the basis, for each year."""
    by_group: dict[tuple[str, int], int] = {}
    total: dict[int, int] = {}
    if key == PARTNERS:
        members = _reference_members(cities)
        for year in years:
            for group in nace.DCMS_GROUPS:
                by_group[(group, year)] = sum(data.get(basis, c, group, year) for c in members)
            total[year] = sum(_whole(basis, c, year, data, denominators)[0] for c in members)
        return Reference(key, by_group, total, _("sum of the partner cities, each counted once"))
    sources = set()
    for row in ReferenceTotal.objects.filter(region=key, year__in=years):
        value = row.firms if basis == "firms" else row.employment
        if row.group:
            by_group[(row.group, row.year)] = value
        else:
            total[row.year] = value
        sources.add(row.source)
    return Reference(key, by_group, total, "; ".join(sorted(s for s in sources if s)) or key)


def hidden_cells(data: Counts, cities: Sequence[City], year: int) -> set[tuple[int, str]]:
    """The (city id, group) cells hidden in public views for a year: one pattern for every public page."""
    cells = {(str(c.pk), g): data.get("firms", c.pk, g, year) for c in cities for g in nace.DCMS_GROUPS}
    return {(int(c), g) for c, g in economy.suppression(cells, threshold())}


@dataclass
class CityIndicators:
    """A city's indicators for one year against one reference, each with its inputs."""

    city: City
    year: int
    basis: str
    reference: Reference
    rows: list[dict[str, Any]]
    total: dict[str, Any]
    krugman: dict[str, Any]
    herfindahl: dict[str, Any]
    population: int | None
    whole: int
    whole_source: str
    suppressed: int
    synthetic: bool


def _num(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


@dataclass
class _Inputs:
    """What the indicators of every city of a comparison are computed from: read once for all of them."""

    cities: list[City]
    data: Counts
    denominators: dict[tuple[int, int], Denominator]
    reference: Reference
    hidden_now: set[tuple[int, str]]
    hidden_before: set[tuple[int, str]]
    synthetic: set[int]


def _inputs(cities: list[City], year: int, reference_key: str, basis: str, public: bool) -> _Inputs:
    years = [year - 1, year]
    ids = [c.pk for c in cities]
    data = counts(ids, years)
    denominators = _denominators(ids, years)
    ref = reference(reference_key, basis, years, cities, data, denominators)
    synthetic = set(Firm.objects.filter(city_id__in=ids, synthetic=True).order_by().values_list("city_id", flat=True)
                    .distinct())
    return _Inputs(cities, data, denominators, ref, hidden_cells(data, cities, year) if public else set(),
                   hidden_cells(data, cities, year - 1) if public else set(), synthetic)


def city_indicators(city: City, year: int, reference_key: str = PARTNERS, basis: str = "firms",
                    public: bool = True, cities: Sequence[City] | None = None) -> CityIndicators:
    """Firms, employment, share, density, location quotient and growth per group, plus specialisation."""
    cities = list(cities) if cities is not None else partner_cities()
    if city.pk not in {c.pk for c in cities}:
        cities.append(city)
    return _city(city, year, basis, public, _inputs(cities, year, reference_key, basis, public))


def network_indicators(year: int, reference_key: str = PARTNERS, basis: str = "firms",
                       public: bool = True) -> list[CityIndicators]:
    """Every partner city's indicators, from one grouped query over the register."""
    cities = partner_cities()
    inputs = _inputs(cities, year, reference_key, basis, public)
    return [_city(city, year, basis, public, inputs) for city in cities]


def _city(city: City, year: int, basis: str, public: bool, inputs: _Inputs) -> CityIndicators:
    data, denominators, ref = inputs.data, inputs.denominators, inputs.reference
    hidden_now, hidden_before = inputs.hidden_now, inputs.hidden_before
    whole, whole_source = _whole(basis, city.pk, year, data, denominators)
    population_row = denominators.get((city.pk, year))
    population = population_row.population if population_row else city.population
    rows = []
    local: dict[str, float] = {}
    for group, (_label, classes) in nace.DCMS_GROUPS.items():
        value = data.get(basis, city.pk, group, year)
        firms = data.get("firms", city.pk, group, year)
        before = data.get(basis, city.pk, group, year - 1)
        ref_i, ref_all = ref.by_group.get((group, year)), ref.total.get(year)
        lq = economy.location_quotient(value, whole, ref_i or 0, ref_all or 0) if ref_i is not None else None
        suppressed = (city.pk, group) in hidden_now
        growth_hidden = suppressed or (city.pk, group) in hidden_before
        local[group] = value
        rows.append({
            "group": group, "label": label_of(group), "classes": ", ".join(classes), "suppressed": suppressed,
            "firms": None if suppressed else firms,
            "employment": None if suppressed else data.get("employment", city.pk, group, year),
            "value": None if suppressed else value,
            "share": None if suppressed else _num(economy.share(value, whole), 5),
            "density": None if suppressed else _num(economy.density(firms, population or 0), 3),
            "lq": None if suppressed else _num(lq),
            "lq_inputs": None if suppressed else {"e_ij": value, "e_j": whole, "E_i": ref_i, "E": ref_all},
            "growth": None if growth_hidden else _num(economy.growth(before, value), 4),
            "growth_inputs": None if growth_hidden else {"before": before, "after": value},
        })
    creative = sum(local.values())
    any_hidden = any(r["suppressed"] for r in rows)
    ref_structure = {g: float(ref.by_group.get((g, year), 0)) for g in nace.DCMS_GROUPS}
    k = economy.krugman(local, ref_structure)
    h = economy.herfindahl(local)
    # Specialisation and diversity combine every cell's share: with a hidden cell they would let it be solved for.
    krugman = {"value": None if any_hidden else _num(k), "suppressed": any_hidden,
               "inputs": None if any_hidden else {"city": local, "reference": ref_structure}}
    herfindahl = {"value": None if any_hidden else _num(h), "suppressed": any_hidden}
    total = {"value": creative, "share": _num(economy.share(creative, whole), 5),
             "density": _num(economy.density(sum(data.get("firms", city.pk, g, year) for g in nace.DCMS_GROUPS),
                                             population or 0), 3)}
    synthetic = city.pk in inputs.synthetic
    return CityIndicators(city=city, year=year, basis=basis, reference=ref, rows=rows, total=total, krugman=krugman,
                          herfindahl=herfindahl, population=population, whole=whole, whole_source=whole_source,
                          suppressed=sum(1 for r in rows if r["suppressed"]), synthetic=synthetic)


def shift_share_table(city: City, year0: int, year1: int, reference_key: str = PARTNERS, basis: str = "employment",
                      public: bool = True) -> list[dict[str, Any]]:
    """Dunn's shift-share per group between two years, with the inputs; hidden where either year's cell is."""
    cities = partner_cities()
    if city.pk not in {c.pk for c in cities}:
        cities.append(city)
    years = [year0, year1]
    data = counts([c.pk for c in cities], years)
    denominators = _denominators([c.pk for c in cities], years)
    ref = reference(reference_key, basis, years, cities, data, denominators)
    hidden = (hidden_cells(data, cities, year0) | hidden_cells(data, cities, year1)) if public else set()
    out = []
    for group in nace.DCMS_GROUPS:
        e0, e1 = data.get(basis, city.pk, group, year0), data.get(basis, city.pk, group, year1)
        inputs = {"e_0": e0, "e_1": e1, "E_i0": ref.by_group.get((group, year0)),
                  "E_i1": ref.by_group.get((group, year1)), "E_0": ref.total.get(year0), "E_1": ref.total.get(year1)}
        result = None
        if None not in inputs.values():
            result = economy.shift_share(e0, e1, inputs["E_i0"] or 0, inputs["E_i1"] or 0, inputs["E_0"] or 0,
                                         inputs["E_1"] or 0)
        suppressed = (city.pk, group) in hidden
        out.append({"group": group, "label": label_of(group), "suppressed": suppressed,
                    "inputs": None if suppressed else inputs,
                    "change": None if suppressed or result is None else round(result.change, 2),
                    "national": None if suppressed or result is None else round(result.national, 2),
                    "industry_mix": None if suppressed or result is None else round(result.industry_mix, 2),
                    "competitive": None if suppressed or result is None else round(result.competitive, 2)})
    return out


def comparison(year: int, basis: str = "firms", reference_key: str = PARTNERS, public: bool = True) -> dict[str, Any]:
    """Every partner city against every group: the value and the location quotient, hidden cells blank."""
    cities = partner_cities()
    data = counts([c.pk for c in cities], [year])
    denominators = _denominators([c.pk for c in cities], [year])
    ref = reference(reference_key, basis, [year], cities, data, denominators)
    hidden = hidden_cells(data, cities, year) if public else set()
    rows = []
    for city in cities:
        whole, source = _whole(basis, city.pk, year, data, denominators)
        cells: list[dict[str, Any]] = []
        for group in nace.DCMS_GROUPS:
            value = data.get(basis, city.pk, group, year)
            suppressed = (city.pk, group) in hidden
            lq = economy.location_quotient(value, whole, ref.by_group.get((group, year)) or 0, ref.total.get(year) or 0)
            cells.append({"group": group, "suppressed": suppressed, "value": None if suppressed else value,
                          "lq": None if suppressed else _num(lq),
                          "share": None if suppressed else _num(economy.share(value, whole), 5)})
        peak = max((int(c["value"] or 0) for c in cells), default=0)
        rows.append({"city": city, "whole": whole, "source": source, "cells": cells, "peak": peak,
                     "creative": sum(data.get(basis, city.pk, g, year) for g in nace.DCMS_GROUPS)})
    return {"year": year, "basis": basis, "groups": [(k, label_of(k)) for k in nace.DCMS_GROUPS],
            "rows": rows, "reference": ref}
