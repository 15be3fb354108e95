"""Every write to cities, organisations and memberships."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes, plain
from creativepoles.core.models import Membership, Organisation, record_audit
from creativepoles.core.permissions import ADD, CHANGE, DELETE, forget_scope, require

ORGANISATION_FIELDS = ("name", "name_en", "kind", "city", "website", "description", "is_public")


def _require(actor: Any, action: str, org: Organisation) -> None:
    require(actor, action, org, _("You cannot write data of this city."), "city")


@transaction.atomic
def create_organisation(actor: Any, **data: Any) -> Organisation:
    """Create an organisation in a city the actor edits."""
    org = Organisation(**{k: v for k, v in data.items() if k in ORGANISATION_FIELDS})
    _require(actor, ADD, org)
    org.full_clean()
    org.save()
    record_audit(actor, "create", org, {k: plain(getattr(org, k)) for k in ORGANISATION_FIELDS})
    return org


@transaction.atomic
def update_organisation(actor: Any, org: Organisation, **data: Any) -> Organisation:
    """Change an organisation; moving it to another city needs rights in both."""
    _require(actor, CHANGE, org)
    changes = apply_changes(org, data, ORGANISATION_FIELDS)
    if "city" in changes:
        _require(actor, CHANGE, org)
    org.full_clean()
    org.save()
    if changes:
        record_audit(actor, "update", org, changes)
    return org


@transaction.atomic
def delete_organisation(actor: Any, org: Organisation) -> None:
    """Soft-delete: the organisation disappears but its history stays."""
    _require(actor, DELETE, org)
    org.deleted_at = timezone.now()
    org.save(update_fields=["deleted_at"])
    record_audit(actor, "delete", org)


@transaction.atomic
def grant_role(actor: Any, user: Any, organisation: Organisation, role: str) -> Membership:
    """Give a user a role in an organisation; only programme managers grant roles."""
    require(actor, ADD, Membership(user=user, organisation=organisation, role=role),
            _("Only programme managers grant roles."))
    membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    forget_scope(user)
    record_audit(actor, "grant", membership, {"role": role, "user": user.pk})
    return membership
