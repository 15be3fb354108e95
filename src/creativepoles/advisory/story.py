"""The advisory part of a city's story: business plans that name one of its sites as their premises.

Plans are private to their entrepreneur, consultant and the network's managers, so a visitor gets no step and
each member counts only the plans they may read."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from creativepoles.advisory.models import BusinessPlan
from creativepoles.core import links
from creativepoles.core.permissions import VIEW
from creativepoles.core.story import StoryItem, StoryStep


def story_steps(city: Any, user: Any) -> list[StoryStep]:
    """The plans the user may read that name a site, with one line per named site (one query for the names)."""
    if not getattr(user, "is_authenticated", False):
        return []
    per_site = Counter(BusinessPlan.objects.for_user(user, VIEW).filter(city=city, site_id__isnull=False)
                       .values_list("site_id", flat=True))
    names = links.links("spaces.site", per_site, user)
    base = reverse("advisory:plan-list")
    items = []
    for site_id, (name, url) in sorted(names.items(), key=lambda entry: entry[1][0]):
        count = per_site[site_id]
        items.append(StoryItem(name, url, "", ((ngettext("%(count)d plan names it", "%(count)d plans name it",
                                                        count) % {"count": count},
                                               f"{base}?site={site_id}"),)))
    return [StoryStep(
        position=30, kind="business-plan", label=_("business plans naming a site"), count=sum(per_site.values()),
        url=f"{base}?city={city.slug}&site=any", members_only=True,
        explanation=_("Plans written with the advisory centres that choose a site of the city as their premises; "
                      "you see the ones you may read."), items=tuple(items))]
