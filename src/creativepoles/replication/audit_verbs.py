"""How the replication module's audit verbs read in the history."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register() -> None:
    """Name the replication module's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "start_onboarding": _("Started onboarding %(record)s"),
        "finish_onboarding_step": _("Finished a step of onboarding %(record)s"),
    })
