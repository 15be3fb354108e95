"""Advisory app: advisory centres, business plans with a financial model and review, consultation sessions."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    """Business plans and consultation sessions."""

    name = "creativepoles.advisory"
    label = "advisory"
    verbose_name = _("Advisory")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Advisory"), "advisory:index")]

    def ready(self) -> None:
        from creativepoles.advisory import audit_verbs, citylinks, counters, mywork
        from creativepoles.advisory.story import story_steps
        from creativepoles.core import links, story
        from creativepoles.core import mywork as core_mywork

        counters.register()
        audit_verbs.register()
        core_mywork.register(mywork.advisory_sections)
        links.register_city_links("advisory", citylinks.city_links)
        story.register("advisory", story_steps)
