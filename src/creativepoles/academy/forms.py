"""Academy forms: the application, a rubric review, a conflict declaration, an override, a team's project."""

from __future__ import annotations

from typing import Any

from django import forms
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
