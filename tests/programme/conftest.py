"""A small URBAN CREATIVE POLES project on top of the shared `world` fixture."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from creativepoles.programme.models import BudgetLine, CoFinancing, Partner, PartnerRole, Project
from creativepoles.programme.services.project import generate_periods


@pytest.fixture
def project(world: dict[str, Any]) -> dict[str, Any]:
    """The seed's project with a lead partner, Klaipėda (LTL budget) and Tartu (EUR)."""
    project = Project.objects.create(
        title="URBAN CREATIVE POLES", acronym="ucp", number="3025", start_date=dt.date(2010, 10, 1),
        total_amount=Decimal("2393287.50"), total_currency="EUR", stated_other_amount=Decimal("8263543.00"),
    )
    periods = generate_periods(world["manager"], project)
    lead = Partner.objects.create(project=project, organisation=world["lead_org"], role=PartnerRole.LEAD, number=1)
    klaipeda = Partner.objects.create(project=project, organisation=world["k_org"], number=2, currency="LTL")
    tartu = Partner.objects.create(project=project, organisation=world["t_org"], number=3, currency="EUR")
    CoFinancing.objects.create(partner=klaipeda, fund_rate=Decimal("0.85"), quantum=Decimal("1"), rounding="down")
    CoFinancing.objects.create(partner=tartu, fund_rate=Decimal("0.85"))
    BudgetLine.objects.create(partner=klaipeda, category="staff", period=periods[0], amount=Decimal("600000.00"))
    BudgetLine.objects.create(partner=klaipeda, category="external", period=periods[1], amount=Decimal("507105.00"))
    BudgetLine.objects.create(partner=tartu, category="staff", period=periods[0], amount=Decimal("100000.00"))
    return {**world, "project": project, "periods": periods, "lead": lead, "klaipeda_partner": klaipeda,
            "tartu_partner": tartu}
