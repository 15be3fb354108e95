"""Pre-investment parameters per city and a site's pre-investment figures, checked by hand."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import AuditEntry
from creativepoles.spaces.models import PreInvestmentParameters, Site
from creativepoles.spaces.services.preinvestment import (
    DEFAULT_SOURCES,
    DEFAULT_UNIT_COSTS,
    parameters_for,
    site_preinvestment,
    update_parameters,
)

CENT = Decimal("0.01")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """English texts whatever an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def mill(world: dict[str, Any]) -> Site:
    """A heritage-protected 1,000 m² mill in fair condition, without contamination."""
    return Site.objects.create(city=world["klaipeda"], name="Old mill", latitude=Decimal("55.7"),
                               longitude=Decimal("21.15"), gross_floor_area_m2=Decimal("1000.0"), condition="fair",
                               heritage_protected=True)


def test_it_builds_unsaved_defaults_with_honest_sources(world: dict[str, Any]) -> None:
    params = parameters_for(world["klaipeda"])
    assert params.pk is None and not PreInvestmentParameters.objects.exists()
    assert {k: Decimal(v) for k, v in params.unit_costs.items()} == DEFAULT_UNIT_COSTS
    assert set(DEFAULT_UNIT_COSTS) == {"good", "fair", "poor", "ruin"}
    assert DEFAULT_UNIT_COSTS["good"] < DEFAULT_UNIT_COSTS["fair"] < DEFAULT_UNIT_COSTS["poor"] < DEFAULT_UNIT_COSTS["ruin"]
    assert params.sources == str(DEFAULT_SOURCES)
    assert "not figures from a published cost survey" in params.sources and "Replace" in params.sources


def test_it_computes_a_sites_figures_as_checked_by_hand(mill: Site) -> None:
    result = site_preinvestment(mill)
    assert result is not None
    # 1,000 m² × 650 EUR/m² (fair) × (1 + 15 % heritage; no remediation) = 747,500.00
    assert result.renovation_cost == Decimal("747500.00")
    # 60 % public pre-investment, the rest private.
    assert (result.public_pre_investment, result.private_investment) == (Decimal("448500.00"), Decimal("299000.00"))
    # Affordable rent 4 EUR × 12 months × 80 % occupancy × 1,000 m² − 18 EUR/m² operating cost = 20,400.00
    assert result.yearly_net_income == Decimal("20400.00")
    # Market rent 8 EUR: 76,800 − 18,000 = 58,800.00
    assert result.yearly_net_income_market == Decimal("58800.00")
    # NPV at 4 % over 20 years: −299,000 + 20,400 × (1 − 1.04⁻²⁰) / 0.04
    annuity = (1 - Decimal("1.04") ** -20) / Decimal("0.04")
    expected = (Decimal("-299000") + Decimal("20400") * annuity).quantize(CENT, rounding=ROUND_HALF_UP)
    assert expected == Decimal("-21757.34")
    assert result.npv == expected and result.subsidy_gap == Decimal("21757.34")
    # After 14 years −13,400 remains; 13,400 / 20,400 of year 15 → 14.66 years.
    assert result.payback_years == Decimal("14.66")
    assert result.rent_discount_pct == Decimal("50.00") and result.target_is_affordable


def test_it_applies_surcharges_only_where_they_belong(mill: Site) -> None:
    mill.heritage_protected = False
    result = site_preinvestment(mill)
    assert result is not None and result.renovation_cost == Decimal("650000.00")
    mill.contamination_suspected = True
    result = site_preinvestment(mill)
    assert result is not None and result.renovation_cost == Decimal("715000.00")  # +10 % remediation
    mill.heritage_protected = True
    result = site_preinvestment(mill)
    assert result is not None and result.renovation_cost == Decimal("812500.00")  # +15 % + 10 %, not compounded


def test_it_gives_nothing_without_a_gross_floor_area(mill: Site) -> None:
    mill.gross_floor_area_m2 = None
    assert site_preinvestment(mill) is None


def test_it_lets_the_citys_editor_save_parameters(world: dict[str, Any], mill: Site) -> None:
    params = update_parameters(world["editor"], world["klaipeda"], unit_costs={"fair": "500"},
                               occupancy_pct="90", sources="Klaipėda tender results 2023")
    assert params.pk is not None
    assert params.unit_costs["fair"] == "500" and params.unit_costs["ruin"] == "1700"
    assert params.occupancy_pct == Decimal("90")
    entry = AuditEntry.objects.get(model="spaces.preinvestmentparameters")
    assert entry.actor == world["editor"] and entry.verb == "create_preinvestment_parameters"
    result = site_preinvestment(mill)
    assert result is not None and result.renovation_cost == Decimal("575000.00")  # 1,000 × 500 × 1.15
    # 4 × 12 × 90 % × 1,000 − 18,000
    assert result.yearly_net_income == Decimal("25200.00")
    update_parameters(world["manager"], world["klaipeda"], heritage_surcharge_pct=Decimal("20"))
    assert AuditEntry.objects.filter(verb="update_preinvestment_parameters").count() == 1
    assert PreInvestmentParameters.objects.count() == 1


def test_it_refuses_other_cities_and_outsiders(world: dict[str, Any]) -> None:
    for user in (world["other"], world["outsider"]):
        with pytest.raises(NotInScope):
            update_parameters(user, world["klaipeda"], occupancy_pct="90")
    assert not PreInvestmentParameters.objects.exists()


def test_it_refuses_bad_parameters(world: dict[str, Any]) -> None:
    with pytest.raises(DomainError):
        update_parameters(world["editor"], world["klaipeda"], unit_costs={"palace": "100"})
    with pytest.raises(DomainError):
        update_parameters(world["editor"], world["klaipeda"], unit_costs={"fair": "-1"})
    with pytest.raises(DomainError):
        update_parameters(world["editor"], world["klaipeda"], unit_costs={"fair": "lots"})
    with pytest.raises(DomainError) as error:
        update_parameters(world["editor"], world["klaipeda"], occupancy_pct="150")
    assert error.value.field == "occupancy_pct"
    with pytest.raises(ValidationError):
        update_parameters(world["editor"], world["klaipeda"], horizon_years=0)
    with pytest.raises(ValidationError):
        update_parameters(world["editor"], world["klaipeda"], market_rent_m2_month="cheap")
    assert not PreInvestmentParameters.objects.exists()
