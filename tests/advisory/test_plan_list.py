"""The business-plan list: scoped like every plan page, filtered by city and by the site a plan names."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from creativepoles.advisory.models import BusinessPlan
from creativepoles.core.demo import ensure_user

pytestmark = pytest.mark.django_db


def _titles(client: Client, query: str = "") -> list[str]:
    response = client.get("/advisory/plans/" + query)
    assert response.status_code == 200
    rows = re.findall(r'data-record="business-plan"><td><a href="[^"]+">([^<]+)</a>', response.content.decode())
    return sorted(html.unescape(title) for title in rows)


def test_it_lists_only_the_plans_the_user_may_read_by_city_and_site(world: dict[str, Any]) -> None:
    owner, stranger = world["outsider"], ensure_user("stranger@example.test")
    k, t = world["klaipeda"], world["tartu"]
    BusinessPlan.objects.create(owner=owner, city=k, title="Harbour studio", site_id=7)
    BusinessPlan.objects.create(owner=owner, city=k, title="Print shop", site_id=8)
    BusinessPlan.objects.create(owner=owner, city=k, title="No premises yet")
    BusinessPlan.objects.create(owner=owner, city=t, title="Tartu studio", site_id=9)
    BusinessPlan.objects.create(owner=stranger, city=k, title="A stranger's plan", site_id=7)
    client = Client()
    client.force_login(owner)
    assert _titles(client) == ["Harbour studio", "No premises yet", "Print shop", "Tartu studio"]
    assert _titles(client, "?city=klaipeda") == ["Harbour studio", "No premises yet", "Print shop"]
    assert _titles(client, "?city=klaipeda&site=any") == ["Harbour studio", "Print shop"]
    assert _titles(client, "?site=7") == ["Harbour studio"]
    manager = Client()
    manager.force_login(world["manager"])
    assert _titles(manager, "?site=7") == ["A stranger's plan", "Harbour studio"]


def test_it_refuses_a_malformed_site_and_sends_visitors_to_sign_in(world: dict[str, Any]) -> None:
    client = Client()
    assert client.get("/advisory/plans/").status_code == 302
    client.force_login(world["outsider"])
    for junk in ("abc", "-1", "99999999999999999999"):
        response = client.get(f"/advisory/plans/?site={junk}")
        assert response.status_code == 400 and "Choose a site" in response.content.decode()


def test_it_pages_fifty_plans_at_a_time(world: dict[str, Any]) -> None:
    owner = world["outsider"]
    BusinessPlan.objects.bulk_create([BusinessPlan(owner=owner, city=world["klaipeda"], title=f"Plan {i:02}")
                                      for i in range(55)])
    client = Client()
    client.force_login(owner)
    first = client.get("/advisory/plans/").content.decode()
    assert first.count('data-record="business-plan"') == 50 and 'rel="next"' in first
    assert client.get("/advisory/plans/?page=2").content.decode().count('data-record="business-plan"') == 5
