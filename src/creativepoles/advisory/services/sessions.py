"""Every write to consultation sessions, and who may be named as consultant or client."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from creativepoles.advisory.models import BusinessPlan, ConsultationSession
from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import Membership, Organisation, OrganisationKind, record_audit
from creativepoles.core.permissions import ADD, CHANGE, DELETE, Role, require, targets

SESSION_FIELDS = ("date", "duration_hours", "city", "centre", "topic", "mode", "notes", "evidence")


def consultant_memberships() -> QuerySet[Membership]:
    """Consultants of advisory centres, with their centre: those a client may ask to review a plan."""
    return (Membership.objects.filter(role=Role.CONSULTANT, organisation__kind=OrganisationKind.ADVISORY_CENTRE,
                                      organisation__deleted_at__isnull=True)
            .select_related("user", "organisation", "organisation__city"))


def centres_for(user: Any) -> QuerySet[Organisation]:
    """Advisory centres where the user may record sessions."""
    return targets(user, ADD, ConsultationSession, "centre",  # type: ignore[no-any-return]
                   Organisation.objects.alive().filter(kind=OrganisationKind.ADVISORY_CENTRE))


def clients_of(user: Any) -> QuerySet[Any]:
    """The entrepreneurs whose plans the user reviews (their clients)."""
    owners = BusinessPlan.objects.filter(adviser=user).values("owner")
    return get_user_model().objects.filter(pk__in=owners).order_by("email")  # type: ignore[no-any-return]


def _save(actor: Any, session: ConsultationSession, clients: Any) -> None:
    try:
        session.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from None
    session.save()
    if clients is not None:
        allowed = set(clients_of(session.adviser).values_list("pk", flat=True)) if session.adviser else set()
        wanted = [c for c in clients if c.pk in allowed or c.pk == getattr(session.adviser, "pk", None)]
        if len(wanted) != len(list(clients)):
            raise DomainError(_("Only the consultant's own clients can be named."), "clients")
        session.clients.set(wanted)


@transaction.atomic
def record_session(actor: Any, clients: Any = None, **data: Any) -> ConsultationSession:
    """Record a session given by the actor at one of their centres; its hours count for the session's city."""
    session = ConsultationSession(adviser=actor if getattr(actor, "is_authenticated", False) else None,
                                  **{k: v for k, v in data.items() if k in SESSION_FIELDS})
    require(actor, ADD, session, _("You cannot record sessions of this centre."), "centre")
    _save(actor, session, clients)
    record_audit(actor, "record_session", session, {"hours": str(session.duration_hours),
                                                    "city": session.city_id})
    return session


@transaction.atomic
def update_session(actor: Any, session: ConsultationSession, clients: Any = None, **data: Any) -> ConsultationSession:
    """Correct a session's facts."""
    require(actor, CHANGE, session)
    changes = apply_changes(session, data, SESSION_FIELDS)
    require(actor, ADD, session, _("You cannot record sessions of this centre."), "centre")
    _save(actor, session, clients)
    if changes:
        record_audit(actor, "update_session", session, changes)
    return session


@transaction.atomic
def delete_session(actor: Any, session: ConsultationSession) -> None:
    """Remove a session recorded by mistake (its hours leave the indicator)."""
    require(actor, DELETE, session)
    record_audit(actor, "delete_session", session, {"hours": str(session.duration_hours)})
    session.delete()
