"""Forms for organisations and role requests."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City, Organisation, Role


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal on the field it names, or above the form when the form has no such field."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class OrganisationForm(forms.ModelForm[Organisation]):
    """Edit an organisation; the city list holds only cities the user edits."""

    class Meta:
        model = Organisation
        fields = ["name", "name_en", "kind", "city", "website", "description", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.editable_by(user)  # type: ignore[attr-defined]


class RoleRequestForm(forms.Form):
    """Ask for a role in one of the organisations the user can see."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    message = forms.CharField(label=_("Message"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Who you are and why you need the role."))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.for_user(user).alive().select_related("city"))
