"""A site's dossier: facts, accessibility, latest assessment, pre-investment, an offline location map and a PDF."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import typst
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from creativepoles.analysis.finance import FinanceError, pre_investment
from creativepoles.analysis.geo import to_laea
from creativepoles.core import pagecache
from creativepoles.core.exports import escape_typst, typst_table
from creativepoles.core.formatting import format_amount, format_number, format_quantity
from creativepoles.core.permissions import CHANGE, can
from creativepoles.spaces.models import Accessibility, AssessmentResult, PoiCategory, PointOfInterest, Site
from creativepoles.spaces.services.preinvestment import DEFAULT_SOURCES, parameters_for, preinvestment_inputs

OSM_ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0"
OSM_COPYRIGHT_URL = "https://www.openstreetmap.org/copyright"
IMPUTED_NOTE = gettext_lazy("* No value recorded: the worst value among the assessed sites was used.")
MAP_RADIUS_M = 1500.0
SCALE_BAR_M = 500.0
POI_STYLE = {"transit": ("o", "#1f6fb4"), "education": ("s", "#7b4fa6"), "culture": ("^", "#c0392b"),
             "creative": ("D", "#e67e22")}
FACT_FIELDS = ("address", "former_use", "building_type", "year_built", "footprint_m2", "floors",
               "gross_floor_area_m2", "condition", "heritage_protected", "ownership", "owner_contact", "vacant_since",
               "fully_vacant", "utilities", "contamination_suspected", "asking_rent_m2_month", "asking_price")


def can_see_private(user: Any, site: Site) -> bool:
    """True for those who may change the site (its city's editors, programme managers): the owner's contact."""
    return can(user, CHANGE, site)


def jsonable(value: Any) -> Any:
    """The dossier as plain JSON: Decimals as decimal strings, dates in ISO form, lazy text as text."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal | Promise) else value


def _display(value: Any) -> str:
    """A fact value as text: dashes for nothing, yes/no for booleans, thousands separators for numbers."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        places = max(0, -int(value.as_tuple().exponent))  # type: ignore[operator]
        return format_number(value, places)
    if isinstance(value, float):
        return format_number(value, 0 if value.is_integer() else 2)
    if isinstance(value, int):
        # Years are numbers too, but "1 905" would read wrongly: only quantities get grouping.
        return str(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _item(field: str, label: Any, value: Any, display: str | None = None) -> dict[str, Any]:
    """One labelled row of the dossier, with its raw value and the text shown on the page and in the PDF."""
    return {"field": field, "label": str(capfirst(label)), "value": value,
            "display": display if display is not None else _display(value)}


def _metres(value: float | None) -> str:
    return "—" if value is None else format_number(value, 0) + " m"


def _percent(fraction: float | Decimal | None, places: int = 1) -> str:
    return "—" if fraction is None else format_number(float(fraction) * 100, places) + " %"


def _decimal(value: float, places: int) -> str:
    """A score or weight in the active language (0,612 in Lithuanian), rounded half up like the pages' floatformat."""
    return format_number(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), places)


def _facts(site: Site, show_private: bool) -> list[dict[str, Any]]:
    """The site's recorded facts; the owner's contact only when private data may be shown."""
    items = [_item("city", _("city"), site.city.name),
             _item("coordinates", _("coordinates"), [site.latitude, site.longitude],
                   f"{site.latitude}, {site.longitude}"),
             _item("status", _("status"), site.status, str(site.get_status_display()))]
    for name in FACT_FIELDS:
        if name == "owner_contact" and not show_private:
            continue
        field = Site._meta.get_field(name)
        value = getattr(site, name)
        display = None
        if getattr(field, "choices", None):
            display = str(getattr(site, f"get_{name}_display")())
        elif name in ("asking_rent_m2_month", "asking_price") and value is not None:
            display = format_amount(value, site.currency)
        elif name == "footprint_m2" and value is not None and site.outline_cut:
            # Measured from the nodes inside the extract only: the true footprint is larger.
            display = _("at least %(area)s (outline cut at the extract's edge)") % {"area": _display(value)}
        items.append(_item(name, field.verbose_name, value, display))  # type: ignore[union-attr]
    return items


def _accessibility(site: Site) -> list[dict[str, Any]]:
    """Distances and counts around the site, with the radius each count used."""
    acc = Accessibility.objects.filter(site=site).first()
    if acc is None:
        return []
    items = []
    for name, radius_key in (("centre_m", ""), ("nearest_stop_m", ""), ("stops_within", "transit"),
                             ("nearest_university_m", ""), ("culture_within", "culture"),
                             ("creative_within", "creative")):
        value, radius = getattr(acc, name), (acc.radii or {}).get(radius_key)
        display = _metres(value) if name.endswith("_m") else str(value)
        if radius:
            display += " (" + _("within %(radius)s") % {"radius": _metres(float(radius))} + ")"
        label = Accessibility._meta.get_field(name).verbose_name  # type: ignore[union-attr]
        items.append(_item(name, label, value, display))
    return items


def _assessment(site: Site) -> dict[str, Any] | None:
    """The site's result in its latest run: score, rank of N, and each criterion's weight and contribution."""
    result = (AssessmentResult.objects.filter(site=site).select_related("run__method")
              .order_by("-run__created_at", "-run__pk").first())
    if result is None:
        return None
    run, method = result.run, result.run.method
    total = run.results.count()
    # The run's stored inputs are what was scored; the method's criteria are the fallback for older runs.
    inputs = run.inputs if isinstance(run.inputs, dict) else {}
    used = inputs.get("criteria") or [{"code": c.code, "label": c.label, "unit": c.unit, "benefit": c.benefit,
                                       "weight": float(c.weight)} for c in method.criteria.all()]
    ids, matrix = inputs.get("sites") or [], inputs.get("matrix") or []
    row = matrix[ids.index(site.pk)] if site.pk in ids and len(matrix) == len(ids) else []
    criteria = []
    for j, c in enumerate(used):
        raw = (result.contributions or {}).get(c.get("code"))
        contribution = float(raw) if isinstance(raw, int | float) else None
        value = row[j] if j < len(row) else None
        imputed = site.pk in (inputs.get("imputed_worst") or {}).get(c.get("code"), [])
        criteria.append({**c, "value": value, "imputed": imputed, "weight_display": _decimal(float(c["weight"]), 3),
                         "value_display": f"{_display(value)} {c.get('unit', '') if value is not None else ''}".strip(),
                         "contribution": contribution,
                         "contribution_display": "—" if contribution is None else _decimal(contribution, 3)})
    return {
        "run_id": run.pk, "run_created_at": run.created_at, "method_id": method.pk, "method_name": method.name,
        "method_version": method.version, "perspective": method.perspective,
        "normalisation": str(method.get_normalisation_display()), "aggregation": str(method.get_aggregation_display()),
        "weight_source": str(method.get_weight_source_display()), "score": result.score,
        "score_display": _decimal(result.score, 3), "rank": result.rank, "rank_of": total,
        "rank_display": _("%(rank)s of %(total)s") % {"rank": result.rank, "total": total},
        "rank_stability": result.rank_stability, "rank_stability_display": _percent(result.rank_stability, 0),
        "criteria": criteria,
    }


def _preinvestment(site: Site) -> dict[str, Any]:
    """Pre-investment figures with the parameters used and where those come from."""
    params = parameters_for(site.city)
    cur = params.currency
    out: dict[str, Any] = {"available": False, "reason": "", "currency": cur, "figures": [], "assumptions": [],
                           "city_parameters": params.pk is not None,
                           "sources": params.sources.strip() or str(DEFAULT_SOURCES)}
    inputs = preinvestment_inputs(site, params)
    if inputs is None:
        out["reason"] = _("The site has no gross floor area, so no pre-investment figures can be computed.")
        return out
    try:
        res = pre_investment(inputs)
    except FinanceError as error:
        out["reason"] = _("The parameters cannot be used: %(error)s") % {"error": error}
        return out
    money = lambda v: format_amount(v, cur)  # noqa: E731
    pct = lambda v: format_quantity(v) + " %"  # noqa: E731
    out["available"] = True
    out["figures"] = [_item(name, label, getattr(res, name), fmt(getattr(res, name))) for name, label, fmt in (
        ("renovation_cost", _("renovation cost"), money),
        ("public_pre_investment", _("public pre-investment"), money),
        ("private_investment", _("private investment"), money),
        ("yearly_net_income", _("yearly net income at the affordable rent"), money),
        ("yearly_net_income_market", _("yearly net income at the market rent"), money),
        ("npv", _("net present value at the affordable rent"), money),
        ("npv_market", _("net present value at the market rent"), money),
        ("irr", _("internal rate of return"), lambda v: _percent(v, 2)),
        ("payback_years", _("payback (years)"),
         lambda v: _("not within the horizon") if v is None else format_quantity(v)),
        ("subsidy_gap", _("subsidy gap"), money),
        ("rent_discount_pct", _("rent discount against the market"), pct),
    )]
    unit_cost = inputs.renovation_cost_per_m2[inputs.condition_grade]
    applied = {"heritage_surcharge_pct": site.heritage_protected,
               "remediation_surcharge_pct": site.contamination_suspected}
    out["assumptions"] = [_item("unit_cost", _("renovation cost for condition “%(grade)s”") % {
        "grade": site.get_condition_display()}, unit_cost, _("%(amount)s per m²") % {"amount": money(unit_cost)})]
    for name, label, fmt in (
        ("gross_floor_area_m2", _("gross floor area (m²)"), _display),
        ("heritage_surcharge_pct", _("heritage surcharge"), pct),
        ("remediation_surcharge_pct", _("remediation surcharge"), pct),
        ("public_share_pct", _("public share"), pct),
        ("market_rent_m2_month", _("market rent per m² and month"), money),
        ("target_rent_m2_month", _("target rent (affordable) per m² and month"), money),
        ("occupancy_pct", _("occupancy"), pct),
        ("operating_cost_m2_year", _("operating cost per m² and year"), money),
        ("horizon_years", _("horizon (years)"), _display),
        ("discount_rate_pct", _("discount rate"), pct),
    ):
        value = getattr(inputs, name)
        shown = fmt(value) if applied.get(name, True) else _("not applied")
        out["assumptions"].append(_item(name, label, value, shown))
    return out


def dossier_context(site: Site, show_private: bool = False) -> dict[str, Any]:
    """Everything the dossier page, its PDF and the API show about a site."""
    assessment = _assessment(site)
    preinvestment = _preinvestment(site)
    sources = [_("Site facts: recorded by the city (source: %(source)s).") % {"source": site.source}]
    if site.osm_id:
        sources.append(_("Site geometry and tags: OpenStreetMap %(type)s %(id)s.") % {"type": site.osm_type,
                                                                                    "id": site.osm_id})
    sources += [_("Points of interest: OpenStreetMap and the city's own records."),
                _("Distances computed on ETRS89-LAEA (EPSG:3035); the map is drawn on the same projection.")]
    if assessment:
        sources.append(_("Assessment: method %(name)s v%(version)s, run of %(date)s.") % {
            "name": assessment["method_name"], "version": assessment["method_version"],
            "date": f"{timezone.localtime(assessment['run_created_at']):%Y-%m-%d}"})
    sources.append(_("Pre-investment: the city's own parameters.") if preinvestment["city_parameters"]
                   else _("Pre-investment: the software's default planning assumptions."))
    photos = [{"url": p.image.url, "caption": p.caption, "credit": p.credit} for p in site.photos.all() if p.image]
    return {
        "site": {"id": site.pk, "name": site.name, "city": site.city.name, "city_slug": site.city.slug,
                 "address": site.address, "latitude": site.latitude, "longitude": site.longitude,
                 "status": site.status, "status_label": str(site.get_status_display()),
                 "is_published": site.is_published, "description": site.description},
        "facts": _facts(site, show_private), "accessibility": _accessibility(site), "assessment": assessment,
        "preinvestment": preinvestment, "photos": photos, "osm_attribution": OSM_ATTRIBUTION,
        "osm_copyright_url": OSM_COPYRIGHT_URL, "data_sources": sources, "generated_at": timezone.now(),
    }


def nearby_points(site: Site, radius_m: float = MAP_RADIUS_M) -> list[tuple[PointOfInterest, float, float]]:
    """The city's points of interest within radius_m of the site, with offsets (m) on EPSG:3035."""
    lat, lon = float(site.latitude), float(site.longitude)
    # A generous box in degrees narrows the query; the exact cut is made on the projection.
    dlat = radius_m / 111_000 * 1.2
    dlon = dlat / max(math.cos(math.radians(lat)), 0.05)
    pois = list(PointOfInterest.objects.filter(
        city_id=site.city_id, latitude__range=(Decimal(f"{lat - dlat:.6f}"), Decimal(f"{lat + dlat:.6f}")),
        longitude__range=(Decimal(f"{lon - dlon:.6f}"), Decimal(f"{lon + dlon:.6f}"))))
    if not pois:
        return []
    xs, ys = to_laea([float(p.longitude) for p in pois], [float(p.latitude) for p in pois])
    sx, sy = to_laea([lon], [lat])
    out = [(p, float(x - sx[0]), float(y - sy[0])) for p, x, y in zip(pois, xs, ys, strict=True)]
    return [row for row in out if math.hypot(row[1], row[2]) <= radius_m]


def _mpl_text(text: str) -> str:
    """Text matplotlib shows literally: no mathtext from '$', no hidden legend entry from a leading '_'."""
    text = text.replace("$", r"\$")
    return " " + text if text.startswith("_") else text


def _site_ring(site: Site) -> list[tuple[float, float]] | None:
    """The site's polygon as offsets (m) from its point on EPSG:3035, when it has one."""
    geometry = site.geometry if isinstance(site.geometry, dict) else {}
    try:
        ring = geometry["coordinates"][0] if geometry.get("type") == "Polygon" else None
        if not ring:
            return None
        xs, ys = to_laea([float(p[0]) for p in ring], [float(p[1]) for p in ring])
        sx, sy = to_laea([float(site.longitude)], [float(site.latitude)])
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return [(float(x - sx[0]), float(y - sy[0])) for x, y in zip(xs, ys, strict=True)]


def map_width(width_px: int) -> int:
    """The drawn width in pixels: asked-for widths are clamped so no request can ask for a huge image."""
    return max(300, min(int(width_px), 2400))


Points = list[tuple[PointOfInterest, float, float]]


def _map_parts(site: Site, width_px: int, points: Points) -> list[Any]:
    """Everything the map shows: the cache key of a map is a hash of these (and the language)."""
    return [site.name, str(site.latitude), str(site.longitude), site.geometry, map_width(width_px),
            [(poi.category, round(x, 1), round(y, 1)) for poi, x, y in points]]


def location_map_png(site: Site, width_px: int = 800, points: Points | None = None) -> bytes:
    """A PNG of the site and the points of interest within 1.5 km, with legend and scale bar; no tiles, no network."""
    width_px, dpi = map_width(width_px), 100
    fig = Figure(figsize=(width_px / dpi, width_px * 0.75 / dpi), dpi=dpi, facecolor="#f4f6f8")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    half_w, half_h = MAP_RADIUS_M * 1.44, MAP_RADIUS_M * 1.08  # a 4:3 frame around the 1.5 km ring
    ax.set(xlim=(-half_w, half_w), ylim=(-half_h, half_h), aspect="equal", facecolor="#f4f6f8", xticks=[], yticks=[])
    for radius in (500.0, 1000.0, MAP_RADIUS_M):
        ax.add_patch(Circle((0, 0), radius, fill=False, linestyle="--", linewidth=0.7, edgecolor="#9aa3b0", zorder=1))
    ax.text(0, MAP_RADIUS_M + 15, "1.5 km", ha="center", va="bottom", fontsize=7, color="#6b7280")
    ring = _site_ring(site)
    if ring:
        ax.fill([p[0] for p in ring], [p[1] for p in ring], color="#0b6e4f", alpha=0.35, zorder=4)
    ax.scatter([0], [0], marker="*", s=320, c="#0b6e4f", edgecolors="black", linewidths=0.8, zorder=6,
               label=_mpl_text(site.name))
    points = nearby_points(site) if points is None else points
    for category in PoiCategory:
        rows = [(x, y) for poi, x, y in points if poi.category == category.value]
        if rows:
            marker, colour = POI_STYLE.get(category.value, ("o", "#555555"))
            ax.scatter([r[0] for r in rows], [r[1] for r in rows], marker=marker, s=30, c=colour,
                       edgecolors="white", linewidths=0.5, zorder=5,
                       label=_mpl_text(f"{category.label} ({len(rows)})"))
    if not points:
        ax.text(0, -MAP_RADIUS_M * 0.35, _mpl_text(_("No points of interest recorded within 1.5 km.")),
                ha="center", fontsize=9, color="#6b7280")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.92)
    x0, y0 = -half_w * 0.92, -half_h * 0.88
    ax.plot([x0, x0 + SCALE_BAR_M], [y0, y0], color="black", linewidth=3, solid_capstyle="butt", zorder=7)
    ax.text(x0 + SCALE_BAR_M / 2, y0 + half_h * 0.03, "500 m", ha="center", va="bottom", fontsize=8, zorder=7)
    ax.annotate("N", xy=(half_w * 0.9, half_h * 0.9), xytext=(half_w * 0.9, half_h * 0.68), ha="center",
                fontsize=10, fontweight="bold", arrowprops={"arrowstyle": "-|>", "color": "black"})
    ax.text(half_w * 0.98, -half_h * 0.97, _mpl_text(OSM_ATTRIBUTION + " · EPSG:3035"), ha="right", va="bottom",
            fontsize=7, color="#374151", bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 2})
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _items_table(items: list[dict[str, Any]]) -> str:
    return typst_table([_("Item"), _("Value")], ([i["label"], i["display"]] for i in items), "(auto, 1fr)")


def _heading(text: str, level: int = 2) -> str:
    return "\n" + "=" * level + " " + escape_typst(text) + "\n"


SUMMARY_FACTS = ("address", "gross_floor_area_m2", "footprint_m2", "floors", "year_built", "condition",
                 "heritage_protected", "ownership", "asking_rent_m2_month", "asking_price")
SUMMARY_ACCESS = ("centre_m", "nearest_stop_m")
SUMMARY_MONEY = ("public_pre_investment", "private_investment", "npv", "irr", "subsidy_gap")


def summary_facts(context: dict[str, Any]) -> list[dict[str, Any]]:
    """Page 1, left: the status and the key recorded facts (empty ones left out)."""
    facts = {item["field"]: item for item in context["facts"]}
    items = [_item("status", _("status"), context["site"]["status"], context["site"]["status_label"])]
    return items + [facts[name] for name in SUMMARY_FACTS if name in facts and facts[name]["display"] != "—"]


def summary_outcome(context: dict[str, Any]) -> list[dict[str, Any]]:
    """Page 1, right: the rank in the latest assessment, the main distances and the pre-investment headline."""
    items = []
    assessment = context["assessment"]
    if assessment:
        items += [_item("rank", _("rank"), assessment["rank"], assessment["rank_display"]),
                  _item("score", _("score"), assessment["score"], assessment["score_display"]),
                  _item("method", _("method"), assessment["method_name"], "%s v%s" % (
                      assessment["method_name"], assessment["method_version"]))]
    else:
        items.append(_item("rank", _("rank"), None, _("not assessed yet")))
    items += [item for item in context["accessibility"] if item["field"] in SUMMARY_ACCESS]
    pre = context["preinvestment"]
    figures = {item["field"]: item for item in pre["figures"]}
    if pre["available"]:
        items += [figures[name] for name in SUMMARY_MONEY if name in figures]
    else:
        items.append(_item("preinvestment", _("pre-investment"), None, pre["reason"]))
    return items


def dossier_typst(context: dict[str, Any]) -> str:
    """The typst source of a dossier; the map is read from map.png beside it."""
    site, assessment, pre = context["site"], context["assessment"], context["preinvestment"]
    language = (get_language() or "en")[:2].lower()
    language = language if re.fullmatch(r"[a-z]{2}", language) else "en"
    out = ['#set page(paper: "a4", margin: (x: 1.8cm, y: 2cm), numbering: "1 / 1")\n',
           f'#set text(size: 9.5pt, lang: "{language}")\n',
           "#set table(stroke: 0.5pt + luma(170), inset: (x: 5pt, y: 4pt))\n",
           "= " + escape_typst(_("Site dossier: %(name)s") % {"name": site["name"]}) + "\n\n",
           escape_typst(" · ".join(x for x in (site["city"], site["address"], site["status_label"]) if x)) + "\n"]
    # Page 1 is the summary a reader needs first: the map, then the key facts beside the rank and the money.
    out += ['\n#figure(image("map.png", height: 11cm), caption: [' + escape_typst(
                _("The site and the points of interest within 1.5 km (EPSG:3035). %(attribution)s")
                % {"attribution": context["osm_attribution"]}) + "])\n",
            "\n#grid(columns: (1fr, 1fr), gutter: 12pt,\n  [" + _heading(_("Key facts"), 3)
            + _items_table(summary_facts(context)) + "],\n  [" + _heading(_("Assessment and pre-investment"), 3)
            + _items_table(summary_outcome(context)) + "],\n)\n"]
    if site["description"]:
        out.append("\n" + escape_typst(site["description"]) + "\n")
    out += ["\n#pagebreak()\n", _heading(_("Facts")), _items_table(context["facts"])]
    if context["accessibility"]:
        out += [_heading(_("Accessibility")), _items_table(context["accessibility"])]
    out.append(_heading(_("Assessment")))
    if assessment:
        out.append(typst_table([_("Item"), _("Value")], [
            [_("Method"), "%s v%s" % (assessment["method_name"], assessment["method_version"])],
            [_("Aggregation"), "%s · %s" % (assessment["aggregation"], assessment["normalisation"])],
            [_("Score"), assessment["score_display"]], [_("Rank"), assessment["rank_display"]],
            [_("Rank kept under weight changes"), assessment["rank_stability_display"]]], "(auto, 1fr)"))
        out.append(typst_table([_("Criterion"), _("Value"), _("Weight"), _("Contribution")],
                          ([c["label"], c["value_display"] + (" *" if c["imputed"] else ""), c["weight_display"],
                            c["contribution_display"]] for c in assessment["criteria"]), "(1fr, auto, auto, auto)", 1))
        if any(c["imputed"] for c in assessment["criteria"]):
            out.append(escape_typst(IMPUTED_NOTE) + "\n")
    else:
        out.append(escape_typst(_("The site has not been assessed yet.")) + "\n")
    out.append(_heading(_("Pre-investment")))
    if pre["available"]:
        out += [_items_table(pre["figures"]), _heading(_("Assumptions"), 3), _items_table(pre["assumptions"])]
    else:
        out.append(escape_typst(pre["reason"]) + "\n")
    out += [_heading(_("Sources of the assumptions"), 3), escape_typst(pre["sources"]) + "\n"]
    out.append(_heading(_("Data sources")))
    out += ["- " + escape_typst(s) + "\n" for s in context["data_sources"]]
    out.append("\n" + f'#link("{OSM_COPYRIGHT_URL}")[' + escape_typst(context["osm_attribution"]) + "]\n")
    return "".join(out)


PDF_MAP_WIDTH = 1400


def dossier_pdf(site: Site, show_private: bool = False, context: dict[str, Any] | None = None,
                points: Points | None = None) -> bytes:
    """The dossier as an A4 PDF rendered by typst with its built-in fonts, fully offline."""
    context = dossier_context(site, show_private) if context is None else context
    with tempfile.TemporaryDirectory(prefix="dossier-") as tmp:
        folder = Path(tmp)
        (folder / "map.png").write_bytes(location_map_png(site, PDF_MAP_WIDTH, points))
        source = folder / "dossier.typ"
        source.write_text(dossier_typst(context), encoding="utf-8")
        # Uploaded photos stay out of the PDF: a damaged or hostile image file must not break the dossier.
        pdf = typst.compile(str(source), root=tmp, format="pdf", ignore_system_fonts=True,
                            timestamp=context["generated_at"].replace(microsecond=0))
    return bytes(pdf)


def public_location_map_png(site: Site, width_px: int = 800) -> bytes:
    """The map of a published site, drawn once per content and language and then served from the shared cache."""
    points = nearby_points(site)
    key = pagecache.content_key("dossier-map", _map_parts(site, width_px, points))
    return pagecache.get_or_compute(key, lambda: location_map_png(site, width_px, points))


def public_dossier_pdf(site: Site) -> bytes:
    """The public dossier PDF (no private facts), typeset once per content and language, then shared.

    The key hashes the whole public context as read now (facts, accessibility, latest assessment,
    parameters, sources) and the map's content, so any change gives a new PDF at once.
    """
    context = dossier_context(site, show_private=False)
    points = nearby_points(site)
    shown = {name: value for name, value in context.items() if name != "generated_at"}
    key = pagecache.content_key("dossier-pdf", jsonable(shown), _map_parts(site, PDF_MAP_WIDTH, points))
    return pagecache.get_or_compute(key, lambda: dossier_pdf(site, False, context, points))
