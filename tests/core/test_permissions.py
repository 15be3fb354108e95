"""The permission module's rules: one declaration answers querysets, single objects, targets and offers alike."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from creativepoles.core.models import City, Membership, Organisation, Role
from creativepoles.core.permissions import (
    ADD,
    CHANGE,
    DELETE,
    VIEW,
    AnyOf,
    Assigned,
    CityMember,
    Everyone,
    Network,
    Owner,
    Policy,
    can,
    could,
    get_object_for,
    policy_of,
    scope_for,
    targets,
)

pytestmark = pytest.mark.django_db


def test_it_answers_the_queryset_and_the_object_alike(world: dict[str, Any]) -> None:
    users = [None, world["outsider"], world["editor"], world["other"], world["manager"]]
    organisations = list(Organisation.objects.all())
    for user in users:
        for action in (VIEW, CHANGE, DELETE):
            listed = set(Organisation.objects.for_user(user, action).values_list("pk", flat=True))
            assert listed == {o.pk for o in organisations if can(user, action, o)}, (user, action)


def test_it_hides_a_private_organisation_but_shows_it_to_its_city(world: dict[str, Any]) -> None:
    hidden = world["k_hidden"]
    assert not can(None, VIEW, hidden) and not can(world["other"], VIEW, hidden)
    assert can(world["editor"], VIEW, hidden) and can(world["manager"], VIEW, hidden)


def test_it_checks_an_unsaved_object_for_add(world: dict[str, Any]) -> None:
    new_in_klaipeda = Organisation(name="New", kind="company", city=world["klaipeda"])
    assert can(world["editor"], ADD, new_in_klaipeda)
    assert not can(world["other"], ADD, new_in_klaipeda)
    assert not can(None, ADD, new_in_klaipeda)
    assert can(world["manager"], ADD, Organisation(name="N", kind="company", city=world["tartu"]))


def test_it_offers_add_and_targets_only_where_allowed(world: dict[str, Any]) -> None:
    assert could(world["editor"], ADD, Organisation) and not could(world["outsider"], ADD, Organisation)
    assert list(targets(world["editor"], ADD, Organisation, "city", City.objects.all())) == [world["klaipeda"]]
    assert set(targets(world["manager"], ADD, Organisation, "city", City.objects.all())) == set(City.objects.all())
    assert not targets(None, ADD, Organisation, "city", City.objects.all()).exists()


def test_it_gives_network_rights_only_to_the_coordinators_managers(world: dict[str, Any]) -> None:
    local = Membership.objects.create(user=world["outsider"], organisation=world["t_org"],
                                      role=Role.PROGRAMME_MANAGER).user
    assert not scope_for(local).network and scope_for(world["manager"]).network
    assert not can(local, CHANGE, world["k_org"])


def test_it_answers_404_when_hidden_and_403_when_visible_but_forbidden(world: dict[str, Any]) -> None:
    with pytest.raises(Http404):
        get_object_for(world["other"], CHANGE, Organisation.objects, pk=world["k_hidden"].pk)
    with pytest.raises(PermissionDenied):
        get_object_for(world["other"], CHANGE, Organisation.objects, pk=world["k_org"].pk)
    assert get_object_for(world["editor"], CHANGE, Organisation.objects, pk=world["k_org"].pk) == world["k_org"]


def test_it_lets_owners_and_assigned_accounts_reach_their_rows_without_a_role(world: dict[str, Any]) -> None:
    own = Membership.objects.get(user=world["editor"])
    assert can(world["editor"], VIEW, own) and not can(world["other"], VIEW, own)
    assert set(Membership.objects.for_user(world["editor"])) == {own}
    rule = Assigned("user")
    assert rule.check(scope_for(world["editor"]), own) and not rule.check(scope_for(None), own)
    assert Owner("user").q(scope_for(None), Membership) is None


def test_it_keeps_each_row_once_through_a_to_many_path(world: dict[str, Any]) -> None:
    # A city with two organisations of the same member: the subquery must not repeat the city.
    Organisation.objects.create(name="Second", kind="company", city=world["klaipeda"])
    rule = CityMember("organisations__city")
    condition = rule.q(scope_for(world["editor"]), City)
    assert condition is not None
    assert list(City.objects.filter(condition)) == [world["klaipeda"]]
    assert rule.check(scope_for(world["editor"]), world["klaipeda"]) is None  # only the database can tell


def test_it_refuses_undeclared_actions_and_unknown_ones() -> None:
    policy = Policy(view=Everyone())
    assert not policy.rule(CHANGE).possible(scope_for(None))
    with pytest.raises(ValueError):
        policy.rule("fly")
    with pytest.raises(ValueError):
        Policy(fly=Everyone())


def test_it_combines_rules_with_or(world: dict[str, Any]) -> None:
    rule = CityMember("city", [Role.CITY_EDITOR]) | Network()
    assert isinstance(rule, AnyOf) and len(rule.rules) == 2
    assert rule.check(scope_for(world["manager"]), world["t_org"])
    assert not rule.check(scope_for(world["editor"]), world["t_org"])
    assert policy_of(Organisation).rule(CHANGE).check(scope_for(world["editor"]), world["k_org"])
