"""Onboarding a city from its open data, step by step: facts, OSM extract, register, method, ranking, publication.

Each step is its own unit of work: the step's status is committed before and after it, and the data it writes
goes through the owning app's service in that service's own transaction (spaces' ``import_osm``, atlas'
``import_register``...). So a step that fails writes nothing but its failure, and running it again starts it
afresh; a step marked running when the process died is run again the same way; a step that is done is never
redone (its report stays). Steps run in order: a step refuses to start while an earlier one is not done or
skipped. Only the network's programme managers onboard cities (the Onboarding policy).

The method step takes its method from a ``MethodSource``; ``PartnerMethod`` copies a partner city's method
and parameters. Another source (a method package) registers itself with ``register_method_source``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.atlas.services.register import LAYOUTS, import_register
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import City, record_audit
from creativepoles.core.permissions import ADD, CHANGE, can, require
from creativepoles.core.services import add_city
from creativepoles.replication.models import (
    OPTIONAL_STEPS,
    STEP_ORDER,
    Onboarding,
    OnboardingStep,
    Step,
    StepStatus,
)
from creativepoles.spaces.services.accessibility import compute_accessibility
from creativepoles.spaces.services.osm_import import import_osm
from creativepoles.spaces.services.replicate import (
    copy_method,
    copy_parameters,
    latest_methods,
    publish_ranking,
    rank_city,
)

__all__ = ["MethodSource", "PartnerMethod", "adopt_method", "continue_onboarding", "import_extract",
           "import_register_file", "method_source", "parse_bbox", "partner_method", "publish_city", "rank_first",
           "register_method_source", "skip_step", "start_onboarding"]

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
PUBLISHED_SITES = 10


def parse_bbox(value: Any) -> list[float] | None:
    """A bounding box given as 'min_lon,min_lat,max_lon,max_lat' (or four numbers), checked; None when empty."""
    if value in (None, "", [], ()):
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        box = [float(p) for p in parts]
    except (TypeError, ValueError):
        raise DomainError(_("The bounding box must be four numbers: min_lon,min_lat,max_lon,max_lat."), "bbox") from None
    if len(box) != 4 or not (-180 <= box[0] < box[2] <= 180 and -90 <= box[1] < box[3] <= 90):
        raise DomainError(_("The bounding box must be four numbers: min_lon,min_lat,max_lon,max_lat."), "bbox")
    return box


def _require(actor: Any, action: str, run: Onboarding) -> None:
    require(actor, action, run, _("Only the network's programme managers onboard cities."))


def start_onboarding(actor: Any, *, slug: str, name: str, name_en: str, country: str, lat: Any, lon: Any,
                     time_zone: str, bbox: Any = None, population: int | None = None) -> Onboarding:
    """Step (a): add the city (outside the network, not a partner) and open its onboarding; all or nothing."""
    if not can(actor, ADD, Onboarding()):
        raise NotInScope(_("Only the network's programme managers onboard cities."))
    box = parse_bbox(bbox)
    with transaction.atomic():
        city = add_city(slug, name, name_en, country, lat, lon, time_zone, population, actor=actor)
        if box is not None and not (box[0] <= float(city.longitude) <= box[2] and box[1] <= float(city.latitude) <= box[3]):
            raise DomainError(_("The city's coordinates lie outside its bounding box."), "bbox")
        facts = {"slug": city.slug, "name": city.name, "name_en": city.name_en, "country": city.country,
                 "latitude": str(city.latitude), "longitude": str(city.longitude), "time_zone": city.time_zone,
                 "population": city.population, "bbox": box}
        run = Onboarding.objects.create(city=city, facts=facts, current_step=Step.EXTRACT,
                                        created_by=actor if getattr(actor, "is_authenticated", False) else None)
        now = timezone.now()
        OnboardingStep.objects.bulk_create([
            OnboardingStep(onboarding=run, key=key, **({"status": StepStatus.DONE, "started_at": now,
                                                          "finished_at": now, "report": {"facts": facts}}
                                                         if key == Step.FACTS else {}))
            for key in STEP_ORDER])
        record_audit(actor, "start_onboarding", run, {"city": city.slug})
    return run


def _step(run: Onboarding, key: str) -> OnboardingStep:
    return OnboardingStep.objects.get(onboarding=run, key=key)


def _begin(actor: Any, run: Onboarding, key: str) -> OnboardingStep | None:
    """Mark a step running (committed at once); None when it is already done or skipped (never redone)."""
    _require(actor, CHANGE, run)
    with transaction.atomic():
        steps = {s.key: s for s in OnboardingStep.objects.select_for_update().filter(onboarding=run)}
        step = steps[key]
        if step.status in (StepStatus.DONE, StepStatus.SKIPPED):
            return None
        for earlier in STEP_ORDER[:STEP_ORDER.index(key)]:
            if steps[earlier].status not in (StepStatus.DONE, StepStatus.SKIPPED):
                raise DomainError(_("Finish the step “%(step)s” first.") % {"step": steps[earlier].get_key_display()},
                                  "step")
        step.status, step.started_at, step.finished_at = StepStatus.RUNNING, timezone.now(), None
        step.error, step.report, step.progress_done, step.progress_total = "", {}, 0, 0
        step.save()
        Onboarding.objects.filter(pk=run.pk).update(current_step=key)
    return step


def _next_step(run: Onboarding) -> str:
    statuses = dict(OnboardingStep.objects.filter(onboarding=run).values_list("key", "status"))
    return next((k for k in STEP_ORDER if statuses.get(k) not in (StepStatus.DONE, StepStatus.SKIPPED)),
                Step.PUBLISH.value)


def _end(actor: Any, run: Onboarding, step: OnboardingStep, status: str, report: dict[str, Any],
         error: str = "") -> OnboardingStep:
    with transaction.atomic():
        step.status, step.report, step.error, step.finished_at = status, report, error, timezone.now()
        step.save(update_fields=["status", "report", "error", "finished_at"])
        run.current_step = _next_step(run)
        run.save(update_fields=["current_step"])
        record_audit(actor, "finish_onboarding_step", run, {"step": step.key, "status": status})
    return step


def _execute(actor: Any, run: Onboarding, key: str, work: Callable[[OnboardingStep], dict[str, Any]]) -> OnboardingStep:
    """Run one step's work, recording it as done with its report or as failed with the reason."""
    step = _begin(actor, run, key)
    if step is None:
        return _step(run, key)
    try:
        report = work(step)
    except StepFailed as failure:
        return _end(actor, run, step, StepStatus.FAILED, failure.report, failure.message)
    except DomainError as error:
        return _end(actor, run, step, StepStatus.FAILED, {}, error.message)
    except Exception as error:  # noqa: BLE001 - the step must end as failed whatever went wrong, to be rerun
        logger.exception("Onboarding %s step %s failed", run.pk, key)
        return _end(actor, run, step, StepStatus.FAILED, {},
                    _("The step failed unexpectedly: %(error)s") % {"error": type(error).__name__})
    return _end(actor, run, step, StepStatus.DONE, report)


class StepFailed(DomainError):
    """A step refused its input and keeps a report of why (e.g. the register's bad rows)."""

    def __init__(self, message: str, report: dict[str, Any]) -> None:
        super().__init__(message)
        self.report = report


def _progress(step: OnboardingStep, outer: Progress | None) -> Progress:
    """Write the step's progress on its row (each write commits on its own) and pass it on."""

    def report(done: int, total: int) -> None:
        OnboardingStep.objects.filter(pk=step.pk).update(progress_done=done, progress_total=total)
        if outer is not None:
            outer(done, total)

    return report


def import_extract(actor: Any, run: Onboarding, path: str | Path,
                   progress: Progress | None = None) -> OnboardingStep:
    """Step (b): import the OSM extract into the city's sites and points of interest, then measure accessibility."""
    def work(step: OnboardingStep) -> dict[str, Any]:
        bbox = run.facts.get("bbox")
        tick = _progress(step, progress)
        summary = import_osm(actor, str(path), run.city, tuple(bbox) if bbox else None,
                             progress=lambda seen, found: tick(seen, 0))
        measured = compute_accessibility(run.city)
        sites, pois = summary.total("site"), summary.total("poi")
        return {"file": Path(str(path)).name, "examined": summary.examined, "sites": sites.created,
                "sites_updated": sites.updated, "pois": pois.created, "pois_updated": pois.updated,
                "pois_by_category": {cat: c.created + c.updated + c.unchanged
                                     for cat, c in sorted(summary.counts["poi"].items())},
                "skipped": summary.skipped_by_reason(), "cut": summary.cut, "accessibility": measured}
    return _execute(actor, run, Step.EXTRACT, work)


def import_register_file(actor: Any, run: Onboarding, path: str | Path, layout: str = "generic",
                         progress: Progress | None = None) -> OnboardingStep:
    """Step (c): import the business register into the atlas; a file with bad rows writes nothing, reports each."""
    def work(step: OnboardingStep) -> dict[str, Any]:
        if layout not in LAYOUTS:
            raise DomainError(_("Unknown layout."), "layout")
        result = import_register(actor, run.city, str(path), layout, progress=_progress(step, progress))
        data = result.as_dict()
        if not result.ok:
            raise StepFailed(_("Nothing was imported: %(count)d rows have errors.") % {"count": len(result.errors)},
                             {"errors": data["errors"][:200], "error_count": data["error_count"], "rows": data["rows"]})
        return {"rows": data["rows"], "created": data["created"], "updated": data["updated"],
                "unchanged": data["unchanged"], "without_code": data["without_code_count"],
                "unmapped": data["unmapped_count"], "groups": data["groups"], "layout": layout}
    return _execute(actor, run, Step.REGISTER, work)


def skip_step(actor: Any, run: Onboarding, key: str) -> OnboardingStep:
    """Skip an optional step (the register); a step already done stays done."""
    if key not in OPTIONAL_STEPS:
        raise DomainError(_("This step cannot be skipped."), "step")
    step = _begin(actor, run, key)
    if step is None:
        return _step(run, key)
    return _end(actor, run, step, StepStatus.SKIPPED, {})


class MethodSource(Protocol):
    """Where the method step takes the assessment method and pre-investment parameters from."""

    key: str

    def install(self, actor: Any, city: City, weights: dict[str, Any]) -> dict[str, Any]:
        """Create the city's method (a new version, never overwriting) and parameters; the report has method_id."""


@dataclass
class PartnerMethod:
    """A partner city's method (its newest version, or the one named) and its pre-investment parameters."""

    city: City
    method_id: int
    parameters: dict[str, Any] = field(default_factory=dict)
    key: str = "partner"

    def install(self, actor: Any, city: City, weights: dict[str, Any]) -> dict[str, Any]:
        with transaction.atomic():
            report = copy_method(actor, self.method_id, city, weights)
            report["parameters"] = copy_parameters(actor, self.city, city, **self.parameters)
        return report


_SOURCES: dict[str, Callable[..., MethodSource]] = {"partner": PartnerMethod}


def register_method_source(key: str, factory: Callable[..., MethodSource]) -> None:
    """Offer another way to obtain a method (e.g. from a method package) to the method step."""
    _SOURCES[key] = factory


def method_source(key: str, **options: Any) -> MethodSource:
    """A method source by key, built from its options."""
    if key not in _SOURCES:
        raise DomainError(_("Unknown method source."), "source")
    return _SOURCES[key](**options)


def adopt_method(actor: Any, run: Onboarding, source: MethodSource,
                 weights: dict[str, Any] | None = None) -> OnboardingStep:
    """Step (d): give the city its assessment method and parameters from a source, with adjusted weights."""
    def work(step: OnboardingStep) -> dict[str, Any]:
        return {"source": source.key, **source.install(actor, run.city, weights or {})}
    return _execute(actor, run, Step.METHOD, work)


def _report_of(run: Onboarding, key: str) -> dict[str, Any]:
    return dict(_step(run, key).report or {})


def rank_first(actor: Any, run: Onboarding) -> OnboardingStep:
    """Step (e): rank the city's sites with its new method."""
    def work(step: OnboardingStep) -> dict[str, Any]:
        method_id = _report_of(run, Step.METHOD).get("method_id")
        if not method_id:
            raise DomainError(_("The city has no assessment method yet."), "method")
        return rank_city(actor, int(method_id))
    return _execute(actor, run, Step.RANKING, work)


def publish_city(actor: Any, run: Onboarding, count: int = PUBLISHED_SITES) -> OnboardingStep:
    """Step (f): publish the ranking's first sites, so visitors see the city's public sites and ranking."""
    def work(step: OnboardingStep) -> dict[str, Any]:
        run_id = _report_of(run, Step.RANKING).get("run_id")
        if not run_id:
            raise DomainError(_("There is no ranking to publish yet."), "run")
        return publish_ranking(actor, int(run_id), count)
    return _execute(actor, run, Step.PUBLISH, work)


def partner_method(slug: str, name: str = "", parameters: dict[str, Any] | None = None) -> PartnerMethod:
    """The method source for a partner city by slug: its newest method of that name (of its first name when none)."""
    city = City.objects.filter(slug=slug, is_partner=True).first()
    if city is None:
        raise DomainError(_("No partner city %(slug)s.") % {"slug": slug}, "method_from")
    choices = [m for m in latest_methods(city) if not name or m.label.rsplit(" v", 1)[0] == name]
    if not choices:
        raise DomainError(_("%(city)s has no assessment method to copy.") % {"city": city.name}, "method_from")
    return PartnerMethod(city=city, method_id=choices[0].pk, parameters=parameters or {})


def continue_onboarding(actor: Any, run: Onboarding, *, extract: str | Path | None = None,
                        register: str | Path | None = None, layout: str = "generic",
                        source: MethodSource | None = None, weights: dict[str, Any] | None = None,
                        publish: int = PUBLISHED_SITES, progress: Callable[[str, int, int], None] | None = None,
                        ) -> list[OnboardingStep]:
    """Run the steps not yet done, in order, until one fails or needs input it was not given; return them."""
    ran: list[OnboardingStep] = []

    def tick(key: str) -> Progress | None:
        return (lambda done, total: progress(key, done, total)) if progress else None

    statuses = dict(OnboardingStep.objects.filter(onboarding=run).values_list("key", "status"))
    for key in STEP_ORDER:
        if statuses.get(key) in (StepStatus.DONE, StepStatus.SKIPPED):
            continue
        if key == Step.EXTRACT:
            if extract is None:
                break
            step = import_extract(actor, run, extract, tick(key))
        elif key == Step.REGISTER:
            step = (import_register_file(actor, run, register, layout, tick(key)) if register is not None
                    else skip_step(actor, run, key))
        elif key == Step.METHOD:
            if source is None:
                break
            step = adopt_method(actor, run, source, weights)
        elif key == Step.RANKING:
            step = rank_first(actor, run)
        elif key == Step.PUBLISH:
            step = publish_city(actor, run, publish)
        else:
            continue
        ran.append(step)
        if step.status == StepStatus.FAILED:
            break
    return ran
