"""Serializers of the atlas API: every indicator comes with its inputs; suppressed cells are null and flagged."""

from __future__ import annotations

from rest_framework import serializers

from creativepoles.atlas.models import Denominator, Firm
from creativepoles.core.models import City


class FirmSerializer(serializers.ModelSerializer[Firm]):
    """A register firm, for its city's members."""

    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = Firm
        fields = ["id", "city", "registry_id", "name", "nace_raw", "nace_version", "nace", "group", "code_status",
                  "employees", "turnover", "founded", "closed", "address", "latitude", "longitude", "sole_trader",
                  "synthetic"]
        read_only_fields = fields


class DenominatorSerializer(serializers.ModelSerializer[Denominator]):
    """A city's totals for a year and their source."""

    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = Denominator
        fields = ["id", "city", "year", "firms", "employment", "population", "source", "approximate"]
        read_only_fields = fields


class CityLinkSerializer(serializers.Serializer[City]):
    """A city whose indicators can be read at /api/atlas/indicators/{slug}/."""

    slug = serializers.SlugField()
    name = serializers.CharField()


class GroupIndicatorSerializer(serializers.Serializer[dict[str, object]]):
    """One group's figures in a city and year; null where suppressed."""

    group = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    classes = serializers.CharField()
    suppressed = serializers.BooleanField()
    firms = serializers.IntegerField(allow_null=True)
    employment = serializers.IntegerField(allow_null=True)
    value = serializers.IntegerField(allow_null=True, help_text="The count on the chosen basis.")
    share = serializers.FloatField(allow_null=True)
    density = serializers.FloatField(allow_null=True, help_text="Firms per 1,000 inhabitants.")
    lq = serializers.FloatField(allow_null=True, help_text="(e_ij / e_j) / (E_i / E) on the chosen basis.")
    lq_inputs = serializers.DictField(allow_null=True, child=serializers.IntegerField(allow_null=True))
    growth = serializers.FloatField(allow_null=True)
    growth_inputs = serializers.DictField(allow_null=True, child=serializers.IntegerField(allow_null=True))


class ShiftShareSerializer(serializers.Serializer[dict[str, object]]):
    """Dunn's shift-share of one group, with its inputs."""

    group = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    suppressed = serializers.BooleanField()
    inputs = serializers.DictField(allow_null=True, child=serializers.IntegerField(allow_null=True))
    change = serializers.FloatField(allow_null=True)
    national = serializers.FloatField(allow_null=True)
    industry_mix = serializers.FloatField(allow_null=True)
    competitive = serializers.FloatField(allow_null=True)


class CityIndicatorsSerializer(serializers.Serializer[dict[str, object]]):
    """A city's indicators for a year against a reference."""

    city = serializers.CharField()
    year = serializers.IntegerField()
    basis = serializers.CharField()
    reference = serializers.CharField()
    reference_source = serializers.CharField()
    whole = serializers.IntegerField(help_text="The city's whole economy on the basis.")
    whole_source = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)
    threshold = serializers.IntegerField(help_text="Cells with fewer firms are suppressed.")
    synthetic = serializers.BooleanField()
    groups = GroupIndicatorSerializer(many=True)
    krugman = serializers.JSONField()
    herfindahl = serializers.JSONField()
    shift_share = ShiftShareSerializer(many=True)


class HotspotsSerializer(serializers.Serializer[dict[str, object]]):
    """A city's hotspots with the parameters they were found with."""

    city = serializers.CharField()
    eps_m = serializers.FloatField()
    min_firms = serializers.IntegerField()
    cell_m = serializers.FloatField()
    firms = serializers.IntegerField(help_text="Located creative firms considered.")
    clusters = serializers.JSONField(help_text="size, hull [[lon, lat], ...], dominant group and its firms")
    hot_cells = serializers.JSONField(help_text="lon, lat, firms, Gi* z and p of significant cells")
