"""Core app: cities, organisations, memberships and roles, scoping, the UI shell."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Cities, organisations and the shared shell."""

    name = "creativepoles.core"
    label = "core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"
    # Shown in the main navigation; each module app declares its own entries the same way.
    nav_items = [(_("Cities"), "core:city-list"), (_("Organisations"), "core:organisation-list")]

    def ready(self) -> None:
        from creativepoles.core import checks  # noqa: F401  (registers the deployment checks)
