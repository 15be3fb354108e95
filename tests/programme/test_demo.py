"""The demo shows the seed's money table to the cent, on the dashboard and through the API."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from creativepoles.programme.models import PartnerReport, Project

SEED_FIGURES = [
    "8,263,543.00 LTL", "2,393,287.50 EUR", "1,107,105.00 LTL", "320,639.77 EUR",
    "941,039.00 LTL", "272,543.73 EUR", "166,066.00 LTL", "48,096.04 EUR",
]


@pytest.mark.django_db
def test_it_shows_the_seed_money_table(client: Client) -> None:
    call_command("demo", stdout=open("/dev/null", "w"))
    counts = (PartnerReport.objects.count(), Project.objects.count())
    call_command("demo", stdout=open("/dev/null", "w"))
    assert (PartnerReport.objects.count(), Project.objects.count()) == counts
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="manager@demo.creativepoles.eu"))
    page = client.get("/programme/urban-creative-poles/").content.decode()
    missing = [figure for figure in SEED_FIGURES if figure not in page]
    assert missing == []
    assert "a difference of −0.08 LTL" in page

    money = client.get("/api/programme/projects/urban-creative-poles/").json()["money"]
    assert money["total"]["amount"] == "2393287.50" and money["total"]["stated"] == "8263543.00"
    klaipeda = next(p for p in money["partners"] if p["budget"]["currency"] == "LTL")
    assert klaipeda["budget"]["amount"] == "1107105.00" and klaipeda["budget"]["derived"] == "320639.77"
    assert (klaipeda["split"]["fund"], klaipeda["split"]["own"]) == ("941039.00", "166066.00")
    assert (klaipeda["split_eur"]["fund"], klaipeda["split_eur"]["own"]) == ("272543.73", "48096.04")
