"""How the programme's audit verbs read on the history page and the home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register() -> None:
    """Name the programme's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "sign_charter": _("Recorded a charter signature: %(record)s"),
        "update_pilot": _("Changed the pilot project %(record)s"),
        "generate_periods": _("Generated the reporting periods of %(record)s"),
        "update_timeline": _("Changed the timeline of %(record)s"),
        "set_budget_line": _("Set the budget line %(record)s"),
        "set_cofinancing": _("Changed the co-financing of %(record)s"),
        "record_indicator_value": _("Recorded an indicator value: %(record)s"),
        "add_expenditure": _("Added the expenditure item %(record)s"),
        "update_expenditure": _("Changed the expenditure item %(record)s"),
        "delete_expenditure": _("Deleted the expenditure item %(record)s"),
        "report_submitted": _("Submitted %(record)s"),
        "report_in_control": _("Took %(record)s into control"),
        "report_certified": _("Certified %(record)s"),
        "report_draft": _("Reopened %(record)s"),
    })
