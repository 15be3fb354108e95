"""The atlas's part of a city's story: where the creative firms gather (the public map's hotspots)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.atlas.services.hotspots import HotspotParams, city_hotspots
from creativepoles.core.story import StoryStep


def story_steps(city: Any, user: Any) -> list[StoryStep]:
    """The city's public hotspots, as everyone sees them on the atlas map (suppression applied for all)."""
    spots = city_hotspots(city, HotspotParams(), public=True)
    return [StoryStep(
        position=10, kind="hotspot", label=_("creative hotspots"), count=len(spots["clusters"]),
        url=reverse("atlas:map", args=[city.slug]) + "#hotspots",
        explanation=_("Places where creative firms of the business register cluster together (DBSCAN on the "
                      "firms' addresses, the atlas map's default parameters)."))]
