"""Read-only: the sites other modules may offer as a venue (the academy's edition form)."""

from __future__ import annotations

from typing import Any

from creativepoles.spaces.models import Site


def venue_choices(user: Any, city_id: int | None = None) -> list[tuple[int, str]]:
    """Sites the user may see (optionally of one city), as (id, name) pairs, by name."""
    sites = Site.objects.for_user(user).alive()
    if city_id is not None:
        sites = sites.filter(city_id=city_id)
    return [(pk, name) for pk, name in sites.order_by("name").values_list("pk", "name")]
