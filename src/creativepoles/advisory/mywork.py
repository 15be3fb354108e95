"""The advisory module's part of the home page: plans to review, plans sent back for changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from creativepoles.core.mywork import Item, Section
from creativepoles.core.permissions import CHANGE, CONTROL


def advisory_sections(user: Any, today: dt.date) -> list[Section]:
    """Submitted plans the user reviews; the user's own plans whose consultant asked for changes."""
    from creativepoles.advisory.models import BusinessPlan, PlanStatus

    if not getattr(user, "is_authenticated", False):
        return []
    out = []
    to_review = list(BusinessPlan.objects.for_user(user, CONTROL).filter(status=PlanStatus.SUBMITTED)
                     .exclude(owner=user)[:20])
    if to_review:
        out.append(Section("advisory-review", _("Business plans to review"), [
            Item(plan.title, plan.get_absolute_url(), level="due") for plan in to_review], order=20))
    sent_back = list(BusinessPlan.objects.for_user(user, CHANGE).filter(
        owner=user, status=PlanStatus.CHANGES_REQUESTED)[:20])
    if sent_back:
        out.append(Section("advisory-changes", _("Your business plans with changes requested"), [
            Item(plan.title, plan.get_absolute_url(), level="warning") for plan in sent_back], order=20))
    return out
