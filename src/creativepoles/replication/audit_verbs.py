"""How the replication module's audit verbs read in the history."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register_package_verbs() -> None:
    """Name the method package's audit verbs and change keys (called from AppConfig.ready())."""
    history.register_verbs({
        "export_method_package": _("Exported a method package from %(record)s"),
        "import_method_package": _("Imported a method package into %(record)s"),
    })
    history.register_labels({"parts": _("parts"), "instance": _("exporting instance"),
                             "created_at": _("exported on"), "imported": _("imported"), "kept": _("kept"),
                             "lines": _("report")})


def register() -> None:
    """Name the replication module's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "start_onboarding": _("Started onboarding %(record)s"),
        "finish_onboarding_step": _("Finished a step of onboarding %(record)s"),
    })
