"""Academy forms: the application, a rubric review, a conflict declaration, an override, a team's project."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from creativepoles.academy.models import Application, Status, Team
from creativepoles.core.models import City


class ApplicationForm(forms.ModelForm[Application]):
    """What an applicant tells the academy."""

    class Meta:
        model = Application
        fields = ["name", "kind", "field", "organisation_name", "country", "home_city", "birth_date", "founded_year",
                  "motivation", "portfolio_url", "portfolio_file"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6}),
                   "birth_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["home_city"].queryset = City.objects.all()  # type: ignore[attr-defined]
        self.fields["portfolio_file"].help_text = _("A PDF of your work (optional).")


class ReviewForm(forms.Form):
    """One score field per rubric criterion, and a comment."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, rubric: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in rubric:
            self.fields[f"score_{criterion['code']}"] = forms.IntegerField(
                label=criterion["label"], min_value=0, max_value=int(criterion["scale"]),
                help_text=_("0 to %(top)s, weight %(weight)s") % {"top": criterion["scale"],
                                                                  "weight": criterion["weight"]})
        self.order_fields([*[f"score_{c['code']}" for c in rubric], "comment"])

    def scores(self) -> dict[str, int]:
        """The scores by criterion code."""
        return {name[len("score_"):]: value for name, value in self.cleaned_data.items() if name.startswith("score_")}


class ConflictForm(forms.Form):
    """A conflict of interest: a named application, a university or firm, or a city."""

    application = forms.ModelChoiceField(label=_("Application"), queryset=Application.objects.none(), required=False)
    organisation_name = forms.CharField(label=_("University or firm"), max_length=200, required=False)
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.all(), required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, applications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications  # type: ignore[attr-defined]


class OverrideForm(forms.Form):
    """Move one applicant in or out of the selection, saying why."""

    status = forms.ChoiceField(label=_("Decision"), choices=[
        (Status.SELECTED, Status.SELECTED.label), (Status.WAITING, Status.WAITING.label),
        (Status.REJECTED, Status.REJECTED.label)])
    reason = forms.CharField(label=_("Reason"), max_length=500)


class AnnounceForm(forms.Form):
    """Send the outcome e-mails; a relaxed selection needs the reason it was accepted."""

    relaxation_reason = forms.CharField(label=_("Why the relaxed selection is accepted"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))


class TeamForm(forms.ModelForm[Team]):
    """A team's project and the feedback on it."""

    class Meta:
        model = Team
        fields = ["name", "project_title", "brief", "outcome", "feedback"]
        widgets = {k: forms.Textarea(attrs={"rows": 3}) for k in ("brief", "outcome", "feedback")}


def _rubric_text(rubric: list[dict[str, Any]]) -> str:
    return "\n".join(f"{c['code']} | {c['label']} | {c['weight']} | {c['scale']}" for c in rubric)


def _rules_text(rules: list[dict[str, Any]]) -> str:
    return "\n".join(f"{r['country']} | {r.get('minimum', 0)} | {'' if r.get('maximum') is None else r['maximum']}"
                     for r in rules)


class EditionForm(forms.Form):
    """An edition: place, dates, places, the call per language, deadline, eligibility, rubric and country rules."""

    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    city = forms.ModelChoiceField(label=_("Host city"), queryset=City.objects.none())
    venue_site_id = forms.TypedChoiceField(label=_("Venue from the spaces inventory"), required=False, coerce=int,
                                           empty_value=None)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000)
    deadline_date = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    deadline_time = forms.TimeField(label=_("Deadline time (host city)"), initial="23:59")
    max_age = forms.IntegerField(label=_("Maximum age of students"), min_value=16, max_value=99, initial=30)
    max_years_since_founding = forms.IntegerField(label=_("Maximum years since a firm was founded"), min_value=0,
                                                  max_value=50, initial=5)
    rubric = forms.CharField(label=_("Review rubric"), widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("One criterion per line: code | label | weight | top score."))
    country_rules = forms.CharField(label=_("Country rules"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 4}),
                                    help_text=_("One country per line: code | minimum | maximum (may be empty)."))
    disagreement_threshold = forms.DecimalField(label=_("Disagreement threshold"), min_value=0, max_value=100,
                                                decimal_places=2, initial=20)
    is_published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args: Any, cities: Any, venues: list[tuple[int, str]], edition: Any = None,
                 **kwargs: Any) -> None:
        if edition is not None:
            kwargs["initial"] = {**{name: getattr(edition, name) for name in (
                "title", "year", "city", "venue_site_id", "venue", "starts_on", "ends_on", "capacity",
                "deadline_date", "deadline_time", "max_age", "max_years_since_founding", "disagreement_threshold",
                "is_published")}, "rubric": _rubric_text(edition.rubric), "country_rules": _rules_text(
                edition.country_rules), **{f"call_{code}": edition.call_texts.get(code, "")
                                           for code, _name in settings.LANGUAGES}}
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities  # type: ignore[attr-defined]
        self.fields["venue_site_id"].choices = [("", "–"), *venues]  # type: ignore[attr-defined]
        for code, name in settings.LANGUAGES:
            self.fields[f"call_{code}"] = forms.CharField(
                label=_("Call (%(language)s)") % {"language": name}, required=False,
                widget=forms.Textarea(attrs={"rows": 3}))

    def clean_rubric(self) -> list[dict[str, Any]]:
        """Parse the rubric lines."""
        rows = []
        for number, line in enumerate(self.cleaned_data["rubric"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            try:
                code, label, weight, top = parts
                rows.append({"code": code, "label": label, "weight": float(weight), "scale": int(top)})
            except ValueError:
                raise forms.ValidationError(_("Line %(n)s: write code | label | weight | top score.")
                                            % {"n": number}) from None
        if not rows:
            raise forms.ValidationError(_("Give at least one criterion."))
        return rows

    def clean_country_rules(self) -> list[dict[str, Any]]:
        """Parse the country-rule lines."""
        rows = []
        for number, line in enumerate(self.cleaned_data["country_rules"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + [""]
            try:
                maximum = int(parts[2]) if parts[2] else None
                rows.append({"country": parts[0].upper(), "minimum": int(parts[1] or 0), "maximum": maximum})
            except (ValueError, IndexError):
                raise forms.ValidationError(_("Line %(n)s: write country | minimum | maximum.")
                                            % {"n": number}) from None
        return rows

    def data_for_service(self) -> dict[str, Any]:
        """The cleaned values as the edition's fields."""
        data = dict(self.cleaned_data)
        data["call_texts"] = {code: data.pop(f"call_{code}") for code, _name in settings.LANGUAGES
                              if data.get(f"call_{code}")}
        for code, _name in settings.LANGUAGES:
            data.pop(f"call_{code}", None)
        return data
