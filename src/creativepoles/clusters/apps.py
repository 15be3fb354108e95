"""Clusters app: partner profiles and suggestions, brokerage events and meetings, cluster formation, clusters."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    """Partner matching and the multilateral clusters."""

    name = "creativepoles.clusters"
    label = "clusters"
    verbose_name = _("Clusters")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Clusters"), "clusters:index")]

    def ready(self) -> None:
        from creativepoles.clusters import audit_verbs, counters
        from creativepoles.clusters import mywork as clusters_mywork
        from creativepoles.clusters.story import story_steps
        from creativepoles.core import links, mywork, story

        counters.register()
        mywork.register(clusters_mywork.sections)
        audit_verbs.register()
        links.register_city_links("clusters", counters.city_links)
        story.register("clusters", story_steps)
