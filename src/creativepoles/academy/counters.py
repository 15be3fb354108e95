"""The academy's contribution to the programme's indicators."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from creativepoles.programme import registry
from creativepoles.programme.registry import Window


def count_academies(window: Window) -> Mapping[int | None, Decimal]:
    """Editions held (published, with their first day in the window), counted for the host city.

    Each edition has exactly one host city, so the per-city values add up to the network's number of
    academies without counting one twice: the key stays additive."""
    from creativepoles.academy.models import Edition

    editions = Edition.objects.filter(is_published=True, city_id__in=window.city_ids)
    if window.start:
        editions = editions.filter(starts_on__gte=window.start)
    if window.end:
        editions = editions.filter(starts_on__lte=window.end)
    rows = editions.values("city_id").annotate(n=Count("pk")).values_list("city_id", "n")
    return {city_id: Decimal(n) for city_id, n in rows}


def register() -> None:
    """Register the summer-academy counter."""
    registry.register("academy.academies", _("Summer academies held"), "academy", count_academies)
