"""Forms of the atlas pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creativepoles.atlas.models import Denominator, Firm, RegisterImport
from creativepoles.atlas.services.register import LAYOUTS
from creativepoles.core.models import City


class ImportForm(forms.Form):
    """Upload a register (and the activity codes it lacks) into a city the user may add firms to."""

    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())
    layout = forms.ChoiceField(label=_("Layout"), choices=[(k, v.label) for k, v in LAYOUTS.items()])
    file = forms.FileField(label=_("Register file"), help_text=_("CSV or XLSX"))
    activity_file = forms.FileField(label=_("Activity codes"), required=False,
                                    help_text=_("For registers without activity codes: registry id and code per row."))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.editable_by(user, RegisterImport)  # type: ignore[attr-defined]


class DenominatorForm(forms.ModelForm[Denominator]):
    """A city's totals for one year."""

    class Meta:
        model = Denominator
        fields = ["year", "firms", "employment", "population", "source", "approximate"]


class FirmForm(forms.ModelForm[Firm]):
    """Correct one firm by hand."""

    class Meta:
        model = Firm
        fields = ["name", "nace_raw", "nace_version", "employees", "turnover", "founded", "closed", "address",
                  "latitude", "longitude", "sole_trader"]
        widgets = {"founded": forms.DateInput(attrs={"type": "date"}), "closed": forms.DateInput(attrs={"type": "date"})}


class CorrespondenceForm(forms.Form):
    """A NACE Rev. 2.1 → Rev. 2 correspondence table (CSV in Eurostat's layout)."""

    file = forms.FileField(label=_("Correspondence table"), help_text=_("CSV with NACE Rev. 2.1 and NACE Rev. 2 code columns"))
    source = forms.CharField(label=_("Source"), max_length=200, required=False)
