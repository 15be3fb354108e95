"""Forms of the method package pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City
from creativepoles.core.permissions import CHANGE
from creativepoles.replication.package.archive import MAX_PACKAGE


def _cities(user: Any) -> Any:
    return City.objects.for_user(user, CHANGE).order_by("name_en")  # type: ignore[attr-defined]


class ExportForm(forms.Form):
    """The city whose methods and parameters the package carries."""

    city = forms.ModelChoiceField(label=_("Source city"), queryset=City.objects.none(),
                                  help_text=_("Its assessment methods and pre-investment parameters go into the "
                                              "package, with the network's classification, templates, training "
                                              "packages and course."))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = _cities(user)  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    """A package file and the city that receives its methods."""

    file = forms.FileField(label=_("Method package (.zip)"))
    city = forms.ModelChoiceField(label=_("Receiving city"), queryset=City.objects.none(),
                                  help_text=_("The imported methods and pre-investment parameters belong to this "
                                              "city. Add the city first if it is new."))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = _cities(user)  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        return package_upload(self.cleaned_data["file"])


def package_upload(upload: Any) -> Any:
    """A package upload within the size a package may have (the zip's own checks come at import)."""
    if upload.size > MAX_PACKAGE:
        raise forms.ValidationError(_("The file is larger than %(mb)s MB."), params={"mb": MAX_PACKAGE // 2**20})
    return upload
