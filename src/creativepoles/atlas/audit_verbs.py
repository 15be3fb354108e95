"""How the atlas's audit verbs read in the history and on the home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register() -> None:
    """Name the atlas's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "import_register": _("Imported a business register into %(record)s"),
        "start_register_import": _("Started the register import %(record)s"),
        "finish_register_import": _("Finished the register import %(record)s"),
        "load_correspondence": _("Loaded a NACE correspondence table (%(record)s)"),
        "save_denominator": _("Entered the totals %(record)s"),
        "update_firm": _("Corrected the firm %(record)s"),
    })
