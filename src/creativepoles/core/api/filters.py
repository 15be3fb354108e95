"""API filtering shared by every app: a backend that refuses what django-filter would silently ignore or guess,
and one city filter by slug, whatever path leads from the model to its city."""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, CharFilter, MultipleChoiceFilter, NumberFilter
from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import get_model_field
from rest_framework.exceptions import ValidationError

BOOLEAN_VALUES = {"true", "false", "1", "0"}
INTEGER = re.compile(r"-?[0-9]{1,18}")  # within a 64-bit column: a longer number overflows the database driver


def _is_integer_column(filterset: Any, field: Any) -> bool:
    """Whether a number filter compares against an integer column (the schema then says `integer`)."""
    model_field = get_model_field(filterset._meta.model, field.field_name)
    return isinstance(model_field, models.IntegerField | models.ForeignKey)


class FilterBackend(DjangoFilterBackend):
    """django-filter, but a typed filter given an empty, repeated or unreadable value is a 400.

    django-filter reads an empty value, and a boolean it cannot read, as "no filter", takes the last of
    repeated values and compares an integer column with 1.5, so `?is_public=ture` or `?status=` listed
    every row where the client asked for some: a client's bug looked like data. Only free-text filters
    keep "empty means not given" (the schema says so).
    """

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors = {}
        for name, field in filterset.filters.items():
            values = request.query_params.getlist(name)
            if not values or isinstance(field, MultipleChoiceFilter):
                continue
            value = values[-1]
            if len(values) > 1:
                errors[name] = [_("Give this parameter once.")]
            elif isinstance(field, CharFilter):
                continue
            elif value == "":
                errors[name] = [_("This field may not be blank.")]
            elif isinstance(field, BooleanFilter) and value.lower() not in BOOLEAN_VALUES:
                errors[name] = [_("Enter true or false.")]
            elif isinstance(field, NumberFilter) and _is_integer_column(filterset, field) \
                    and not INTEGER.fullmatch(value):
                errors[name] = [_("Enter a whole number.")]
        if errors:
            raise ValidationError(errors)
        return filterset


class CityFilter(filters.CharFilter):
    """Rows of one city, named by its slug (?city=klaipeda); an unknown slug finds nothing."""

    def __init__(self, field_name: str = "city__slug", **kwargs: Any) -> None:
        kwargs.setdefault("label", _("City (slug)"))
        super().__init__(field_name=field_name, **kwargs)


def city_filter(path: str = "city") -> CityFilter:
    """A CityFilter for a model whose city is reached through `path`, e.g. "partner__organisation__city"."""
    return CityFilter(field_name=f"{path}__slug")
