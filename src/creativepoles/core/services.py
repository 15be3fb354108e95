"""Every write to cities, organisations and memberships."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes, plain
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import City, Membership, Organisation, record_audit
from creativepoles.core.permissions import ADD, CHANGE, DELETE, could, forget_scope, require

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


SIX_PLACES = Decimal("0.000001")


def _coordinate(value: Any, field_name: str) -> Decimal:
    """A coordinate given as text or number, quantised to the six places City stores."""
    try:
        return Decimal(str(value).strip()).quantize(SIX_PLACES, rounding=ROUND_HALF_EVEN)
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("%(value)s is not a number.") % {"value": value}, field_name) from exc


def _domain_error(exc: ValidationError) -> DomainError:
    """One DomainError naming the first bad field and listing every problem."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    text = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
    first = next(iter(errors))
    return DomainError(text, None if first == "__all__" else first)


@transaction.atomic
def add_city(slug: str, name: str, name_en: str, country: str, lat: Any, lon: Any, time_zone: str,
             population: int | None = None, nuts3: str = "", *, actor: Any = None) -> City:
    """Create a city outside the partner network (is_partner False), e.g. one replicating the method."""
    # Cities are changed by programme managers only; None is the trusted system (the command).
    if actor is not None and not could(actor, ADD, City):
        raise NotInScope(_("Only programme managers add cities."), "slug")
    city = City(
        slug=slug, name=name, name_en=name_en, country=country.strip().upper(), nuts3=nuts3.strip().upper(),
        latitude=_coordinate(lat, "latitude"), longitude=_coordinate(lon, "longitude"), time_zone=time_zone,
        population=population, is_partner=False,
    )
    try:
        city.full_clean()
    except ValidationError as exc:
        raise _domain_error(exc) from exc
    city.save()
    record_audit(actor, "add_city", city, {"slug": slug, "country": city.country,
                                           "latitude": str(city.latitude), "longitude": str(city.longitude)})
    return city
