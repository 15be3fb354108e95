"""Every write to cities, organisations and memberships."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes, plain
from creativepoles.core.errors import DomainError, NotInScope, domain_error_from
from creativepoles.core.models import (
    City,
    Membership,
    Organisation,
    Role,
    RoleRequest,
    RoleRequestStatus,
    record_audit,
)
from creativepoles.core.notifications import notify
from creativepoles.core.permissions import ADD, CHANGE, DELETE, could, forget_scope, grants_network, require

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
    _require(actor, DELETE, org)
    refuse_deleting_organisation_in_use(org)
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


@transaction.atomic
def hand_over_coordination(actor: Any, organisation: Organisation) -> Organisation:
    """Make this organisation the coordinating (lead) one; the flag moves from the previous one, never vanishes."""
    # Handing over coordination hands over network-wide rights: those who may grant roles may do it.
    require(actor, ADD, Membership(organisation=organisation, role=Role.PROGRAMME_MANAGER),
            _("Only programme managers of the coordinating organisation hand coordination over."))
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


@transaction.atomic
def request_role(actor: Any, organisation: Organisation, role: str, message: str = "") -> RoleRequest:
    """Ask for a role in an organisation the actor can see; one open request per organisation and role."""
    request = RoleRequest(user=actor if getattr(actor, "is_authenticated", False) else None,
                          organisation=organisation, role=role, message=message)
    require(actor, ADD, request, _("Sign in to ask for a role."))
    if not Organisation.objects.for_user(actor).alive().filter(pk=organisation.pk).exists():
        raise DomainError(_("Choose an organisation from the list."), "organisation")
    if Membership.objects.filter(user=actor, organisation=organisation, role=role).exists():
        raise DomainError(_("You already have this role in this organisation."), "role")
    if RoleRequest.objects.filter(user=actor, organisation=organisation, role=role,
                                  status=RoleRequestStatus.PENDING).exists():
        raise DomainError(_("You have already asked for this role; it waits for a decision."), "role")
    try:
        request.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from error
    request.save()
    record_audit(actor, "request_role", request, {"role": role})
    return request


@transaction.atomic
def decide_role_request(actor: Any, request: RoleRequest, approve: bool) -> RoleRequest:
    """Approve (granting the membership) or decline a pending role request, and tell the requester."""
    request = RoleRequest.objects.select_for_update().select_related("organisation", "user").get(pk=request.pk)
    require(actor, CHANGE, request, _("You may not decide on this request."))
    if request.status != RoleRequestStatus.PENDING:
        raise DomainError(_("This request has already been decided."))
    if approve:
        # A role that reaches the whole network is granted only by those who may grant any role.
        membership = Membership(user=request.user, organisation=request.organisation, role=request.role)
        if grants_network(request.role, request.organisation):
            require(actor, ADD, membership, _("Only programme managers grant this role."))
        Membership.objects.get_or_create(user=request.user, organisation=request.organisation, role=request.role)
        forget_scope(request.user)
    old = request.status
    request.status = RoleRequestStatus.APPROVED if approve else RoleRequestStatus.DECLINED
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.save(update_fields=["status", "decided_at", "decided_by"])
    record_audit(actor, "approve_role_request" if approve else "decline_role_request", request,
                 {"status": [old, request.status]})
    values = {"role": request.get_role_display(), "organisation": request.organisation}
    subject = (_("You are now %(role)s at %(organisation)s") if approve
               else _("Your request to be %(role)s at %(organisation)s was declined")) % values
    notify([request.user], subject, subject, url=reverse("core:account"), kind="core.role_request")
    return request
