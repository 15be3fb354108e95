"""Forms of the events pages; times are entered in the event city's time zone."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from creativepoles.core.models import City
from creativepoles.events.models import Campaign, ConceptVersion, Event, EventType

LOCAL_TIMES = ("starts_at", "ends_at", "registration_opens", "registration_closes")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"


def in_zone(value: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A wall-clock time typed for a city, as an aware time in that city's zone."""
    if value is None:
        return None
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return naive.replace(tzinfo=ZoneInfo(zone))


class EventForm(forms.ModelForm[Event]):
    """An event of a city the user organises in; times are wall-clock times of that city."""

    title_lt = forms.CharField(label=_("Title in Lithuanian"), max_length=200, required=False)
    description_lt = forms.CharField(label=_("Description in Lithuanian"), required=False, widget=forms.Textarea)

    class Meta:
        model = Event
        fields = ["city", "campaign", "title", "description", "kind", "starts_at", "ends_at", "venue_name",
                  "address", "latitude", "longitude", "site_id", "online_url", "capacity", "registration_opens",
                  "registration_closes", "requires_approval", "status", "questions"]
        widgets = {name: DateTimeInput() for name in LOCAL_TIMES}

    def __init__(self, *args: Any, cities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities if cities is not None else City.objects.none()  # type: ignore[attr-defined]
        self.fields["campaign"].queryset = Campaign.objects.filter(city__in=self.fields["city"].queryset)  # type: ignore[attr-defined]
        self.fields["questions"].required = False
        self.fields["questions"].help_text = _('A list such as [{"key": "diet", "label": "Dietary needs", '
                                               '"required": false}]')
        instance = self.instance
        if instance.pk:
            zone = ZoneInfo(instance.city.time_zone)
            for name in LOCAL_TIMES:
                value = getattr(instance, name)
                if value is not None:
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None)
            lt = instance.translations.get("lt", {}) if isinstance(instance.translations, dict) else {}
            self.initial["title_lt"] = lt.get("title", "")
            self.initial["description_lt"] = lt.get("description", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        city = data.get("city")
        if city is not None:
            for name in LOCAL_TIMES:
                data[name] = in_zone(data.get(name), city.time_zone)
        if data.get("questions") is None:
            data["questions"] = []
        return data

    def service_data(self) -> dict[str, Any]:
        """The cleaned data as the services take it (translations gathered by language)."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("title_lt", "description_lt")}
        texts = dict(self.instance.translations) if isinstance(self.instance.translations, dict) else {}
        lt = {k: v for k, v in (("title", self.cleaned_data.get("title_lt", "")),
                                ("description", self.cleaned_data.get("description_lt", ""))) if v}
        if lt:
            texts["lt"] = lt
        else:
            texts.pop("lt", None)
        data["translations"] = texts
        return data


class RegistrationForm(forms.Form):
    """A visitor's registration: name, address and the event's own questions."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in event.questions:
            self.fields[f"q_{question['key']}"] = forms.CharField(
                label=question["label"], required=bool(question.get("required")), max_length=1000)

    def answers(self) -> dict[str, str]:
        return {k[2:]: v for k, v in self.cleaned_data.items() if k.startswith("q_")}


class CalendarFilter(forms.Form):
    """The public calendar's filters; bad values are ignored rather than refused."""

    city = forms.ModelChoiceField(queryset=City.objects.all(), to_field_name="slug", required=False,
                                  label=_("City"))
    kind = forms.ChoiceField(choices=[("", _("All types")), *EventType.choices], required=False, label=_("Type"))
    start = forms.DateField(required=False, label=_("From"), widget=DateInput())
    end = forms.DateField(required=False, label=_("To"), widget=DateInput())


class CampaignForm(forms.ModelForm[Campaign]):
    """A campaign of a city the user edits."""

    class Meta:
        model = Campaign
        fields = ["city", "theme", "starts_on", "ends_on", "budget", "budget_lines", "channels", "reach_target",
                  "reach_achieved", "registrations_target", "attendance_target", "status"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args: Any, cities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from creativepoles.programme.models import BudgetLine

        self.fields["city"].queryset = cities if cities is not None else City.objects.none()  # type: ignore[attr-defined]
        self.fields["budget_lines"].queryset = BudgetLine.objects.filter(  # type: ignore[attr-defined]
            partner__organisation__city__in=self.fields["city"].queryset).select_related(  # type: ignore[attr-defined]
            "partner__organisation", "period")
        self.fields["budget_lines"].required = False


class ConceptForm(forms.ModelForm[ConceptVersion]):
    """A new version of the concept, starting from the last one."""

    class Meta:
        model = ConceptVersion
        fields = ["title", *ConceptVersion.SECTIONS]
