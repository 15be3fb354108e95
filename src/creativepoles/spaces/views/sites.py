"""Site inventory: list with map, detail, add, edit, status moves, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import ADD, CHANGE, DELETE, VIEW, can, could, get_object_for
from creativepoles.spaces.forms import DocumentForm, PhotoForm, SiteForm, StatusForm
from creativepoles.spaces.models import AssessmentResult, PointOfInterest, Site, SiteDocument, SiteStatus
from creativepoles.spaces.services import sites as services
from creativepoles.spaces.story import near_hotspot_sites


def site_points(sites: Any, outlines: bool = False) -> list[dict[str, Any]]:
    """Map points for sites; with `outlines`, a site's stored polygon too (lists stay light without them)."""
    points = []
    for s in sites:
        point = {"name": s.name, "lat": float(s.latitude), "lon": float(s.longitude), "url": s.get_absolute_url()}
        if outlines and isinstance(s.geometry, dict) and s.geometry.get("type") == "Polygon":
            point["outline"] = s.geometry
        points.append(point)
    return points


def site_list(request: HttpRequest) -> HttpResponse:
    """Sites the user may see, by city and status, with a map."""
    sites = Site.objects.for_user(request.user).alive().select_related("city")
    city = request.GET.get("city", "")
    status = request.GET.get("status", "")
    if city:
        sites = sites.filter(city__slug=city)
    near = request.GET.get("near", "")
    if status in SiteStatus.values:
        sites = sites.filter(status=status)
    ordered = sites.order_by("city__name_en", "name")
    listed: Any = ordered[:500]
    if near == "hotspots":
        # Only with a city: the hotspots are computed per city, and the city story links here with one.
        listed = near_hotspot_sites(ordered)[:500] if city else []
    template = "spaces/partials/site_rows.html" if getattr(request, "htmx", False) else "spaces/site_list.html"
    return render(request, template, {
        "sites": listed, "cities": City.objects.all(), "statuses": SiteStatus.choices,
        "selected": {"city": city, "status": status, "near": near == "hotspots"}, "map_data": site_points(listed),
        "can_add": could(request.user, ADD, Site),
    })


def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Facts, accessibility, assessments and status history of one site."""
    site = get_object_or_404(Site.objects.for_user(request.user).alive().select_related("city"), pk=pk)
    can_edit = can(request.user, CHANGE, site)
    results = (AssessmentResult.objects.filter(site=site).select_related("run__method")
               .order_by("-run__created_at")[:10])
    return render(request, "spaces/site_detail.html", {
        "site": site, "can_edit": can_edit, "results": results,
        "accessibility": getattr(site, "accessibility", None),
        "history": site.status_changes.select_related("changed_by")[:20],
        "status_form": StatusForm(initial={"status": site.status}), "map_data": site_points([site], outlines=True),
        "photo_form": PhotoForm(), "document_form": DocumentForm(), "photos": site.photos.all(),
        "documents": SiteDocument.objects.for_user(request.user).filter(site=site),
        "can_delete": can(request.user, DELETE, site),
        "can_add_document": can(request.user, ADD, SiteDocument(site=site)),
    })


@login_required
def site_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a site, or edit one of the user's city (others are a 404)."""
    site = None
    if pk is not None:
        site = get_object_for(request.user, CHANGE, Site.objects.alive(), pk=pk)
    elif not could(request.user, ADD, Site):
        raise PermissionDenied
    form = SiteForm(request.POST or None, instance=site, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if site is None:
                site = services.create_site(request.user, **form.site_data())
            else:
                site = services.update_site(request.user, Site.objects.get(pk=site.pk), **form.site_data())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Site saved."))
            return HttpResponseRedirect(site.get_absolute_url())
    return render(request, "spaces/site_form.html", {"form": form, "site": site},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def site_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a site to another status, with a note."""
    site = get_object_for(request.user, CHANGE, Site.objects.alive(), pk=pk)
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
    site = get_object_for(request.user, DELETE, Site.objects.alive(), pk=pk)
    services.delete_site(request.user, site)
    messages.success(request, _("Site deleted."))
    return HttpResponseRedirect(reverse("spaces:site-list"))


@login_required
@require_POST
def site_upload(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Attach a photo or a document to a site of the user's city."""
    if kind not in ("photo", "document"):
        raise Http404
    site = get_object_for(request.user, VIEW, Site.objects.alive(), pk=pk)
    allowed = can(request.user, CHANGE, site) if kind == "photo" else can(request.user, ADD, SiteDocument(site=site))
    if not allowed:
        raise PermissionDenied
    form = PhotoForm(request.POST, request.FILES) if kind == "photo" else DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            if kind == "photo":
                services.add_photo(request.user, site, **form.cleaned_data)
            else:
                services.add_document(request.user, site, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return HttpResponseRedirect(site.get_absolute_url() + "#uploads")
    messages.success(request, _("File added."))
    return HttpResponseRedirect(site.get_absolute_url() + "#uploads")


def site_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """Serve a document through its policy: private ones only to the site's city and managers (else 404)."""
    site = get_object_or_404(Site.objects.for_user(request.user).alive(), pk=pk)
    document = get_object_or_404(SiteDocument.objects.for_user(request.user).filter(site=site), pk=document_pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=(document.file.name or "").rsplit("/", 1)[-1])


ADDRESS_RESULTS = 12


def address_search(request: HttpRequest) -> JsonResponse:
    """Addresses and named places of a city from its imported OpenStreetMap data, as the user may see them."""
    query = request.GET.get("q", "").strip()
    city_id = request.GET.get("city", "")
    errors = {}
    if len(query) < 2 or len(query) > 100 or "\x00" in query:
        errors["q"] = [_("Type between 2 and 100 characters.")]
    if not city_id.isdigit() or not City.objects.filter(pk=int(city_id)).exists():
        errors["city"] = [_("Choose a city first.")]
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    found: list[dict[str, Any]] = []
    sites = (Site.objects.for_user(request.user).alive().filter(city_id=int(city_id))
             .filter(Q(address__icontains=query) | Q(name__icontains=query)).order_by("name")[:ADDRESS_RESULTS])
    for s in sites:
        label = f"{s.address} ({s.name})" if s.address else s.name
        found.append({"label": label, "address": s.address, "lat": float(s.latitude), "lon": float(s.longitude)})
    places = (PointOfInterest.objects.for_user(request.user).filter(city_id=int(city_id), name__icontains=query)
              .order_by("name")[:ADDRESS_RESULTS - len(found)])
    for p in places:
        found.append({"label": f"{p.name} ({p.get_category_display()})", "address": "",
                      "lat": float(p.latitude), "lon": float(p.longitude)})
    return JsonResponse({"results": found})
