"""Deleting organisations: the coordinating one, or one with members or records, is refused with a
clear message and nothing changes; the coordinating flag only moves."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from creativepoles.core import services
from creativepoles.core.demo import ensure_user
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import AuditEntry, Membership, Organisation, Role
from creativepoles.core.permissions import scope_for
from creativepoles.programme.models import Partner, Project

pytestmark = pytest.mark.django_db


def state() -> tuple[Any, ...]:
    """Everything a refused delete must leave as it was."""
    return (
        list(Organisation.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        list(Partner.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def url(org: Organisation) -> str:
    return f"/api/organisations/{org.pk}/"


def partner_of(org: Organisation) -> Partner:
    project = Project.objects.create(title="URBAN CREATIVE POLES", acronym="ucp", number="3025",
                                     start_date=dt.date(2010, 10, 1), total_amount=Decimal("1000.00"),
                                     total_currency="EUR")
    return Partner.objects.create(project=project, organisation=org, number=7)


def test_it_refuses_deleting_the_coordinating_organisation(api: APIClient, world: dict[str, Any]) -> None:
    api.force_authenticate(world["manager"])
    before = state()
    response = api.delete(url(world["lead_org"]))
    assert response.status_code == 400
    assert "coordinates the network" in response.json()["non_field_errors"][0]
    assert state() == before
    world["manager"].__dict__.pop("_poles_scope", None)
    assert scope_for(world["manager"]).network  # network-wide rights kept


def test_it_refuses_deleting_the_coordinating_organisation_even_without_members(world: dict[str, Any]) -> None:
    Membership.objects.filter(organisation=world["lead_org"]).delete()
    admin = ensure_user("admin@lead.test")
    admin.is_superuser = True
    admin.save()
    with pytest.raises(DomainError, match="coordinates the network"):
        services.delete_organisation(admin, world["lead_org"])
    world["lead_org"].refresh_from_db()
    assert world["lead_org"].deleted_at is None and world["lead_org"].coordinates_network


def test_it_refuses_deleting_an_organisation_with_members(api: APIClient, world: dict[str, Any]) -> None:
    api.force_authenticate(world["manager"])
    before = state()
    response = api.delete(url(world["k_org"]))
    assert response.status_code == 400
    assert "has members" in response.json()["non_field_errors"][0]
    assert state() == before
    world["editor"].__dict__.pop("_poles_scope", None)
    assert scope_for(world["editor"]).cities([Role.CITY_EDITOR]) == {world["klaipeda"].pk}


def test_it_refuses_deleting_a_programme_partner(api: APIClient, world: dict[str, Any]) -> None:
    partner_of(world["k_hidden"])
    api.force_authenticate(world["editor"])
    before = state()
    response = api.delete(url(world["k_hidden"]))
    assert response.status_code == 400
    assert "partners" in response.json()["non_field_errors"][0]
    assert state() == before


def test_it_shows_the_refusal_on_the_page(client: Client, world: dict[str, Any]) -> None:
    client.force_login(world["editor"])
    before = state()
    response = client.post(reverse("core:organisation-delete", args=[world["k_org"].pk]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == world["k_org"].get_absolute_url()
    assert "has members and cannot be deleted" in response.content.decode()
    assert state() == before


def test_it_deletes_an_unused_organisation(api: APIClient, world: dict[str, Any]) -> None:
    api.force_authenticate(world["editor"])
    assert api.delete(url(world["k_hidden"])).status_code == 204
    world["k_hidden"].refresh_from_db()
    assert world["k_hidden"].deleted_at is not None
    assert AuditEntry.objects.filter(verb="delete", object_id=str(world["k_hidden"].pk)).exists()


def test_it_moves_the_coordinating_flag(world: dict[str, Any]) -> None:
    Membership.objects.create(user=world["other"], organisation=world["t_org"], role=Role.PROGRAMME_MANAGER)
    services.hand_over_coordination(world["manager"], world["t_org"])
    assert list(Organisation.objects.filter(coordinates_network=True)) == [world["t_org"]]
    world["other"].__dict__.pop("_poles_scope", None)
    assert scope_for(world["other"]).network
    assert AuditEntry.objects.filter(verb="hand_over_coordination", object_id=str(world["t_org"].pk)).exists()
    # The former lead is an ordinary organisation now, still refused deletion while it has members.
    world["lead_org"].refresh_from_db()
    assert not world["lead_org"].coordinates_network
    with pytest.raises(DomainError, match="has members"):
        services.delete_organisation(world["other"], world["lead_org"])


@pytest.mark.parametrize("case", ["no manager there", "not a manager", "deleted"])
def test_it_never_lets_the_coordinating_flag_vanish(world: dict[str, Any], case: str) -> None:
    target, actor = world["t_org"], world["manager"]
    if case == "not a manager":
        Membership.objects.create(user=world["other"], organisation=target, role=Role.PROGRAMME_MANAGER)
        actor = world["editor"]
    elif case == "deleted":
        Membership.objects.create(user=world["other"], organisation=target, role=Role.PROGRAMME_MANAGER)
        Organisation.objects.filter(pk=target.pk).update(deleted_at=world["lead_org"].created_at)
        target.refresh_from_db()
    before = state()
    with pytest.raises((DomainError, NotInScope)):
        services.hand_over_coordination(actor, target)
    assert state() == before
    assert list(Organisation.objects.filter(coordinates_network=True)) == [world["lead_org"]]


def test_it_keeps_the_admin_from_deleting_or_unticking(client: Client, world: dict[str, Any]) -> None:
    admin = ensure_user("admin@lead.test")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client.force_login(admin)
    page = client.get(reverse("admin:core_organisation_change", args=[world["lead_org"].pk]))
    assert page.status_code == 200 and 'name="coordinates_network"' not in page.content.decode()
    assert client.post(reverse("admin:core_organisation_delete", args=[world["t_org"].pk]),
                       {"post": "yes"}).status_code == 403
    assert Organisation.objects.filter(pk=world["t_org"].pk).exists()
    Membership.objects.create(user=world["other"], organisation=world["t_org"], role=Role.PROGRAMME_MANAGER)
    client.post(reverse("admin:core_organisation_changelist"),
                {"action": "hand_over_coordination", "_selected_action": [world["t_org"].pk]})
    assert list(Organisation.objects.filter(coordinates_network=True)) == [world["t_org"]]
