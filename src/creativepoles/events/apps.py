"""Events app: the marketing and events concept, campaigns in every city, events, registrations and feeds."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Campaigns and events."""

    name = "creativepoles.events"
    label = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Events"), "events:calendar")]

    def ready(self) -> None:
        from creativepoles.core import duejobs, links, story
        from creativepoles.events import audit_verbs, citylinks, counters, reminders, retention
        from creativepoles.events.story import story_steps

        counters.register()
        audit_verbs.register()
        links.register_city_links("events", citylinks.city_links)
        story.register("events", story_steps)
        duejobs.register("events.anonymise_registrants", retention.DESCRIPTION, retention.anonymise_due)
        duejobs.register("events.remind_registrants", reminders.DESCRIPTION, reminders.remind_due)
