"""Programme index and dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.generic import TemplateView

from creativepoles.core.models import City
from creativepoles.programme import figures
from creativepoles.programme.models import CostCategory, Project
from creativepoles.programme.views.base import ProjectMixin


def index(request: HttpRequest) -> HttpResponse:
    """One project: go to its dashboard; several: list them."""
    projects = list(Project.objects.for_user(request.user).distinct())
    if len(projects) == 1:
        return redirect(projects[0].get_absolute_url())
    return render(request, "programme/index.html", {"projects": projects})


class DashboardView(LoginRequiredMixin, ProjectMixin, TemplateView):
    """Money table, indicator progress, spending against budget and the timeline, for all or one city."""

    template_name = "programme/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        project = self.project
        cities = City.objects.filter(organisations__partnerships__project=project).distinct().order_by("name_en")
        city = cities.filter(slug=self.request.GET.get("city", "")).first()
        partners = project.partners.all()
        if city is not None:
            partners = partners.filter(organisation__city=city)
        money = figures.partner_money(project, partners)
        context.update(
            cities=cities,
            city=city,
            total=figures.project_total(project),
            money=money,
            money_totals=figures.totals(money),
            # Periods merely nearing their budget are left to the partner's page: across all partners and periods
            # they would bury the lines that are over.
            alerts=[a for m in money for a in m.alerts if a.scope != "period" or a.usage.level == figures.Level.OVER],
            progress=figures.indicator_progress(project, city),
            timeline=figures.timeline(project),
            categories=CostCategory.choices,
            chart_data={
                "labels": [str(m.partner.organisation.city.name) for m in money],
                "budget": [str(m.budget.derived if m.budget.currency != "EUR" else m.budget.amount) for m in money],
                "spent": [str(m.spent_eur) for m in money],
            },
        )
        return context
