"""How the spaces module's audit verbs read in the history and on the home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


def register() -> None:
    """Name the spaces module's audit verbs in core's history (called from AppConfig.ready())."""
    history.register_verbs({
        "import_osm": _("Imported OpenStreetMap data for %(record)s"),
        "create_site": _("Added the site %(record)s"),
        "update_site": _("Changed the site %(record)s"),
        "change_site_status": _("Changed the status of the site %(record)s"),
        "delete_site": _("Deleted the site %(record)s"),
        "add_site_photo": _("Added a photo to the site %(record)s"),
        "add_site_document": _("Added a document to the site %(record)s"),
        "create_preinvestment_parameters": _("Set the pre-investment parameters of %(record)s"),
        "update_preinvestment_parameters": _("Changed the pre-investment parameters of %(record)s"),
        "create_method": _("Created the assessment method %(record)s"),
        "import_method": _("Imported the assessment method %(record)s from a method package"),
        "run_assessment": _("Ran the assessment %(record)s"),
        "copy_method": _("Copied an assessment method as %(record)s"),
        "publish_ranking": _("Published the first sites of the ranking %(record)s"),
        "compute_accessibility": _("Computed the accessibility of the sites of %(record)s"),
    })
    history.register_labels({"source_city": _("source city"), "source_version": _("version in the source city")})
