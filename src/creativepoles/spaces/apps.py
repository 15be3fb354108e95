"""Spaces app: vacant-building inventory, OSM import, accessibility, assessment, pre-investment, dossiers."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    """Vacant spaces and their assessment."""

    name = "creativepoles.spaces"
    label = "spaces"
    verbose_name = _("Spaces")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Spaces"), "spaces:site-list")]

    def ready(self) -> None:
        from creativepoles.core import links, story
        from creativepoles.spaces import audit_verbs, citylinks, counters
        from creativepoles.spaces.story import story_steps

        counters.register()
        audit_verbs.register()
        links.register_city_links("spaces", citylinks.city_links)
        story.register("spaces", story_steps)
