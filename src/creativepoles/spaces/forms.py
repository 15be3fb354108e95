"""Forms of the spaces pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City
from creativepoles.spaces.models import ImportRun, Method, Site, SiteStatus
from creativepoles.spaces.models.assessment import Aggregation, Normalisation
from creativepoles.spaces.services.criteria import SOURCE_FIELDS

# Saaty's 1–9 scale, read as "the row criterion is … as important as the column criterion".
SAATY_CHOICES = [
    ("9", _("9 — extremely more important")), ("7", _("7 — very strongly more important")),
    ("5", _("5 — strongly more important")), ("3", _("3 — moderately more important")),
    ("1", _("1 — equally important")), ("1/3", _("1/3 — moderately less important")),
    ("1/5", _("1/5 — strongly less important")), ("1/7", _("1/7 — very strongly less important")),
    ("1/9", _("1/9 — extremely less important")),
]


def editable_cities(user: Any, model: Any = None) -> Any:
    """Cities where this user may add rows of `model` (sites by default), from its policy."""
    return City.objects.editable_by(user, model or Site)


class DateInput(forms.DateInput):
    input_type = "date"


class SiteForm(forms.ModelForm[Site]):
    """Add or edit a site of a city the user edits; the map writes the position and the drawn outline."""

    utilities_text = forms.CharField(label=_("Utilities"), required=False,
                                     help_text=_("Comma-separated, e.g. electricity, water, heating"))
    # The map's drawing tool fills this in; without JavaScript the outline is simply kept as it was.
    geometry = forms.JSONField(required=False, widget=forms.HiddenInput(attrs={"data-geometry-input": "true"}))

    class Meta:
        model = Site
        # Foreign keys without a verbose name would label themselves in English ("City:").
        labels = {"city": _("City")}
        fields = ["city", "name", "address", "latitude", "longitude", "geometry", "former_use", "building_type", "footprint_m2",
                  "floors", "gross_floor_area_m2", "year_built", "condition", "heritage_protected", "ownership",
                  "owner_contact", "vacant_since", "fully_vacant", "contamination_suspected",
                  "asking_rent_m2_month", "asking_price", "currency", "is_published", "description"]
        widgets = {"vacant_since": DateInput(), "description": forms.Textarea(attrs={"rows": 3}),
                   "owner_contact": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = editable_cities(user)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["utilities_text"].initial = ", ".join(self.instance.utilities or [])
        self.fields["footprint_m2"].help_text = _("Computed from the outline drawn on the map when you save.")

    def city_centres(self) -> dict[str, list[float]]:
        """Centre of each city offered, so the map can move to the chosen city."""
        return {str(c.pk): [float(c.latitude), float(c.longitude)]
                for c in self.fields["city"].queryset}  # type: ignore[attr-defined]

    def site_data(self) -> dict[str, Any]:
        """Cleaned values as service keyword arguments."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "utilities_text"}
        data["utilities"] = [u.strip() for u in self.cleaned_data["utilities_text"].split(",") if u.strip()]
        return data


class StatusForm(forms.Form):
    """Move a site to another status."""

    status = forms.ChoiceField(label=_("Status"), choices=SiteStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class MethodForm(forms.Form):
    """Step 1 of the method builder: name, city, criteria, and how to weight them."""

    name = forms.CharField(label=_("Name"), max_length=120)
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())
    perspective = forms.CharField(label=_("Perspective"), required=False, max_length=60,
                                  help_text=_("e.g. redevelopment potential, marketability, risk"))
    aggregation = forms.ChoiceField(label=_("Aggregation"), choices=Aggregation.choices)
    normalisation = forms.ChoiceField(label=_("Normalisation"), choices=Normalisation.choices)
    weighting = forms.ChoiceField(label=_("Weights"), choices=[("direct", _("Enter weights directly")),
                                                               ("ahp", _("Compare criteria pairwise (AHP)"))])

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = editable_cities(user, Method)  # type: ignore[attr-defined]
        for field in SOURCE_FIELDS.values():
            self.fields[f"use_{field.code}"] = forms.BooleanField(label=field.label, required=False)
            self.fields[f"weight_{field.code}"] = forms.DecimalField(
                label=_("Weight"), required=False, min_value=0, max_digits=7, decimal_places=4)

    def criteria_rows(self) -> list[tuple[Any, Any, Any]]:
        """(source field, use checkbox, weight input) for the template."""
        return [(f, self[f"use_{f.code}"], self[f"weight_{f.code}"]) for f in SOURCE_FIELDS.values()]

    def chosen(self) -> list[str]:
        """Codes of the chosen criteria, in the registry's order."""
        return [code for code in SOURCE_FIELDS if self.cleaned_data.get(f"use_{code}")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [code for code in SOURCE_FIELDS if data.get(f"use_{code}")]
        if len(chosen) < 2:
            raise forms.ValidationError(_("Choose at least two criteria."))
        if len(chosen) > 10 and data.get("weighting") == "ahp":
            raise forms.ValidationError(_("AHP compares at most 10 criteria."))
        if data.get("weighting") == "direct" and not any(data.get(f"weight_{c}") for c in chosen):
            raise forms.ValidationError(_("Enter a weight for the chosen criteria."))
        return data


def pairwise_fields(form: forms.Form, codes: list[str]) -> list[tuple[str, str, str]]:
    """Add one Saaty-scale choice per pair of criteria (i < j); returns (field name, row, column)."""
    pairs = []
    for i, a in enumerate(codes):
        for b in codes[i + 1:]:
            name = f"ahp_{a}__{b}"
            form.fields[name] = forms.ChoiceField(choices=SAATY_CHOICES, initial="1",
                                                  label=f"{SOURCE_FIELDS[a].label} / {SOURCE_FIELDS[b].label}")
            pairs.append((name, a, b))
    return pairs


def pairwise_matrix(values: dict[str, str], codes: list[str]) -> list[list[float]]:
    """Build the reciprocal matrix from the upper-triangle answers."""
    n = len(codes)
    matrix = [[1.0] * n for _ in range(n)]
    for i, a in enumerate(codes):
        for j in range(i + 1, n):
            raw = values[f"ahp_{a}__{codes[j]}"]
            value = 1 / float(raw.split("/")[1]) if "/" in raw else float(raw)
            matrix[i][j] = value
            matrix[j][i] = 1 / value
    return matrix


class PhotoForm(forms.Form):
    """Upload a photo of a site."""

    image = forms.ImageField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
    credit = forms.CharField(label=_("Credit"), max_length=200, required=False)


class DocumentForm(forms.Form):
    """Upload a document for a site."""

    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))
    is_public = forms.BooleanField(label=_("Public"), required=False)


class ImportForm(forms.Form):
    """Upload an OpenStreetMap extract for one of the cities the user may import into."""

    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())
    file = forms.FileField(label=_("OpenStreetMap extract"),
                           help_text=_("An .osm.pbf or .osm file, e.g. a city extract from Geofabrik or BBBike."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pbf,.osm"}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = editable_cities(user, ImportRun)  # type: ignore[attr-defined]
