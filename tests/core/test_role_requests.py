"""Asking for a role, deciding on it, and the account page's links."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from creativepoles.core import services
from creativepoles.core.demo import ensure_user
from creativepoles.core.errors import DomainError
from creativepoles.core.models import AuditEntry, Membership, Notification, Role, RoleRequest, RoleRequestStatus

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_links_the_account_page_to_two_factor_password_and_email(world: dict[str, Any]) -> None:
    html = client_for(world["outsider"]).get("/account/").content.decode()
    for url in ("/accounts/2fa/", "/accounts/password/change/", "/accounts/email/"):
        assert f'href="{url}"' in html
    assert 'href="/account/"' in html  # the header's Account link leads here
    assert Client().get("/account/").status_code == 302


def test_it_lets_a_signed_up_user_ask_and_an_editor_approve(world: dict[str, Any]) -> None:
    asker = world["outsider"]
    response = client_for(asker).post("/account/", {"organisation": world["k_org"].pk, "role": Role.VIEWER,
                                                     "message": "I run the studio"})
    assert response.status_code == 302
    request = RoleRequest.objects.get(user=asker)
    assert request.status == RoleRequestStatus.PENDING
    assert "asks to be" in client_for(world["editor"]).get("/").content.decode()
    assert client_for(world["other"]).post(f"/account/role-requests/{request.pk}/approve/").status_code == 404
    assert not Membership.objects.filter(user=asker).exists()
    response = client_for(world["editor"]).post(f"/account/role-requests/{request.pk}/approve/")
    assert response.status_code == 302
    assert Membership.objects.filter(user=asker, organisation=world["k_org"], role=Role.VIEWER).exists()
    request.refresh_from_db()
    assert request.status == RoleRequestStatus.APPROVED and request.decided_by == world["editor"]
    note = Notification.objects.get(recipient=asker)
    assert "Viewer" in note.subject and note.url == "/account/"
    assert AuditEntry.objects.filter(verb="approve_role_request").exists()
    with pytest.raises(DomainError):
        services.decide_role_request(world["editor"], request, approve=False)


def test_it_declines_without_granting(world: dict[str, Any]) -> None:
    request = services.request_role(world["outsider"], world["t_org"], Role.CONSULTANT)
    services.decide_role_request(world["manager"], request, approve=False)
    assert not Membership.objects.filter(user=world["outsider"]).exists()
    assert "declined" in Notification.objects.get(recipient=world["outsider"]).subject


def test_it_refuses_duplicates_and_anonymous_requests(world: dict[str, Any]) -> None:
    services.request_role(world["outsider"], world["k_org"], Role.VIEWER)
    with pytest.raises(DomainError):
        services.request_role(world["outsider"], world["k_org"], Role.VIEWER)
    with pytest.raises(DomainError):
        services.request_role(world["editor"], world["k_org"], Role.CITY_EDITOR)
    response = client_for(world["outsider"]).post("/account/", {"organisation": world["k_org"].pk,
                                                                "role": Role.VIEWER})
    assert response.status_code == 400 and "already asked" in response.content.decode()
    assert client_for(world["outsider"]).post("/account/", {"organisation": "x", "role": "x"}).status_code == 400
    assert RoleRequest.objects.count() == 1


def test_it_keeps_network_roles_for_the_network_managers(world: dict[str, Any]) -> None:
    lead_editor = ensure_user("editor@lead.test")
    Membership.objects.create(user=lead_editor, organisation=world["lead_org"], role=Role.CITY_EDITOR)
    request = services.request_role(world["outsider"], world["lead_org"], Role.PROGRAMME_MANAGER)
    with pytest.raises(DomainError):
        services.decide_role_request(lead_editor, request, approve=True)
    assert not Membership.objects.filter(user=world["outsider"]).exists()
    services.decide_role_request(world["manager"], request, approve=True)
    assert Membership.objects.filter(user=world["outsider"], role=Role.PROGRAMME_MANAGER).exists()


def test_it_shows_decisions_only_to_those_who_decide(world: dict[str, Any]) -> None:
    services.request_role(world["outsider"], world["k_org"], Role.VIEWER)
    assert "Approve" in client_for(world["editor"]).get("/account/role-requests/").content.decode()
    assert "Approve" not in client_for(world["other"]).get("/account/role-requests/").content.decode()
    assert client_for(world["editor"]).post("/account/role-requests/1/explode/").status_code == 404
