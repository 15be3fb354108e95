"""The site values a criterion can read: label, unit, usual direction, and how to get the value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

CONDITION_SCORE = {"good": 4.0, "fair": 3.0, "poor": 2.0, "ruin": 1.0}


@dataclass(frozen=True)
class SourceField:
    """A readable site value for assessment."""

    code: str
    label: Any
    unit: Any  # a lazy translation for words (years, firms), plain text for symbols (m, m²)
    benefit: bool
    read: Callable[[Any], float | None]
    needs_accessibility: bool = False


def _acc(name: str) -> Callable[[Any], float | None]:
    def read(site: Any) -> float | None:
        accessibility = getattr(site, "accessibility", None)
        value = getattr(accessibility, name, None) if accessibility is not None else None
        return None if value is None else float(value)
    return read


def _attr(name: str) -> Callable[[Any], float | None]:
    def read(site: Any) -> float | None:
        value = getattr(site, name)
        return None if value is None else float(value)
    return read


def _years_vacant(site: Any) -> float | None:
    if site.vacant_since is None:
        return None
    return round((dt.date.today() - site.vacant_since).days / 365.25, 2)


SOURCE_FIELDS: dict[str, SourceField] = {f.code: f for f in [
    SourceField("gross_floor_area_m2", _("Gross floor area"), "m²", True, _attr("gross_floor_area_m2")),
    SourceField("footprint_m2", _("Footprint"), "m²", True, _attr("footprint_m2")),
    SourceField("condition", _("Condition (4 good … 1 ruin)"), _("grade"), True,
                lambda s: CONDITION_SCORE.get(s.condition)),
    SourceField("public_ownership", _("Public ownership (1 yes, 0 no)"), _("yes/no"), True,
                lambda s: 1.0 if s.ownership in ("municipal", "state") else 0.0),
    SourceField("heritage_protected", _("Heritage protection (1 yes, 0 no)"), _("yes/no"), False,
                lambda s: 1.0 if s.heritage_protected else 0.0),
    SourceField("contamination_suspected", _("Suspected contamination (1 yes, 0 no)"), _("yes/no"), False,
                lambda s: 1.0 if s.contamination_suspected else 0.0),
    SourceField("asking_rent_m2_month", _("Asking rent"), _("per m²/month"), False, _attr("asking_rent_m2_month")),
    SourceField("years_vacant", _("Years vacant"), _("years"), True, _years_vacant),
    SourceField("centre_m", _("Distance to the city centre"), "m", False, _acc("centre_m"), True),
    SourceField("nearest_stop_m", _("Nearest public-transport stop"), "m", False, _acc("nearest_stop_m"), True),
    SourceField("stops_within", _("Stops within walking radius"), _("stops"), True, _acc("stops_within"), True),
    SourceField("nearest_university_m", _("Nearest university or college"), "m", False,
                _acc("nearest_university_m"), True),
    SourceField("culture_within", _("Cultural venues within radius"), _("venues"), True, _acc("culture_within"), True),
    SourceField("creative_within", _("Creative firms within radius"), _("firms"), True, _acc("creative_within"), True),
]}


def source_choices() -> list[tuple[str, str]]:
    """Choices for a criterion's source field."""
    return [(f.code, str(f.label)) for f in SOURCE_FIELDS.values()]
