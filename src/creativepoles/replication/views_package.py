"""The programme manager's pages to export a method package and to import one with its report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.replication.forms_package import ExportForm, ImportForm
from creativepoles.replication.package import export_package, import_package, may_exchange
from creativepoles.replication.package.manifest import PART_ORDER, part_label
from creativepoles.replication.package.service import created_on


def _guard(request: HttpRequest) -> None:
    if not may_exchange(request.user):
        raise PermissionDenied


@login_required
def package_export(request: HttpRequest) -> HttpResponse:
    """Choose the source city; the answer to the form is the package file."""
    _guard(request)
    form = ExportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        city = form.cleaned_data["city"]
        try:
            data = export_package(request.user, city)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            name = f"method-package-{city.slug}-{timezone.localdate():%Y-%m-%d}.zip"
            response = HttpResponse(data, content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    return render(request, "replication/package/export.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def package_import(request: HttpRequest) -> HttpResponse:
    """Upload a package and choose the receiving city; the answer is the import report."""
    _guard(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = import_package(request.user, form.cleaned_data["file"], form.cleaned_data["city"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            parts = [(part_label(name), report.part(name)) for name in PART_ORDER if report.part(name)]
            return render(request, "replication/package/report.html",
                          {"report": report, "parts": parts, "city": form.cleaned_data["city"],
                           "exported_on": created_on(report)})
    return render(request, "replication/package/import.html", {"form": form},
                  status=400 if request.method == "POST" else 200)
