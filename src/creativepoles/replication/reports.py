"""A step's stored report read out for people: what was imported, what was skipped and why, what to do next.

Reports are stored as numbers and codes, and worded here in the reader's language, so the wizard's pages and
the command print the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from creativepoles.analysis import nace
from creativepoles.replication.models import Onboarding, OnboardingStep, Step, StepStatus
from creativepoles.spaces.services.osm_import import SKIP_LABELS

CATEGORY_LABELS = {"transit": gettext_lazy("public-transport stops"),
                   "education": gettext_lazy("universities and colleges"),
                   "culture": gettext_lazy("cultural venues"), "creative": gettext_lazy("creative firms")}


@dataclass
class Described:
    """A step's report as lines: imported (label, count), skipped (label, count), next steps (label, url)."""

    imported: list[tuple[str, Any]] = field(default_factory=list)
    skipped: list[tuple[str, Any]] = field(default_factory=list)
    next: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[Any, str, str]] = field(default_factory=list)


def guarded_reverse(name: str, *args: Any) -> str | None:
    """The URL of a named route, or None while that route does not exist (e.g. a page another branch adds)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _links(pairs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    return [(label, url) for label, url in pairs if url]


def describe(run: Onboarding, step: OnboardingStep) -> Described:
    """Word one step's report; an empty description for a step not yet run."""
    out = Described()
    data: dict[str, Any] = step.report or {}
    slug = run.city.slug
    if step.status == StepStatus.FAILED:
        out.errors = [(e[0], e[1], e[2]) for e in data.get("errors", []) if len(e) == 3]
        if data.get("error_count", 0) > len(out.errors):
            out.skipped.append((_("further rows with errors"), data["error_count"] - len(out.errors)))
        return out
    if step.status == StepStatus.SKIPPED:
        out.skipped.append((_("step skipped: no register imported"), 0))
        out.next = _links([(_("Import a register later in the atlas"), guarded_reverse("atlas:import-list"))])
        return out
    if step.status != StepStatus.DONE:
        return out
    if step.key == Step.FACTS:
        facts = data.get("facts", {})
        out.imported = [(_("city"), f"{facts.get('name')} ({facts.get('country')})"),
                         (_("coordinates"), f"{facts.get('latitude')}, {facts.get('longitude')}")]
        if facts.get("bbox"):
            out.imported.append((_("bounding box"), ", ".join(str(v) for v in facts["bbox"])))
        out.next = _links([(_("The city's page"), guarded_reverse("core:city-detail", slug))])
    elif step.key == Step.EXTRACT:
        out.imported = [(_("OSM objects read"), data.get("examined", 0)),
                        (_("candidate sites"), data.get("sites", 0)),
                        (_("sites updated"), data.get("sites_updated", 0)),
                        (_("points of interest"), data.get("pois", 0)),
                        *[(str(CATEGORY_LABELS.get(cat, cat)), n) for cat, n in data.get("pois_by_category", {}).items()],
                        (_("sites with accessibility measured"), data.get("accessibility", 0))]
        out.skipped = [(str(SKIP_LABELS.get(code, code)), n) for code, n in data.get("skipped", {}).items()]
        if data.get("cut"):
            out.skipped.append((_("outlines cut by the extract's edge (imported, area a lower bound)"), data["cut"]))
        out.next = _links([(_("See the sites"), f"{reverse('spaces:site-list')}?city={slug}")])
    elif step.key == Step.REGISTER:
        out.imported = [(_("rows read"), data.get("rows", 0)), (_("firms added"), data.get("created", 0)),
                        (_("firms updated"), data.get("updated", 0)), (_("firms unchanged"), data.get("unchanged", 0)),
                        *[(_(nace.DCMS_GROUPS[g][0]) if g in nace.DCMS_GROUPS else g, n)
                          for g, n in data.get("groups", {}).items()]]
        out.skipped = [(_("firms without an activity code (kept, not counted as creative)"), data.get("without_code", 0)),
                       (_("firms with a code the classification cannot map"), data.get("unmapped", 0))]
        out.next = _links([(_("The city's creative-economy statistics"), guarded_reverse("atlas:city", slug)),
                           (_("The register"), guarded_reverse("atlas:firm-list", slug))])
    elif step.key == Step.METHOD:
        out.imported = [(_("method"), data.get("method", "")), (_("copied from"), data.get("from", "")),
                        *[(c["label"], _("weight %(weight)s, %(count)s sites with values")
                           % {"weight": c["weight"], "count": c["sites_with_values"]}) for c in data.get("criteria", [])]]
        if data.get("parameters"):
            out.imported.append((_("pre-investment parameters copied from"), data["parameters"].get("from_city", "")))
        reasons = {"no_values": _("no site of this city has a value for it"), "zero_weight": _("its weight is zero")}
        out.skipped = [(f"{c['label']}: {reasons.get(c['reason'], c['reason'])}", "") for c in data.get("left_out", [])]
        out.next = _links([(_("The method"), guarded_reverse("spaces:method-detail", data.get("method_id", 0))),
                           (_("Adjust the pre-investment parameters"), guarded_reverse("spaces:parameters", slug))])
    elif step.key == Step.RANKING:
        out.imported = [(_("sites ranked"), data.get("sites", 0)),
                        *[(f"{t['rank']}. {t['site']}", t["score"]) for t in data.get("top", [])[:5]]]
        out.skipped = [(_("missing values of %(criterion)s given the worst value") % {"criterion": code}, n)
                       for code, n in data.get("imputed", {}).items()]
        out.next = _links([(_("The ranking"), guarded_reverse("spaces:run-detail", data.get("run_id", 0)))])
    elif step.key == Step.PUBLISH:
        out.imported = [(_("sites published"), data.get("public_sites", 0)),
                        (_("newly published"), data.get("published", 0))]
        out.next = final_links(run)
    return out


def final_links(run: Onboarding) -> list[tuple[str, str]]:
    """Where the onboarded city now shows: its ranking, public sites, city page and story page."""
    ranking = OnboardingStep.objects.filter(onboarding=run, key=Step.RANKING).values_list("report", flat=True).first()
    run_id = (ranking or {}).get("run_id")
    slug = run.city.slug
    return _links([
        (_("The ranking"), guarded_reverse("spaces:run-detail", run_id) if run_id else None),
        (_("The city's public sites"), guarded_reverse("spaces:public-sites", slug)),
        (_("The city's page"), guarded_reverse("core:city-detail", slug)),
        (_("The city's story"), guarded_reverse("core:city-story", slug)),
    ])
