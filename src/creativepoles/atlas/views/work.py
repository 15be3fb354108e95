"""The atlas's working pages: a city's firms (its members), register imports, totals, correspondence tables."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.atlas.forms import CorrespondenceForm, DenominatorForm, FirmForm, ImportForm
from creativepoles.atlas.models import Correspondence, Denominator, Firm, RegisterImport
from creativepoles.atlas.services import data as services
from creativepoles.atlas.services.imports import start_import
from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import ADD, CHANGE, VIEW, can, could, get_object_for


@login_required
def firm_list(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's register, for those who may see its firms (404 for others)."""
    city = get_object_or_404(City, slug=slug)
    if not can(request.user, VIEW, Firm(city=city)):
        raise PermissionDenied
    firms = Firm.objects.for_user(request.user, VIEW).filter(city=city)
    text = request.GET.get("q", "").strip()[:100]
    if text:
        firms = firms.filter(name__icontains=text)
    page = Paginator(firms.order_by("name", "pk"), 100).get_page(request.GET.get("page"))
    return render(request, "atlas/firm_list.html", {"city": city, "page": page, "q": text})


@login_required
def firm_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One firm of a register, for its city's members."""
    firm = get_object_for(request.user, VIEW, Firm.objects.select_related("city"), pk=pk)
    return render(request, "atlas/firm_detail.html", {"firm": firm, "can_edit": can(request.user, CHANGE, firm)})


@login_required
def firm_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a firm by hand."""
    firm = get_object_for(request.user, CHANGE, Firm.objects.select_related("city"), pk=pk)
    form = FirmForm(request.POST or None, instance=Firm.objects.get(pk=firm.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_firm(request.user, firm, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The firm is saved."))
            return HttpResponseRedirect(firm.get_absolute_url())
    return render(request, "atlas/firm_form.html", {"firm": firm, "form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    """Register imports the user may see, and the upload form for the cities they may import into."""
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = start_import(request.user, data["city"], data["file"], data["layout"], data.get("activity_file"))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return HttpResponseRedirect(run.get_absolute_url())
    runs = RegisterImport.objects.for_user(request.user, VIEW).select_related("city", "created_by")[:50]
    return render(request, "atlas/import_list.html",
                  {"form": form, "can_add": could(request.user, ADD, RegisterImport), "runs": runs},
                  status=400 if request.method == "POST" else 200)


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: a progress bar while it runs (polled by htmx), then its report."""
    run = get_object_for(request.user, VIEW, RegisterImport.objects.select_related("city", "created_by"), pk=pk)
    context = {"run": run, "summary": run.summary}
    if getattr(request, "htmx", False):
        return render(request, "atlas/partials/import_status.html", context)
    return render(request, "atlas/import_detail.html", context)


@login_required
def denominators(request: HttpRequest, slug: str) -> HttpResponse:
    """A city's totals by year, and the form to enter a year's totals."""
    city = get_object_or_404(City, slug=slug)
    probe = Denominator(city=city)
    if not can(request.user, ADD, probe):
        raise PermissionDenied
    form = DenominatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        year = values.pop("year")
        try:
            services.save_denominator(request.user, city, year, **values)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The totals are saved."))
            return HttpResponseRedirect(reverse("atlas:denominators", args=[city.slug]))
    rows = Denominator.objects.filter(city=city).order_by("-year")
    return render(request, "atlas/denominators.html", {"city": city, "form": form, "rows": rows},
                  status=400 if request.method == "POST" else 200)


@login_required
def correspondence(request: HttpRequest) -> HttpResponse:
    """The loaded NACE Rev. 2.1 → Rev. 2 table, and the upload for the network's managers."""
    can_load = could(request.user, ADD, Correspondence)
    form = CorrespondenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_load:
            raise PermissionDenied
        if form.is_valid():
            upload: Any = form.cleaned_data["file"]
            try:
                text = upload.read().decode("utf-8-sig")
                count = services.load_correspondence(request.user, text, form.cleaned_data["source"])
            except UnicodeDecodeError:
                form.add_error("file", _("The file is not UTF-8 text."))
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("%(count)d links loaded.") % {"count": count})
                return HttpResponseRedirect(reverse("atlas:correspondence"))
    rows = Correspondence.objects.all()[:500]
    return render(request, "atlas/correspondence.html", {"form": form, "can_load": can_load, "rows": rows,
                                                         "count": Correspondence.objects.count()},
                  status=400 if request.method == "POST" else 200)
