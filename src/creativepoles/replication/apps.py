"""Replication app: onboarding a city from its open data, and method packages for replicating networks."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReplicationConfig(AppConfig):
    """Onboarding of new cities and the exchange of methods between instances."""

    name = "creativepoles.replication"
    label = "replication"
    verbose_name = _("Replication")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from creativepoles.core import links
        from creativepoles.replication import audit_verbs, citylinks

        audit_verbs.register()
        audit_verbs.register_package_verbs()
        links.register_city_links("replication", citylinks.city_links)
