"""How people are named to whom: members of the network see names, the public sees roles and organisations."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from creativepoles.core.models import Membership
from creativepoles.core.permissions import scope_for


def person_name(user: Any) -> str:
    """A member-facing name: the full name when given, else the account's e-mail address."""
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or getattr(user, "email", "") or str(user)


def public_label(user: Any) -> str:
    """The role and organisation a person acted in, never their name or address."""
    membership = (Membership.objects.filter(user=user, organisation__deleted_at__isnull=True)
                  .select_related("organisation").order_by("pk").first())
    if membership is None:
        return _("a registered user")
    return _("%(role)s, %(organisation)s") % {"role": membership.get_role_display(),
                                              "organisation": membership.organisation}


def actor_label(user: Any, viewer: Any) -> str:
    """Who acted, as `viewer` may see it: a name for members of the network, a role for everyone else."""
    if user is None:
        return "—"
    return person_name(user) if scope_for(viewer).is_member else public_label(user)
