"""Assessment methods and pre-investment parameters out of one instance and into another (the method package).

The exported part is plain JSON (decimal strings for money and weights, so nothing is rounded on the way);
the import never overwrites: a method whose name exists in the receiving city becomes its next version, and a
city that already has its own pre-investment parameters keeps them.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, record_audit
from creativepoles.spaces.models import Method, PreInvestmentParameters
from creativepoles.spaces.models.assessment import Aggregation, Normalisation, WeightSource
from creativepoles.spaces.services.assessment import create_method
from creativepoles.spaces.services.preinvestment import PARAMETER_FIELDS, update_parameters

METHODS_SCHEMA = 1
PARAMETERS_SCHEMA = 1
IMPORTED = "imported"
KEPT = "kept"
Line = tuple[str, str]  # (IMPORTED or KEPT, what happened in words)


def _latest_methods(city: City) -> list[Method]:
    """The newest version of each of the city's methods: what the city assesses with today."""
    latest: dict[str, Method] = {}
    for method in Method.objects.filter(city=city).prefetch_related("criteria").order_by("name", "-version"):
        latest.setdefault(method.name, method)
    return list(latest.values())


def export_methods(city: City) -> list[dict[str, Any]]:
    """The city's current methods with their criteria, weights, normalisation, aggregation and AHP matrix."""
    return [{
        "name": m.name, "version": m.version, "description": m.description, "perspective": m.perspective,
        "normalisation": m.normalisation, "aggregation": m.aggregation, "weight_source": m.weight_source,
        "pairwise": m.pairwise, "consistency_ratio": m.consistency_ratio,
        "criteria": [{"code": c.code, "label": c.label, "source_field": c.source_field, "benefit": c.benefit,
                      "unit": c.unit, "weight": str(c.weight)}
                     for c in sorted(m.criteria.all(), key=lambda c: (c.order, c.pk))],
    } for m in _latest_methods(city)]


def export_parameters(city: City) -> dict[str, Any] | None:
    """The city's saved pre-investment parameters as JSON, or None when it uses the defaults."""
    params = PreInvestmentParameters.objects.filter(city=city).first()
    if params is None:
        return None
    out: dict[str, Any] = {}
    for name in PARAMETER_FIELDS:
        value = getattr(params, name)
        out[name] = str(value) if isinstance(value, Decimal) else value
    return out


def _bad(what: str) -> DomainError:
    return DomainError(_("The package's methods are malformed: %(what)s.") % {"what": what}, "file")


def _text(data: dict[str, Any], key: str, limit: int, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise _bad(key)
    return value


def _criteria(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not raw:
        raise _bad("criteria")
    out = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("benefit"), bool):
            raise _bad("criteria")
        try:
            weight = Decimal(str(item.get("weight")))
        except (InvalidOperation, ValueError):
            raise _bad("weight") from None
        if not weight.is_finite() or weight < 0:
            raise _bad("weight")
        out.append({"code": _text(item, "code", 30, True), "label": _text(item, "label", 120),
                    "source_field": _text(item, "source_field", 40, True), "benefit": item["benefit"],
                    "unit": _text(item, "unit", 30), "weight": weight})
    return out


def _pairwise(raw: Any, n: int) -> list[list[float]] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) != n or not all(
            isinstance(row, list) and len(row) == n and all(isinstance(v, int | float) and v > 0 for v in row)
            for row in raw):
        raise _bad("pairwise")
    return [[float(v) for v in row] for row in raw]


@transaction.atomic
def import_methods(actor: Any, city: City, methods: Any, source_city: str) -> list[Line]:
    """Create each packaged method in the receiving city, as the next version when its name exists there."""
    if not isinstance(methods, list):
        raise _bad("methods")
    lines: list[Line] = []
    for data in methods:
        if not isinstance(data, dict):
            raise _bad("method")
        name = _text(data, "name", 120, True)
        if data.get("normalisation") not in Normalisation.values:
            raise _bad("normalisation")
        if data.get("aggregation") not in Aggregation.values:
            raise _bad("aggregation")
        criteria = _criteria(data.get("criteria"))
        pairwise = _pairwise(data.get("pairwise"), len(criteria))
        existing = Method.objects.filter(city=city, name=name).aggregate(v=Max("version"))["v"]
        # Weights go in as stored (not re-derived from the matrix) so the receiving city ranks exactly alike.
        method = create_method(actor, city, name, criteria, normalisation=data["normalisation"],
                               aggregation=data["aggregation"], description=_text(data, "description", 20000),
                               perspective=_text(data, "perspective", 60))
        if pairwise is not None and data.get("weight_source") == WeightSource.AHP:
            ratio = data.get("consistency_ratio")
            method.pairwise = pairwise
            method.consistency_ratio = float(ratio) if isinstance(ratio, int | float) else None
            method.weight_source = WeightSource.AHP
            method.save(update_fields=["pairwise", "consistency_ratio", "weight_source"])
        record_audit(actor, "import_method", method, {"source_city": source_city, "source_version": data.get("version"),
                                                      "version": method.version})
        values = {"name": name, "version": method.version, "source": source_city, "old": existing}
        if existing:
            lines.append((IMPORTED, _("Method “%(name)s” from %(source)s: a method of that name exists (version "
                                      "%(old)s, kept unchanged), imported as version %(version)s.") % values))
        else:
            lines.append((IMPORTED, _("Method “%(name)s” from %(source)s imported as version %(version)s.") % values))
    return lines


@transaction.atomic
def import_parameters(actor: Any, city: City, parameters: Any, source_city: str) -> list[Line]:
    """Apply the packaged pre-investment parameters to a city that has none; a city's own are kept."""
    if parameters is None:
        return [(KEPT, _("The package carries no pre-investment parameters."))]
    if not isinstance(parameters, dict) or not set(parameters) <= set(PARAMETER_FIELDS):
        raise DomainError(_("The package's pre-investment parameters are malformed."), "file")
    values = {"city": city.name, "source": source_city}
    if PreInvestmentParameters.objects.filter(city=city).exists():
        return [(KEPT, _("Pre-investment parameters: %(city)s already has its own, kept unchanged; those of "
                         "%(source)s were not applied.") % values)]
    try:
        update_parameters(actor, city, **parameters)
    except DomainError as error:
        raise DomainError(_("The package's pre-investment parameters are invalid: %(error)s")
                          % {"error": error.message}, "file") from error
    except (ValueError, TypeError, ValidationError) as error:
        raise DomainError(_("The package's pre-investment parameters are malformed."), "file") from error
    return [(IMPORTED, _("Pre-investment parameters of %(source)s applied to %(city)s.") % values)]
