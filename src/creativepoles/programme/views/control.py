"""Control of a partner report (item verification, checklist, comments, certificate) and claims and payments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from creativepoles.core.errors import DomainError
from creativepoles.core.formatting import format_amount
from creativepoles.core.forms import add_domain_error
from creativepoles.core.permissions import ADD, CHANGE, CONTROL, VIEW, can, could, get_object_for
from creativepoles.programme import exports_control
from creativepoles.programme.forms import ProcurementForm
from creativepoles.programme.models import (
    Claim,
    ErrorType,
    Expenditure,
    Instalment,
    ItemVerification,
    Outcome,
    PartnerReport,
    Payment,
    PaymentKind,
    Procurement,
    Project,
)
from creativepoles.programme.models.control import Answer
from creativepoles.programme.services import control, payments


def _project(request: HttpRequest, acronym: str) -> Project:
    return get_object_or_404(Project.objects.for_user(request.user), acronym=acronym)


def _report(request: HttpRequest, acronym: str, pk: int, action: str = VIEW) -> PartnerReport:
    queryset = PartnerReport.objects.select_related("partner__organisation__city", "period", "partner__project")
    return get_object_for(request.user, action, queryset, pk=pk,  # type: ignore[no-any-return]
                          partner__project__acronym=acronym)


def _back(report: PartnerReport) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("programme:partner-report", args=[report.partner.project.acronym, report.pk]))


def control_context(request: HttpRequest, report: PartnerReport) -> dict[str, Any]:
    """What the report page shows of control: verifications, checklist, comments, the certified total."""
    verifications = list(report.verifications.select_related("expenditure", "error_type"))
    comments: dict[int | None, list[Any]] = {}
    for comment in report.comments.select_related("author", "expenditure"):
        comments.setdefault(comment.expenditure_id, []).append(comment)
    return {
        "verifications": [(v, comments.get(v.expenditure_id, [])) for v in verifications],
        "report_comments": comments.get(None, []),
        "checklist": control.checklist(report),
        "answers": Answer.choices, "outcomes": Outcome.choices,
        "error_types": ErrorType.objects.filter(active=True),
        "verified_total": control.certified_total(report) if verifications else None,
        "declared_total": sum((v.declared for v in verifications), Decimal("0.00")),
        "controlling": report.status == "in_control" and can(request.user, CONTROL, report),
    }


def _decimal(value: str | None) -> Decimal | None:
    try:
        return Decimal((value or "").replace(",", ".").strip()) if (value or "").strip() else None
    except InvalidOperation:
        raise DomainError(_("Enter an amount such as 100.00."), "deduction") from None


@login_required
@require_POST
def verify_item(request: HttpRequest, acronym: str, pk: int, item: int) -> HttpResponse:
    """The controller's finding on one item of a report in control."""
    report = _report(request, acronym, pk, CONTROL)
    verification = get_object_or_404(ItemVerification, report=report, expenditure_id=item)
    try:
        error_type = None
        if request.POST.get("error_type", "").isdigit():
            error_type = ErrorType.objects.filter(pk=int(request.POST["error_type"])).first()
        control.verify_item(request.user, verification, outcome=request.POST.get("outcome", ""),
                            deduction=_decimal(request.POST.get("deduction")),
                            in_sample=bool(request.POST.get("in_sample")), error_type=error_type,
                            comment=request.POST.get("comment", ""))
        messages.success(request, _("Item verified. Certified so far: %(amount)s.") % {
            "amount": format_amount(control.certified_total(report), report.partner.currency)})
    except DomainError as error:
        messages.error(request, error.message)
    return _back(report)


@login_required
@require_POST
def answer_checklist(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """Save the control checklist's answers."""
    report = _report(request, acronym, pk, CONTROL)
    answers = {}
    for question, _answer in control.checklist(report):
        value = request.POST.get(f"q{question.pk}", "")
        if value in Answer.values:
            answers[question.pk] = (value, request.POST.get(f"c{question.pk}", "")[:500])
    try:
        control.answer_checklist(request.user, report, answers)
        messages.success(request, _("Checklist saved."))
    except DomainError as error:
        messages.error(request, error.message)
    return _back(report)


@login_required
@require_POST
def add_comment(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """A comment on the report or one of its items."""
    report = _report(request, acronym, pk)
    item = None
    if request.POST.get("item", "").isdigit():
        item = Expenditure.objects.filter(pk=int(request.POST["item"])).first()
    try:
        if not request.POST.get("text", "").strip():
            raise DomainError(_("Write a comment first."), "text")
        control.add_comment(request.user, report, request.POST["text"], item)
        messages.success(request, _("Comment added."))
    except DomainError as error:
        messages.error(request, error.message)
    return _back(report)


@login_required
def certificate(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """The control certificate of a certified report as PDF."""
    report = _report(request, acronym, pk)
    if report.status != "certified":
        raise Http404
    response = HttpResponse(exports_control.certificate_pdf(control.certificate_data(report)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{acronym}-certificate-{report.pk}.pdf"'
    return response


@login_required
def claims(request: HttpRequest, acronym: str) -> HttpResponse:
    """The project's claims; the lead partner builds a new one from certificates not yet claimed."""
    project = _project(request, acronym)
    may_add = can(request.user, ADD, Claim(project=project))
    if request.method == "POST":
        if not may_add:
            raise Http404
        chosen = [int(v) for v in request.POST.getlist("reports") if v.isdigit()]
        try:
            claim = payments.create_claim(request.user, project,
                                          list(PartnerReport.objects.filter(pk__in=chosen,
                                                                            partner__project=project)),
                                          request.POST.get("title", "")[:200])
            messages.success(request, _("%(claim)s built from %(count)s certificates.") % {
                "claim": claim, "count": claim.certificates.count()})
            return HttpResponseRedirect(reverse("programme:claim", args=[acronym, claim.pk]))
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(reverse("programme:claims", args=[acronym]))
    rows = [(c, *payments.claim_total(c)) for c in Claim.objects.for_user(request.user).filter(project=project)]
    return render(request, "programme/claims.html", {
        "project": project, "claims": rows, "may_add": may_add,
        "available": payments.available_certificates(project) if may_add else [],
    })


@login_required
def claim_detail(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """One claim: its certificates and its amounts per partner and fund."""
    claim = get_object_for(request.user, VIEW, Claim.objects.select_related("project"), pk=pk,
                           project__acronym=acronym)
    certified, fund = payments.claim_total(claim)
    return render(request, "programme/claim.html", {
        "project": claim.project, "claim": claim, "lines": payments.claim_lines(claim),
        "entries": claim.certificates.select_related("report__partner__organisation", "report__period"),
        "certified": certified, "fund": fund, "payment": Payment.objects.filter(claim=claim).first(),
    })


@login_required
def claim_export(request: HttpRequest, acronym: str, pk: int, fmt: str) -> HttpResponse:
    """The claim's certificates as PDF or XLSX."""
    claim = get_object_for(request.user, VIEW, Claim.objects.select_related("project"), pk=pk,
                           project__acronym=acronym)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    data = exports_control.claim_data(claim)
    if fmt == "pdf":
        response = HttpResponse(exports_control.claim_pdf(data), content_type="application/pdf")
    else:
        response = HttpResponse(exports_control.claim_xlsx(data),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{acronym}-claim-{claim.number}.{fmt}"'
    return response


def _date(value: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        raise DomainError(_("Enter a date such as 2012-03-31."), "date") from None


@login_required
def payment_list(request: HttpRequest, acronym: str) -> HttpResponse:
    """Payments received and passed on, and each partner's balance; the lead partner records payments here."""
    project = _project(request, acronym)
    may_add = could(request.user, ADD, Payment) and can(request.user, ADD, Payment(project=project))
    if request.method == "POST":
        if not may_add:
            raise Http404
        try:
            kind = request.POST.get("kind", "")
            claim = None
            if request.POST.get("claim", "").isdigit():
                claim = Claim.objects.filter(pk=int(request.POST["claim"]), project=project).first()
            payment = payments.record_payment(request.user, project, kind=kind,
                                              amount=_decimal(request.POST.get("amount")) or Decimal("0"),
                                              received_on=_date(request.POST.get("received_on")), claim=claim)
            messages.success(request, _("Payment of %(amount)s recorded.") % {
                "amount": format_amount(payment.amount, "EUR")})
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(reverse("programme:payments", args=[acronym]))
    # Each partner sees its own balance; the lead partner's managers see every partner's.
    seen = Instalment.objects.for_user(request.user)
    partners = project.partners.all() if could(request.user, ADD, Instalment) else project.partners.filter(
        organisation__memberships__user=request.user.pk).distinct()
    return render(request, "programme/payments.html", {
        "project": project, "may_add": may_add, "kinds": PaymentKind.choices,
        "payments": Payment.objects.for_user(request.user).filter(project=project).select_related("claim")
        .prefetch_related(Prefetch("instalments", seen.select_related("partner__organisation"))),
        "open_claims": project.claims.filter(payment__isnull=True),
        "balances": payments.balances(project, partners.distinct()),
        "my_instalments": Instalment.objects.for_user(request.user, CHANGE).filter(
            payment__project=project, confirmed_at__isnull=True).select_related("partner"),
    })


@login_required
@require_POST
def payment_pass_on(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """Pass a payment on to the partners."""
    payment = get_object_for(request.user, CHANGE, Payment.objects.select_related("project", "claim"), pk=pk,
                             project__acronym=acronym)
    try:
        rows = payments.pass_on(request.user, payment, _date(request.POST.get("paid_on")))
        messages.success(request, _("%(count)s instalments recorded, together %(amount)s.") % {
            "count": len(rows), "amount": format_amount(sum((r.amount for r in rows), Decimal("0.00")), "EUR")})
    except DomainError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(reverse("programme:payments", args=[acronym]))


@login_required
@require_POST
def instalment_confirm(request: HttpRequest, acronym: str, pk: int) -> HttpResponse:
    """The partner confirms it received an instalment."""
    instalment = get_object_for(request.user, CHANGE, Instalment.objects.select_related("payment__project"), pk=pk,
                                payment__project__acronym=acronym)
    try:
        payments.confirm_instalment(request.user, instalment)
        messages.success(request, _("Receipt of %(amount)s confirmed.") % {
            "amount": format_amount(instalment.amount, "EUR")})
    except DomainError as error:
        messages.error(request, error.message)
    return HttpResponseRedirect(reverse("programme:payments", args=[acronym]))


@login_required
def procurements(request: HttpRequest, acronym: str) -> HttpResponse:
    """The procurement register of the partners the user sees; editors register their partner's contracts."""
    project = _project(request, acronym)
    form = ProcurementForm(request.POST or None, user=request.user, project=project)
    may_add = form.fields["partner"].queryset.exists()  # type: ignore[attr-defined]
    if request.method == "POST":
        if not may_add:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                procurement = payments.add_procurement(request.user, data.pop("partner"), **data)
                messages.success(request, _("Procurement registered: %(contract)s, %(amount)s.") % {
                    "contract": procurement.contract, "amount": format_amount(procurement.amount,
                                                                              procurement.currency)})
                return HttpResponseRedirect(reverse("programme:procurements", args=[acronym]))
            except DomainError as error:
                add_domain_error(form, error)
    rows = (Procurement.objects.for_user(request.user).filter(partner__project=project)
            .select_related("partner__organisation").prefetch_related("expenditures"))
    return render(request, "programme/procurements.html", {
        "project": project, "procurements": rows, "form": form if may_add else None,
    }, status=400 if request.method == "POST" else 200)
