"""Writes to the good-practice library: cases and messages sent through a case's contact form."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import Membership, record_audit
from creativepoles.core.notifications import notify
from creativepoles.core.permissions import ADD, CHANGE, require
from creativepoles.learning.models import Case, CaseMessage

CASE_FIELDS = ("city", "organisation", "kind", "title", "context", "method", "cost", "currency", "results", "cites",
               "is_published")


def _check_cites(cites: Any) -> None:
    ok = isinstance(cites, list) and all(
        isinstance(c, dict) and isinstance(c.get("kind"), str) and isinstance(c.get("id"), int)
        and not isinstance(c.get("id"), bool) for c in cites)
    if not ok:
        raise DomainError(_("Cited records must be a list of kinds and ids."), "cites")


def _save(case: Case) -> None:
    _check_cites(case.cites)
    if case.organisation_id and case.city_id and case.organisation.city_id != case.city_id:
        raise DomainError(_("The organisation is in another city."), "organisation")
    try:
        case.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from None
    case.save()


@transaction.atomic
def create_case(actor: Any, **data: Any) -> Case:
    """Add a case to a city the actor edits."""
    case = Case(**{k: v for k, v in data.items() if k in CASE_FIELDS})
    require(actor, ADD, case, _("You cannot add cases for this city."), "city")
    _save(case)
    record_audit(actor, "create_case", case, {"title": case.title})
    return case


@transaction.atomic
def update_case(actor: Any, case: Case, **data: Any) -> Case:
    """Change a case."""
    require(actor, CHANGE, case)
    changes = apply_changes(case, data, CASE_FIELDS)
    require(actor, CHANGE, case)
    _save(case)
    if changes:
        record_audit(actor, "update_case", case, changes)
    return case


@transaction.atomic
def contact_case(case: Case, name: str, reply_to: str, text: str) -> CaseMessage:
    """Pass a visitor's message to the case's organisation without showing anyone's address publicly."""
    message = CaseMessage(case=case, name=name, reply_to=reply_to, text=text)
    try:
        message.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from None
    message.save()
    members = {m.user for m in Membership.objects.filter(organisation=case.organisation_id).select_related("user")}
    notify(members, _("A message about the case %(case)s") % {"case": case.title},
           _("%(name)s (%(address)s) writes:\n\n%(text)s") % {"name": name, "address": reply_to, "text": text},
           case.get_absolute_url(), kind="learning_case_message")
    return message
