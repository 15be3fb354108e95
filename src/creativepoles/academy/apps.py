"""Academy app: the summer academy's call, applications, conflict-aware review, selection and teams."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    """The summer academy."""

    name = "creativepoles.academy"
    label = "academy"
    verbose_name = _("Summer academy")
    default_auto_field = "django.db.models.BigAutoField"
    nav_items = [(_("Academy"), "academy:edition-list")]

    def ready(self) -> None:
        from creativepoles.academy import audit_verbs, counters, mywork

        counters.register()
        audit_verbs.register()
        mywork.register()
