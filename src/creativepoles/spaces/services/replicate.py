"""What another city takes over from a partner city: its assessment method and pre-investment parameters.

A copy is always a new row (a method gets the next version of its name in the receiving city, parameters are
saved through ``update_parameters``): nothing of the source city and nothing already in the receiving city is
overwritten. Used by the replication app's onboarding; other apps reach it only through this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import CHANGE, require
from creativepoles.spaces.models import AssessmentRun, Method, Site, SiteStatus
from creativepoles.spaces.services.assessment import create_method, run_assessment
from creativepoles.spaces.services.criteria import SOURCE_FIELDS
from creativepoles.spaces.services.preinvestment import PARAMETER_FIELDS, parameters_for, update_parameters

__all__ = ["MethodChoice", "copy_method", "copy_parameters", "latest_methods", "method_criteria",
           "publish_ranking", "rank_city"]


@dataclass(frozen=True)
class MethodChoice:
    """A method a new city may start from: id, name, version and the city it belongs to."""

    pk: int
    label: str
    city_slug: str


def latest_methods(city: City) -> list[MethodChoice]:
    """The newest version of each of a city's methods (methods are public, so anyone may copy one)."""
    seen: set[str] = set()
    out = []
    for method in Method.objects.filter(city=city).order_by("name", "-version"):
        if method.name not in seen:
            seen.add(method.name)
            out.append(MethodChoice(method.pk, str(method), city.slug))
    return out


def method_criteria(method_id: int) -> list[dict[str, Any]]:
    """A method's criteria as plain data (code, label, source, benefit, unit, weight as a decimal string)."""
    method = Method.objects.filter(pk=method_id).first()
    if method is None:
        raise DomainError(_("Choose a method."), "method")
    return [{"code": c.code, "label": c.label, "source_field": c.source_field, "benefit": c.benefit, "unit": c.unit,
             "weight": str(c.weight)} for c in method.criteria.order_by("order", "pk")]


def _coverage(city: City, sources: list[str]) -> dict[str, int]:
    """How many of the city's live sites have a value for each source field (what a ranking could use)."""
    sites = list(Site.objects.alive().filter(city=city).exclude(status=SiteStatus.REJECTED)
                 .select_related("accessibility"))
    return {source: sum(1 for s in sites if SOURCE_FIELDS[source].read(s) is not None) for source in sources}


def _weight(value: Any, code: str) -> Decimal:
    try:
        weight = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("The weight of %(code)s is not a number.") % {"code": code}, "weights") from None
    if not weight.is_finite() or weight < 0:
        raise DomainError(_("The weight of %(code)s must be zero or more.") % {"code": code}, "weights")
    return weight


def copy_method(actor: Any, method_id: int, city: City, weights: dict[str, Any] | None = None) -> dict[str, Any]:
    """Copy a method into a city as a new version there, with adjusted weights; criteria no site can feed are left
    out and reported (a ranking on a column without values is impossible), the rest keep their relative weights."""
    source = Method.objects.filter(pk=method_id).select_related("city").first()
    if source is None:
        raise DomainError(_("Choose a method."), "method")
    criteria = method_criteria(method_id)
    weights = weights or {}
    unknown = sorted(set(weights) - {c["code"] for c in criteria})
    if unknown:
        raise DomainError(_("Unknown criteria: %(codes)s.") % {"codes": ", ".join(unknown)}, "weights")
    for c in criteria:
        if c["code"] in weights:
            c["weight"] = str(_weight(weights[c["code"]], c["code"]))
    coverage = _coverage(city, [c["source_field"] for c in criteria])
    kept = [c for c in criteria if coverage[c["source_field"]] > 0 and Decimal(c["weight"]) > 0]
    left_out = [{"code": c["code"], "label": c["label"],
                 "reason": "no_values" if coverage[c["source_field"]] == 0 else "zero_weight"}
                for c in criteria if c not in kept]
    if len(kept) < 2:
        raise DomainError(_("Fewer than two criteria of this method have values in this city's sites."), "method")
    with transaction.atomic():
        method = create_method(
            actor, city, source.name, kept, normalisation=source.normalisation, aggregation=source.aggregation,
            description=_("Copied from %(method)s of %(city)s.") % {"method": str(source), "city": source.city.name},
            perspective=source.perspective,
        )
        record_audit(actor, "copy_method", method, {"from": source.pk, "left_out": [c["code"] for c in left_out]})
    return {"method_id": method.pk, "method": str(method), "from_method_id": source.pk, "from": f"{source.city.name}: {source}",
            "from_city": source.city.slug, "criteria": [{"code": c["code"], "label": c["label"], "weight": c["weight"],
                                                        "sites_with_values": coverage[c["source_field"]]}
                                                       for c in kept],
            "left_out": left_out}


def copy_parameters(actor: Any, source: City, city: City, **overrides: Any) -> dict[str, Any]:
    """Save a city's pre-investment parameters as a copy of another city's, with the given values changed."""
    params = parameters_for(source)
    values = {name: getattr(params, name) for name in PARAMETER_FIELDS}
    values["sources"] = _("Copied from %(city)s: %(sources)s") % {"city": source.name, "sources": params.sources}
    values.update({k: v for k, v in overrides.items() if k in PARAMETER_FIELDS})
    saved = update_parameters(actor, city, **values)
    return {"from_city": source.name, "currency": saved.currency, "discount_rate_pct": str(saved.discount_rate_pct),
            "affordable_rent_m2_month": str(saved.affordable_rent_m2_month), "changed": sorted(overrides)}


def rank_city(actor: Any, method_id: int) -> dict[str, Any]:
    """Run a method on its city's sites; the report names the run, its size and the first ranks."""
    method = Method.objects.filter(pk=method_id).first()
    if method is None:
        raise DomainError(_("Choose a method."), "method")
    run = run_assessment(actor, method)
    top = run.results.select_related("site").order_by("rank", "pk")[:10]
    return {"run_id": run.pk, "sites": run.results.count(), "method": str(method),
            "top": [{"rank": r.rank, "site": r.site.name, "score": round(r.score, 4)} for r in top],
            "imputed": {code: len(ids) for code, ids in run.inputs.get("imputed_worst", {}).items()}}


@transaction.atomic
def publish_ranking(actor: Any, run_id: int, count: int = 10) -> dict[str, Any]:
    """Publish the first `count` sites of a run, so visitors see them on the city's public page and the ranking."""
    run = AssessmentRun.objects.filter(pk=run_id).select_related("city").first()
    if run is None:
        raise DomainError(_("There is no ranking to publish yet."), "run")
    if count < 1:
        raise DomainError(_("Publish at least one site."), "count")
    sites = [r.site for r in run.results.select_related("site").order_by("rank", "pk")[:count]]
    published = 0
    for site in sites:
        require(actor, CHANGE, site, _("You cannot change sites of this city."), "city")
        if not site.is_published:
            site.is_published = True
            site.save(update_fields=["is_published", "updated_at"])
            published += 1
    record_audit(actor, "publish_ranking", run, {"sites": [s.pk for s in sites], "newly_published": published})
    return {"run_id": run.pk, "city": run.city.slug, "published": published, "public_sites": len(sites),
            "sites": [s.name for s in sites]}
