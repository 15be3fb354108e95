"""Forms of the programme pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creativepoles.core.permissions import ADD, targets
from creativepoles.programme.models import Expenditure, IndicatorValue, Partner, Project, Signatory


def editable_partners(user: Any, project: Project | None = None) -> Any:
    """Partners (of one project, or all) whose expenditure this user may enter."""
    partners = (project.partners if project else Partner.objects).select_related("organisation__city")
    return targets(user, ADD, Expenditure, "partner", partners)


class DateInput(forms.DateInput):
    input_type = "date"


class ExpenditureForm(forms.ModelForm[Expenditure]):
    """Declare or change an expenditure item."""

    partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label=_("Partner"))

    class Meta:
        model = Expenditure
        fields = ["partner", "period", "date", "category", "description", "amount", "currency", "supplier",
                  "invoice_number", "attachment"]
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, user: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = editable_partners(user, project)  # type: ignore[attr-defined]
        self.fields["period"].queryset = project.periods.all()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["partner"].disabled = True


class ImportForm(forms.Form):
    """Upload a CSV or XLSX file of expenditure items."""

    partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label=_("Partner"))
    file = forms.FileField(label=_("CSV or XLSX file"))

    def __init__(self, *args: Any, user: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = editable_partners(user, project)  # type: ignore[attr-defined]


class SubmitForm(forms.Form):
    """Submit a report with its summary of progress."""

    summary = forms.CharField(label=_("Summary of progress"), widget=forms.Textarea(attrs={"rows": 4}),
                              required=False)


class CertifyForm(forms.Form):
    """Certify a controlled report."""

    certified_amount = forms.DecimalField(label=_("Certified amount"), max_digits=14, decimal_places=2,
                                          min_value=0)


class IndicatorValueForm(forms.ModelForm[IndicatorValue]):
    """Record a manual indicator value with evidence."""

    class Meta:
        model = IndicatorValue
        fields = ["city", "value", "recorded_on", "note", "evidence_url", "evidence"]
        widgets = {"recorded_on": DateInput()}


class SignatoryForm(forms.ModelForm[Signatory]):
    """Record a charter signature."""

    class Meta:
        model = Signatory
        fields = ["person", "title", "organisation", "city", "signed_on", "is_mayor", "evidence"]
        widgets = {"signed_on": DateInput()}
