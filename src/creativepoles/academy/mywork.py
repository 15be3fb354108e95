"""The academy's lines on the "My work" home page: applications still to score, and one's own applications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from creativepoles.core import mywork
from creativepoles.core.permissions import CHANGE


def sections(user: Any, today: dt.date) -> list[mywork.Section]:
    """Reviews waiting for the user's scores and the state of the user's own applications (nothing if none)."""
    from creativepoles.academy.models import Application, Review

    if not getattr(user, "is_authenticated", False):
        return []
    out = []
    pending = list(Review.objects.for_user(user, CHANGE).filter(total__isnull=True)
                   .select_related("application__edition")[:20])
    if pending:
        out.append(mywork.Section("academy-reviews", _("Academy applications to score"), [
            mywork.Item(r.application.name, url=f"/academy/reviews/{r.pk}/", detail=r.application.edition.title,
                        level="due") for r in pending], order=30))
    own = list(Application.objects.filter(applicant_id=user.pk).select_related("edition"))
    if own:
        out.append(mywork.Section("academy-applications", _("My academy applications"), [
            mywork.Item(a.edition.title, url=a.get_absolute_url(), detail=str(a.get_status_display()))
            for a in own], order=35))
    return out


def register() -> None:
    """Add the academy's provider to the home page."""
    mywork.register(sections)
