"""Forms of the onboarding wizard: they parse input; the services decide and write."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from creativepoles.atlas.services.register import LAYOUTS
from creativepoles.core.storage import upload_validator
from creativepoles.replication.forms_package import package_upload


class FactsForm(forms.Form):
    """Step (a): the new city's facts."""

    slug = forms.SlugField(label=_("Short name in addresses"), max_length=50)
    name = forms.CharField(label=_("Name (local)"), max_length=120)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    country = forms.CharField(label=_("Country (two-letter code)"), min_length=2, max_length=2)
    latitude = forms.DecimalField(label=_("Latitude of the centre"), min_value=-90, max_value=90, decimal_places=6)
    longitude = forms.DecimalField(label=_("Longitude of the centre"), min_value=-180, max_value=180,
                                   decimal_places=6)
    time_zone = forms.ChoiceField(label=_("Time zone"), initial="Europe/Helsinki",
                                  choices=lambda: [(z, z) for z in sorted(available_timezones())])
    population = forms.IntegerField(label=_("Population"), min_value=0, required=False)
    bbox = forms.CharField(label=_("Bounding box of the area to import"), required=False,
                           help_text=_("min_lon,min_lat,max_lon,max_lat in degrees; empty: the whole extract."))


class ExtractForm(forms.Form):
    """Step (b): the OpenStreetMap extract."""

    file = forms.FileField(label=_("OpenStreetMap extract (.osm.pbf or .osm)"),
                           validators=[upload_validator("pbf", "osm")])


class RegisterForm(forms.Form):
    """Step (c): the business-register file and its layout."""

    file = forms.FileField(label=_("Business register (CSV or XLSX)"), validators=[upload_validator("csv", "xlsx")])
    layout = forms.ChoiceField(label=_("Layout"), initial="generic",
                               choices=lambda: [(k, str(v.label)) for k, v in LAYOUTS.items()])


class MethodForm(forms.Form):
    """Step (d): a partner city's method and the weights of its criteria (one field per criterion)."""

    method = forms.TypedChoiceField(label=_("Method of a partner city"), coerce=int)

    def __init__(self, *args: Any, methods: list[tuple[int, str]], criteria: list[dict[str, Any]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = methods  # type: ignore[attr-defined]
        self.criteria = criteria
        self.city_of: dict[int, Any] = {}
        for c in criteria:
            self.fields[f"weight_{c['code']}"] = forms.DecimalField(
                label=c["label"], min_value=0, max_digits=7, decimal_places=5, initial=c["weight"])

    def weights(self) -> dict[str, Any]:
        """The weights typed, by criterion code."""
        return {c["code"]: self.cleaned_data[f"weight_{c['code']}"] for c in self.criteria
                if self.cleaned_data.get(f"weight_{c['code']}") is not None}


class MethodPackageForm(forms.Form):
    """Step (d), the other way: a method package exported by another instance of the platform."""

    package = forms.FileField(label=_("Method package (.zip)"),
                              help_text=_("Its methods come in as new versions and never overwrite; the city's "
                                          "working method is made from the package's first method."))

    def clean_package(self) -> Any:
        return package_upload(self.cleaned_data["package"])


class PublishForm(forms.Form):
    """Step (f): how many of the ranking's first sites to publish."""

    count = forms.IntegerField(label=_("Publish the first sites of the ranking"), min_value=1, max_value=100,
                               initial=10)

    def clean_count(self) -> int:
        value = self.cleaned_data["count"]
        if value is None:
            raise ValidationError(_("Enter a number."))
        return int(value)
