"""Scoping of the organisation pages: rights, another city's editor, outsider, anonymous."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from creativepoles.core.models import AuditEntry, Organisation

pytestmark = pytest.mark.django_db


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_it_returns_403_to_another_citys_editor_on_edit(client: Client, world: dict[str, Any]) -> None:
    login(client, world["other"])
    response = client.get(reverse("core:organisation-edit", args=[world["k_org"].pk]))
    assert response.status_code == 403
    response = client.post(reverse("core:organisation-edit", args=[world["k_org"].pk]), {"name": "Hijacked"})
    assert response.status_code == 403
    world["k_org"].refresh_from_db()
    assert world["k_org"].name == "Klaipėda agency"


def test_it_lets_the_citys_editor_edit_and_records_audit(client: Client, world: dict[str, Any]) -> None:
    login(client, world["editor"])
    org = world["k_org"]
    response = client.post(
        reverse("core:organisation-edit", args=[org.pk]),
        {"name": "Klaipėda agency (renamed)", "kind": org.kind, "city": world["klaipeda"].pk, "is_public": "on"},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Klaipėda agency (renamed)"
    entry = AuditEntry.objects.get(verb="update", object_id=str(org.pk))
    assert entry.actor == world["editor"]
    assert entry.changes["name"] == ["Klaipėda agency", "Klaipėda agency (renamed)"]


def test_it_lets_the_programme_manager_edit_any_city(client: Client, world: dict[str, Any]) -> None:
    login(client, world["manager"])
    org = world["t_org"]
    response = client.post(
        reverse("core:organisation-edit", args=[org.pk]),
        {"name": "Tartu City Government", "kind": org.kind, "city": world["tartu"].pk},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Tartu City Government"
    assert org.is_public is False  # unchecked box


def test_it_refuses_moving_an_organisation_to_a_city_outside_scope(client: Client, world: dict[str, Any]) -> None:
    login(client, world["editor"])
    org = world["k_org"]
    response = client.post(
        reverse("core:organisation-edit", args=[org.pk]),
        {"name": org.name, "kind": org.kind, "city": world["tartu"].pk},
    )
    assert response.status_code == 200
    assert "city" in response.context["form"].errors
    org.refresh_from_db()
    assert org.city == world["klaipeda"]


def test_it_shows_anonymous_visitors_only_public_organisations(client: Client, world: dict[str, Any]) -> None:
    response = client.get(reverse("core:organisation-list"))
    names = [o.name for o in response.context["organisations"]]
    assert "Klaipėda agency" in names
    assert "Klaipėda private" not in names
    assert client.get(reverse("core:organisation-detail", args=[world["k_hidden"].pk])).status_code == 404
    edit = client.get(reverse("core:organisation-edit", args=[world["k_org"].pk]))
    assert edit.status_code == 302 and "/accounts/login/" in edit["Location"]


def test_it_shows_members_their_own_citys_private_organisations(client: Client, world: dict[str, Any]) -> None:
    login(client, world["editor"])
    assert client.get(reverse("core:organisation-detail", args=[world["k_hidden"].pk])).status_code == 200
    login(client, world["other"])
    assert client.get(reverse("core:organisation-detail", args=[world["k_hidden"].pk])).status_code == 404


def test_it_hides_private_organisations_from_outsiders(client: Client, world: dict[str, Any]) -> None:
    login(client, world["outsider"])
    assert client.get(reverse("core:organisation-detail", args=[world["k_hidden"].pk])).status_code == 404
    # Someone without a role is not offered the form at all, and a forged post is refused.
    assert client.get(reverse("core:organisation-create")).status_code == 403
    response = client.post(
        reverse("core:organisation-create"), {"name": "Sneaky", "kind": "company", "city": world["klaipeda"].pk}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Sneaky").exists()


def test_it_soft_deletes(client: Client, world: dict[str, Any]) -> None:
    login(client, world["editor"])
    org = world["k_hidden"]  # no members or records: the only kind that may go (test_organisation_delete)
    assert client.post(reverse("core:organisation-delete", args=[org.pk])).status_code == 302
    org.refresh_from_db()
    assert org.deleted_at is not None
    assert client.get(reverse("core:organisation-detail", args=[org.pk])).status_code == 404
    login(client, world["other"])
    assert client.post(reverse("core:organisation-delete", args=[world["k_org"].pk])).status_code == 403


def test_it_answers_htmx_with_the_partial(client: Client, world: dict[str, Any]) -> None:
    response = client.get(reverse("core:organisation-list"), {"city": "tartu"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="organisation-rows"' in body
    assert "Tartu city" in body and "Klaipėda agency" not in body


def test_it_keeps_the_list_query_count_flat(client: Client, world: dict[str, Any], django_assert_max_num_queries: Any) -> None:
    login(client, world["editor"])
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("core:organisation-list"))
    for i in range(30):
        Organisation.objects.create(name=f"Firm {i}", kind="company", city=world["klaipeda"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("core:organisation-list"))


def test_it_renders_home_city_pages_and_a_friendly_404(client: Client, world: dict[str, Any]) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert 'id="city-map-data"' in home.content.decode()
    assert home["Content-Security-Policy"].startswith("default-src 'self'")
    assert client.get(reverse("core:city-detail", args=["tartu"])).status_code == 200
    missing = client.get("/cities/atlantis/")
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()
