"""Claims assembled from control certificates; payments received and passed on to partners; partner balances."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.analysis.money import allocate, convert, split, to_cents
from creativepoles.core.errors import DomainError
from creativepoles.core.formatting import format_amount
from creativepoles.core.models import Role, record_audit
from creativepoles.core.notifications import notify
from creativepoles.core.permissions import ADD, CHANGE, require
from creativepoles.programme.models import (
    Claim,
    ClaimCertificate,
    Instalment,
    Partner,
    PartnerReport,
    Payment,
    PaymentKind,
    Procurement,
    Project,
    ReportStatus,
)
from creativepoles.programme.models.payments import ClaimStatus
from creativepoles.programme.services import control

ZERO = Decimal("0.00")


def fund_share(report: PartnerReport) -> tuple[str, Decimal]:
    """The fund and its share of a report's certified amount, in the partner's currency."""
    cofinancing = getattr(report.partner, "cofinancing", None)
    certified = report.certified_amount or ZERO
    if cofinancing is None:
        return "ERDF", split(certified, Decimal("0.85")).fund
    return cofinancing.fund_name, cofinancing.split(certified).fund


def available_certificates(project: Project) -> Any:
    """Certified partner reports of the project not yet included in any claim."""
    return (PartnerReport.objects.filter(partner__project=project, status=ReportStatus.CERTIFIED,
                                         claim_entry__isnull=True)
            .select_related("partner__organisation", "period").order_by("period__number", "partner__number"))


@transaction.atomic
def create_claim(actor: Any, project: Project, reports: list[PartnerReport], title: str = "") -> Claim:
    """The lead partner's claim from chosen certificates; a certificate goes into one claim only."""
    require(actor, ADD, Claim(project=project), _("Only the lead partner's managers build claims."))
    if not reports:
        raise DomainError(_("Choose at least one certificate."), "reports")
    locked = list(PartnerReport.objects.select_for_update(of=("self",)).filter(pk__in=[r.pk for r in reports])
                  .select_related("partner__cofinancing", "partner__project"))
    for report in locked:
        if report.partner.project_id != project.pk or report.status != ReportStatus.CERTIFIED:
            raise DomainError(_("Only certified reports of this project go into a claim: %(report)s")
                              % {"report": report}, "reports")
    taken = ClaimCertificate.objects.filter(report__in=locked).select_related("claim").first()
    if taken is not None:
        raise DomainError(_("The certificate of %(report)s is already in %(claim)s.")
                          % {"report": taken.report, "claim": taken.claim}, "reports")
    number = (project.claims.aggregate(n=Max("number"))["n"] or 0) + 1
    claim = Claim(project=project, number=number, title=title, created_by=actor)
    claim.full_clean()
    claim.save()
    try:
        with transaction.atomic():
            for report in locked:
                fund, share = fund_share(report)
                currency = report.partner.currency
                ClaimCertificate.objects.create(
                    claim=claim, report=report, certified=report.certified_amount, currency=currency,
                    certified_eur=convert(report.certified_amount or ZERO, currency, "EUR"),
                    fund_name=fund, fund=share, fund_eur=convert(share, currency, "EUR"))
    except IntegrityError as error:  # a claim built at the same moment took one of them
        raise DomainError(_("A certificate was included in another claim meanwhile."), "reports") from error
    record_audit(actor, "create_claim", claim, {"certificates": len(locked)})
    return claim


@dataclass
class ClaimLine:
    partner: Partner
    fund: str
    certified_eur: Decimal
    fund_eur: Decimal


def claim_lines(claim: Claim) -> list[ClaimLine]:
    """The claim's amounts per partner and fund (EUR)."""
    lines: dict[tuple[int, str], ClaimLine] = {}
    for entry in claim.certificates.select_related("report__partner__organisation"):
        key = (entry.report.partner_id, entry.fund_name)
        line = lines.setdefault(key, ClaimLine(entry.report.partner, entry.fund_name, ZERO, ZERO))
        line.certified_eur += entry.certified_eur
        line.fund_eur += entry.fund_eur
    return sorted(lines.values(), key=lambda line: (line.partner.number, line.fund))


def claim_total(claim: Claim) -> tuple[Decimal, Decimal]:
    """Certified and fund totals of a claim in EUR."""
    totals = claim.certificates.aggregate(c=Sum("certified_eur"), f=Sum("fund_eur"))
    return to_cents(totals["c"] or ZERO), to_cents(totals["f"] or ZERO)


def _partner_editors(partner: Partner) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, memberships__organisation=partner.organisation_id,
                                           memberships__role=Role.CITY_EDITOR).distinct()


@transaction.atomic
def record_payment(actor: Any, project: Project, *, kind: str, amount: Decimal, received_on: dt.date,
                   claim: Claim | None = None) -> Payment:
    """Record money received from the programme: an advance, or the fund's payment for one claim."""
    payment = Payment(project=project, kind=kind, claim=claim, amount=amount, received_on=received_on,
                      recorded_by=actor)
    require(actor, ADD, payment, _("Only the lead partner's managers record payments."))
    if kind == PaymentKind.FUND and (claim is None or claim.project_id != project.pk):
        raise DomainError(_("Choose the claim this payment is for."), "claim")
    if kind == PaymentKind.ADVANCE:
        payment.claim = None
    if claim is not None and Payment.objects.filter(claim=claim).exists():
        raise DomainError(_("A payment is already recorded for %(claim)s.") % {"claim": claim}, "claim")
    payment.full_clean()
    payment.save()
    if claim is not None and claim.status == ClaimStatus.DRAFT:
        claim.status, claim.submitted_at = ClaimStatus.SUBMITTED, timezone.now()
        claim.save()
    record_audit(actor, f"record_{kind}_payment", project, {"amount": str(amount)})
    return payment


def instalment_weights(payment: Payment) -> list[tuple[Partner, Decimal]]:
    """Who shares a payment and by what weight: the certified spending the claim included (EUR),
    or for an advance each partner's budget (EUR)."""
    if payment.claim is not None:
        weights: dict[int, tuple[Partner, Decimal]] = {}
        for entry in payment.claim.certificates.select_related("report__partner"):
            partner = entry.report.partner
            weights[partner.pk] = (partner, weights.get(partner.pk, (partner, ZERO))[1] + entry.certified_eur)
        return sorted(weights.values(), key=lambda w: w[0].number)
    out = []
    for partner in payment.project.partners.order_by("number"):
        budget = partner.budget_lines.aggregate(total=Sum("amount"))["total"] or ZERO
        if budget > 0:
            out.append((partner, convert(budget, partner.currency, "EUR")))
    return out


@transaction.atomic
def pass_on(actor: Any, payment: Payment, paid_on: dt.date) -> list[Instalment]:
    """Pass a payment on to the partners in proportion to their weights; the cents add up to the payment."""
    require(actor, ADD, Instalment(payment=payment), _("Only the lead partner's managers pass payments on."))
    if payment.instalments.exists():
        raise DomainError(_("This payment was already passed on."), "payment")
    weights = [w for w in instalment_weights(payment) if w[1] > 0]
    if not weights:
        raise DomainError(_("Nobody to pass this payment on to."), "payment")
    amounts = allocate(payment.amount, [w for _p, w in weights])
    rows = Instalment.objects.bulk_create([
        Instalment(payment=payment, partner=partner, amount=amount, paid_on=paid_on)
        for (partner, _w), amount in zip(weights, amounts, strict=True)])
    record_audit(actor, "pass_on_payment", payment.project, {"instalments": len(rows)})
    acronym = payment.project.acronym
    for row in [] if control.QUIET.get() else rows:
        notify(_partner_editors(row.partner), _("Payment recorded: %(amount)s") % {
            "amount": format_amount(row.amount, "EUR")},
            _("The lead partner paid %(amount)s to %(partner)s on %(date)s. Please confirm receipt.") % {
                "amount": format_amount(row.amount, "EUR"), "partner": row.partner, "date": paid_on.isoformat()},
            url=reverse("programme:payments", args=[acronym]), kind="programme.payment")
    return rows


@transaction.atomic
def confirm_instalment(actor: Any, instalment: Instalment) -> Instalment:
    """The partner confirms it received an instalment."""
    require(actor, CHANGE, instalment, _("Only the partner's editors confirm its payments."))
    if instalment.confirmed_at is not None:
        raise DomainError(_("This payment is already confirmed."), "confirmed_at")
    instalment.confirmed_at, instalment.confirmed_by = timezone.now(), actor
    instalment.save()
    record_audit(actor, "confirm_instalment", instalment.payment.project, {"amount": str(instalment.amount)})
    return instalment


@dataclass
class Balance:
    """A partner's money from the fund: owed for its certified spending in claims, paid on, outstanding (EUR),
    with counter-values in the partner's currency that add up as well."""

    partner: Partner
    owed: Decimal
    advance: Decimal
    received: Decimal
    owed_own: Decimal  # the fund shares as certified, in the partner's currency
    currency: str = "EUR"

    @property
    def outstanding(self) -> Decimal:
        return self.owed - self.advance - self.received

    @property
    def counter_values(self) -> dict[str, Decimal]:
        """In the partner's currency: what is owed as certified, payments at the fixed rate, the remainder."""
        own = self.partner.currency
        advance, received = convert(self.advance, "EUR", own), convert(self.received, "EUR", own)
        return {"owed": self.owed_own, "advance": advance, "received": received,
                "outstanding": self.owed_own - advance - received}


def balances(project: Project, partners: Any = None) -> list[Balance]:
    """Each partner's balance in EUR (the currency payments are decided in) with its counter-value."""
    partners = list((partners if partners is not None else project.partners.all())
                    .select_related("organisation").order_by("number"))
    owed = {p: (to_cents(eur), to_cents(own)) for p, eur, own in ClaimCertificate.objects.filter(claim__project=project)
            .values_list("report__partner").annotate(eur=Sum("fund_eur"), own=Sum("fund")).order_by()}
    paid: dict[tuple[int, str], Decimal] = {
        (p, k): to_cents(t) for p, k, t in Instalment.objects.filter(payment__project=project)
        .values_list("partner", "payment__kind").annotate(t=Sum("amount")).order_by()}
    return [Balance(p, owed.get(p.pk, (ZERO, ZERO))[0], paid.get((p.pk, PaymentKind.ADVANCE), ZERO),
                    paid.get((p.pk, PaymentKind.FUND), ZERO), owed.get(p.pk, (ZERO, ZERO))[1]) for p in partners]


@transaction.atomic
def add_procurement(actor: Any, partner: Partner, **data: Any) -> Procurement:
    """Register a contract a partner awarded (its editors or the managers)."""
    procurement = Procurement(partner=partner, **data)
    require(actor, ADD, procurement, _("You cannot register procurements for this partner."), "partner")
    procurement.full_clean()
    procurement.save()
    record_audit(actor, "add_procurement", procurement, {"amount": str(procurement.amount),
                                                          "currency": procurement.currency})
    return procurement
