"""The learning part of a city's story: training sessions held in the city (members of the city see them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.formatting import format_quantity
from creativepoles.core.story import StoryStep
from creativepoles.learning.models import TrainingSession


def story_steps(city: Any, user: Any) -> list[StoryStep]:
    """Sessions of the city the user may see, with their hours; nothing for those who see none (the public)."""
    if not getattr(user, "is_authenticated", False):
        return []
    totals = TrainingSession.objects.for_user(user).filter(city=city).aggregate(
        n=Count("pk"), hours=Sum("duration_hours"))
    if not totals["n"]:
        return []  # a member of another city sees none: the step would only say "0" about what they cannot see
    return [StoryStep(
        position=55, kind="training-session", label=_("training sessions held"), count=totals["n"],
        url=reverse("learning:session-list") + f"?city={city.slug}", members_only=True,
        explanation=_("%(hours)s hours of training from the programme's packages, counted toward the "
                      "consulting and training indicator.") % {
            "hours": format_quantity(totals["hours"] or Decimal(0))})]
