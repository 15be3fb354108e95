"""The programme's part of a city's story: the indicators its records feed, with the city's value of each."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.formatting import format_quantity
from creativepoles.core.story import StoryItem, StoryStep
from creativepoles.programme import figures
from creativepoles.programme.models import Project


def story_steps(city: Any, user: Any) -> list[StoryStep]:
    """Per project the city is a partner of: its indicators, each with the city's value from the registry.

    The programme's pages are for signed-in people, so a visitor gets no step rather than a link to a login."""
    if not getattr(user, "is_authenticated", False):
        return []
    projects = (Project.objects.for_user(user).filter(partners__organisation__city=city).distinct()
                .order_by("start_date", "pk"))
    steps = []
    for project in projects:
        url = reverse("programme:indicators", args=[project.acronym])
        progress = figures.indicator_progress(project, city)
        items = tuple(StoryItem(
            p.indicator.name, f"{url}#indicator-{p.indicator.pk}",
            _("%(value)s %(unit)s in this city; programme target %(target)s") % {
                "value": format_quantity(p.achieved), "target": format_quantity(p.indicator.target),
                "unit": p.indicator.unit}) for p in progress)
        steps.append(StoryStep(
            position=90, kind="indicator", label=_("programme indicators (%(project)s)") % {
                "project": project.acronym.upper()}, count=len(progress), url=url, members_only=True,
            explanation=_("What the records above add up to: the city's value of each indicator, counted live by "
                          "the modules."), items=items))
    return steps
