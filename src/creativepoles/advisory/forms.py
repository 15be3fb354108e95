"""Forms of the advisory pages; the financial model's form reads fixed rows into the model's JSON inputs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from creativepoles.advisory.financials import GROUP_LABELS, LABELS
from creativepoles.advisory.guidance import COMMENT_TARGETS, TEMPLATE_CHOICES, section_title
from creativepoles.advisory.models import ConsultationSession, PlanStatus
from creativepoles.advisory.services.sessions import centres_for, clients_of, consultant_memberships
from creativepoles.core import enterprises
from creativepoles.core.models import City, Membership
from creativepoles.core.people import person_name
from creativepoles.spaces.services.premises import premises_choices


class ConsultantChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A consultant named with their advisory centre and its city."""

    def label_from_instance(self, obj: Membership) -> str:
        return f"{person_name(obj.user)} · {obj.organisation} ({obj.organisation.city})"


class PlanForm(forms.Form):
    """A plan's facts: title, city, creative group (new plans), firm, premises and consultant."""

    title = forms.CharField(label=_("Title"), max_length=200)
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.all())
    template = forms.ChoiceField(label=_("Start from the template for"), required=False,
                                 choices=[("", _("an empty plan")), *TEMPLATE_CHOICES])
    firm_name = forms.CharField(label=_("Firm"), max_length=200, required=False,
                                help_text=_("The name of your firm, or the name you will register it under."))
    enterprise_id = forms.IntegerField(label=_("Firm in the business register (number)"), required=False,
                                       min_value=1, max_value=2**62)
    adviser = ConsultantChoice(label=_("Consultant"), queryset=Membership.objects.none(), required=False,
                                  help_text=_("The consultant of an advisory centre who will review the plan."))
    site_id = forms.TypedChoiceField(label=_("Premises"), required=False, coerce=int, empty_value=None,
                                     help_text=_("A site of the spaces inventory: its rent enters the financials."))
    premises_area_m2 = forms.DecimalField(label=_("Area you will rent (m²)"), required=False, min_value=Decimal(1),
                                          max_digits=9, decimal_places=1)

    def __init__(self, *args: Any, user: Any, city_id: int | None = None, new: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = consultant_memberships()  # type: ignore[attr-defined]
        self.fields["site_id"].choices = [("", "—"), *premises_choices(user, city_id)]  # type: ignore[attr-defined]
        if not new:
            del self.fields["template"]
        if not enterprises.source_name():
            # Without a business register the firm is typed by hand.
            del self.fields["enterprise_id"]

    def plan_data(self) -> dict[str, Any]:
        """The cleaned data as the plan service takes it."""
        data = dict(self.cleaned_data)
        membership = data.pop("adviser", None)
        data["adviser"] = membership.user if membership else None
        data["centre"] = membership.organisation if membership else None
        data.pop("template", None)
        if data.get("enterprise_id"):
            ref = enterprises.lookup([data["enterprise_id"]]).get(data["enterprise_id"])
            if ref is not None and not data.get("firm_name"):
                data["firm_name"] = ref.name
        return data


class SectionForm(forms.Form):
    """The text of one section."""

    text = forms.CharField(label=_("Text"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))


class ReviewForm(forms.Form):
    """A consultant's decision on a submitted plan, with a comment per section."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[(PlanStatus.CHANGES_REQUESTED, _("Request changes")),
                                                                (PlanStatus.APPROVED, _("Approve"))])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in COMMENT_TARGETS:
            self.fields[f"comment_{key}"] = forms.CharField(
                label=section_title(key), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))

    def comments(self) -> dict[str, str]:
        """The comments written, by section."""
        return {key: self.cleaned_data.get(f"comment_{key}", "") for key in COMMENT_TARGETS}


# The financial form's rows: name of the list in the inputs, how many rows the form offers, the fields of a row.
GRID: dict[str, tuple[int, tuple[str, ...]]] = {
    "streams": (4, ("name", "units_per_year", "price", "unit_cost", "growth_pct", "seasonality_pct")),
    "staff": (4, ("role", "monthly_cost", "count", "start_month")),
    "fixed_costs": (5, ("name", "monthly")),
    "investments": (4, ("name", "amount", "life_years")),
    "loans": (3, ("name", "amount", "rate_pct", "term_months")),
}
TOP = ("own_funds", "grants", "discount_rate_pct")
SCENARIO_FIELDS = ("units", "price", "unit_cost", "staff", "fixed")
def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return " ".join(f"{k}:{v}" for k, v in value.items())
    return "" if value is None else str(value)


class FinancialsForm:
    """The financial inputs as a grid of text inputs; rows left empty are dropped; errors keep their row."""

    def __init__(self, data: Mapping[str, Any] | None = None, initial: Mapping[str, Any] | None = None) -> None:
        self.data = data
        self.initial = dict(initial or {})
        self.errors: dict[str, str] = {}
        self._rows: dict[str, list[int]] = {}

    def inputs(self) -> dict[str, Any]:
        """The posted grid as the model's inputs (a 'seasonality' cell of numbers becomes a list)."""
        assert self.data is not None
        data = self.data
        out: dict[str, Any] = {}
        for group, (rows, fields) in GRID.items():
            kept, numbers = [], []
            for i in range(rows):
                row = {f: str(data.get(f"{group}-{i}-{f}", "")).strip() for f in fields}
                if not any(row.values()):
                    continue
                if "seasonality_pct" in row:
                    row["seasonality_pct"] = _shares(row["seasonality_pct"])  # type: ignore[assignment]
                kept.append({k: v for k, v in row.items() if v not in ("", [])})
                numbers.append(i)
            out[group] = kept
            self._rows[group] = numbers
        for name in TOP:
            value = str(data.get(name, "")).strip()
            if value:
                out[name] = value
        scenarios: dict[str, dict[str, str]] = {}
        for scenario in ("pessimistic", "optimistic"):
            values = {f: str(data.get(f"{scenario}-{f}", "")).strip() for f in SCENARIO_FIELDS}
            values = {k: v for k, v in values.items() if v}
            if values:
                scenarios[scenario] = values
        out["scenarios"] = scenarios
        return out

    def add_errors(self, errors: Mapping[str, str]) -> None:
        """Put the model's errors ("streams.1.price") on the inputs they came from ("streams-3-price")."""
        for path, message in errors.items():
            parts = path.split(".")
            if parts[0] in GRID and len(parts) >= 2 and parts[1].isdigit():
                row = self._rows.get(parts[0], [])[int(parts[1])] if int(parts[1]) < len(
                    self._rows.get(parts[0], [])) else int(parts[1])
                name = f"{parts[0]}-{row}-{parts[2]}" if len(parts) > 2 else f"{parts[0]}-{row}"
            elif parts[0] == "scenarios" and len(parts) == 3:
                name = f"{parts[1]}-{parts[2]}"
            else:
                name = path
            self.errors[name] = message

    def grid(self) -> list[dict[str, Any]]:
        """Rows of cells to render: name, label, value and error of each input."""
        source = self.data
        values = self.initial
        groups = []
        for group, (rows, fields) in GRID.items():
            saved = values.get(group) or []
            lines = []
            for i in range(rows):
                line = []
                for f in fields:
                    name = f"{group}-{i}-{f}"
                    if source is not None:
                        value = str(source.get(name, ""))
                    else:
                        value = _cell(saved[i].get(f)) if i < len(saved) and isinstance(saved[i], Mapping) else ""
                    line.append({"name": name, "label": LABELS[f], "value": value, "error": self.errors.get(name),
                                 "wide": f in ("name", "role", "seasonality_pct")})
                lines.append({"cells": line, "error": self.errors.get(f"{group}-{i}")})
            groups.append({"key": group, "label": GROUP_LABELS[group], "rows": lines, "error": self.errors.get(group)})
        return groups

    def top(self) -> list[dict[str, Any]]:
        """Own funds, grants and the discount rate."""
        return [{"name": n, "label": LABELS[n], "error": self.errors.get(n),
                 "value": str(self.data.get(n, "")) if self.data is not None else _cell(self.initial.get(n))}
                for n in TOP]

    def scenarios(self) -> list[dict[str, Any]]:
        """The multipliers of the pessimistic and optimistic scenarios."""
        saved = self.initial.get("scenarios") or {}
        out = []
        for scenario, label in (("pessimistic", _("Pessimistic")), ("optimistic", _("Optimistic"))):
            cells = []
            for f in SCENARIO_FIELDS:
                name = f"{scenario}-{f}"
                value = (str(self.data.get(name, "")) if self.data is not None
                         else _cell((saved.get(scenario) or {}).get(f) if isinstance(saved, Mapping) else ""))
                cells.append({"name": name, "label": LABELS[f], "value": value, "error": self.errors.get(name)})
            out.append({"label": label, "cells": cells})
        return out

    def other_errors(self) -> list[str]:
        """Errors the grid has no input for."""
        known = {c["name"] for g in self.grid() for r in g["rows"] for c in r["cells"]} | set(TOP)
        known |= {f"{s}-{f}" for s in ("pessimistic", "optimistic") for f in SCENARIO_FIELDS}
        known |= {f"{g}-{i}" for g, (n, _f) in GRID.items() for i in range(n)} | set(GRID)
        return [m for name, m in self.errors.items() if name not in known]


def _shares(text: str) -> Any:
    """Monthly shares typed as numbers separated by spaces, commas or semicolons; "month:share" pairs too."""
    if not text:
        return []
    tokens = [t for t in text.replace(";", " ").replace(",", " ").split() if t]
    if any(":" in t for t in tokens):
        return dict((t.partition(":")[0], t.partition(":")[2]) for t in tokens)
    return tokens


class SessionForm(forms.ModelForm[ConsultationSession]):
    """Record a session: centres where the user records, their clients."""

    clients = forms.ModelMultipleChoiceField(label=_("Clients"), required=False, queryset=Membership.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ConsultationSession
        fields = ["date", "duration_hours", "city", "centre", "topic", "mode", "notes", "evidence"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres_for(user)  # type: ignore[attr-defined]
        self.fields["clients"].queryset = clients_of(user)  # type: ignore[attr-defined]
        self.fields["clients"].label_from_instance = person_name  # type: ignore[attr-defined]
        if not self.is_bound and not self.initial.get("date"):
            self.initial["date"] = dt.date.today()
