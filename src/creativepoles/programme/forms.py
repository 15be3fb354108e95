"""Forms of the programme pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creativepoles.core.permissions import ADD, targets
from creativepoles.programme.models import (
    CharterVersion,
    Commitment,
    Expenditure,
    IndicatorValue,
    Milestone,
    Partner,
    PilotProject,
    Procurement,
    Project,
    Signatory,
)


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
        # Foreign keys without a verbose name would label themselves in English ("Period:").
        labels = {"partner": _("Partner"), "period": _("Period"), "procurement": _("Procurement")}
        fields = ["partner", "period", "date", "category", "description", "amount", "currency", "supplier",
                  "invoice_number", "vat", "vat_recoverable", "payment_date", "procurement", "attachment"]
        widgets = {"date": DateInput(), "payment_date": DateInput()}

    def __init__(self, *args: Any, user: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = editable_partners(user, project)  # type: ignore[attr-defined]
        self.fields["period"].queryset = project.periods.all()  # type: ignore[attr-defined]
        self.fields["procurement"].queryset = Procurement.objects.for_user(  # type: ignore[attr-defined]
            user).filter(partner__project=project)
        self.fields["vat"].required = False
        if self.instance.pk:
            self.fields["partner"].disabled = True

    def clean_vat(self) -> Decimal:
        """No VAT entered is no VAT."""
        return self.cleaned_data.get("vat") or Decimal("0.00")


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


class ChangesForm(forms.Form):
    """Send a report back to the partner: what to change."""

    comment = forms.CharField(label=_("What should the partner change?"), widget=forms.Textarea(attrs={"rows": 3}))


class IndicatorValueForm(forms.ModelForm[IndicatorValue]):
    """Record a manual indicator value with evidence."""

    class Meta:
        model = IndicatorValue
        labels = {"city": _("City")}
        fields = ["city", "value", "recorded_on", "note", "evidence_url", "evidence"]
        widgets = {"recorded_on": DateInput()}


class SignatoryForm(forms.ModelForm[Signatory]):
    """Record a charter signature."""

    class Meta:
        model = Signatory
        labels = {"organisation": _("Organisation"), "city": _("City")}
        fields = ["person", "title", "organisation", "city", "signed_on", "is_mayor", "evidence"]
        widgets = {"signed_on": DateInput()}


class PilotForm(forms.ModelForm[PilotProject]):
    """Start or change a pilot project; the evidence goes through the one upload check of its field."""

    class Meta:
        model = PilotProject
        labels = {"city": _("City")}
        fields = ["city", "title", "description", "site_reference", "budget", "currency", "status", "evidence"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class MilestoneForm(forms.ModelForm[Milestone]):
    """Plan a dated step of a pilot, or mark it done."""

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done_on"]
        widgets = {"due_on": DateInput(), "done_on": DateInput()}


class CharterVersionForm(forms.ModelForm[CharterVersion]):
    """A version of the charter text."""

    class Meta:
        model = CharterVersion
        fields = ["title", "text", "adopted_on"]
        widgets = {"adopted_on": DateInput(), "text": forms.Textarea(attrs={"rows": 10})}


class CommitmentForm(forms.ModelForm[Commitment]):
    """A commitment of the charter with its owner and due date."""

    class Meta:
        model = Commitment
        labels = {"owner": _("Owner")}
        fields = ["text", "owner", "due_on", "status"]
        widgets = {"due_on": DateInput()}


class ProcurementForm(forms.ModelForm[Procurement]):
    """Register a contract a partner awarded."""

    partner = forms.ModelChoiceField(queryset=Partner.objects.none(), label=_("Partner"))

    class Meta:
        model = Procurement
        fields = ["partner", "contract", "supplier", "amount", "currency", "procedure", "awarded_on",
                  "subcontractors"]
        widgets = {"awarded_on": DateInput(), "subcontractors": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = project.partners.select_related("organisation__city")
        self.fields["partner"].queryset = targets(user, ADD, Procurement, "partner",  # type: ignore[attr-defined]
                                                  partners)
