"""Forms of the clusters pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creativepoles.clusters.models import (
    ActivityKind,
    BrokerageEvent,
    Cluster,
    ClusterStatus,
    Cooperation,
    Profile,
)
from creativepoles.clusters.taxonomy import GROUPS, LANGUAGES, TAGS
from creativepoles.core.models import City


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class ProfileForm(forms.ModelForm[Profile]):
    """One's own partner profile: texts in any language, tags from the taxonomy (they carry across languages)."""

    offer_tags = forms.MultipleChoiceField(label=_("Offer tags"), choices=TAGS, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    seek_tags = forms.MultipleChoiceField(label=_("Request tags"), choices=TAGS, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=LANGUAGES, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    interests = forms.MultipleChoiceField(label=_("Cooperation interests"), choices=Cooperation.choices,
                                          required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Profile
        labels = {"city": _("City")}
        fields = ["firm_name", "city", "group", "offers", "seeks", "offer_tags", "seek_tags", "languages",
                  "interests", "visibility"]
        widgets = {"offers": forms.Textarea(attrs={"rows": 3}), "seeks": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.all()  # type: ignore[attr-defined]
        self.fields["group"].choices = [("", "---------"), *GROUPS]  # type: ignore[attr-defined]


class EventForm(forms.ModelForm[BrokerageEvent]):
    """A brokerage event in a city the user edits."""

    class Meta:
        model = BrokerageEvent
        labels = {"city": _("Host city")}
        fields = ["city", "title", "description", "venue", "starts_at", "slot_minutes", "slots", "tables",
                  "is_published"]
        widgets = {"starts_at": DateTimeInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.editable_by(user, BrokerageEvent)  # type: ignore[attr-defined]


class MeetingRequestForm(forms.Form):
    """Ask another firm for a meeting at an event, from one of one's own profiles."""

    requester = forms.ModelChoiceField(label=_("From your profile"), queryset=Profile.objects.none())
    invitee = forms.ModelChoiceField(label=_("Meet"), queryset=Profile.objects.none())
    message = forms.CharField(label=_("Message"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mine = Profile.objects.filter(owner=user) if user.is_authenticated else Profile.objects.none()
        self.fields["requester"].queryset = mine  # type: ignore[attr-defined]
        self.fields["invitee"].queryset = Profile.objects.suggestible()  # type: ignore[attr-defined]


class ClusterForm(forms.ModelForm[Cluster]):
    """A cluster's facts."""

    class Meta:
        model = Cluster
        labels = {"city": _("Coordinating city")}
        fields = ["name", "focus", "cooperation", "city", "is_published", "established_on"]
        widgets = {"focus": forms.Textarea(attrs={"rows": 3}), "established_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = City.objects.all()  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    """Move a cluster to another status."""

    status = forms.ChoiceField(label=_("Status"), choices=ClusterStatus.choices)


class MemberForm(forms.Form):
    """Add a firm to a cluster: a public profile, or a firm without one."""

    profile = forms.ModelChoiceField(label=_("Partner profile"), queryset=Profile.objects.none(), required=False)
    firm_name = forms.CharField(label=_("Or a firm without a profile"), max_length=200, required=False)
    city = forms.ModelChoiceField(label=_("Its city"), queryset=City.objects.all(), required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    role = forms.CharField(label=_("Role in the cluster"), max_length=200, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = Profile.objects.for_user(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("profile") and not (data.get("firm_name") and data.get("city")):
            raise forms.ValidationError(_("Choose a profile, or name a firm and its city."))
        return data


class ActivityForm(forms.Form):
    """A joint activity or offer."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class AgreementForm(forms.Form):
    """The signed cooperation agreement."""

    file = forms.FileField(label=_("Agreement (PDF, DOCX or ODT)"))


class FormationForm(forms.Form):
    """The formation assistant's constraints."""

    size = forms.IntegerField(label=_("Firms in the cluster"), min_value=4, max_value=12, initial=6)
    cooperation = forms.ChoiceField(label=_("Cooperation type"), required=False,
                                    choices=[("", _("Any")), *Cooperation.choices])
    required_cities = forms.ModelMultipleChoiceField(label=_("Required cities"), queryset=City.objects.all(),
                                                     required=False, widget=forms.CheckboxSelectMultiple)
    required_groups = forms.MultipleChoiceField(label=_("Required creative groups"), choices=GROUPS,
                                                required=False, widget=forms.CheckboxSelectMultiple)
    excluded = forms.ModelMultipleChoiceField(label=_("Leave out these firms"), required=False,
                                              queryset=Profile.objects.suggestible(),
                                              widget=forms.SelectMultiple(attrs={"size": 6}))
