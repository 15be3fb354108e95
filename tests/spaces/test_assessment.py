"""Assessment methods: AHP weights with a consistency check, stored and reproducible runs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.spaces.models import AssessmentResult, SiteStatus
from creativepoles.spaces.services import assessment

pytestmark = pytest.mark.django_db
CRITERIA = [{"code": "area", "source_field": "gross_floor_area_m2", "weight": "0.5"},
            {"code": "condition", "source_field": "condition", "weight": "0.3"},
            {"code": "public", "source_field": "public_ownership", "weight": "0.2"}]


def test_it_ranks_by_weighted_sum_and_stores_every_input(sites: dict[str, Any]) -> None:
    method = assessment.create_method(sites["editor"], sites["klaipeda"], "Reuse", CRITERIA)
    run = assessment.run_assessment(sites["editor"], method)
    results = {r.site.name: r for r in AssessmentResult.objects.filter(run=run).select_related("site")}
    # Min-max by hand: area (5000,1500,800) → (1, 0.1667, 0); condition (2,4,3) → (0,1,0.5); public (0,1,1).
    expected = {"Big poor mill": 0.5, "Central good hall": 0.5 * 700 / 4200 + 0.3 + 0.2,
                "Small fair shed": 0.15 + 0.2}
    for name, score in expected.items():
        assert results[name].score == pytest.approx(score)
        assert sum(results[name].contributions.values()) == pytest.approx(score)
    assert [results[n].rank for n in ("Central good hall", "Big poor mill", "Small fair shed")] == [1, 2, 3]
    assert assessment.reproduce(run) == pytest.approx([r.score for r in run.results.order_by("site_id")])
    assert run.inputs["normalisation"] == "minmax" and len(run.inputs["matrix"]) == 3
    assert all(0 <= r.rank_stability <= 1 for r in results.values())
    sites["small"].refresh_from_db()
    assert sites["small"].status == SiteStatus.ASSESSED
    method.refresh_from_db()
    assert method.locked


def test_it_derives_ahp_weights_and_refuses_inconsistent_matrices(sites: dict[str, Any]) -> None:
    consistent = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]
    method = assessment.create_method(sites["editor"], sites["klaipeda"], "AHP", CRITERIA, pairwise=consistent)
    weights = [float(c.weight) for c in method.criteria.all()]
    # Principal eigenvector of this matrix (Saaty's scale): 0.637, 0.258, 0.105; CR ≈ 0.033.
    assert weights == pytest.approx([0.637, 0.258, 0.105], abs=0.001)
    assert method.consistency_ratio == pytest.approx(0.033, abs=0.002)
    contradictory = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]
    with pytest.raises(DomainError, match="CR = ") as error:
        assessment.create_method(sites["editor"], sites["klaipeda"], "Bad", CRITERIA, pairwise=contradictory)
    assert error.value.field == "pairwise"


def test_it_versions_methods_and_checks_options(sites: dict[str, Any]) -> None:
    first = assessment.create_method(sites["editor"], sites["klaipeda"], "Reuse", CRITERIA)
    second = assessment.create_method(sites["editor"], sites["klaipeda"], "Reuse", CRITERIA, aggregation="topsis",
                                      normalisation="vector")
    assert (first.version, second.version) == (1, 2)
    run = assessment.run_assessment(sites["editor"], second)
    assert sorted(r.rank for r in run.results.all()) == [1, 2, 3]
    with pytest.raises(DomainError):
        assessment.create_method(sites["editor"], sites["klaipeda"], "X", CRITERIA, normalisation="vector")
    with pytest.raises(DomainError):
        assessment.create_method(sites["editor"], sites["klaipeda"], "X", CRITERIA[:1])


def test_it_keeps_other_cities_out(sites: dict[str, Any]) -> None:
    with pytest.raises(NotInScope):
        assessment.create_method(sites["other"], sites["klaipeda"], "Mine", CRITERIA)
    method = assessment.create_method(sites["editor"], sites["klaipeda"], "Reuse", CRITERIA)
    with pytest.raises(NotInScope):
        assessment.run_assessment(sites["other"], method)
    assert Decimal(method.criteria.get(code="area").weight) == Decimal("0.5")
