"""Programme app: partners, money, reports, indicators, charter, pilots."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """Programme monitoring."""

    name = "creativepoles.programme"
    label = "programme"
    verbose_name = _("Programme")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Programme"), "programme:index")]

    def ready(self) -> None:
        from creativepoles.core import links, story
        from creativepoles.programme import audit_verbs, citylinks, counters, duejobs, mywork
        from creativepoles.programme.story import story_steps

        counters.register_programme_counters()
        duejobs.register()
        audit_verbs.register()
        mywork.register()
        links.register_city_links("programme", citylinks.city_links)
        story.register("programme", story_steps)
