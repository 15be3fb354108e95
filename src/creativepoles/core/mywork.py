"""The "My work" home page: what needs doing, collected from every module through a registry.

Modules register a provider in `AppConfig.ready()`; a provider receives the user and today's date and
returns sections of items, each already scoped by the permission model (for_user / targets). Core never
imports a module: the home page only asks the registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from creativepoles.core import history


@dataclass
class Item:
    """One thing to look at: a line of text, an optional link and detail, and how urgent it is."""

    text: str
    url: str = ""
    detail: str = ""
    # "overdue" and "warning" are shown highlighted; "due" and "info" plainly.
    level: str = "info"
    city: str = ""


@dataclass
class Section:
    """A heading with its items, in the order the page shows them."""

    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    order: int = 50
    empty_text: str = ""


Provider = Callable[[Any, dt.date], list[Section]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    """Add a module's provider of home-page sections (called from AppConfig.ready())."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def sections(user: Any, today: dt.date | None = None) -> list[Section]:
    """Every registered section for this user, non-empty ones first by their order."""
    today = today or dt.date.today()
    out: list[Section] = []
    for provider in _PROVIDERS:
        out.extend(provider(user, today))
    return sorted(out, key=lambda s: (not s.items, s.order, s.key))


RECENT = 10


def core_sections(user: Any, today: dt.date) -> list[Section]:
    """Role requests waiting for the user's decision and the latest changes the user may see."""
    from creativepoles.core.models import AuditEntry, RoleRequest, RoleRequestStatus
    from creativepoles.core.permissions import CHANGE

    out = []
    waiting = list(RoleRequest.objects.for_user(user, CHANGE).filter(status=RoleRequestStatus.PENDING)
                   .select_related("organisation", "user")[:20])
    if waiting:
        url = reverse("core:role-request-list")
        out.append(Section("role-requests", str(_("Role requests waiting for you")), [
            Item(str(_("%(person)s asks to be %(role)s") % {"person": history.readable_person(r.user, user),
                                                              "role": r}), url, level="due")
            for r in waiting], order=5))
    entries = AuditEntry.objects.for_user(user).select_related("actor")[:RECENT]
    lines = history.readable(entries, user)
    out.append(Section("recent", str(_("Recent changes in your city and organisation")), [
        Item(line.sentence, detail=f"{line.who} · {line.when}") for line in lines
    ], order=90, empty_text=str(_("No changes yet."))))
    return out


register(core_sections)
