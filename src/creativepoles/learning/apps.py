"""Learning app: training packages and sessions, the blended-learning course, the good-practice library."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """Training, the course for replicating cities, and good practice."""

    name = "creativepoles.learning"
    label = "learning"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Learning"), "learning:index")]

    def ready(self) -> None:
        from creativepoles.core import links, story
        from creativepoles.learning import audit_verbs, citylinks, counters
        from creativepoles.learning.story import story_steps

        counters.register()
        audit_verbs.register()
        links.register_city_links("learning", citylinks.city_links)
        story.register("learning", story_steps)
