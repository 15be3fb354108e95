"""Forms for organisations."""

from __future__ import annotations

from typing import Any

from django import forms

from creativepoles.core.models import City, Organisation


class OrganisationForm(forms.ModelForm[Organisation]):
    """Edit an organisation; the city list holds only cities the user edits."""

    class Meta:
        model = Organisation
        fields = ["name", "name_en", "kind", "city", "website", "description", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.editable_by(user)  # type: ignore[attr-defined]
