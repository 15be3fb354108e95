"""The good-practice library: search, cited platform records, the contact form that never shows an address."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import Membership, Notification, Role
from creativepoles.learning.models import Case, CaseMessage
from creativepoles.learning.services import library as services
from creativepoles.spaces.models import Site


@pytest.fixture
def case(world: dict[str, Any]) -> Case:
    site = Site.objects.create(city=world["klaipeda"], name="Tobacco factory", latitude=Decimal("55.7"),
                               longitude=Decimal("21.1"), is_published=True)
    hidden = Site.objects.create(city=world["tartu"], name="Secret depot", latitude=Decimal("58.3"),
                                 longitude=Decimal("26.7"), is_published=False)
    return services.create_case(world["editor"], city=world["klaipeda"], organisation=world["k_org"],
                                kind="building", title="A tobacco factory becomes a culture factory",
                                context="Empty for years", method="Studios moved in floor by floor",
                                cost=Decimal("3200000"), results="Sixty firms", is_published=True,
                                cites=[{"kind": "spaces.site", "id": site.pk}, {"kind": "spaces.site", "id": hidden.pk},
                                       {"kind": "unknown.kind", "id": 1}])


def test_it_finds_cases_by_words_kind_and_city(case: Case, world: dict[str, Any]) -> None:
    services.create_case(world["other"], city=world["tartu"], organisation=world["t_org"], kind="campaign",
                         title="Open studios weekend", context="c", method="m", results="r", is_published=True)
    client = Client()
    assert "culture factory" in client.get("/learning/cases/?q=floor+by+floor").content.decode()
    assert "culture factory" not in client.get("/learning/cases/?q=weekend").content.decode()
    assert "Open studios" in client.get("/learning/cases/?kind=campaign").content.decode()
    assert "Open studios" not in client.get("/learning/cases/?city=klaipeda").content.decode()


def test_it_cites_only_records_the_reader_may_see(case: Case) -> None:
    page = Client().get(case.get_absolute_url()).content.decode()
    assert "Tobacco factory" in page
    assert "Secret depot" not in page


def test_it_passes_a_message_on_without_showing_an_address(case: Case, world: dict[str, Any]) -> None:
    Membership.objects.create(user=world["outsider"], organisation=world["k_org"], role=Role.VIEWER)
    client = Client()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "@" not in page.replace("@context", "")
    assert client.post(case.get_absolute_url(), {"name": "Jonas", "reply_to": "not-an-address",
                                                 "text": "Hi"}).status_code == 400
    response = client.post(case.get_absolute_url(), {"name": "Jonas", "reply_to": "jonas@example.test",
                                                      "text": "May we visit?"})
    assert response.status_code == 302
    assert CaseMessage.objects.get().reply_to == "jonas@example.test"
    recipients = set(Notification.objects.values_list("recipient__email", flat=True))
    assert recipients == {"editor@klaipeda.test", "outsider@example.test"}
    assert "jonas@example.test" not in Client().get(case.get_absolute_url()).content.decode()
    assert len(mail.outbox) == 0 or all("jonas" not in ",".join(m.to) for m in mail.outbox)


def test_it_refuses_bad_cases_and_other_cities(world: dict[str, Any]) -> None:
    base = {"kind": "pilot", "title": "T", "context": "c", "method": "m", "results": "r"}
    with pytest.raises(NotInScope):
        services.create_case(world["editor"], city=world["tartu"], organisation=world["t_org"], **base)
    with pytest.raises(DomainError):
        services.create_case(world["editor"], city=world["klaipeda"], organisation=world["t_org"], **base)
    with pytest.raises(DomainError):
        services.create_case(world["editor"], city=world["klaipeda"], organisation=world["k_org"],
                             cites=[{"kind": "spaces.site", "id": "1; DROP"}], **base)
    assert not Case.objects.exists()
    assert Client().get("/learning/cases/?q=%25_&kind=zzz&city=Ž").status_code == 200


def test_it_lists_a_citys_cases_on_its_page_without_home_page_queries(case: Case, world: dict[str, Any],
                                                                      django_assert_num_queries: Any) -> None:
    from creativepoles.core import links

    with django_assert_num_queries(0):
        headlines = links.city_links([world["klaipeda"]], None, full=False)
    assert all("/learning/" not in link.url for link in headlines[world["klaipeda"].pk])
    page = Client().get(world["klaipeda"].get_absolute_url()).content.decode()
    assert case.get_absolute_url() in page
    services.update_case(world["editor"], case, is_published=False)
    assert case.get_absolute_url() not in Client().get(world["klaipeda"].get_absolute_url()).content.decode()
