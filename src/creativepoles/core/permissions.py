"""The permission model, in one place: roles, actions and per-model rules.

Each scoped model declares a `Policy` once, on its queryset: for every action, which rules grant it
(public rows, members of the row's city or organisation, the row's owner, the network's managers).
Querysets (`for_user`), services (`require`), views and the API (404 outside the view scope, 403 for
a forbidden action on a visible object), form choices (`targets`) and templates (`{% can %}`) all
ask the same declaration, so a right is never written twice and the UI offers only what succeeds.

We extend our own `for_user` rather than adopt a predicate library such as `rules`: predicates answer
"may this user do X to this object", but every list page and API list needs the *queryset* answer,
and two declarations of one right are how the leaks in the old code came about. Each rule here gives
both answers from one declaration: a `Q` for querysets and a check on one (possibly unsaved) object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Self, TypeVar

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from creativepoles.core.errors import NotInScope

VIEW = "view"
ADD = "add"
CHANGE = "change"
DELETE = "delete"
# Domain actions, declared by the models that need them.
CONTROL = "control"  # take a partner report into control, certify or reopen it
AUDIT = "audit"  # read the history of writes
EVIDENCE = "evidence"  # download the private evidence kept with a record (invoices, signed lists)

ACTIONS = (VIEW, ADD, CHANGE, DELETE, CONTROL, AUDIT, EVIDENCE)


class Role(models.TextChoices):
    """What a member may do; the reach follows the member organisation (and its city)."""

    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    CITY_EDITOR = "city_editor", _("City editor")
    CONTROLLER = "controller", _("Controller")
    CONSULTANT = "consultant", _("Consultant or trainer")
    REVIEWER = "reviewer", _("Reviewer")
    VIEWER = "viewer", _("Viewer")


EDITORS = (Role.CITY_EDITOR,)
CONTROLLERS = (Role.CONTROLLER,)


@dataclass(frozen=True)
class Scope:
    """What one user reaches: the whole network, or the cities and organisations of their memberships."""

    authenticated: bool = False
    user_id: int | None = None
    network: bool = False
    cities_by_role: dict[str, frozenset[int]] = field(default_factory=dict)
    organisations_by_role: dict[str, frozenset[int]] = field(default_factory=dict)

    def cities(self, roles: Iterable[str] | None = None) -> frozenset[int]:
        """Cities where the user holds one of these roles (any role when None)."""
        return _union(self.cities_by_role, roles)

    def organisations(self, roles: Iterable[str] | None = None) -> frozenset[int]:
        """Organisations where the user holds one of these roles (any role when None)."""
        return _union(self.organisations_by_role, roles)

    @property
    def is_member(self) -> bool:
        """True for anyone with a role somewhere (or network-wide rights)."""
        return self.network or bool(self.cities_by_role)


def _union(by_role: dict[str, frozenset[int]], roles: Iterable[str] | None) -> frozenset[int]:
    wanted = None if roles is None else {str(r) for r in roles}
    out: frozenset[int] = frozenset()
    for role, ids in by_role.items():
        if wanted is None or role in wanted:
            out |= ids
    return out


def scope_for(user: Any) -> Scope:
    """Compute (and cache on the user object) the scope of a user."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, "_poles_scope", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    if user.is_superuser:
        scope = Scope(authenticated=True, user_id=user.pk, network=True)
    else:
        membership = apps.get_model("core", "Membership")
        cities: dict[str, set[int]] = {}
        organisations: dict[str, set[int]] = {}
        network = False
        rows = membership.objects.filter(user=user, organisation__deleted_at__isnull=True).values_list(
            "role", "organisation__city_id", "organisation_id", "organisation__coordinates_network"
        )
        for role, city_id, organisation_id, coordinator in rows:
            # Network-wide rights belong to the programme managers of the coordinating (lead) organisation.
            network = network or (role == Role.PROGRAMME_MANAGER and coordinator)
            cities.setdefault(role, set()).add(city_id)
            organisations.setdefault(role, set()).add(organisation_id)
        scope = Scope(
            authenticated=True, user_id=user.pk, network=network,
            cities_by_role={k: frozenset(v) for k, v in cities.items()},
            organisations_by_role={k: frozenset(v) for k, v in organisations.items()},
        )
    user._poles_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's memberships changed."""
    if user is not None and hasattr(user, "_poles_scope"):
        del user._poles_scope


# --- rules -------------------------------------------------------------------------------------------

ALL = Q()  # a rule's answer meaning "every row" (never combined with |: an empty Q would swallow the other side)


class Rule:
    """One reason a user may act on a row; `|` combines rules."""

    def q(self, scope: Scope, model: type[models.Model]) -> Q | None:
        """Rows this rule grants (ALL for every row, None for none)."""
        raise NotImplementedError

    def check(self, scope: Scope, obj: models.Model) -> bool | None:
        """Whether the rule grants this object; None when only the database can tell (a to-many path)."""
        raise NotImplementedError

    def target(self, scope: Scope, path: str) -> Q | None:
        """Condition on the object at `path` (e.g. the city a new row goes to); ALL when unconstrained."""
        raise NotImplementedError

    def possible(self, scope: Scope) -> bool:
        """Whether the rule could grant the user anything at all."""
        raise NotImplementedError

    def __or__(self, other: Rule) -> AnyOf:
        return AnyOf(*_rules(self), *_rules(other))


def _either(parts: Iterable[Q | None]) -> Q | None:
    """OR of rule answers: ALL wins, None (nothing) drops out."""
    out: Q | None = None
    for part in parts:
        if part is ALL:
            return ALL
        if part is not None:
            out = part if out is None else out | part
    return out


def _rules(rule: Rule) -> tuple[Rule, ...]:
    return rule.rules if isinstance(rule, AnyOf) else (rule,)


class AnyOf(Rule):
    """Granted when any of its rules grants."""

    def __init__(self, *rules: Rule) -> None:
        self.rules = rules

    def q(self, scope: Scope, model: type[models.Model]) -> Q | None:
        return _either(rule.q(scope, model) for rule in self.rules)

    def check(self, scope: Scope, obj: models.Model) -> bool | None:
        unknown = False
        for rule in self.rules:
            answer = rule.check(scope, obj)
            if answer:
                return True
            unknown = unknown or answer is None
        return None if unknown else False

    def target(self, scope: Scope, path: str) -> Q | None:
        return _either(rule.target(scope, path) for rule in self.rules)

    def possible(self, scope: Scope) -> bool:
        return any(rule.possible(scope) for rule in self.rules)


class Unless(Rule):
    """Granted by `rule` except on rows `exclusion` grants: four-eyes, e.g. never on the report one submitted."""

    def __init__(self, rule: Rule, exclusion: Rule) -> None:
        self.rule = rule
        self.exclusion = exclusion

    def q(self, scope: Scope, model: type[models.Model]) -> Q | None:
        granted = self.rule.q(scope, model)
        excluded = self.exclusion.q(scope, model)
        if granted is None or excluded is ALL:
            return None
        if excluded is None:
            return granted
        return ~excluded if granted is ALL else granted & ~excluded

    def check(self, scope: Scope, obj: models.Model) -> bool | None:
        granted = self.rule.check(scope, obj)
        if granted is False:
            return False
        excluded = self.exclusion.check(scope, obj)
        if excluded:
            return False
        return None if granted is None or excluded is None else True

    def target(self, scope: Scope, path: str) -> Q | None:
        return self.rule.target(scope, path)

    def possible(self, scope: Scope) -> bool:
        return self.rule.possible(scope)


class Nobody(Rule):
    """Grants nothing (an action the model does not offer)."""

    def q(self, scope: Scope, model: type[models.Model]) -> Q | None:
        return None

    def check(self, scope: Scope, obj: models.Model) -> bool | None:
        return False

    def target(self, scope: Scope, path: str) -> Q | None:
        return None

    def possible(self, scope: Scope) -> bool:
        return False


class Network(Rule):
    """The network's programme managers (of the coordinating organisation) and superusers."""

    def q(self, scope: Scope, model: type[models.Model]) -> Q | None:
        return ALL if scope.network else None

    def check(self, scope: Scope, obj: models.Model) -> bool | None:
        return scope.network

    def target(self, scope: Scope, path: str) -> Q | None:
        return ALL if scope.network else None

    def possible(self, scope: Scope) -> bool:
        return scope.network


class Everyone(Rule):
    """Anyone, anonymous visitors included, for rows matching simple lookups (`field=value`, `field__isnull=True`)."""

    def __init__(self, **lookups: Any) -> None:
        self.lookups = lookups

    def q(self, scope: Scope, model: type[models.Model]) -> Q | None:
        return Q(**self.lookups) if self.lookups else ALL

    def check(self, scope: Scope, obj: models.Model) -> bool | None:
        for lookup, expected in self.lookups.items():
            if lookup.endswith("__isnull"):
                if (_value(obj, lookup[: -len("__isnull")]) is None) != expected:
                    return False
            elif _value(obj, lookup) != expected:
                return False
        return True

    def target(self, scope: Scope, path: str) -> Q | None:
        return ALL

    def possible(self, scope: Scope) -> bool:
        return True


class SignedIn(Rule):
    """Any signed-in (hence verified) account: e.g. to start its own application."""

    def q(self, scope: Scope, model: type[models.Model]) -> Q | None:
        return ALL if scope.authenticated else None

    def check(self, scope: Scope, obj: models.Model) -> bool | None:
        return scope.authenticated

    def target(self, scope: Scope, path: str) -> Q | None:
        return ALL if scope.authenticated else None

    def possible(self, scope: Scope) -> bool:
        return scope.authenticated


class _PathRule(Rule):
    """A rule on the id found at a lookup path of the row (a city, an organisation, a user)."""

    path: str

    def ids(self, scope: Scope) -> frozenset[int]:
        raise NotImplementedError

    def q(self, scope: Scope, model: type[models.Model]) -> Q | None:
        ids = self.ids(scope)
        if not ids:
            return None
        condition = Q(**{f"{self.path}__in": ids})
        if _crosses_many(model, self.path):
            # Through a to-many path a plain join would repeat rows; a subquery keeps each row once.
            return Q(pk__in=model._default_manager.filter(condition).values("pk"))
        return condition

    def check(self, scope: Scope, obj: models.Model) -> bool | None:
        ids = self.ids(scope)
        if not ids:
            return False
        if _crosses_many(type(obj), self.path):
            return None
        return _value(obj, self.path) in ids

    def target(self, scope: Scope, path: str) -> Q | None:
        ids = self.ids(scope)
        if not ids:
            return None
        if self.path == path:
            return Q(pk__in=ids)
        if self.path.startswith(path + "__"):
            return Q(**{f"{self.path[len(path) + 2:]}__in": ids})
        return ALL

    def possible(self, scope: Scope) -> bool:
        return bool(self.ids(scope))


class CityMember(_PathRule):
    """Members of the row's city (through any organisation there) holding one of `roles` (any role when None)."""

    def __init__(self, path: str = "city", roles: Iterable[str] | None = None) -> None:
        self.path = path
        self.roles = None if roles is None else tuple(roles)

    def ids(self, scope: Scope) -> frozenset[int]:
        return scope.cities(self.roles)


class OrgMember(_PathRule):
    """Members of the row's organisation holding one of `roles` (any role when None)."""

    def __init__(self, path: str = "organisation", roles: Iterable[str] | None = None) -> None:
        self.path = path
        self.roles = None if roles is None else tuple(roles)

    def ids(self, scope: Scope) -> frozenset[int]:
        return scope.organisations(self.roles)


class Owner(_PathRule):
    """The account the row belongs to (a business plan, an application, a registration): no role needed."""

    def __init__(self, path: str = "owner") -> None:
        self.path = path

    def ids(self, scope: Scope) -> frozenset[int]:
        return frozenset([scope.user_id]) if scope.authenticated and scope.user_id is not None else frozenset()


class Assigned(Owner):
    """Accounts the row is assigned to (a consultant's clients, a reviewer's applications)."""


def _crosses_many(model: type[models.Model], path: str) -> bool:
    current: Any = model
    for name in path.split("__"):
        if name in ("pk", "id"):
            return False
        try:
            relation = current._meta.get_field(name)
        except Exception:  # noqa: BLE001 - an unknown name is the caller's bug, found by the query
            return False
        if relation.one_to_many or relation.many_to_many:
            return True
        if not relation.is_relation:
            return False
        current = relation.related_model
    return False


def _value(obj: Any, path: str) -> Any:
    """The value at a lookup path; a trailing foreign key gives its id without loading the row."""
    names = path.split("__")
    for name in names[:-1]:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    last = names[-1]
    if last == "pk":
        return obj.pk
    try:
        relation = obj._meta.get_field(last)
    except Exception:  # noqa: BLE001 - not a model field: a plain attribute
        return getattr(obj, last, None)
    if relation.many_to_one or relation.one_to_one and relation.concrete:
        return getattr(obj, relation.attname)
    return getattr(obj, last, None)


# --- policies ----------------------------------------------------------------------------------------


class Policy:
    """Who may do what to the rows of one model: a rule per action; an action not declared is refused."""

    def __init__(self, **rules: Rule) -> None:
        unknown = set(rules) - set(ACTIONS)
        if unknown:
            raise ValueError(f"Unknown actions {sorted(unknown)}")
        self.rules = rules

    def rule(self, action: str) -> Rule:
        """The rule of an action (Nobody when not declared)."""
        if action not in ACTIONS:
            raise ValueError(f"Unknown action {action!r}")
        return self.rules.get(action, Nobody())


def policy_of(model: Any) -> Policy:
    """The policy declared on a model's default queryset."""
    manager = model._default_manager
    policy = getattr(manager, "policy", None) or getattr(manager.get_queryset(), "policy", None)
    if policy is None:
        raise LookupError(f"{model._meta.label} declares no permission policy")
    return policy  # type: ignore[no-any-return]


M = TypeVar("M", bound=models.Model)


class ScopedQuerySet(models.QuerySet[M], Generic[M]):
    """A queryset whose model declares its `policy`; `for_user` keeps the rows a user may act on."""

    policy: Policy = Policy()

    def for_user(self, user: Any, action: str = VIEW) -> Self:
        """Rows this user may see (`view`) or act on with `action`."""
        condition = self.policy.rule(action).q(scope_for(user), self.model)
        if condition is None:
            return self.none()
        return self.all() if condition is ALL else self.filter(condition)


def can(user: Any, action: str, obj: models.Model) -> bool:
    """Whether the user may do `action` to this object (saved or about to be created)."""
    rule = policy_of(type(obj)).rule(action)
    scope = scope_for(user)
    answer = rule.check(scope, obj)
    if answer is not None:
        return answer
    return bool(obj.pk) and type(obj)._default_manager.for_user(user, action).filter(pk=obj.pk).exists()  # type: ignore[attr-defined]


def could(user: Any, action: str, model: Any) -> bool:
    """Whether the user may do `action` to some row of the model (e.g. whether to offer an "Add" button)."""
    return policy_of(model).rule(action).possible(scope_for(user))


def targets(user: Any, action: str, model: Any, path: str, queryset: Any) -> Any:
    """The rows of `queryset` (the model at `path`, e.g. cities) the user may attach a new or changed row to."""
    condition = policy_of(model).rule(action).target(scope_for(user), path)
    if condition is None:
        return queryset.none()
    return queryset.all() if condition is ALL else queryset.filter(condition)


def require(user: Any, action: str, obj: models.Model, message: str | None = None, field: str | None = None) -> None:
    """Raise NotInScope unless the user may do `action` to `obj`: services call this before every write."""
    if not can(user, action, obj):
        raise NotInScope(message or str(_("You may not do this.")), field=field)


def grants_network(role: str, organisation: Any) -> bool:
    """Whether holding `role` in `organisation` would give network-wide rights (see scope_for)."""
    return role == Role.PROGRAMME_MANAGER and bool(getattr(organisation, "coordinates_network", False))


def get_object_for(user: Any, action: str, queryset: Any, **lookups: Any) -> Any:
    """The object a page or endpoint acts on: 404 when the user cannot see it, 403 when they see it but may not act."""
    obj = get_object_or_404(queryset.for_user(user, VIEW), **lookups)
    if action != VIEW and not can(user, action, obj):
        raise PermissionDenied
    return obj
