"""Indicator counters the learning module reports to the programme, and the link resolver of its cases."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from creativepoles.core import links
from creativepoles.programme import registry
from creativepoles.programme.registry import Window

HOURS_KEY = "hours.consulting_training"


def count_training_hours(window: Window) -> Mapping[int | None, Decimal]:
    """Hours of training sessions held in each city within the window (advisory adds its consultation hours)."""
    from creativepoles.learning.models import TrainingSession

    sessions = TrainingSession.objects.filter(city_id__in=window.city_ids)
    if window.start:
        sessions = sessions.filter(date__gte=window.start)
    if window.end:
        sessions = sessions.filter(date__lte=window.end)
    rows = sessions.values("city_id").annotate(h=Sum("duration_hours")).values_list("city_id", "h")
    return {city_id: Decimal(hours) for city_id, hours in rows}


def count_packages(window: Window) -> Mapping[int | None, Decimal]:
    """Published training packages (one per package, whatever its versions) by the city of their organisation."""
    from creativepoles.learning.models import PackageStatus, TrainingPackage

    packages = TrainingPackage.objects.filter(status=PackageStatus.PUBLISHED,
                                              organisation__city_id__in=window.city_ids)
    if window.end:
        packages = packages.filter(created_at__date__lte=window.end)
    rows = (packages.values("organisation__city_id").annotate(n=Count("family", distinct=True))
            .values_list("organisation__city_id", "n"))
    return {city_id: Decimal(n) for city_id, n in rows}


def count_course(window: Window) -> Mapping[int | None, Decimal]:
    """Published blended-learning courses, for the network as a whole (no city owns the tool)."""
    from creativepoles.learning.models import Course

    return {None: Decimal(Course.objects.filter(is_published=True).count())}


def case_links(ids: list[int], user: Any) -> dict[int, tuple[str, str]]:
    """Names and pages of the good-practice cases the user may see, by id."""
    from creativepoles.learning.models import Case

    return {c.pk: (c.title, c.get_absolute_url()) for c in Case.objects.for_user(user).filter(pk__in=ids)}


def register() -> None:
    """Register the learning counters and the case links."""
    links.register("learning.case", case_links)
    registry.register(HOURS_KEY, _("Hours of consulting and training"), "learning", count_training_hours)
    registry.register("learning.packages", _("Published training packages"), "learning", count_packages)
    registry.register("learning.course", _("Blended-learning tool for replicating cities"), "learning", count_course,
                      additive=False,
                      not_additive_reason=_("One course serves the whole network and the cities that repeat its "
                                            "methods; it belongs to no single city."))
