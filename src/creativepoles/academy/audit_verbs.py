"""How the academy's audit verbs read in the history."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register() -> None:
    """Name the academy's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "create_academy_edition": _("Opened the academy edition %(record)s"),
        "update_academy_edition": _("Changed the academy edition %(record)s"),
        "apply_academy": _("Applied to the academy: %(record)s"),
        "update_academy_application": _("Changed the academy application %(record)s"),
        "withdraw_academy_application": _("Withdrew the academy application %(record)s"),
        "decline_academy_place": _("Declined an academy place: %(record)s"),
        "promote_academy_applicant": _("Gave a freed academy place to %(record)s"),
        "declare_academy_conflict": _("Declared a conflict of interest for %(record)s"),
        "assign_academy_reviewers": _("Assigned reviewers for %(record)s"),
        "score_academy_application": _("Scored the academy application %(record)s"),
        "run_academy_selection": _("Ran the selection of %(record)s"),
        "override_academy_selection": _("Overrode the selection for %(record)s"),
        "announce_academy_selection": _("Announced the selection of %(record)s"),
        "form_academy_teams": _("Formed the teams of %(record)s"),
        "update_academy_team": _("Changed the team %(record)s"),
    })
