"""Business plan pages: list, start, facts, sections, financials, submit, review, versions, exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.advisory import exports
from creativepoles.advisory import financials as fin
from creativepoles.advisory.forms import FinancialsForm, PlanForm, ReviewForm, SectionForm
from creativepoles.advisory.guidance import FINANCIALS, SECTION_KEYS, SECTIONS, section_title
from creativepoles.advisory.models import BusinessPlan, PlanStatus
from creativepoles.advisory.services import plans as services
from creativepoles.core.errors import DomainError
from creativepoles.core.exports import XLSX_TYPE
from creativepoles.core.forms import add_domain_error
from creativepoles.core.permissions import CHANGE, CONTROL, DELETE, VIEW, can, get_object_for

PLANS = BusinessPlan.objects.select_related("city", "owner", "adviser", "centre")


def _plan(request: HttpRequest, pk: int, action: str = VIEW) -> BusinessPlan:
    return get_object_for(request.user, action, PLANS, pk=pk)  # type: ignore[no-any-return]


PAGE_SIZE = 50


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Plans the user may see, by city and by the site they name (`site=<id>`, or `site=any`: naming a site)."""
    plans = BusinessPlan.objects.for_user(request.user, VIEW).select_related("city")
    city = request.GET.get("city", "")
    site = request.GET.get("site", "")
    if site and site != "any" and not (site.isdigit() and len(site) < 19):
        return render(request, "advisory/plan_list.html", {"error": _("Choose a site from the list of sites.")},
                      status=400)
    if city:
        plans = plans.filter(city__slug=city)
    if site == "any":
        plans = plans.filter(site_id__isnull=False)
    elif site:
        plans = plans.filter(site_id=int(site))
    page = Paginator(plans.order_by("-updated_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "advisory/plan_list.html", {"page": page, "query": query.urlencode(),
                                                       "statuses": PlanStatus})


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    """Start a plan, empty or from a creative group's template."""
    form = PlanForm(request.POST or None, user=request.user,
                    city_id=int(request.POST["city"]) if str(request.POST.get("city", "")).isdigit() else None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.plan_data()
            plan = services.create_plan(request.user, title=data.pop("title"), city=data.pop("city"),
                                        template_key=form.cleaned_data.get("template") or "", **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return HttpResponseRedirect(plan.get_absolute_url())
    return render(request, "advisory/plan_form.html", {"form": form, "plan": None})


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a plan's facts: firm, premises, consultant."""
    plan = _plan(request, pk, CHANGE)
    initial = {"title": plan.title, "city": plan.city_id, "firm_name": plan.firm_name,
               "enterprise_id": plan.enterprise_id, "site_id": plan.site_id,
               "premises_area_m2": plan.premises_area_m2,
               "adviser": services_consultant(plan)}
    form = PlanForm(request.POST or None, initial=initial, user=request.user, city_id=plan.city_id, new=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(request.user, plan, **form.plan_data())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return HttpResponseRedirect(plan.get_absolute_url())
    return render(request, "advisory/plan_form.html", {"form": form, "plan": plan})


def services_consultant(plan: BusinessPlan) -> int | None:
    """The membership that stands for the plan's consultant and centre in the form."""
    from creativepoles.advisory.services.sessions import consultant_memberships

    if plan.adviser_id is None or plan.centre_id is None:
        return None
    row = consultant_memberships().filter(user_id=plan.adviser_id, organisation_id=plan.centre_id).first()
    return row.pk if row else None


def _sections(plan: BusinessPlan, version: int | None = None) -> list[dict[str, Any]]:
    comments: dict[str, list[Any]] = {}
    for comment in plan.comments.select_related("author").order_by("created_at"):
        comments.setdefault(comment.section, []).append(comment)
    texts = plan.section_texts()
    out = [{"key": s.key, "title": s.title, "guidance": s.guidance, "text": texts.get(s.key, ""),
            "comments": comments.get(s.key, [])} for s in SECTIONS]
    out.append({"key": FINANCIALS, "title": section_title(FINANCIALS), "guidance": "", "text": "",
                "comments": comments.get(FINANCIALS, [])})
    return out


def plan_context(request: HttpRequest, plan: BusinessPlan) -> dict[str, Any]:
    """What the plan page and its review page show."""
    results = fin.results(plan)
    try:
        fin.validate(plan.financials)
        input_errors: dict[str, str] = {}
    except fin.FinancialsError as error:
        input_errors = error.errors
    base = results["base"] if results else None
    return {
        "plan": plan, "sections": _sections(plan), "results": results, "base": base,
        "scenarios": [(fin.SCENARIO_LABELS[name], r) for name, r in (results or {}).items()],
        "premises": fin.plan_premises(plan), "input_errors": input_errors,
        "can_change": can(request.user, CHANGE, plan) and plan.is_editable,
        "can_review": can(request.user, CONTROL, plan) and plan.status == PlanStatus.SUBMITTED,
        "can_delete": can(request.user, DELETE, plan) and plan.status != PlanStatus.APPROVED,
        "versions": plan.versions.order_by("-number")[:20],
    }


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan with its sections, guidance, comments and financial results."""
    plan = _plan(request, pk)
    return render(request, "advisory/plan_detail.html", plan_context(request, plan))


@login_required
def plan_section(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Write one section, with its guidance and the consultant's comments beside it."""
    plan = _plan(request, pk, CHANGE)
    if key not in SECTION_KEYS:
        raise Http404
    section = next(s for s in SECTIONS if s.key == key)
    form = SectionForm(request.POST or None, initial={"text": plan.section_texts().get(key, "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.write_section(request.user, plan, key, form.cleaned_data["text"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return HttpResponseRedirect(plan.get_absolute_url() + f"#section-{key}")
    return render(request, "advisory/plan_section.html", {
        "plan": plan, "section": section, "form": form,
        "comments": plan.comments.filter(section=key).select_related("author")})


@login_required
def plan_financials(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter the financial model: revenue streams, costs, investment, financing, scenarios."""
    plan = _plan(request, pk, CHANGE)
    form = FinancialsForm(request.POST if request.method == "POST" else None, initial=plan.financials)
    status = 200
    if request.method == "POST":
        try:
            services.set_financials(request.user, plan, form.inputs())
        except fin.FinancialsError as error:
            form.add_errors(error.errors)
            status = 400
        except DomainError as error:
            form.errors[""] = error.message
            status = 400
        else:
            messages.success(request, _("Financials saved."))
            return HttpResponseRedirect(plan.get_absolute_url() + "#financials")
    return render(request, "advisory/plan_financials.html", {
        "plan": plan, "form": form, "comments": plan.comments.filter(section=FINANCIALS).select_related("author"),
    }, status=status)


@login_required
@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the plan for review."""
    plan = _plan(request, pk, CHANGE)
    try:
        services.submit_plan(request.user, plan)
    except DomainError as error:
        messages.error(request, error.message)
        return render(request, "advisory/plan_detail.html", plan_context(request, plan), status=400)
    messages.success(request, _("The plan was submitted for review."))
    return HttpResponseRedirect(plan.get_absolute_url())


@login_required
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The consultant's review: a comment per section, then approve or request changes."""
    plan = _plan(request, pk, CONTROL)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_plan(request.user, plan, form.cleaned_data["decision"], form.comments())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your review was sent to the entrepreneur."))
            return HttpResponseRedirect(plan.get_absolute_url())
    context = plan_context(request, plan)
    sections = context["sections"]
    for row in sections:
        row["field"] = form[f"comment_{row['key']}"]
    return render(request, "advisory/plan_review.html", {**context, "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a plan that was not approved."""
    plan = _plan(request, pk, DELETE)
    try:
        services.delete_plan(request.user, plan)
    except DomainError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(plan.get_absolute_url())
    return HttpResponseRedirect(reverse("advisory:index"))


def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's versions, and what changed between two of them."""
    plan = _plan(request, pk)
    versions = list(plan.versions.order_by("number"))
    by_number = {v.number: v for v in versions}

    def pick(name: str, default: int | None) -> int | None:
        raw = request.GET.get(name, "")
        return int(raw) if raw.isdigit() and int(raw) in by_number else default

    newest = versions[-1].number if versions else None
    to = pick("to", newest)
    since = pick("from", (to - 1) if to and to - 1 in by_number else None)
    diff = services.diff_versions(by_number.get(since) if since else None, by_number[to]) if to else []
    return render(request, "advisory/plan_versions.html", {
        "plan": plan, "versions": versions, "diff": diff, "since": since, "to": to})


def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan as a PDF with its figures and charts."""
    plan = _plan(request, pk)
    response = HttpResponse(exports.plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"business-plan-{plan.pk}.pdf") or ""
    return response


def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The financial model as a workbook with live formulas."""
    plan = _plan(request, pk)
    inputs = fin.model_inputs(plan)
    if inputs is None:
        messages.error(request, _("Correct the financial inputs first."))
        return HttpResponseRedirect(plan.get_absolute_url())
    response: HttpResponse = HttpResponse(exports.financials_xlsx(plan.title, inputs), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"financial-model-{plan.pk}.xlsx") or ""
    return response
