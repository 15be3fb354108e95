"""Assessment methods: list, the two-step builder (criteria, then direct or AHP weights), runs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.permissions import ADD, can, could
from creativepoles.spaces import ranking
from creativepoles.spaces.forms import MethodForm, pairwise_fields, pairwise_matrix
from creativepoles.spaces.models import AssessmentRun, Method, Site
from creativepoles.spaces.services import assessment
from creativepoles.spaces.services.criteria import SOURCE_FIELDS
from creativepoles.spaces.views.sites import site_points


def method_list(request: HttpRequest) -> HttpResponse:
    """Every method with its version, criteria count and runs."""
    methods = Method.objects.for_user(request.user).select_related("city").prefetch_related("criteria")
    return render(request, "spaces/method_list.html", {"methods": methods,
                                                        "can_add": could(request.user, ADD, Method)})


@login_required
def method_create(request: HttpRequest) -> HttpResponse:
    """Build a method: choose criteria and weighting; with AHP, a second step asks for the comparisons."""
    if not could(request.user, ADD, Method):
        raise PermissionDenied
    form = MethodForm(request.POST or None, user=request.user)
    pairs: list[tuple[str, str, str]] = []
    step = "criteria"
    if request.method == "POST" and form.is_valid():
        codes = form.chosen()
        data = form.cleaned_data
        if data["weighting"] == "ahp":
            step = "ahp"
            # A fresh form with one field per pair, so the comparisons are validated like the rest.
            form = MethodForm(request.POST if "compare" in request.POST else None, user=request.user,
                              initial=request.POST.dict())
            pairs = pairwise_fields(form, codes)
            if "compare" not in request.POST:
                return _render_builder(request, form, step, pairs, codes)
            if not form.is_valid():
                return _render_builder(request, form, step, pairs, codes, status=400)
            data = form.cleaned_data
        criteria = [{"code": code.replace("_", "-"), "source_field": code,
                     "weight": data.get(f"weight_{code}") or 0} for code in codes]
        try:
            method = assessment.create_method(
                request.user, data["city"], data["name"], criteria, normalisation=data["normalisation"],
                aggregation=data["aggregation"], perspective=data["perspective"],
                pairwise=pairwise_matrix(form.cleaned_data, codes) if step == "ahp" else None,
            )
        except DomainError as error:
            add_domain_error(form, error)
            return _render_builder(request, form, step, pairs, codes, status=400)
        messages.success(request, _("Method saved."))
        return HttpResponseRedirect(method.get_absolute_url())
    return _render_builder(request, form, step, pairs, [], status=400 if request.method == "POST" else 200)


def _render_builder(request: HttpRequest, form: MethodForm, step: str, pairs: list[tuple[str, str, str]],
                    codes: list[str], status: int = 200) -> HttpResponse:
    return render(request, "spaces/method_form.html", {
        "form": form, "step": step, "codes": codes,
        "pairs": [(form[name], SOURCE_FIELDS[a].label, SOURCE_FIELDS[b].label) for name, a, b in pairs],
    }, status=status)


def _can_run(user: Any, method: Method) -> bool:
    """A run is a new assessment of the method's city: the run policy decides."""
    return can(user, ADD, AssessmentRun(method=method, city_id=method.city_id))


def method_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A method's criteria, weights, consistency and runs."""
    method = get_object_or_404(Method.objects.for_user(request.user).select_related("city"), pk=pk)
    can_run = _can_run(request.user, method)
    return render(request, "spaces/method_detail.html", {
        "method": method, "criteria": method.criteria.all(), "runs": method.runs.all()[:20], "can_run": can_run,
    })


@login_required
@require_POST
def method_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Run a method over its city's sites and show the ranking."""
    method = get_object_or_404(Method.objects.for_user(request.user), pk=pk)
    if not _can_run(request.user, method):
        raise PermissionDenied
    try:
        run = assessment.run_assessment(request.user, method)
    except DomainError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(method.get_absolute_url())
    return HttpResponseRedirect(run.get_absolute_url())


def _run_rows(run: AssessmentRun, user: Any) -> tuple[list[Any], ranking.Explained]:
    """The run's results the user may see, in rank order, with the recomputed columns."""
    visible = Site.objects.for_user(user).alive().values("pk")
    # Unpublished sites of the run stay hidden from people outside the city; ranks keep their numbers.
    results = list(run.results.filter(site__in=visible).select_related("site").order_by("rank"))
    return results, ranking.explain(run.inputs)


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A run's ranking table with what its columns mean, stability as a chart, and a map."""
    run = get_object_or_404(AssessmentRun.objects.for_user(request.user).select_related("method", "city"), pk=pk)
    results, explained = _run_rows(run, request.user)
    criteria = run.inputs["criteria"]
    rows = [{"result": r, "columns": [(value, j in explained.worst.get(r.site_id, set()))
                                      for j, value in enumerate(explained.columns.get(r.site_id, []))],
             "d_plus": explained.d_plus.get(r.site_id), "d_minus": explained.d_minus.get(r.site_id),
             "at_anti_ideal": r.site_id in explained.at_anti_ideal} for r in results]
    chart = {"labels": [f"{r.rank}. {r.site.name}" for r in results],
             "values": [round(100 * (r.rank_stability or 0.0), 1) for r in results],
             "label": _("Share of runs that keep the rank (%)")}
    return render(request, "spaces/run_detail.html", {
        "run": run, "rows": rows, "criteria": criteria, "is_topsis": run.inputs.get("aggregation") == "topsis",
        "is_vector": run.inputs.get("normalisation") == "vector", "chart": chart,
        "any_zero": any(row["at_anti_ideal"] for row in rows),
        "map_data": site_points([r.site for r in results]),
    })


def run_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two to four sites of a run side by side: facts, score, rank, raw values and columns."""
    run = get_object_or_404(AssessmentRun.objects.for_user(request.user).select_related("method", "city"), pk=pk)
    results, explained = _run_rows(run, request.user)
    by_site = {r.site_id: r for r in results}
    wanted: list[int] = []
    for raw in request.GET.getlist("site"):
        if raw.isdigit() and int(raw) in by_site and int(raw) not in wanted:
            wanted.append(int(raw))
    asked = len(set(request.GET.getlist("site")))
    error = "" if 2 <= len(wanted) <= 4 and asked <= 4 else _("Choose two to four sites of this ranking to compare.")
    chosen = [by_site[i] for i in wanted] if not error else []
    index = {int(s): i for i, s in enumerate(run.inputs["sites"])}
    criteria = run.inputs["criteria"]
    lines = [{"criterion": c, "cells": [(run.inputs["matrix"][index[r.site_id]][j],
                                         explained.columns[r.site_id][j],
                                         j in explained.worst.get(r.site_id, set())) for r in chosen]}
             for j, c in enumerate(criteria)]
    return render(request, "spaces/run_compare.html", {
        "run": run, "chosen": chosen, "lines": lines, "error": error, "results": results,
        "is_topsis": run.inputs.get("aggregation") == "topsis",
    }, status=400 if error and request.GET.getlist("site") else 200)
