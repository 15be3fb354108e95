"""An advisory centre in Klaipėda with a consultant, two entrepreneurs and a plan written from a template."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.advisory.services import plans as services
from creativepoles.core.demo import ensure_user
from creativepoles.core.models import Membership, Organisation, OrganisationKind, Role

SEASON = ["5", "5", "5", "10", "10", "10", "10", "10", "10", "10", "10", "5"]


def studio_financials(**changes: Any) -> dict[str, Any]:
    """The design studio of tests/analysis/test_finance_plan.py, worked by hand there."""
    data: dict[str, Any] = {
        "streams": [{"name": "Prints", "units_per_year": "2400", "price": "50", "unit_cost": "20",
                     "growth_pct": "10", "seasonality_pct": SEASON}],
        "staff": [{"role": "Designer", "monthly_cost": "4000", "count": "1"}],
        "fixed_costs": [{"name": "Rent", "monthly": "1000"}],
        "investments": [{"name": "Press", "amount": "24000", "life_years": 5}],
        "loans": [{"name": "Bank", "amount": "12000", "rate_pct": "6", "term_months": 24}],
        "own_funds": "10000", "grants": "5000", "discount_rate_pct": "8",
        "scenarios": {"pessimistic": {"units": "0.8"}, "optimistic": {"units": "1.2", "price": "1.05"}},
    }
    data.update(changes)
    return data


@pytest.fixture
def advisory(world: dict[str, Any]) -> dict[str, Any]:
    """A centre in Klaipėda and one in Tartu, a consultant in each, two entrepreneurs and Ona's plan."""
    k_centre = Organisation.objects.create(name="Klaipėda advice", kind=OrganisationKind.ADVISORY_CENTRE,
                                           city=world["klaipeda"])
    t_centre = Organisation.objects.create(name="Tartu advice", kind=OrganisationKind.ADVISORY_CENTRE,
                                           city=world["tartu"])
    consultant = ensure_user("consultant@advice.test", first_name="Rūta", last_name="Consultant")
    other_consultant = ensure_user("consultant@tartu.test", first_name="Kadri", last_name="Other")
    Membership.objects.create(user=consultant, organisation=k_centre, role=Role.CONSULTANT)
    Membership.objects.create(user=other_consultant, organisation=t_centre, role=Role.CONSULTANT)
    ona = ensure_user("ona@example.test", first_name="Ona", last_name="Maker")
    petras = ensure_user("petras@example.test", first_name="Petras", last_name="Other")
    plan = services.create_plan(ona, title="Ona's studio", city=world["klaipeda"], template_key="design_studio",
                                adviser=consultant, centre=k_centre)
    services.write_section(ona, plan, "summary", "Posters and identities for Klaipėda's festivals.")
    services.set_financials(ona, plan, studio_financials())
    return {**world, "k_centre": k_centre, "t_centre": t_centre, "consultant": consultant,
            "other_consultant": other_consultant, "ona": ona, "petras": petras, "plan": plan}
