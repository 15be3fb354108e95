"""Forms of the learning pages: sessions, attendance, feedback, quizzes, the case contact form, imports."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City, Organisation
from creativepoles.core.permissions import ADD, targets
from creativepoles.learning.models import (
    Course,
    CourseModule,
    PackageFormat,
    PackageModule,
    TrainingPackage,
    TrainingSession,
)


class SessionForm(forms.Form):
    """Record a held session: only cities where the user may record are offered."""

    package = forms.ModelChoiceField(label=_("Package"), queryset=TrainingPackage.objects.none())
    module = forms.ModelChoiceField(label=_("Module"), queryset=PackageModule.objects.none(), required=False)
    course_module = forms.ModelChoiceField(label=_("Course module"), queryset=CourseModule.objects.none(),
                                           required=False, help_text=_("The online module this session goes with."))
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.none())
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    duration_hours = forms.DecimalField(label=_("Duration (hours)"), min_value=0, max_value=24, decimal_places=2)
    counted_participants = forms.IntegerField(label=_("Participants counted"), min_value=0, initial=0,
                                              required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        packages = TrainingPackage.objects.for_user(user)
        self.fields["package"].queryset = packages  # type: ignore[attr-defined]
        self.fields["module"].queryset = PackageModule.objects.filter(  # type: ignore[attr-defined]
            package__in=packages).select_related("package")
        self.fields["course_module"].queryset = CourseModule.objects.filter(  # type: ignore[attr-defined]
            course__in=Course.objects.for_user(user)).select_related("course")
        self.fields["city"].queryset = targets(user, ADD, TrainingSession, "city",  # type: ignore[attr-defined]
                                               City.objects.all())


class PackageForm(forms.Form):
    """A new package (first version, as a draft): only organisations where the user may add are offered."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    target_group = forms.CharField(label=_("Target group"), max_length=300)
    learning_outcomes = forms.CharField(label=_("Learning outcomes"), widget=forms.Textarea(attrs={"rows": 3}))
    format = forms.ChoiceField(label=_("Format"), choices=PackageFormat.choices)
    duration_hours = forms.DecimalField(label=_("Duration (hours)"), min_value=0, max_value=2000, decimal_places=1)
    modules = forms.CharField(label=_("Modules"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("One module a line: its title, a semicolon and its hours."))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = targets(  # type: ignore[attr-defined]
            user, ADD, TrainingPackage, "organisation", Organisation.objects.alive())

    def clean_modules(self) -> list[tuple[str, Decimal]]:
        out = []
        for number, line in enumerate(self.cleaned_data["modules"].splitlines(), start=1):
            if not line.strip():
                continue
            title, _sep, hours = line.rpartition(";")
            try:
                value = Decimal(hours.strip())
            except InvalidOperation:
                value = Decimal(-1)
            if not title.strip() or not value.is_finite() or not Decimal(0) <= value <= Decimal(2000):
                raise forms.ValidationError(_("Line %(line)s: write a title, a semicolon and the hours.")
                                            % {"line": number})
            out.append((title.strip()[:200], value.quantize(Decimal("0.1"))))
        return out


class MaterialForm(forms.Form):
    """A file handed out with a package."""

    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))


class FeedbackForm(forms.Form):
    """A participant's rating and comment."""

    rating = forms.TypedChoiceField(label=_("Rating"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)],
                                    widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 4}))


class ContactForm(forms.Form):
    """Write to the organisation behind a case; its address is never shown."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    reply_to = forms.EmailField(label=_("Your e-mail address"))
    text = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))


class ImportForm(forms.Form):
    """A Common Cartridge file to import as a new draft course."""

    file = forms.FileField(label=_("Common Cartridge file (.imscc)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 50 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload
