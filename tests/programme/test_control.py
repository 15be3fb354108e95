"""Control of partner reports: four-eyes, item verification and deductions, checklist, certificate, claims
and payments that add up to the cent (acceptance points 1 to 4 of the control issue)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from creativepoles.analysis.money import convert
from creativepoles.core.demo import ensure_user
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import Membership, Notification, Role
from creativepoles.programme.models import (
    ClaimCertificate,
    ErrorType,
    Expenditure,
    ItemVerification,
    Outcome,
    PartnerReport,
    PaymentKind,
)
from creativepoles.programme.services import control, payments, reports, spending

pytestmark = pytest.mark.django_db


@pytest.fixture
def controllers(project: dict[str, Any]) -> dict[str, Any]:
    """A controller for each partner; one Klaipėda editor who is also a controller (a four-eyes trap)."""
    out = {}
    for key, org in (("k", project["k_org"]), ("t", project["t_org"])):
        out[key] = ensure_user(f"controller@{key}.test")
        Membership.objects.create(user=out[key], organisation=org, role=Role.CONTROLLER)
    both = ensure_user("both@klaipeda.test")
    Membership.objects.create(user=both, organisation=project["k_org"], role=Role.CITY_EDITOR)
    Membership.objects.create(user=both, organisation=project["k_org"], role=Role.CONTROLLER)
    out["both"] = both
    return out


def add(project: dict[str, Any], partner: str, amount: str, currency: str, editor: str = "editor",
        category: str = "staff", **extra: Any) -> Expenditure:
    period = project["periods"][0]
    return spending.add_expenditure(project[editor], project[partner], period=period,
                                    date=period.start + dt.timedelta(days=5), category=category,
                                    description=f"Item {amount}", amount=Decimal(amount), currency=currency,
                                    **extra)


def in_control(project: dict[str, Any], partner: str, editor: str, controller: Any) -> PartnerReport:
    report = reports.open_partner_report(project[editor], project[partner], project["periods"][0])
    reports.submit_partner_report(project[editor], report)
    reports.start_control(controller, report)
    report.refresh_from_db()
    return report


def answer_all(controller: Any, report: PartnerReport) -> None:
    control.answer_checklist(controller, report, {q.pk: ("yes", "") for q, _a in control.checklist(report)})


def row(report: PartnerReport, item: Expenditure) -> ItemVerification:
    return ItemVerification.objects.get(report=report, expenditure=item)


def certify_with(project: dict[str, Any], controllers: dict[str, Any], deduct: bool) -> tuple[Any, Any]:
    """Tartu (EUR) and Klaipėda (LTL) reports certified; Tartu's first item loses 100.00 EUR when `deduct`."""
    t1 = add(project, "tartu_partner", "1000.00", "EUR", editor="other")
    add(project, "tartu_partner", "333.33", "EUR", editor="other", category="travel")
    add(project, "klaipeda_partner", "3452.80", "LTL")
    add(project, "klaipeda_partner", "1000.01", "LTL", category="external")
    tartu = in_control(project, "tartu_partner", "other", controllers["t"])
    klaipeda = in_control(project, "klaipeda_partner", "editor", controllers["k"])
    if deduct:
        control.verify_item(controllers["t"], row(tartu, t1), outcome=Outcome.PARTLY, deduction=Decimal("100.00"),
                            in_sample=True, error_type=ErrorType.objects.get(code="evidence"),
                            comment="Timesheet missing for one week")
    for controller, report in ((controllers["t"], tartu), (controllers["k"], klaipeda)):
        answer_all(controller, report)
        reports.certify(controller, report)
    tartu.refresh_from_db()
    klaipeda.refresh_from_db()
    return tartu, klaipeda


def pay_everything(project: dict[str, Any], tartu: Any, klaipeda: Any) -> dict[str, Any]:
    manager = project["manager"]
    claim = payments.create_claim(manager, project["project"], [tartu, klaipeda])
    _certified, fund = payments.claim_total(claim)
    payment = payments.record_payment(manager, project["project"], kind=PaymentKind.FUND, amount=fund,
                                      received_on=dt.date(2011, 9, 1), claim=claim)
    instalments = payments.pass_on(manager, payment, dt.date(2011, 9, 10))
    return {"claim": claim, "fund": fund, "payment": payment, "instalments": instalments,
            "balances": {b.partner.pk: b for b in payments.balances(project["project"])}}


def test_a_deduction_of_100_eur_lowers_certified_by_100_and_the_fund_share_by_85(
        project: dict[str, Any], controllers: dict[str, Any]) -> None:
    with transaction.atomic():
        tartu, klaipeda = certify_with(project, controllers, deduct=False)
        full = pay_everything(project, tartu, klaipeda)
        full_certified, full_fund = tartu.certified_amount, payments.fund_share(tartu)[1]
        full_owed = full["balances"][tartu.partner_id].owed
        transaction.set_rollback(True)
    tartu, klaipeda = certify_with(project, controllers, deduct=True)
    paid = pay_everything(project, tartu, klaipeda)

    assert full_certified == Decimal("1333.33")
    assert tartu.certified_amount == full_certified - Decimal("100.00") == Decimal("1233.33")
    assert payments.fund_share(tartu)[1] == full_fund - Decimal("85.00") == Decimal("1048.33")
    assert paid["balances"][tartu.partner_id].owed == full_owed - Decimal("85.00")
    # Klaipėda declares in LTL: 4452.81 LTL certified, 85 % rounded down to whole litas = 3784 LTL.
    assert klaipeda.certified_amount == Decimal("4452.81")
    assert payments.fund_share(klaipeda) == ("ERDF", Decimal("3784.00"))
    entry = ClaimCertificate.objects.get(report=klaipeda)
    assert entry.certified_eur == convert(Decimal("4452.81"), "LTL", "EUR") == Decimal("1289.62")
    assert entry.fund_eur == convert(Decimal("3784.00"), "LTL", "EUR") == Decimal("1095.92")
    # Every cent of the payment is passed on, in proportion to the certified spending (EUR).
    assert paid["fund"] == Decimal("1048.33") + Decimal("1095.92")
    assert sum(i.amount for i in paid["instalments"]) == paid["payment"].amount == paid["fund"]
    by_partner = {i.partner_id: i.amount for i in paid["instalments"]}
    # 2144.25 × 1233.33 / 2522.95 = 1048.2046…, × 1289.62 / 2522.95 = 1096.0453…: the spare cent goes to the
    # larger remainder.
    assert by_partner == {tartu.partner_id: Decimal("1048.20"), klaipeda.partner_id: Decimal("1096.05")}
    balances = paid["balances"]
    assert sum(b.received for b in balances.values()) == paid["payment"].amount
    assert sum(b.outstanding for b in balances.values()) == Decimal("0.00")
    lt = balances[klaipeda.partner_id]
    assert lt.owed - lt.received == lt.outstanding == Decimal("-0.13")
    # In litas: owed exactly the 3784 LTL certified, received 1096.05 × 3.45280 = 3784.4414 → 3784.44 LTL.
    assert lt.counter_values == {"owed": Decimal("3784.00"), "advance": Decimal("0.00"),
                                 "received": Decimal("3784.44"), "outstanding": Decimal("-0.44")}


def test_the_submitter_can_never_take_into_control_or_certify(
        project: dict[str, Any], controllers: dict[str, Any]) -> None:
    add(project, "klaipeda_partner", "10.00", "LTL")
    both = controllers["both"]
    report = reports.open_partner_report(both, project["klaipeda_partner"], project["periods"][0])
    reports.submit_partner_report(both, report)
    with pytest.raises(NotInScope):
        reports.start_control(both, report)
    assert PartnerReport.objects.for_user(both, "control").filter(pk=report.pk).count() == 0
    with pytest.raises(NotInScope):
        reports.start_control(project["manager"], report)  # the lead's managers no longer control
    reports.start_control(controllers["k"], report)
    answer_all(controllers["k"], report)
    with pytest.raises(NotInScope):
        reports.certify(both, report)
    with pytest.raises(NotInScope):
        control.verify_item(both, report.verifications.get(), outcome=Outcome.ACCEPTED)
    reports.certify(controllers["k"], report)


def test_changes_requested_go_back_to_the_partner_with_a_comment_and_everyone_is_told(
        project: dict[str, Any], controllers: dict[str, Any]) -> None:
    item = add(project, "klaipeda_partner", "10.00", "LTL")
    report = in_control(project, "klaipeda_partner", "editor", controllers["k"])
    reports.request_changes(controllers["k"], report, "Add the invoice")
    report.refresh_from_db()
    assert report.status == "changes" and report.comments.get().text == "Add the invoice"
    spending.update_expenditure(project["editor"], item, amount=Decimal("12.00"))
    reports.submit_partner_report(project["editor"], report)
    reports.start_control(controllers["k"], report)
    assert report.verifications.get().declared == Decimal("12.00")
    kinds = list(Notification.objects.filter(recipient=project["editor"]).order_by("pk").values_list("kind", flat=True))
    assert kinds == ["programme.report_submitted", "programme.report_in_control", "programme.report_changes",
                     "programme.report_submitted", "programme.report_in_control"]


def test_a_deduction_needs_a_type_and_a_comment_and_certification_the_checklist(
        project: dict[str, Any], controllers: dict[str, Any]) -> None:
    item = add(project, "klaipeda_partner", "500.00", "LTL", vat=Decimal("86.78"), vat_recoverable=True)
    report = in_control(project, "klaipeda_partner", "editor", controllers["k"])
    verification = row(report, item)
    assert verification.declared == Decimal("413.22")  # recoverable VAT is never eligible
    with pytest.raises(DomainError) as missing:
        control.verify_item(controllers["k"], verification, outcome=Outcome.PARTLY, deduction=Decimal("13.22"))
    assert missing.value.field == "error_type"
    with pytest.raises(DomainError) as too_much:
        control.verify_item(controllers["k"], verification, outcome=Outcome.PARTLY, deduction=Decimal("413.22"),
                            error_type=ErrorType.objects.first(), comment="x")
    assert "413.22\u00a0LTL" in too_much.value.message
    with pytest.raises(DomainError) as unanswered:
        reports.certify(controllers["k"], report)
    assert unanswered.value.field == "checklist"
    control.verify_item(controllers["k"], verification, outcome=Outcome.DEDUCTED,
                        error_type=ErrorType.objects.get(code="ineligible"), comment="Not in the budget")
    answer_all(controllers["k"], report)
    reports.certify(controllers["k"], report)
    report.refresh_from_db()
    assert report.certified_amount == Decimal("0.00")
    with pytest.raises(DomainError):  # locked with the report
        answer_all(controllers["k"], report)


def test_a_certificate_goes_into_one_claim_only(project: dict[str, Any], controllers: dict[str, Any]) -> None:
    tartu, klaipeda = certify_with(project, controllers, deduct=False)
    first = payments.create_claim(project["manager"], project["project"], [tartu])
    with pytest.raises(DomainError) as twice:
        payments.create_claim(project["manager"], project["project"], [klaipeda, tartu])
    assert str(first) in twice.value.message
    assert ClaimCertificate.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
        ClaimCertificate.objects.create(claim=first, report=tartu, certified=Decimal("1"), currency="EUR",
                                        certified_eur=Decimal("1"), fund_name="ERDF", fund_eur=Decimal("1"))
    with pytest.raises(NotInScope):
        payments.create_claim(project["editor"], project["project"], [klaipeda])
    second = payments.create_claim(project["manager"], project["project"], [klaipeda])
    assert second.number == 2 and list(payments.available_certificates(project["project"])) == []


def test_the_control_certificate_pdf_holds_the_verified_total_and_deductions_by_type(
        project: dict[str, Any], controllers: dict[str, Any], client: Any) -> None:
    tartu, _klaipeda = certify_with(project, controllers, deduct=True)
    client.force_login(project["other"])
    response = client.get(f"/programme/ucp/reports/partner/{tartu.pk}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Control certificate" in text
    assert "1,233.33" in text and "1,333.33" in text  # verified and declared totals
    assert "Missing or insufficient evidence" in text and "100.00" in text
    assert "Every sampled item is backed by an invoice" in text
    assert "controller@t.test" in text


def test_advance_and_instalments_need_the_lead_and_the_partner_confirms(
        project: dict[str, Any], controllers: dict[str, Any]) -> None:
    advance = payments.record_payment(project["manager"], project["project"], kind=PaymentKind.ADVANCE,
                                      amount=Decimal("1000.00"), received_on=dt.date(2011, 1, 5))
    with pytest.raises(NotInScope):
        payments.pass_on(project["editor"], advance, dt.date(2011, 1, 6))
    rows = payments.pass_on(project["manager"], advance, dt.date(2011, 1, 6))
    assert sum(r.amount for r in rows) == Decimal("1000.00")
    mine = next(r for r in rows if r.partner == project["klaipeda_partner"])
    with pytest.raises(NotInScope):
        payments.confirm_instalment(project["other"], mine)
    payments.confirm_instalment(project["editor"], mine)
    assert Notification.objects.filter(recipient=project["editor"], kind="programme.payment").exists()
    balance = next(b for b in payments.balances(project["project"]) if b.partner == project["klaipeda_partner"])
    assert balance.advance == mine.amount and balance.outstanding == -mine.amount


def test_rates_are_fixed_for_litas_entered_per_item_or_taken_from_the_months_table(db: Any) -> None:
    from creativepoles.programme.models import ExchangeRate

    day = dt.date(2012, 3, 15)
    assert control.rate_per_eur("LTL", day, Decimal("4")) == Decimal("3.45280")  # fixed, whatever is entered
    assert control.to_currency(Decimal("345.28"), "LTL", "EUR", day) == Decimal("100.00")
    with pytest.raises(DomainError) as missing:
        control.rate_per_eur("SEK", day)
    assert missing.value.field == "exchange_rate" and "2012-03" in missing.value.message
    ExchangeRate.objects.create(currency="SEK", month=dt.date(2012, 3, 1), rate=Decimal("8.8443"))
    assert control.to_currency(Decimal("884.43"), "SEK", "EUR", day) == Decimal("100.00")
    # 884.43 SEK at 8.8443 is 100.00 EUR, which is 345.28 LTL; a rate entered for the report wins.
    assert control.to_currency(Decimal("884.43"), "SEK", "LTL", day) == Decimal("345.28")
    assert control.to_currency(Decimal("900.00"), "SEK", "EUR", day, Decimal("9")) == Decimal("100.00")


def test_the_api_shows_verifications_to_the_partner_and_claims_with_their_certificates(
        project: dict[str, Any], controllers: dict[str, Any]) -> None:
    from rest_framework.test import APIClient

    tartu, klaipeda = certify_with(project, controllers, deduct=True)
    claim = payments.create_claim(project["manager"], project["project"], [tartu, klaipeda])

    def get(user: Any, url: str) -> Any:
        client = APIClient()
        client.force_authenticate(user)
        return client.get(url).json()

    rows = get(project["other"], f"/api/programme/item-verifications/?report={tartu.pk}")["results"]
    assert sorted((r["declared"], r["deduction"], r["verified"], r["error_type"]) for r in rows) == [
        ("1000.00", "100.00", "900.00", "evidence"), ("333.33", "0.00", "333.33", None)]
    assert get(project["editor"], f"/api/programme/item-verifications/?report={tartu.pk}")["results"] == []
    body = get(project["editor"], f"/api/programme/claims/{claim.pk}/")
    assert [(c["report"], c["fund_eur"]) for c in body["certificates"]] == [
        (klaipeda.pk, "1095.92"), (tartu.pk, "1048.33")]
    assert get(project["outsider"], "/api/programme/claims/")["count"] == 0
