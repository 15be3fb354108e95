"""Serializers for cities and organisations."""

from __future__ import annotations

from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from rest_framework import serializers

from creativepoles.core.models import City, Organisation


class CitySerializer(serializers.ModelSerializer[City]):
    """A city of the network."""

    # The region (by slug) that contains the city: sum populations with core.models.counted_population.
    part_of: serializers.SlugRelatedField[City] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = City
        fields = [
            "id", "slug", "name", "name_en", "country", "nuts3", "latitude", "longitude",
            "population", "population_year", "time_zone", "is_partner", "part_of",
        ]


class WritableCityField(serializers.SlugRelatedField[City]):
    """A city given by slug, limited to the cities where the serializer's model policy lets the user add rows."""

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        model = getattr(getattr(self.parent, "Meta", None), "model", None)
        return City.objects.editable_by(request.user if request else None, model)

    def to_internal_value(self, data: Any) -> City:
        # The slug is looked up in the database, and PostgreSQL refuses a NUL in a query (a DataError, i.e. a 500).
        ProhibitNullCharactersValidator()(data)
        return super().to_internal_value(data)


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    """An organisation; writes go through the core services."""

    city = WritableCityField(slug_field="slug")

    class Meta:
        model = Organisation
        fields = ["id", "name", "name_en", "kind", "city", "website", "description", "is_public", "updated_at"]
        read_only_fields = ["updated_at"]
