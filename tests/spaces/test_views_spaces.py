"""Spaces pages: a Cottbus editor cannot change a Tartu site or assessment; the method builder works."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from creativepoles.core.demo import ensure_user
from creativepoles.core.models import Membership, Organisation, Role
from creativepoles.spaces.models import Method, Site
from creativepoles.spaces.services import assessment
from tests.conftest import make_city

pytestmark = pytest.mark.django_db
CRITERIA = [{"code": "area", "source_field": "gross_floor_area_m2", "weight": "1"},
            {"code": "condition", "source_field": "condition", "weight": "1"}]


@pytest.fixture
def cottbus_editor(sites: dict[str, Any]) -> Client:
    cottbus = make_city("cottbus", "Cottbus", country="DE", lat="51.75", lon="14.33")
    organisation = Organisation.objects.create(name="Stadt Cottbus", kind="municipality", city=cottbus)
    user = ensure_user("editor@cottbus.test")
    Membership.objects.create(user=user, organisation=organisation, role=Role.CITY_EDITOR)
    client = Client()
    client.force_login(user)
    return client


def test_it_refuses_a_cottbus_editor_on_tartu_sites_and_assessments(sites: dict[str, Any],
                                                                      cottbus_editor: Client) -> None:
    tartu_site = sites["tartu_site"]
    second = Site.objects.create(city=sites["tartu"], name="Second", latitude=58.38, longitude=26.72,
                                 gross_floor_area_m2=100, condition="good")
    method = assessment.create_method(sites["other"], sites["tartu"], "Tartu method", CRITERIA)
    assert second.pk
    assert cottbus_editor.get(f"/spaces/sites/{tartu_site.pk}/edit/").status_code == 403
    assert cottbus_editor.post(f"/spaces/sites/{tartu_site.pk}/edit/", {"name": "x"}).status_code == 403
    assert cottbus_editor.post(f"/spaces/sites/{tartu_site.pk}/status/", {"status": "rejected"}).status_code == 403
    assert cottbus_editor.post(f"/spaces/sites/{tartu_site.pk}/delete/").status_code == 403
    assert cottbus_editor.post(f"/spaces/methods/{method.pk}/run/").status_code == 403
    assert cottbus_editor.patch(f"/api/spaces/sites/{tartu_site.pk}/", {"name": "x"},
                                content_type="application/json").status_code == 403
    tartu_site.refresh_from_db()
    assert tartu_site.name == "Tartu depot" and tartu_site.status == "candidate" and tartu_site.deleted_at is None
    assert not method.runs.exists()
    # The published site stays readable to everyone.
    assert cottbus_editor.get(f"/spaces/sites/{tartu_site.pk}/").status_code == 200


def test_it_hides_unpublished_sites_and_owner_contacts(sites: dict[str, Any]) -> None:
    anonymous = Client()
    assert anonymous.get(f"/spaces/sites/{sites['central'].pk}/").status_code == 404
    listing = anonymous.get("/spaces/").content.decode()
    assert "Big poor mill" in listing and "Central good hall" not in listing
    editor = Client()
    editor.force_login(sites["editor"])
    page = editor.get(f"/spaces/sites/{sites['central'].pk}/").content.decode()
    assert "+370 600 00000" in page


def test_it_builds_an_ahp_method_in_two_steps(sites: dict[str, Any]) -> None:
    client = Client()
    client.force_login(sites["editor"])
    step1 = {"name": "Potential", "city": sites["klaipeda"].pk, "aggregation": "topsis", "normalisation": "vector",
             "weighting": "ahp", "use_gross_floor_area_m2": "on", "use_condition": "on", "use_centre_m": "on"}
    page = client.post("/spaces/methods/new/", step1)
    assert page.status_code == 200 and 'id="ahp-step"' in page.content.decode()
    bad = {**step1, "compare": "1", "ahp_gross_floor_area_m2__condition": "9", "ahp_gross_floor_area_m2__centre_m":
           "1/9", "ahp_condition__centre_m": "9"}
    refused = client.post("/spaces/methods/new/", bad)
    assert refused.status_code == 400 and "CR = " in refused.content.decode()
    good = {**bad, "ahp_gross_floor_area_m2__centre_m": "5", "ahp_condition__centre_m": "3",
            "ahp_gross_floor_area_m2__condition": "3"}
    saved = client.post("/spaces/methods/new/", good)
    assert saved.status_code == 302
    method = Method.objects.get(name="Potential")
    assert method.weight_source == "ahp" and method.consistency_ratio < 0.1
    run = client.post(f"/spaces/methods/{method.pk}/run/")
    assert run.status_code == 302
    ranking = client.get(run["Location"]).content.decode()
    assert "Central good hall" in ranking and 'id="ranking"' in ranking


def test_it_lets_only_the_citys_editor_change_preinvestment_parameters(sites: dict[str, Any]) -> None:
    url = "/spaces/parameters/klaipeda/"
    public = Client().get(url)
    assert public.status_code == 200 and 'id="parameters"' in public.content.decode()
    tartu = Client()
    tartu.force_login(sites["other"])
    assert tartu.post(url, {"public_share_pct": "99"}).status_code == 403
    editor = Client()
    editor.force_login(sites["editor"])
    form = {"currency": "EUR", "heritage_surcharge_pct": "20", "remediation_surcharge_pct": "10",
            "public_share_pct": "150", "market_rent_m2_month": "9", "affordable_rent_m2_month": "4.5",
            "occupancy_pct": "80", "operating_cost_m2_year": "18", "horizon_years": "20", "discount_rate_pct": "4",
            "sources": "City budget 2024", "cost_good": "300", "cost_fair": "700", "cost_poor": "1200",
            "cost_ruin": "1900"}
    assert editor.post(url, form).status_code == 400
    assert editor.post(url, {**form, "public_share_pct": "55"}).status_code == 302
    from creativepoles.spaces.models import PreInvestmentParameters

    saved = PreInvestmentParameters.objects.get(city=sites["klaipeda"])
    assert str(saved.public_share_pct) == "55.00" and Decimal(saved.unit_costs["poor"]) == Decimal("1200")
