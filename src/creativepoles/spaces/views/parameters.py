"""Per-city pre-investment parameters: defaults shown with their source, editable by the city."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import CHANGE, can
from creativepoles.spaces.models import Condition, PreInvestmentParameters
from creativepoles.spaces.services.preinvestment import DEFAULT_SOURCES, parameters_for, unit_costs, update_parameters

FIELDS = ["currency", "heritage_surcharge_pct", "remediation_surcharge_pct", "public_share_pct",
          "market_rent_m2_month", "affordable_rent_m2_month", "occupancy_pct", "operating_cost_m2_year",
          "horizon_years", "discount_rate_pct", "sources"]


class ParametersForm(forms.ModelForm[PreInvestmentParameters]):
    """The model's assumptions, with one renovation cost per condition grade."""

    class Meta:
        model = PreInvestmentParameters
        fields = FIELDS
        widgets = {"sources": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        costs = unit_costs(self.instance)
        for value, label in Condition.choices:
            self.fields[f"cost_{value}"] = forms.DecimalField(
                label=_("Renovation cost per m²: %(grade)s") % {"grade": label}, min_value=0, max_digits=10,
                decimal_places=2, initial=costs.get(value))


def city_parameters(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a city's parameters (public: they are the dossiers' assumptions); its editors change them."""
    city = get_object_or_404(City, slug=slug)
    params = parameters_for(city)
    can_edit = can(request.user, CHANGE, params)
    form = ParametersForm(request.POST or None, instance=params) if can_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FIELDS}
        data["unit_costs"] = {value: str(form.cleaned_data[f"cost_{value}"]) for value in Condition.values}
        try:
            update_parameters(request.user, city, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Parameters saved; dossiers use them from now on."))
            return HttpResponseRedirect(request.path)
    status = 400 if (form is not None and request.method == "POST") else 200
    if request.method == "POST" and form is None:
        raise PermissionDenied  # the page is public; changing it is not
    return render(request, "spaces/parameters.html", {
        "city": city, "params": params, "costs": unit_costs(params), "conditions": Condition.choices,
        "form": form, "is_default": params.pk is None, "default_sources": DEFAULT_SOURCES,
    }, status=status)
