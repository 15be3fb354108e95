"""Every write to cities, organisations and memberships."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes, plain
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import City, Membership, Organisation, Role, record_audit
from creativepoles.core.scoping import scope_for

ORGANISATION_FIELDS = ("name", "name_en", "kind", "city", "website", "description", "is_public")
EDIT_ROLES = (Role.CITY_EDITOR,)


def _require_city(actor: Any, city: City | None) -> None:
    if not scope_for(actor).can_change_city(city.pk if city else None, EDIT_ROLES):
        raise NotInScope(_("You cannot write data of this city."), field="city")


@transaction.atomic
def create_organisation(actor: Any, **data: Any) -> Organisation:
    """Create an organisation in a city the actor edits."""
    _require_city(actor, data.get("city"))
    org = Organisation(**{k: v for k, v in data.items() if k in ORGANISATION_FIELDS})
    org.full_clean()
    org.save()
    record_audit(actor, "create", org, {k: plain(getattr(org, k)) for k in ORGANISATION_FIELDS})
    return org


@transaction.atomic
def update_organisation(actor: Any, org: Organisation, **data: Any) -> Organisation:
    """Change an organisation; moving it to another city needs rights in both."""
    _require_city(actor, org.city)
    changes = apply_changes(org, data, ORGANISATION_FIELDS)
    if "city" in changes:
        _require_city(actor, org.city)
    org.full_clean()
    org.save()
    if changes:
        record_audit(actor, "update", org, changes)
    return org


def _dependent_kinds(org: Organisation) -> list[str]:
    """Names of the kinds of record that point at this organisation (other apps' included)."""
    kinds = []
    for relation in Organisation._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.is_relation):
            continue
        field = relation.remote_field  # type: ignore[union-attr]
        # Historical copies (django-simple-history) point without a constraint: they are history, not use.
        if relation.related_model is Membership or not getattr(field, "db_constraint", True):
            continue
        model = relation.related_model
        if model._base_manager.filter(**{field.name: org}).exists():  # type: ignore[union-attr]
            kinds.append(str(model._meta.verbose_name_plural))  # type: ignore[union-attr]
    return sorted(set(kinds))


def refuse_deleting_organisation_in_use(org: Organisation) -> None:
    """Refuse to delete the coordinating organisation or one that members or other records depend on."""
    # A soft-deleted organisation takes its members' rights with it (scoping skips it), so the
    # coordinating one would end every network-wide right and a partner's would cut off its editors.
    if org.coordinates_network:
        raise DomainError(_("This organisation coordinates the network and cannot be deleted. "
                            "Hand coordination to another organisation first."))
    if org.memberships.exists():
        raise DomainError(_("This organisation has members and cannot be deleted. Remove their roles first."))
    kinds = _dependent_kinds(org)
    if kinds:
        raise DomainError(_("This organisation cannot be deleted while it has %(records)s.")
                          % {"records": ", ".join(kinds)})


@transaction.atomic
def delete_organisation(actor: Any, org: Organisation) -> None:
    """Soft-delete: the organisation disappears but its history stays; refused while it is in use."""
    _require_city(actor, org.city)
    refuse_deleting_organisation_in_use(org)
    org.deleted_at = timezone.now()
    org.save(update_fields=["deleted_at"])
    record_audit(actor, "delete", org)


@transaction.atomic
def grant_role(actor: Any, user: Any, organisation: Organisation, role: str) -> Membership:
    """Give a user a role in an organisation; only programme managers grant roles."""
    if not scope_for(actor).everything:
        raise NotInScope(_("Only programme managers grant roles."))
    membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    record_audit(actor, "grant", membership, {"role": role, "user": user.pk})
    return membership


@transaction.atomic
def hand_over_coordination(actor: Any, organisation: Organisation) -> Organisation:
    """Make this organisation the coordinating (lead) one; the flag moves from the previous one, never vanishes."""
    if not scope_for(actor).everything:
        raise NotInScope(_("Only programme managers of the coordinating organisation hand coordination over."))
    if organisation.deleted_at is not None:
        raise DomainError(_("A deleted organisation cannot coordinate the network."))
    # Without a programme manager in the new lead nobody would hold network-wide rights afterwards.
    if not organisation.memberships.filter(role=Role.PROGRAMME_MANAGER).exists():
        raise DomainError(_("The organisation needs a programme manager before it can coordinate the network."))
    previous = list(Organisation.objects.select_for_update().filter(coordinates_network=True).exclude(pk=organisation.pk))
    for old in previous:
        old.coordinates_network = False
        old.save(update_fields=["coordinates_network", "updated_at"])
    organisation.coordinates_network = True
    organisation.save(update_fields=["coordinates_network", "updated_at"])
    record_audit(actor, "hand_over_coordination", organisation, {"from": [old.pk for old in previous]})
    return organisation
