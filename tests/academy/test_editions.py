"""Opening and changing an edition: the host city's editors and the managers, a venue from the spaces inventory."""

from __future__ import annotations

import re
from typing import Any

import pytest

from creativepoles.academy import services
from creativepoles.academy.models import Edition
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.spaces.models import Site

pytestmark = pytest.mark.django_db

FORM = {"title": "Academy 2028", "year": "2028", "starts_on": "2028-07-03", "ends_on": "2028-07-14",
        "capacity": "20", "deadline_date": "2028-03-31", "deadline_time": "23:59", "max_age": "30",
        "max_years_since_founding": "5", "rubric": "idea | Idea | 3 | 10\nportfolio | Portfolio | 1 | 5",
        "country_rules": "lt | 2 | 6\nEE | 1 |", "disagreement_threshold": "20", "call_en": "Come.",
        "call_lt": "Atvykite.", "is_published": "on"}


def test_it_lets_the_host_city_editor_open_an_edition_only_in_their_city(world: dict[str, Any], client: Any) -> None:
    k, t = world["klaipeda"], world["tartu"]
    site = Site.objects.create(city=k, name="Linen mill", latitude=k.latitude, longitude=k.longitude)
    away = Site.objects.create(city=t, name="Depot", latitude=t.latitude, longitude=t.longitude, is_published=True)
    client.force_login(world["editor"])
    page = client.get("/academy/new/").content.decode()
    select = re.search(r'<select name="city".*?</select>', page, re.S)
    assert select is not None
    assert set(re.findall(r'<option value="(\d+)"', select.group(0))) == {str(k.pk)}
    assert "Linen mill" in page
    response = client.post("/academy/new/", {**FORM, "city": t.pk})
    assert response.status_code == 400 and not Edition.objects.exists()
    response = client.post("/academy/new/", {**FORM, "city": k.pk, "venue_site_id": away.pk})
    assert response.status_code == 400 and "Choose a site of the host city." in response.content.decode()
    response = client.post("/academy/new/", {**FORM, "city": k.pk, "venue_site_id": site.pk})
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert edition.rubric == [{"code": "idea", "label": "Idea", "weight": 3.0, "scale": 10},
                              {"code": "portfolio", "label": "Portfolio", "weight": 1.0, "scale": 5}]
    assert edition.country_rules == [{"country": "LT", "minimum": 2, "maximum": 6},
                                     {"country": "EE", "minimum": 1, "maximum": None}]
    assert edition.call_texts == {"en": "Come.", "lt": "Atvykite."}
    assert edition.venue_site_id == site.pk
    detail = client.get(edition.get_absolute_url()).content.decode()
    assert f'href="/spaces/sites/{site.pk}/"' in detail
    client.force_login(world["outsider"])
    assert client.get("/academy/new/").status_code == 403
    client.force_login(world["other"])
    # Published, so Tartu's editor sees it, but may not change it.
    assert client.get(f"/academy/{edition.pk}/edit/").status_code == 403
    assert client.post(f"/academy/{edition.pk}/edit/", {**FORM, "city": t.pk}).status_code == 403


def test_it_refuses_bad_rubrics_and_rules_with_field_errors(world: dict[str, Any], client: Any) -> None:
    client.force_login(world["editor"])
    k = world["klaipeda"]
    for field, value in (("rubric", "idea | Idea | three | 10"), ("rubric", ""), ("country_rules", "LT | x"),
                         ("country_rules", "LT | 3 | 1"), ("rubric", "a | A | 1 | 10\na | B | 1 | 10"),
                         ("ends_on", "2028-07-01")):
        response = client.post("/academy/new/", {**FORM, "city": k.pk, field: value})
        assert response.status_code == 400, (field, value)
    assert not Edition.objects.exists()


def test_changing_the_host_city_needs_rights_there(world: dict[str, Any]) -> None:
    edition = services.create_edition(
        world["editor"], title="A", year=2028, city=world["klaipeda"], starts_on="2028-07-01", ends_on="2028-07-02",
        capacity=5, deadline_date="2028-03-01", rubric=[{"code": "a", "label": "A", "weight": 1, "scale": 5}])
    with pytest.raises(NotInScope):
        services.update_edition(world["editor"], edition, city=world["tartu"])
    with pytest.raises(NotInScope):
        services.create_edition(world["outsider"], title="B", year=2028, city=world["klaipeda"])
    services.update_edition(world["manager"], Edition.objects.get(pk=edition.pk), capacity=7)
    assert Edition.objects.get(pk=edition.pk).capacity == 7
    with pytest.raises(DomainError):
        services.update_edition(world["manager"], Edition.objects.get(pk=edition.pk), capacity=0)
