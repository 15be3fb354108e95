"""The account the method package commands act as (the services check and audit a person)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from creativepoles.replication.package import may_exchange


def package_actor(email: str | None) -> Any:
    """The account named by --as, or the first superuser; it must be one of the network's programme managers."""
    users = get_user_model().objects.filter(is_active=True)
    if email:
        actor = users.filter(email__iexact=email).first()
    else:
        actor = users.filter(is_superuser=True).order_by("pk").first()
    if actor is None:
        raise CommandError(_("No account to act as: give --as with a programme manager's e-mail address, or create "
                             "a superuser first (poles createsuperuser)."))
    if not may_exchange(actor):
        raise CommandError(_("%(email)s is not one of the network's programme managers.") % {"email": actor.email})
    return actor
