"""The onboarding wizard: one page per step, each with its report; the run's page with the final report."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.forms import add_domain_error
from creativepoles.core.models import City
from creativepoles.core.permissions import ADD, CHANGE, VIEW, could, get_object_for
from creativepoles.replication import reports
from creativepoles.replication.forms import (
    ExtractForm,
    FactsForm,
    MethodForm,
    MethodPackageForm,
    PublishForm,
    RegisterForm,
)
from creativepoles.replication.models import STEP_ORDER, Onboarding, OnboardingStep, Step, StepStatus
from creativepoles.replication.services import (
    adopt_method,
    import_extract,
    import_register_file,
    method_source,
    publish_city,
    rank_first,
    skip_step,
    start_onboarding,
)
from creativepoles.spaces.services.replicate import latest_methods, method_criteria


@login_required
def onboarding_list(request: HttpRequest) -> HttpResponse:
    """The onboardings so far and, for the network's managers, the form that starts one (step a)."""
    if not could(request.user, ADD, Onboarding):
        # The whole area is the network's: to anyone else it does not exist.
        raise Http404
    form = FactsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = start_onboarding(request.user, slug=data["slug"], name=data["name"], name_en=data["name_en"],
                                   country=data["country"], lat=data["latitude"], lon=data["longitude"],
                                   time_zone=data["time_zone"], bbox=data["bbox"], population=data["population"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The city is added. Next: its OpenStreetMap extract."))
            return HttpResponseRedirect(reverse("replication:onboarding-step", args=[run.pk, Step.EXTRACT]))
    runs = Onboarding.objects.for_user(request.user, VIEW).select_related("city", "created_by")[:50]
    return render(request, "replication/onboarding_list.html", {"form": form, "runs": runs},
                  status=400 if request.method == "POST" else 200)


def _steps(run: Onboarding) -> list[dict[str, Any]]:
    steps = {s.key: s for s in OnboardingStep.objects.filter(onboarding=run)}
    return [{"step": steps[key], "described": reports.describe(run, steps[key]),
             "url": reverse("replication:onboarding-step", args=[run.pk, key])} for key in STEP_ORDER if key in steps]


def _progress(steps: list[dict[str, Any]]) -> int:
    finished = sum(1 for s in steps if s["step"].status in (StepStatus.DONE, StepStatus.SKIPPED))
    return round(100 * finished / len(steps)) if steps else 0


@login_required
def onboarding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A run: every step's status and report, a progress bar over the steps, and the final links once published."""
    run = get_object_for(request.user, VIEW, Onboarding.objects.select_related("city", "created_by"), pk=pk)
    steps = _steps(run)
    published = any(s["step"].key == Step.PUBLISH and s["step"].status == StepStatus.DONE for s in steps)
    return render(request, "replication/onboarding_detail.html", {
        "run": run, "steps": steps, "progress": _progress(steps),
        "final_links": reports.final_links(run) if published else [],
        "current_url": reverse("replication:onboarding-step", args=[run.pk, run.current_step]),
    })


def _save_upload(upload: UploadedFile, folder: str) -> Path:
    """The upload as a file with its own name (the OSM reader goes by the extension) in a private temp folder."""
    target = Path(folder) / Path(str(upload.name or "upload")).name
    with target.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return target


def _method_form(request: HttpRequest) -> MethodForm:
    partners = City.objects.filter(is_partner=True).order_by("name_en")
    offered = [(m, city) for city in partners for m in latest_methods(city)]
    choices = [(m.pk, f"{city.name_en}: {m.label}") for m, city in offered]
    raw = request.POST.get("method") or request.GET.get("method") or (choices[0][0] if choices else "")
    chosen = int(raw) if str(raw).isdigit() and int(raw) in {pk for pk, _label in choices} else None
    criteria = method_criteria(chosen) if chosen else []
    data = request.POST if request.method == "POST" and request.POST.get("action") == "run" else None
    form = MethodForm(data, methods=choices, criteria=criteria, initial={"method": chosen})
    # The partner city of each offered method, so running the step needs no second pass over the partners.
    form.city_of = {m.pk: city for m, city in offered}
    return form


def _run_step(request: HttpRequest, run: Onboarding, key: str, form: Any) -> OnboardingStep | None:
    """Run the step the form asks for; None when the form is not valid (its errors are shown)."""
    if request.POST.get("action") == "skip":
        return skip_step(request.user, run, key)
    if form is not None and not form.is_valid():
        return None
    data = form.cleaned_data if form is not None else {}
    if key == Step.EXTRACT:
        with tempfile.TemporaryDirectory() as folder:
            return import_extract(request.user, run, _save_upload(data["file"], folder))
    if key == Step.REGISTER:
        with tempfile.TemporaryDirectory() as folder:
            return import_register_file(request.user, run, _save_upload(data["file"], folder), data["layout"])
    if key == Step.METHOD and isinstance(form, MethodPackageForm):
        return adopt_method(request.user, run, method_source("package", data=data["package"].read()))
    if key == Step.METHOD:
        source = method_source("partner", city=form.city_of[data["method"]], method_id=data["method"])
        return adopt_method(request.user, run, source, form.weights())
    if key == Step.RANKING:
        return rank_first(request.user, run)
    if key == Step.PUBLISH:
        return publish_city(request.user, run, data["count"])
    return None


FORMS: dict[str, type[Any]] = {Step.EXTRACT: ExtractForm, Step.REGISTER: RegisterForm, Step.PUBLISH: PublishForm}


@login_required
def onboarding_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step: its form (when not done), its progress while running (polled by htmx) and its report."""
    run = get_object_for(request.user, VIEW, Onboarding.objects.select_related("city"), pk=pk)
    if step not in STEP_ORDER:
        raise Http404
    form: Any = None
    package_form = None
    if step == Step.METHOD:
        form = _method_form(request)
        package_form = MethodPackageForm(request.POST or None, request.FILES or None) \
            if request.POST.get("action") == "package" else MethodPackageForm()
    elif step in FORMS:
        form = FORMS[step](request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        get_object_for(request.user, CHANGE, Onboarding.objects.all(), pk=pk)
        if step == Step.FACTS:
            # The facts are the run's start (the list page): nothing runs here again.
            return HttpResponseRedirect(run.get_absolute_url())
        if step == Step.METHOD and request.POST.get("action") == "package":
            form, package_form = package_form, form  # the package form is the one answered (and its errors shown)
        elif step == Step.METHOD and request.POST.get("action") != "run":
            return HttpResponseRedirect(f"{request.path}?method={request.POST.get('method', '')}")
        try:
            done = _run_step(request, run, step, form)
        except DomainError as error:
            if form is None:
                messages.error(request, error.message)
                done = None
            else:
                add_domain_error(form, error)
                done = None
        if done is not None and done.status in (StepStatus.DONE, StepStatus.SKIPPED):
            target = done.onboarding.current_step
            if done.key == Step.PUBLISH:
                return HttpResponseRedirect(run.get_absolute_url())
            return HttpResponseRedirect(reverse("replication:onboarding-step", args=[run.pk, target]))
        status = 400
    if step == Step.METHOD and isinstance(form, MethodPackageForm):
        form, package_form = package_form, form  # back in place: the partner form first, the package form below
    current = OnboardingStep.objects.get(onboarding=run, key=step)
    context = {"run": run, "current": current, "described": reports.describe(run, current), "form": form,
               "package_form": package_form,
               "steps": _steps(run), "key": step, "optional": step == Step.REGISTER}
    context["progress"] = _progress(context["steps"])
    if getattr(request, "htmx", False):
        return render(request, "replication/partials/step_status.html", context)
    return render(request, "replication/onboarding_step.html", context, status=status)
