"""Atlas app: comparable creative-economy evidence for every city, from business registers."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtlasConfig(AppConfig):
    """Business registers, creative-economy indicators, hotspots and comparisons."""

    name = "creativepoles.atlas"
    label = "atlas"
    verbose_name = _("Atlas")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Atlas"), "atlas:index")]

    def ready(self) -> None:
        from creativepoles.atlas import audit_verbs
        from creativepoles.atlas.source import AtlasSource
        from creativepoles.atlas.story import story_steps
        from creativepoles.core import enterprises, story

        audit_verbs.register()
        enterprises.register(AtlasSource())
        story.register("atlas", story_steps)
