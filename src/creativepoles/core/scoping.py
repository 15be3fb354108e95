"""Permission scoping in one place: who may see or change rows of which city."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Self, TypeVar

from django.db import models
from django.db.models import Q

VIEW = "view"
CHANGE = "change"


@dataclass(frozen=True)
class Scope:
    """What one user reaches: everything, or the cities of their memberships by role."""

    authenticated: bool = False
    everything: bool = False
    cities_by_role: dict[str, frozenset[int]] = field(default_factory=dict)
    organisations_by_role: dict[str, frozenset[int]] = field(default_factory=dict)

    def member_cities(self) -> frozenset[int]:
        """Cities where the user holds any role."""
        out: frozenset[int] = frozenset()
        for ids in self.cities_by_role.values():
            out |= ids
        return out

    def cities_for_roles(self, roles: Iterable[str]) -> frozenset[int]:
        """Cities where the user holds one of these roles."""
        out: frozenset[int] = frozenset()
        for role in roles:
            out |= self.cities_by_role.get(role, frozenset())
        return out

    def organisations_for_roles(self, roles: Iterable[str] | None = None) -> frozenset[int]:
        """Organisations where the user holds one of these roles (any role when None)."""
        out: frozenset[int] = frozenset()
        for role, ids in self.organisations_by_role.items():
            if roles is None or role in roles:
                out |= ids
        return out

    def can_change_organisation(self, organisation_id: int | None, roles: Iterable[str]) -> bool:
        """True when the user may write data that belongs to this organisation (a partner's money)."""
        return self.everything or (organisation_id is not None
                                   and organisation_id in self.organisations_for_roles(list(roles)))

    def can_change_city(self, city_id: int | None, roles: Iterable[str]) -> bool:
        """True when the user may write data of this city."""
        return self.everything or (city_id is not None and city_id in self.cities_for_roles(roles))


def scope_for(user: Any) -> Scope:
    """Compute (and cache on the user object) the scope of a user."""
    if user is None or not user.is_authenticated:
        return Scope()
    cached = getattr(user, "_poles_scope", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from creativepoles.core.models import Membership, Role

    if user.is_superuser:
        scope = Scope(authenticated=True, everything=True)
    else:
        by_role: dict[str, set[int]] = {}
        orgs_by_role: dict[str, set[int]] = {}
        everything = False
        rows = Membership.objects.filter(user=user, organisation__deleted_at__isnull=True).values_list(
            "role", "organisation__city_id", "organisation_id", "organisation__coordinates_network"
        )
        for role, city_id, organisation_id, coordinator in rows:
            # Network-wide rights belong to the programme managers of the coordinating (lead) organisation.
            if role == Role.PROGRAMME_MANAGER and coordinator:
                everything = True
            by_role.setdefault(role, set()).add(city_id)
            orgs_by_role.setdefault(role, set()).add(organisation_id)
        scope = Scope(
            authenticated=True,
            everything=everything,
            cities_by_role={k: frozenset(v) for k, v in by_role.items()},
            organisations_by_role={k: frozenset(v) for k, v in orgs_by_role.items()},
        )
    user._poles_scope = scope
    return scope


M = TypeVar("M", bound=models.Model)


class ScopedQuerySet(models.QuerySet[M], Generic[M]):
    """A queryset that knows how its rows belong to a city and when they are public.

    Subclasses set `city_path` (lookup to the City id), `public_q` (rows anyone may see, or None),
    `member_roles_view` (roles whose own-city rows are visible) and `change_roles`.
    """

    city_path: str = "city"
    # When set, members reach rows through their organisation instead of their city (a partner's money).
    organisation_path: str | None = None
    public_q: Q | None = None
    member_roles_view: tuple[str, ...] | None = None  # None: any role
    change_roles: tuple[str, ...] = ("city_editor",)

    def _crosses_many(self) -> bool:
        """True when `city_path` goes through a one-to-many or many-to-many relation."""
        model: Any = self.model
        for name in self.city_path.split("__"):
            if name == "pk":
                return False
            field = model._meta.get_field(name)
            if field.one_to_many or field.many_to_many:
                return True
            if not field.is_relation:
                return False
            model = field.related_model
        return False

    def _in_cities(self, cities: frozenset[int]) -> Q:
        # Through a to-many path a plain join would repeat rows; a subquery keeps each row once.
        condition = Q(**{f"{self.city_path}__in": cities})
        if self._crosses_many():
            return Q(pk__in=self.model._default_manager.filter(condition).values("pk"))
        return condition

    def for_user(self, user: Any, action: str = VIEW) -> Self:
        """Rows this user may see (action 'view') or change (action 'change')."""
        scope = scope_for(user)
        if scope.everything:
            return self.all()
        if action not in (VIEW, CHANGE):
            raise ValueError(f"Unknown action {action!r}")
        if self.organisation_path is not None:
            roles = self.change_roles if action == CHANGE else self.member_roles_view
            organisations = scope.organisations_for_roles(roles)
            condition = Q(**{f"{self.organisation_path}__in": organisations})
            if action == VIEW and self.public_q is not None:
                condition |= self.public_q
            return self.filter(condition)
        if action == CHANGE:
            cities = scope.cities_for_roles(self.change_roles)
            return self.filter(self._in_cities(cities)) if cities else self.none()
        condition = Q(pk__in=[])
        if self.public_q is not None:
            condition |= self.public_q
        if scope.authenticated:
            roles = self.member_roles_view
            cities = scope.member_cities() if roles is None else scope.cities_for_roles(roles)
            if cities:
                condition |= self._in_cities(cities)
        return self.filter(condition)
