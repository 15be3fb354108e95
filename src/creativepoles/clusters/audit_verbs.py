"""How the clusters module's audit verbs read in the history and on the home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register() -> None:
    """Name the clusters module's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "create_profile": _("Added the partner profile %(record)s"),
        "update_profile": _("Changed the partner profile %(record)s"),
        "create_brokerage_event": _("Added the brokerage event %(record)s"),
        "update_brokerage_event": _("Changed the brokerage event %(record)s"),
        "schedule_brokerage_event": _("Scheduled the meetings of %(record)s"),
        "request_meeting": _("Requested the meeting %(record)s"),
        "answer_meeting": _("Answered the meeting request %(record)s"),
        "create_cluster": _("Founded the cluster %(record)s"),
        "update_cluster": _("Changed the cluster %(record)s"),
        "change_cluster_status": _("Changed the status of the cluster %(record)s"),
        "add_cluster_member": _("Added a member to the cluster %(record)s"),
        "remove_cluster_member": _("Removed a member from the cluster %(record)s"),
        "add_cluster_activity": _("Added an activity to the cluster %(record)s"),
    })
