"""Pre-investment parameters of a city and the pre-investment figures of a site."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from creativepoles.analysis.finance import PreInvestmentInputs, PreInvestmentResult, pre_investment
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import CHANGE, require
from creativepoles.spaces.models import Condition, PreInvestmentParameters, Site

# Round planning figures in EUR per m² of gross floor area, one per condition grade. They are the
# software's placeholders for a first comparison of sites, not results of a cost survey: each city
# replaces them with its own figures (see DEFAULT_SOURCES).
DEFAULT_UNIT_COSTS: dict[str, Decimal] = {
    Condition.GOOD.value: Decimal("250"),
    Condition.FAIR.value: Decimal("650"),
    Condition.POOR.value: Decimal("1100"),
    Condition.RUIN.value: Decimal("1700"),
}

DEFAULT_SOURCES = gettext_lazy(
    "Default planning assumptions of the Creative Poles software, not figures from a published cost survey "
    "or from this city. The renovation costs per m² of gross floor area by condition grade, the heritage and "
    "remediation surcharges, the rents, occupancy, operating cost and discount rate are round numbers for a "
    "first comparison of sites only. Replace each with the city's own figures (for example recent tender "
    "results for comparable works, a quantity surveyor's estimate, the municipality's register of rents or "
    "national construction-cost statistics) and name that source here."
)

PARAMETER_FIELDS = (
    "currency", "unit_costs", "heritage_surcharge_pct", "remediation_surcharge_pct", "public_share_pct",
    "market_rent_m2_month", "affordable_rent_m2_month", "occupancy_pct", "operating_cost_m2_year",
    "horizon_years", "discount_rate_pct", "sources",
)


def _default_costs_json() -> dict[str, str]:
    """The default unit costs as stored in JSON: decimal strings, so no float rounding creeps in."""
    return {grade: str(cost) for grade, cost in DEFAULT_UNIT_COSTS.items()}


def parameters_for(city: City) -> PreInvestmentParameters:
    """The city's saved parameters, or unsaved defaults; grades missing from its unit costs get the default."""
    params = PreInvestmentParameters.objects.filter(city=city).first()
    if params is None:
        return PreInvestmentParameters(city=city, unit_costs=_default_costs_json(), sources=str(DEFAULT_SOURCES))
    costs = dict(params.unit_costs or {})
    for grade, cost in _default_costs_json().items():
        costs.setdefault(grade, cost)
    params.unit_costs = costs
    return params


def unit_costs(params: PreInvestmentParameters) -> dict[str, Decimal]:
    """The parameters' renovation cost per m² by condition grade, as Decimals."""
    costs: dict[str, Decimal] = dict(DEFAULT_UNIT_COSTS)
    for grade, cost in (params.unit_costs or {}).items():
        costs[str(grade)] = Decimal(str(cost))
    return costs


def preinvestment_inputs(site: Site, params: PreInvestmentParameters | None = None) -> PreInvestmentInputs | None:
    """The model's inputs for a site, or None when the site has no gross floor area."""
    if site.gross_floor_area_m2 is None or site.gross_floor_area_m2 <= 0:
        return None
    params = params if params is not None else parameters_for(site.city)
    zero = Decimal("0")
    return PreInvestmentInputs(
        gross_floor_area_m2=Decimal(site.gross_floor_area_m2),
        condition_grade=site.condition,
        renovation_cost_per_m2=unit_costs(params),
        # Surcharges apply only where the site carries the risk they price.
        heritage_surcharge_pct=Decimal(params.heritage_surcharge_pct) if site.heritage_protected else zero,
        remediation_surcharge_pct=Decimal(params.remediation_surcharge_pct) if site.contamination_suspected else zero,
        public_share_pct=Decimal(params.public_share_pct),
        market_rent_m2_month=Decimal(params.market_rent_m2_month),
        affordable_rent_m2_month=Decimal(params.affordable_rent_m2_month),
        occupancy_pct=Decimal(params.occupancy_pct),
        operating_cost_m2_year=Decimal(params.operating_cost_m2_year),
        horizon_years=int(params.horizon_years),
        discount_rate_pct=Decimal(params.discount_rate_pct),
        # Creative workspace is let at the affordable rent: that is the point of the public pre-investment.
        target_rent_m2_month=Decimal(params.affordable_rent_m2_month),
    )


def site_preinvestment(site: Site, params: PreInvestmentParameters | None = None) -> PreInvestmentResult | None:
    """The pre-investment figures of a site at its city's parameters; None without a gross floor area."""
    inputs = preinvestment_inputs(site, params)
    return pre_investment(inputs) if inputs is not None else None


def _clean_unit_costs(value: Any) -> dict[str, str]:
    """Unit costs keyed by known condition grades, non-negative, stored as decimal strings."""
    if not isinstance(value, dict):
        raise DomainError(_("Give the renovation costs as an object keyed by condition grade."), "unit_costs")
    cleaned: dict[str, str] = {}
    for grade, cost in value.items():
        if grade not in Condition.values:
            raise DomainError(_("Unknown condition grade: %(grade)s.") % {"grade": grade}, "unit_costs")
        try:
            amount = Decimal(str(cost))
        except (InvalidOperation, ValueError):
            raise DomainError(_("The cost for %(grade)s is not a number.") % {"grade": grade}, "unit_costs") from None
        if not amount.is_finite() or amount < 0:
            raise DomainError(_("The cost for %(grade)s must be zero or more.") % {"grade": grade}, "unit_costs")
        cleaned[str(grade)] = str(amount)
    return cleaned


@transaction.atomic
def update_parameters(actor: Any, city: City, **data: Any) -> PreInvestmentParameters:
    """Save a city's pre-investment parameters; only the city's editors and programme managers may."""
    params = parameters_for(city)
    require(actor, CHANGE, params, _("You cannot change the pre-investment parameters of this city."), "city")
    creating = params.pk is None
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in PARAMETER_FIELDS:
            continue
        if key == "unit_costs":
            value = {**params.unit_costs, **_clean_unit_costs(value)}
        else:
            # Compare typed values, so "15" for a stored 15.00 is not recorded as a change.
            value = PreInvestmentParameters._meta.get_field(key).to_python(value)  # type: ignore[union-attr]
        old = getattr(params, key)
        if old != value:
            changes[key] = [_jsonable(old), _jsonable(value)]
            setattr(params, key, value)
    params.full_clean()
    _check_ranges(params)
    params.save()
    if changes or creating:
        record_audit(actor, "create_preinvestment_parameters" if creating else "update_preinvestment_parameters",
                     params, changes)
    return params


def _check_ranges(params: PreInvestmentParameters) -> None:
    """Refuse values the pre-investment model cannot use, naming the field at fault."""
    for name in ("public_share_pct", "occupancy_pct"):
        if not 0 <= getattr(params, name) <= 100:
            raise DomainError(_("Enter a percentage between 0 and 100."), name)
    for name in ("heritage_surcharge_pct", "remediation_surcharge_pct", "market_rent_m2_month",
                 "affordable_rent_m2_month", "operating_cost_m2_year"):
        if getattr(params, name) < 0:
            raise DomainError(_("Enter zero or more."), name)
    if params.discount_rate_pct <= -100:
        raise DomainError(_("The discount rate must be above -100 %."), "discount_rate_pct")


def _jsonable(value: Any) -> Any:
    """A value fit for the audit record's JSON."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)
