"""How the learning module's audit verbs read in the history and on the home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register() -> None:
    """Name the learning module's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "create_package": _("Added the training package %(record)s"),
        "update_package": _("Changed the training package %(record)s"),
        "publish_package": _("Published the training package %(record)s"),
        "new_package_version": _("Started a new version of %(record)s"),
        "record_session": _("Recorded the training session %(record)s"),
        "update_session": _("Changed the training session %(record)s"),
        "add_participant": _("Registered a participant in %(record)s"),
        "mark_attendance": _("Recorded attendance in %(record)s"),
        "enrol": _("Enrolled in %(record)s"),
        "import_cartridge": _("Imported the course %(record)s"),
        "import_training_package": _("Imported the training package %(record)s from a method package"),
        "create_case": _("Added the good-practice case %(record)s"),
        "update_case": _("Changed the good-practice case %(record)s"),
    })
