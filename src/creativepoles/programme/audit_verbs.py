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
        "report_changes": _("Sent %(record)s back to the partner for changes"),
        "verify_item": _("Verified an item of %(record)s"),
        "answer_checklist": _("Answered the control checklist of %(record)s"),
        "create_claim": _("Built the claim %(record)s"),
        "record_advance_payment": _("Recorded an advance payment for %(record)s"),
        "record_fund_payment": _("Recorded a payment for %(record)s"),
        "pass_on_payment": _("Passed a payment on to the partners of %(record)s"),
        "confirm_instalment": _("Confirmed receipt of a payment for %(record)s"),
        "add_procurement": _("Registered the procurement %(record)s"),
    })
    history.register_labels({"certificates": _("certificates"), "instalments": _("instalments"),
                             "answers": _("answers"), "deduction": _("deduction")})
