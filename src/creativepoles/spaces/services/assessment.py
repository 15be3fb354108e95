"""Assessment methods (criteria, direct or AHP weights) and reproducible runs with sensitivity."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from creativepoles.analysis import mcda
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import ADD
from creativepoles.spaces.models import (
    AssessmentResult,
    AssessmentRun,
    Criterion,
    Method,
    Site,
    SiteStatus,
    SiteStatusChange,
)
from creativepoles.spaces.models.assessment import Aggregation, Normalisation, WeightSource
from creativepoles.spaces.services.accessibility import compute_accessibility
from creativepoles.spaces.services.criteria import SOURCE_FIELDS
from creativepoles.spaces.services.sites import require_site

CR_LIMIT = 0.10
SENSITIVITY_RUNS = 200
SENSITIVITY_PERTURBATION = 0.2


def _check_options(normalisation: str, aggregation: str) -> None:
    if aggregation == Aggregation.WEIGHTED_SUM and normalisation != Normalisation.MINMAX:
        raise DomainError(_("The weighted sum is defined on min-max normalised values."), "normalisation")


@transaction.atomic
def create_method(actor: Any, city: City, name: str, criteria: list[dict[str, Any]], *,
                  normalisation: str = Normalisation.MINMAX, aggregation: str = Aggregation.WEIGHTED_SUM,
                  pairwise: list[list[float]] | None = None, description: str = "", perspective: str = "") -> Method:
    """Create a method (a new version when the name exists); weights direct, or from an AHP matrix."""
    require_site(actor, ADD, Method(city=city))
    _check_options(normalisation, aggregation)
    if len(criteria) < 2:
        raise DomainError(_("A method needs at least two criteria."), "criteria")
    codes = [c["code"] for c in criteria]
    if len(set(codes)) != len(codes):
        raise DomainError(_("Criterion codes must be unique."), "criteria")
    for c in criteria:
        if c["source_field"] not in SOURCE_FIELDS:
            raise DomainError(_("Unknown source %(source)s.") % {"source": c["source_field"]}, "criteria")
    latest = Method.objects.filter(city=city, name=name).aggregate(v=Max("version"))["v"] or 0
    method = Method.objects.create(
        city=city, name=name, version=latest + 1, description=description, perspective=perspective,
        normalisation=normalisation, aggregation=aggregation, created_by=actor if actor.is_authenticated else None,
        weight_source=WeightSource.AHP if pairwise is not None else WeightSource.DIRECT,
    )
    for order, c in enumerate(criteria):
        source = SOURCE_FIELDS[c["source_field"]]
        Criterion.objects.create(
            method=method, code=c["code"], label=c.get("label") or str(source.label), source_field=source.code,
            benefit=c.get("benefit", source.benefit), unit=c.get("unit") or str(source.unit),
            weight=Decimal(str(c.get("weight", 0))), order=order,
        )
    if pairwise is not None:
        apply_ahp(method, pairwise)
    elif sum(Decimal(str(c.get("weight", 0))) for c in criteria) <= 0:
        raise DomainError(_("Give the criteria weights, or compare them pairwise (AHP)."), "weights")
    record_audit(actor, "create_method", method, {"version": method.version, "criteria": codes})
    return method


def apply_ahp(method: Method, pairwise: list[list[float]]) -> mcda.AhpResult:
    """Derive weights from a pairwise matrix; a matrix with CR ≥ 0.10 is refused with the reason."""
    criteria = list(method.criteria.all())
    if len(pairwise) != len(criteria):
        raise DomainError(_("The pairwise matrix must have one row per criterion."), "pairwise")
    try:
        result = mcda.ahp_weights(pairwise)
    except mcda.McdaError as error:
        raise DomainError(str(error), "pairwise") from None
    if not result.consistent:
        raise DomainError(
            _("The comparisons are inconsistent: CR = %(cr).3f, which is not below %(limit).2f (Saaty's RI for "
              "n = %(n)s is %(ri).2f). Revisit the comparisons that contradict each other.")
            % {"cr": result.cr, "limit": CR_LIMIT, "n": len(criteria), "ri": result.ri},
            "pairwise",
        )
    for criterion, weight in zip(criteria, result.weights, strict=True):
        criterion.weight = Decimal(str(round(float(weight), 5)))
        criterion.save(update_fields=["weight"])
    method.pairwise = [[float(v) for v in row] for row in pairwise]
    method.consistency_ratio = float(result.cr)
    method.weight_source = WeightSource.AHP
    method.save(update_fields=["pairwise", "consistency_ratio", "weight_source"])
    return result


def _matrix(sites: list[Site], criteria: list[Criterion]) -> tuple[np.ndarray, dict[str, list[int]]]:
    """Criteria values per site; a missing value takes the criterion's worst observed value (recorded)."""
    raw = [[SOURCE_FIELDS[c.source_field].read(s) for c in criteria] for s in sites]
    imputed: dict[str, list[int]] = {}
    matrix = np.zeros((len(sites), len(criteria)))
    for j, criterion in enumerate(criteria):
        column = [row[j] for row in raw]
        known = [v for v in column if v is not None]
        if not known:
            raise DomainError(_("No site has a value for %(label)s.") % {"label": criterion.label}, "criteria")
        worst = min(known) if criterion.benefit else max(known)
        for i, value in enumerate(column):
            if value is None:
                imputed.setdefault(criterion.code, []).append(sites[i].pk)
            matrix[i, j] = worst if value is None else value
    return matrix, imputed


@transaction.atomic
def run_assessment(actor: Any, method: Method, sites: list[Site] | None = None) -> AssessmentRun:
    """Score and rank the city's live sites; store every input, each criterion's contribution and stability."""
    require_site(actor, ADD, AssessmentRun(method=method, city_id=method.city_id))
    criteria = list(method.criteria.order_by("order", "pk"))
    if sites is None:
        sites = list(Site.objects.alive().filter(city=method.city).exclude(status=SiteStatus.REJECTED)
                     .select_related("accessibility").order_by("pk"))
    if len(sites) < 2:
        raise DomainError(_("At least two sites are needed to rank."), "sites")
    if any(SOURCE_FIELDS[c.source_field].needs_accessibility for c in criteria) and \
            any(not hasattr(s, "accessibility") for s in sites):
        # Accessibility criteria on sites never measured: measure them now rather than impute.
        compute_accessibility(method.city)
        sites = list(Site.objects.filter(pk__in=[s.pk for s in sites]).select_related("accessibility").order_by("pk"))
    matrix, imputed = _matrix(sites, criteria)
    weights = np.array([float(c.weight) for c in criteria])
    benefit = np.array([c.benefit for c in criteria])
    try:
        if method.aggregation == Aggregation.TOPSIS:
            scores = mcda.topsis(matrix, weights, benefit, method.normalisation)  # type: ignore[arg-type]
        else:
            scores = mcda.weighted_sum(matrix, weights, benefit)
        stability = mcda.sensitivity(matrix, weights, benefit, method.aggregation,  # type: ignore[arg-type]
                                     SENSITIVITY_PERTURBATION, SENSITIVITY_RUNS, 0, method.normalisation)  # type: ignore[arg-type]
    except mcda.McdaError as error:
        raise DomainError(str(error), "criteria") from None
    ranks = mcda.rank(scores)
    w = weights / weights.sum()
    normalised = (mcda.minmax_normalise(matrix, benefit) if method.normalisation == Normalisation.MINMAX
                  else mcda.vector_normalise(matrix))
    run = AssessmentRun.objects.create(
        method=method, city=method.city, created_by=actor if actor.is_authenticated else None,
        inputs={
            "sites": [s.pk for s in sites], "site_names": [s.name for s in sites],
            "criteria": [{"code": c.code, "label": c.label, "source": c.source_field, "benefit": c.benefit,
                          "unit": c.unit, "weight": float(wj)} for c, wj in zip(criteria, w, strict=True)],
            "matrix": matrix.tolist(), "imputed_worst": imputed,
            "normalisation": method.normalisation, "aggregation": method.aggregation,
            "method": {"id": method.pk, "name": method.name, "version": method.version},
        },
        sensitivity={"perturbation": SENSITIVITY_PERTURBATION, "runs": SENSITIVITY_RUNS, "seed": 0,
                     "kept_rank": stability.tolist()},
    )
    AssessmentResult.objects.bulk_create([
        AssessmentResult(
            run=run, site=site, score=float(scores[i]), rank=int(ranks[i]), rank_stability=float(stability[i]),
            contributions={c.code: float(w[j] * normalised[i, j]) for j, c in enumerate(criteria)},
        )
        for i, site in enumerate(sites)
    ])
    method.locked = True
    method.save(update_fields=["locked"])
    newly_assessed = [s for s in sites if s.status == SiteStatus.CANDIDATE]
    Site.objects.filter(pk__in=[s.pk for s in newly_assessed]).update(status=SiteStatus.ASSESSED)
    SiteStatusChange.objects.bulk_create([
        SiteStatusChange(site=s, old_status=SiteStatus.CANDIDATE, new_status=SiteStatus.ASSESSED,
                         note=str(method), changed_by=run.created_by)
        for s in newly_assessed
    ])
    record_audit(actor, "run_assessment", run, {"sites": len(sites), "method": str(method)})
    return run


def reproduce(run: AssessmentRun) -> list[float]:
    """Recompute a run's scores from its stored inputs alone (the proof it can be reproduced)."""
    data = run.inputs
    matrix = np.array(data["matrix"])
    weights = np.array([c["weight"] for c in data["criteria"]])
    benefit = np.array([c["benefit"] for c in data["criteria"]])
    if data["aggregation"] == Aggregation.TOPSIS:
        return mcda.topsis(matrix, weights, benefit, data["normalisation"]).tolist()
    return mcda.weighted_sum(matrix, weights, benefit).tolist()
