"""How the events module's audit verbs read in the history and on the home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register() -> None:
    """Name the events module's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "create_event": _("Added the event %(record)s"),
        "update_event": _("Changed the event %(record)s"),
        "cancel_event": _("Cancelled the event %(record)s"),
        "register": _("Registered for %(record)s"),
        "promote_registration": _("Moved a registration of %(record)s up from the waiting list"),
        "cancel_registration": _("Cancelled a registration of %(record)s"),
        "approve_registration": _("Approved a registration of %(record)s"),
        "check_in": _("Checked a registrant of %(record)s in"),
        "anonymise_registrations": _("Anonymised the registrants of %(record)s"),
        "create_campaign": _("Started the campaign %(record)s"),
        "update_campaign": _("Changed the campaign %(record)s"),
        "create_concept_version": _("Wrote the concept version %(record)s"),
        "approve_concept_version": _("Approved the concept version %(record)s"),
    })
