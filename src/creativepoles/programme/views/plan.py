"""The lead partner's planning pages: the timeline and each partner's budget grid."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.permissions import CHANGE, get_object_for
from creativepoles.programme.models import BudgetLine, CostCategory, Partner, Period, Project
from creativepoles.programme.services.project import set_budget_line, update_timeline


class TimelineForm(forms.ModelForm[Project]):
    """Start, phase lengths and reporting period length."""

    class Meta:
        model = Project
        fields = ["start_date", "contracting_months", "implementation_months", "closing_months", "period_months"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}
        labels = {"start_date": gettext_lazy("Start")}


def _manager_project(request: HttpRequest, acronym: str) -> Project:
    """The project, for those who may change it (403 for those who only see it)."""
    return get_object_for(request.user, CHANGE, Project.objects, acronym=acronym)  # type: ignore[no-any-return]


@login_required
def timeline_edit(request: HttpRequest, acronym: str) -> HttpResponse:
    """Change the timeline; reporting periods are regenerated from it."""
    project = _manager_project(request, acronym)
    form = TimelineForm(request.POST or None, instance=Project.objects.get(pk=project.pk))
    if request.method == "POST" and form.is_valid():
        try:
            update_timeline(request.user, project, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Timeline saved; reporting periods follow it."))
            return HttpResponseRedirect(reverse("programme:dashboard", args=[acronym]))
    return render(request, "programme/timeline_form.html", {"project": project, "form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def budget_edit(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """Edit a partner's budget by cost category and period; every change is kept in the history."""
    project = _manager_project(request, acronym)
    partner = get_object_for(request.user, CHANGE, Partner.objects.select_related("organisation"), pk=pk,
                             project=project)
    periods = list(project.periods.all())
    current = {(b.category, b.period_id): b.amount for b in BudgetLine.objects.filter(partner=partner)}
    errors: dict[str, str] = {}
    if request.method == "POST":
        wanted: list[tuple[str, Period, Decimal]] = []
        for category in CostCategory.values:
            for period in periods:
                name = f"b_{category}_{period.number}"
                raw = request.POST.get(name, "").strip().replace(" ", "").replace("\u00a0", "") or "0"
                if "," in raw and "." not in raw and raw.count(",") == 1:
                    raw = raw.replace(",", ".")  # Lithuanian, German, Polish and Swedish write a decimal comma
                try:
                    exact = Decimal(raw)
                    # Checked before rounding: 1.005 is refused, not silently made 1.00; 12 digits is the column.
                    if not exact.is_finite() or exact < 0 or exact >= Decimal("1e12") \
                            or int(exact.as_tuple().exponent) < -2:
                        raise InvalidOperation
                    amount = exact.quantize(Decimal("0.01"))
                except InvalidOperation:
                    errors[name] = _("Enter an amount of at least 0 with at most two decimals.")
                    continue
                if amount != current.get((category, period.pk), Decimal("0.00")):
                    wanted.append((category, period, amount))
        if not errors:
            with transaction.atomic():  # one form, one transaction: all lines change or none
                for category, period, amount in wanted:
                    set_budget_line(request.user, partner, category, period, amount)
            messages.success(request, ngettext("%(count)s budget line changed.", "%(count)s budget lines changed.",
                                               len(wanted)) % {"count": len(wanted)})
            return HttpResponseRedirect(partner.get_absolute_url())
    rows = [
        (value, label, [(f"b_{value}_{p.number}",
                         request.POST.get(f"b_{value}_{p.number}") if request.method == "POST"
                         else current.get((value, p.pk), Decimal("0.00")),
                         errors.get(f"b_{value}_{p.number}")) for p in periods])
        for value, label in CostCategory.choices
    ]
    # Totals of the saved budget: per category (row), per period (column) and the partner's whole budget.
    zero = Decimal("0.00")
    row_totals = [sum((current.get((value, p.pk), zero) for p in periods), zero) for value in CostCategory.values]
    period_totals = [sum((current.get((value, p.pk), zero) for value in CostCategory.values), zero) for p in periods]
    return render(request, "programme/budget_form.html", {
        "project": project, "partner": partner, "periods": periods, "errors": errors,
        "rows": [(*row, total) for row, total in zip(rows, row_totals, strict=True)],
        "period_totals": period_totals, "grand_total": sum(row_totals, zero),
    }, status=400 if errors else 200)
