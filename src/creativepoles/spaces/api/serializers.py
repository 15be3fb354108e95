"""Serializers of the spaces API; money is a decimal string, the owner's contact only for the city's editors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from creativepoles.core.api.serializers import WritableCityField
from creativepoles.core.permissions import AUDIT, CHANGE, can
from creativepoles.spaces.models import (
    AssessmentResult,
    AssessmentRun,
    Criterion,
    Method,
    PoiCategory,
    PointOfInterest,
    Site,
)
from creativepoles.spaces.models.sites import CURRENCIES


def _user(context: Mapping[str, Any]) -> Any:
    request = context.get("request")
    return request.user if request else None


class CitySlugField(serializers.SlugRelatedField[Any]):
    """A read-only city given by its slug."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="slug", read_only=True, **kwargs)


class SiteSerializer(serializers.ModelSerializer[Site]):
    """A site; writes go through the spaces services. `owner_contact` is returned only to the city's editors."""

    city = WritableCityField(slug_field="slug")
    status = serializers.CharField(read_only=True, help_text="Changed through the site's status history, not here.")
    # Plain strings documented by their values: shared field names would collide as schema enums.
    currency = serializers.CharField(max_length=3, required=False,
                                     help_text="One of: " + ", ".join(code for code, _label in CURRENCIES) + ".")

    class Meta:
        model = Site
        fields = [
            "id", "city", "name", "address", "latitude", "longitude", "geometry", "former_use", "building_type",
            "footprint_m2", "floors", "gross_floor_area_m2", "year_built", "condition", "heritage_protected",
            "ownership", "owner_contact", "vacant_since", "fully_vacant", "utilities", "contamination_suspected",
            "asking_rent_m2_month", "asking_price", "currency", "status", "is_published", "description", "source",
            "osm_type", "osm_id", "created_at", "updated_at",
        ]
        read_only_fields = ["source", "osm_type", "osm_id", "created_at", "updated_at"]
        extra_kwargs = {"owner_contact": {"help_text": "Only returned to users who can change the site's city."}}

    def validate_currency(self, value: str) -> str:
        if value not in dict(CURRENCIES):
            raise serializers.ValidationError(_("Unknown currency."))
        return value

    def to_representation(self, instance: Site) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not can(_user(self.context), CHANGE, instance):
            data.pop("owner_contact", None)
        return data


class PointOfInterestSerializer(serializers.ModelSerializer[PointOfInterest]):
    """A stop, university, cultural venue or creative firm."""

    city = CitySlugField()
    category = serializers.CharField(read_only=True, help_text="One of: " + ", ".join(PoiCategory.values) + ".")

    class Meta:
        model = PointOfInterest
        fields = ["id", "city", "category", "kind", "name", "latitude", "longitude", "source", "osm_type", "osm_id"]


class CriterionSerializer(serializers.ModelSerializer[Criterion]):
    """A criterion of a method with its direction and weight."""

    class Meta:
        model = Criterion
        fields = ["code", "label", "source_field", "benefit", "unit", "weight", "order"]


class MethodSerializer(serializers.ModelSerializer[Method]):
    """An assessment method with its criteria."""

    city = CitySlugField()
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Method
        fields = ["id", "city", "name", "version", "description", "perspective", "normalisation", "aggregation",
                  "weight_source", "pairwise", "consistency_ratio", "locked", "created_at", "criteria"]


class AssessmentResultSerializer(serializers.ModelSerializer[AssessmentResult]):
    """A site's score, rank and criterion contributions in a run."""

    site_name = serializers.CharField(source="site.name", read_only=True)
    contributions = serializers.DictField(child=serializers.FloatField(), read_only=True)

    class Meta:
        model = AssessmentResult
        fields = ["site", "site_name", "score", "rank", "contributions", "rank_stability"]


class AssessmentRunSerializer(serializers.ModelSerializer[AssessmentRun]):
    """A run of a method: its results (sites the user may see) and, for the city's members, its inputs."""

    city = CitySlugField()
    method_name = serializers.CharField(source="method.__str__", read_only=True)
    results = AssessmentResultSerializer(source="visible_results", many=True, read_only=True)
    inputs = serializers.SerializerMethodField(help_text="Every input of the run; null unless you are a member "
                                                         "of the run's city (it names unpublished sites).")

    class Meta:
        model = AssessmentRun
        fields = ["id", "method", "method_name", "city", "created_at", "inputs", "sensitivity", "results"]

    def get_inputs(self, run: AssessmentRun) -> dict[str, Any] | None:
        return run.inputs if can(_user(self.context), AUDIT, run) else None


class DossierItemSerializer(serializers.Serializer[Any]):
    """A labelled dossier row: raw value (decimals as strings) and the text shown on the page."""

    field = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the metaclass pops declared fields
    value = serializers.JSONField(allow_null=True)
    display = serializers.CharField()


class DossierSiteSerializer(serializers.Serializer[Any]):
    """The site's identity in a dossier."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    city = serializers.CharField()
    city_slug = serializers.CharField()
    address = serializers.CharField(allow_blank=True)
    latitude = serializers.CharField(help_text="Decimal degrees as a string.")
    longitude = serializers.CharField(help_text="Decimal degrees as a string.")
    status = serializers.CharField()
    status_label = serializers.CharField()
    is_published = serializers.BooleanField()
    description = serializers.CharField(allow_blank=True)


class DossierCriterionSerializer(serializers.Serializer[Any]):
    """A criterion as used in the run, with the site's value and contribution."""

    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # the metaclass pops declared fields
    unit = serializers.CharField(allow_blank=True)
    benefit = serializers.BooleanField()
    weight = serializers.FloatField(help_text="Normalised weight used in the run.")
    weight_display = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    value_display = serializers.CharField()
    imputed = serializers.BooleanField(help_text="No value was recorded; the worst value among the sites was used.")
    contribution = serializers.FloatField(allow_null=True)
    contribution_display = serializers.CharField()


class DossierAssessmentSerializer(serializers.Serializer[Any]):
    """The site's result in the latest run."""

    run_id = serializers.IntegerField()
    run_created_at = serializers.DateTimeField()
    method_id = serializers.IntegerField()
    method_name = serializers.CharField()
    method_version = serializers.IntegerField()
    perspective = serializers.CharField(allow_blank=True)
    normalisation = serializers.CharField()
    aggregation = serializers.CharField()
    weight_source = serializers.CharField()
    score = serializers.FloatField()
    score_display = serializers.CharField()
    rank = serializers.IntegerField()
    rank_of = serializers.IntegerField()
    rank_display = serializers.CharField()
    rank_stability = serializers.FloatField(allow_null=True)
    rank_stability_display = serializers.CharField()
    criteria = DossierCriterionSerializer(many=True)


class DossierPreInvestmentSerializer(serializers.Serializer[Any]):
    """Pre-investment figures, the assumptions used and their sources."""

    available = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True)
    currency = serializers.CharField()
    city_parameters = serializers.BooleanField(help_text="False when the software's defaults were used.")
    figures = DossierItemSerializer(many=True)
    assumptions = DossierItemSerializer(many=True)
    sources = serializers.CharField()


class DossierPhotoSerializer(serializers.Serializer[Any]):
    """A photo of the site."""

    url = serializers.CharField()
    caption = serializers.CharField(allow_blank=True)
    credit = serializers.CharField(allow_blank=True)


class DossierSerializer(serializers.Serializer[Any]):
    """A site's dossier, as on its page and in its PDF."""

    site = DossierSiteSerializer()
    facts = DossierItemSerializer(many=True)
    accessibility = DossierItemSerializer(many=True)
    assessment = DossierAssessmentSerializer(allow_null=True)
    preinvestment = DossierPreInvestmentSerializer()
    photos = DossierPhotoSerializer(many=True)
    osm_attribution = serializers.CharField()
    osm_copyright_url = serializers.CharField()
    data_sources = serializers.ListField(child=serializers.CharField())
    generated_at = serializers.DateTimeField()
