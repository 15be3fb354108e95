"""How the advisory module's audit verbs read in the history and on the home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register() -> None:
    """Name the advisory module's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "create_plan": _("Started the business plan %(record)s"),
        "update_plan": _("Changed the business plan %(record)s"),
        "write_plan_section": _("Wrote a section of the business plan %(record)s"),
        "set_plan_financials": _("Changed the financials of the business plan %(record)s"),
        "submit_plan": _("Submitted the business plan %(record)s for review"),
        "comment_on_plan": _("Commented on the business plan %(record)s"),
        "review_plan": _("Reviewed the business plan %(record)s"),
        "delete_plan": _("Deleted the business plan %(record)s"),
        "record_session": _("Recorded the consultation session %(record)s"),
        "update_session": _("Changed the consultation session %(record)s"),
        "delete_session": _("Deleted the consultation session %(record)s"),
    })
