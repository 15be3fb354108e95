"""Site dossier page, its PDF and map, the public list of a city's published sites, and site exports."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from creativepoles.core import pagecache
from creativepoles.core.exports import csv_response
from creativepoles.core.models import City
from creativepoles.spaces import dossier
from creativepoles.spaces.dossier import IMPUTED_NOTE, OSM_ATTRIBUTION, can_see_private
from creativepoles.spaces.models import Site

GEOJSON_TYPE = "application/geo+json"
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
GEOMETRY_TYPES = ("Point", "Polygon", "MultiPolygon")
# Every column of the export; the owner's contact is never exported, whoever asks.
EXPORT_FIELDS = (
    "id", "name", "address", "latitude", "longitude", "status", "former_use", "building_type", "footprint_m2",
    "floors", "gross_floor_area_m2", "year_built", "condition", "heritage_protected", "ownership", "vacant_since",
    "fully_vacant", "contamination_suspected", "asking_rent_m2_month", "asking_price", "currency", "is_published",
    "source", "osm_type", "osm_id",
)


def _site(request: HttpRequest, pk: int) -> Site:
    """A live site the user may see; anything else is a 404."""
    return get_object_or_404(Site.objects.for_user(request.user).alive().select_related("city"), pk=pk)


def _cache(response: HttpResponse, shared: bool) -> HttpResponse:
    """Cache briefly; only what is the same for everyone may sit in shared caches."""
    if shared:
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, max_age=300)
    return response


def site_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier page: facts, location map, latest assessment, pre-investment and sources."""
    site = _site(request, pk)
    context = dossier.dossier_context(site, show_private=can_see_private(request.user, site))
    context.update({
        "site_obj": site, "imputed_note": IMPUTED_NOTE,
        "map_url": reverse("spaces:site-dossier-map", args=[site.pk]),
        "pdf_url": reverse("spaces:site-dossier-pdf", args=[site.pk]),
        "has_imputed": any(c["imputed"] for c in (context["assessment"] or {}).get("criteria", [])),
    })
    return render(request, "spaces/dossier.html", context)


def dossier_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier as a PDF download."""
    site = _site(request, pk)
    private = can_see_private(request.user, site)
    # A member's PDF holds the owner's contact: it is rendered for them alone and kept by no shared cache.
    shared = site.is_published and not private
    pdf = dossier.public_dossier_pdf(site) if shared else dossier.dossier_pdf(site, show_private=private)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"site-{site.pk}-dossier.pdf")
    return _cache(response, shared)


def dossier_map(request: HttpRequest, pk: int) -> HttpResponse:
    """The location map as a PNG drawn on the server, without tiles."""
    site = _site(request, pk)
    try:
        width = int(request.GET.get("w", "800"))
    except ValueError:
        width = 800
    png = dossier.public_location_map_png(site, width) if site.is_published else dossier.location_map_png(site, width)
    response = HttpResponse(png, content_type="image/png")
    return _cache(response, site.is_published)


def public_sites(request: HttpRequest, city_slug: str) -> HttpResponse:
    """A city's published sites with a map, for everyone."""
    city = get_object_or_404(City, slug=city_slug)
    sites = list(Site.objects.filter(city=city, is_published=True, deleted_at__isnull=True).order_by("name"))
    points = [{"name": s.name, "lat": float(s.latitude), "lon": float(s.longitude),
               "url": reverse("spaces:site-dossier", args=[s.pk])} for s in sites]
    pieces = {"city": city, "sites": sites, "map_data": points, "osm_attribution": OSM_ATTRIBUTION,
              "geojson_url": reverse("spaces:site-export") + f"?format=geojson&city={city.slug}"}
    rows = [(s.pk, s.name, s.address, s.former_use, s.building_type, s.gross_floor_area_m2, s.condition, s.status)
            for s in sites]
    body = pagecache.anonymous_fragment(request, "spaces/partials/public_sites_body.html", pieces, "public-sites",
                                        city.slug, city.name, rows, points)
    return render(request, "spaces/public_sites.html", {**pieces, "body": body})


def _export_value(value: Any) -> Any:
    """A model value as plain JSON: amounts as decimal strings, dates in ISO form."""
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _geometry(site: Site) -> dict[str, Any]:
    """The stored GeoJSON geometry when it is well formed, otherwise the site's point."""
    geometry = site.geometry
    if isinstance(geometry, dict) and geometry.get("type") in GEOMETRY_TYPES and geometry.get("coordinates"):
        return {"type": geometry["type"], "coordinates": geometry["coordinates"]}
    return {"type": "Point", "coordinates": [float(site.longitude), float(site.latitude)]}


def _feature(site: Site, request: HttpRequest) -> dict[str, Any]:
    """One site as a GeoJSON feature; properties never hold the owner's contact."""
    properties = {name: _export_value(getattr(site, name)) for name in EXPORT_FIELDS}
    properties.update({"city": site.city.slug, "city_name": site.city.name,
                       "dossier_url": request.build_absolute_uri(reverse("spaces:site-dossier", args=[site.pk]))})
    return {"type": "Feature", "id": site.pk, "geometry": _geometry(site), "properties": properties}


def site_export(request: HttpRequest) -> HttpResponse:
    """The sites the user may see as CSV (formula-safe) or GeoJSON; ?format=csv|geojson&city=slug."""
    fmt = request.GET.get("format", "csv").lower()
    if fmt not in ("csv", "geojson"):
        return HttpResponseBadRequest(_("Unknown format: use csv or geojson."), content_type="text/plain")
    sites: QuerySet[Site] = Site.objects.for_user(request.user).alive().select_related("city")
    city = request.GET.get("city", "")
    if city:
        # Anything but a slug (a NUL byte, say) matches no city rather than reaching the database.
        sites = sites.filter(city__slug=city) if SLUG.fullmatch(city) else sites.none()
    sites = sites.order_by("city__name_en", "name", "pk")
    name = f"sites-{city}" if city and SLUG.fullmatch(city) else "sites"
    if fmt == "csv":
        header = ["city", *EXPORT_FIELDS]
        rows = ([site.city.slug, *(getattr(site, f) for f in EXPORT_FIELDS)] for site in sites)
        return csv_response(f"{name}.csv", header, rows)
    collection = {"type": "FeatureCollection", "attribution": OSM_ATTRIBUTION,
                  "features": [_feature(site, request) for site in sites]}
    response = HttpResponse(json.dumps(collection, cls=DjangoJSONEncoder, ensure_ascii=False),
                            content_type=GEOJSON_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.geojson")
    return response
