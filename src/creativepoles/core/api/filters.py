"""Filters every app's API shares: one city filter by slug, whatever path leads from the model to its city."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

__all__ = ["CityFilter", "city_filter"]


class CityFilter(filters.CharFilter):
    """Rows of one city, named by its slug (?city=klaipeda); an unknown slug finds nothing."""

    def __init__(self, field_name: str = "city__slug", **kwargs: Any) -> None:
        kwargs.setdefault("label", _("City (slug)"))
        super().__init__(field_name=field_name, **kwargs)


def city_filter(path: str = "city") -> CityFilter:
    """A CityFilter for a model whose city is reached through `path`, e.g. "partner__organisation__city"."""
    return CityFilter(field_name=f"{path}__slug")
