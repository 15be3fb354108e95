"""Partner and project reports: list, detail with life-cycle actions, PDF and XLSX exports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from creativepoles.analysis.money import convert
from creativepoles.core.errors import DomainError
from creativepoles.core.formatting import format_amount, to_decimal
from creativepoles.core.permissions import CHANGE, CONTROL, VIEW, get_object_for
from creativepoles.programme import exports, figures
from creativepoles.programme.forms import ChangesForm, SubmitForm
from creativepoles.programme.models import Expenditure, PartnerReport, Project, ProjectReport, ReportStatus
from creativepoles.programme.models.money import localised_categories
from creativepoles.programme.services import reports as services
from creativepoles.programme.views.control import control_context


def _project(request: HttpRequest, acronym: str) -> Project:
    return get_object_or_404(Project.objects.for_user(request.user), acronym=acronym)


def _partner_report(request: HttpRequest, acronym: str, pk: int, action: str = VIEW) -> PartnerReport:
    queryset = PartnerReport.objects.select_related("partner__organisation__city", "period", "partner__project")
    return get_object_for(request.user, action, queryset, pk=pk,  # type: ignore[no-any-return]
                          partner__project__acronym=acronym)


def _project_report(request: HttpRequest, acronym: str, pk: int, action: str = VIEW) -> ProjectReport:
    return get_object_for(request.user, action, ProjectReport.objects.all(), pk=pk,  # type: ignore[no-any-return]
                          project__acronym=acronym)


class ReportFilterForm(forms.Form):
    """Filters of the reports list; choices come from the project."""

    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False)
    partner = forms.ChoiceField(label=gettext_lazy("Partner"), required=False)
    city = forms.ChoiceField(label=gettext_lazy("City"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, data: Any, project: Project) -> None:
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["period"].choices = everything + [  # type: ignore[attr-defined]
            (str(p.pk), str(p)) for p in project.periods.order_by("number")]
        self.fields["partner"].choices = everything + [  # type: ignore[attr-defined]
            (str(p.pk), str(p)) for p in project.partners.select_related("organisation").order_by("number")]
        self.fields["city"].choices = everything + [  # type: ignore[attr-defined]
            (str(c.pk), c.name) for c in figures.project_cities(project)]
        self.fields["status"].choices = everything + list(ReportStatus.choices)  # type: ignore[attr-defined]

    def apply(self, reports: Any) -> Any:
        """The reports matching the valid filters."""
        if not self.is_valid():
            return reports
        lookups = {"period": "period_id", "partner": "partner_id", "city": "partner__organisation__city_id",
                   "status": "status"}
        for name, lookup in lookups.items():
            if self.cleaned_data.get(name):
                reports = reports.filter(**{lookup: self.cleaned_data[name]})
        return reports


def declared_totals(reports: list[PartnerReport]) -> dict[int, Decimal]:
    """Each report's declared expenditure in its partner's currency, from one grouped query."""
    if not reports:
        return {}
    by_key = {(r.partner_id, r.period_id): r for r in reports}
    totals: dict[int, Decimal] = {r.pk: Decimal("0.00") for r in reports}
    rows = (Expenditure.objects.filter(deleted_at__isnull=True, partner_id__in={r.partner_id for r in reports},
                                       period_id__in={r.period_id for r in reports})
            .values_list("partner_id", "period_id", "currency").annotate(total=Sum("amount")).order_by())
    for partner_id, period_id, currency, total in rows:
        report = by_key.get((partner_id, period_id))
        if report is not None:
            totals[report.pk] += convert(total, currency, report.partner.currency)
    return totals


@login_required
def report_list(request: HttpRequest, acronym: str) -> HttpResponse:
    """The reports the user may see, filtered, with declared and certified amounts."""
    project = _project(request, acronym)
    form = ReportFilterForm(request.GET or None, project)
    partner_reports = list(form.apply(
        PartnerReport.objects.for_user(request.user).filter(partner__project=project)
        .select_related("partner__organisation__city", "period")
        .order_by("-period__number", "partner__number")))
    declared = declared_totals(partner_reports)
    project_reports = ProjectReport.objects.for_user(request.user).filter(project=project).distinct()
    return render(request, "programme/report_list.html", {
        "project": project, "form": form,
        "partner_reports": [(r, declared[r.pk]) for r in partner_reports],
        "project_reports": project_reports.select_related("period"),
    }, status=400 if form.is_bound and not form.is_valid() else 200)


@login_required
def partner_report_detail(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """A partner report: its snapshot when locked, the live figures while a draft."""
    report = _partner_report(request, acronym, pk)
    snapshot = report.latest_snapshot()
    data = snapshot.data if (report.is_locked and snapshot) else services.partner_snapshot(report)
    # The stored snapshot keeps its English category labels: show them in the reader's language.
    data = {**data, "by_category": localised_categories(data.get("by_category", []))}
    return render(request, "programme/partner_report.html", {
        "project": report.partner.project, "report": report, "data": data, "snapshot": snapshot,
        "snapshots": report.snapshots.order_by("-version"),
        "submit_form": SubmitForm(initial={"summary": report.summary}),
        "changes_form": ChangesForm(),
        **control_context(request, report),
    })


@login_required
@require_POST
def partner_report_action(request: HttpRequest, acronym: str, pk: int, action: str) -> HttpResponse:
    """Submit, take into control, certify or reopen; refusals come back as messages."""
    if action not in ("submit", "control", "certify", "reopen", "changes"):
        raise Http404
    report = _partner_report(request, acronym, pk, CHANGE if action == "submit" else CONTROL)
    try:
        if action == "submit":
            form = SubmitForm(request.POST)
            form.is_valid()
            services.submit_partner_report(request.user, report, form.cleaned_data.get("summary", ""))
            messages.success(request, _("Report submitted. Its figures are now locked."))
        elif action == "control":
            services.start_control(request.user, report)
            messages.success(request, _("Report taken into control. Verify each item, then certify."))
        elif action == "certify":
            report = services.certify(request.user, report)
            messages.success(request, _("Report certified at %(amount)s.") % {
                "amount": format_amount(report.certified_amount, report.partner.currency)})
        elif action == "changes":
            changes = ChangesForm(request.POST)
            services.request_changes(request.user, report,
                                     changes.cleaned_data["comment"] if changes.is_valid() else "")
            messages.success(request, _("The report went back to the partner with your comment."))
        else:
            services.reopen(request.user, report)
            messages.success(request, _("The report is a draft again."))
    except DomainError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(reverse("programme:partner-report", args=[acronym, pk]))


@login_required
def project_report_detail(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """The project report: snapshot when locked, live figures while a draft."""
    report = _project_report(request, acronym, pk, CHANGE if request.method == "POST" else VIEW)
    snapshot = report.latest_snapshot()
    data = snapshot.data if (report.is_locked and snapshot) else services.project_snapshot(report)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "reopen":
                services.reopen(request.user, report)
            else:
                services.submit_project_report(request.user, report, request.POST.get("summary", ""))
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(reverse("programme:project-report", args=[acronym, pk]))
    return render(request, "programme/project_report.html", {
        "project": report.project, "report": report, "data": data, "snapshot": snapshot,
        # Partners decide in different currencies: the totals row adds up their EUR values.
        "totals_eur": {key: sum((to_decimal(p.get(key)) for p in data["partners"]), Decimal("0.00"))
                       for key in ("budget_eur", "spent_eur")},
    })


@login_required
def report_export(request: HttpRequest, acronym: str, kind: str, pk: int, fmt: str) -> HttpResponse:
    """The report as PDF or XLSX: the submitted snapshot, or the live draft."""
    report: PartnerReport | ProjectReport
    if fmt not in ("pdf", "xlsx") or kind not in ("partner", "project"):
        raise Http404
    if kind == "partner":
        report = _partner_report(request, acronym, pk)
        live = services.partner_snapshot
    else:
        report = _project_report(request, acronym, pk)
        live = services.project_snapshot  # type: ignore[assignment]
    snapshot = report.latest_snapshot()
    if report.is_locked and snapshot is not None:
        data = snapshot.data
    else:
        data = {**live(report), "draft": True}  # type: ignore[arg-type]
    name = f"{acronym}-{kind}-report-{report.pk}-period-{report.period.number}"
    if fmt == "pdf":
        response = HttpResponse(exports.report_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(
            exports.report_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
