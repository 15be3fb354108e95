"""OpenStreetMap imports from the browser: upload, then watch the run's progress and summary."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.permissions import ADD, VIEW, could, get_object_for
from creativepoles.spaces.forms import ImportForm
from creativepoles.spaces.models import ImportRun
from creativepoles.spaces.services.imports import start_import
from creativepoles.spaces.services.osm_import import SKIP_LABELS

KINDS = ("site", "poi")


def summary_context(summary: dict[str, Any]) -> dict[str, Any]:
    """The stored summary as rows for the page: the same numbers the command prints."""
    if not summary:
        return {}
    labels = {"site": _("Sites"), "poi": _("Points of interest")}
    kinds = []
    for kind in KINDS:
        rows = [{"category": category, **counts} for category, counts in summary.get("counts", {}).get(kind, {}).items()]
        total = {key: sum(row[key] for row in rows) for key in ("created", "updated", "unchanged")}
        kinds.append({"label": labels[kind], "rows": rows, "total": total})
    skipped: dict[str, int] = {}
    for categories in summary.get("skipped", {}).values():
        for reasons in categories.values():
            for reason, count in reasons.items():
                skipped[reason] = skipped.get(reason, 0) + count
    return {
        "kinds": kinds, "examined": summary.get("examined", 0), "features": summary.get("features", 0),
        "cut": summary.get("cut", 0), "not_seen": summary.get("not_seen", {}),
        "skipped": [{"code": code, "label": SKIP_LABELS.get(code, code), "count": n}
                    for code, n in sorted(skipped.items())],
        "accessibility": summary.get("accessibility"),
    }


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    """The imports the user may see, and the upload form for the cities they may import into."""
    can_add = could(request.user, ADD, ImportRun)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            run = start_import(request.user, form.cleaned_data["city"], form.cleaned_data["file"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The import has started."))
            return HttpResponseRedirect(run.get_absolute_url())
    runs = ImportRun.objects.for_user(request.user, VIEW).select_related("city", "created_by")[:50]
    return render(request, "spaces/import_list.html", {"form": form, "can_add": can_add, "runs": runs},
                  status=400 if request.method == "POST" else 200)


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: progress while it runs (polled by htmx), then its summary."""
    run = get_object_for(request.user, VIEW, ImportRun.objects.select_related("city", "created_by"), pk=pk)
    context = {"run": run, "summary": summary_context(run.summary),
               "sites_url": f"{reverse('spaces:site-list')}?city={run.city.slug}"}
    if getattr(request, "htmx", False):
        return render(request, "spaces/partials/import_status.html", context)
    return render(request, "spaces/import_detail.html", context)
