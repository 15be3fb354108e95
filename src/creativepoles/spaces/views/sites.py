"""Site inventory: list with map, detail, add, edit, status moves, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City
from creativepoles.core.scoping import CHANGE
from creativepoles.spaces.forms import DocumentForm, PhotoForm, SiteForm, StatusForm, editable_cities
from creativepoles.spaces.models import AssessmentResult, Site, SiteStatus
from creativepoles.spaces.services import sites as services


def site_points(sites: Any) -> list[dict[str, Any]]:
    """Map points for sites."""
    return [{"name": s.name, "lat": float(s.latitude), "lon": float(s.longitude), "url": s.get_absolute_url()}
            for s in sites]


def site_list(request: HttpRequest) -> HttpResponse:
    """Sites the user may see, by city and status, with a map."""
    sites = Site.objects.for_user(request.user).alive().select_related("city")
    city = request.GET.get("city", "")
    status = request.GET.get("status", "")
    if city:
        sites = sites.filter(city__slug=city)
    if status in SiteStatus.values:
        sites = sites.filter(status=status)
    sites = sites.order_by("city__name_en", "name")[:500]
    template = "spaces/partials/site_rows.html" if getattr(request, "htmx", False) else "spaces/site_list.html"
    return render(request, template, {
        "sites": sites, "cities": City.objects.all(), "statuses": SiteStatus.choices,
        "selected": {"city": city, "status": status}, "map_data": site_points(sites),
        "can_add": request.user.is_authenticated and editable_cities(request.user).exists(),
    })


def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Facts, accessibility, assessments and status history of one site."""
    site = get_object_or_404(Site.objects.for_user(request.user).alive().select_related("city"), pk=pk)
    can_edit = Site.objects.for_user(request.user, CHANGE).filter(pk=pk).exists()
    results = (AssessmentResult.objects.filter(site=site).select_related("run__method")
               .order_by("-run__created_at")[:10])
    return render(request, "spaces/site_detail.html", {
        "site": site, "can_edit": can_edit, "results": results,
        "accessibility": getattr(site, "accessibility", None),
        "history": site.status_changes.select_related("changed_by")[:20],
        "status_form": StatusForm(initial={"status": site.status}), "map_data": site_points([site]),
        "photo_form": PhotoForm(), "document_form": DocumentForm(), "photos": site.photos.all(),
        "documents": site.documents.all() if can_edit else site.documents.filter(is_public=True),
    })


@login_required
def site_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a site, or edit one of the user's city (others are a 404)."""
    site = None
    if pk is not None:
        site = get_object_or_404(Site.objects.for_user(request.user, CHANGE).alive(), pk=pk)
    form = SiteForm(request.POST or None, instance=site, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if site is None:
                site = services.create_site(request.user, **form.site_data())
            else:
                site = services.update_site(request.user, Site.objects.get(pk=site.pk), **form.site_data())
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Site saved."))
            return HttpResponseRedirect(site.get_absolute_url())
    return render(request, "spaces/site_form.html", {"form": form, "site": site},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def site_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a site to another status, with a note."""
    site = get_object_or_404(Site.objects.for_user(request.user, CHANGE).alive(), pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.change_status(request.user, site, form.cleaned_data["status"], form.cleaned_data["note"])
        messages.success(request, _("Status changed."))
    else:
        messages.error(request, _("Choose a valid status."))
    return HttpResponseRedirect(site.get_absolute_url())


@login_required
@require_POST
def site_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Soft-delete a site of the user's city."""
    site = get_object_or_404(Site.objects.for_user(request.user, CHANGE).alive(), pk=pk)
    services.delete_site(request.user, site)
    messages.success(request, _("Site deleted."))
    return HttpResponseRedirect(reverse("spaces:site-list"))


@login_required
@require_POST
def site_upload(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Attach a photo or a document to a site of the user's city."""
    site = get_object_or_404(Site.objects.for_user(request.user, CHANGE).alive(), pk=pk)
    form = PhotoForm(request.POST, request.FILES) if kind == "photo" else DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            if kind == "photo":
                services.add_photo(request.user, site, **form.cleaned_data)
            else:
                services.add_document(request.user, site, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(site.get_absolute_url() + "#uploads")
    messages.success(request, _("File added."))
    return HttpResponseRedirect(site.get_absolute_url() + "#uploads")


def site_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """Serve a document through the site's scope: private ones only to the site's city and managers."""
    site = get_object_or_404(Site.objects.for_user(request.user).alive(), pk=pk)
    documents = site.documents.all()
    if not Site.objects.for_user(request.user, CHANGE).filter(pk=pk).exists():
        documents = documents.filter(is_public=True)
    document = get_object_or_404(documents, pk=document_pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=(document.file.name or "").rsplit("/", 1)[-1])
