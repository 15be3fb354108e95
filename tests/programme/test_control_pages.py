"""The control, claim, payment and procurement pages: what each role sees and does, and the downloads."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.test import Client
from pypdf import PdfReader

from creativepoles.core.demo import ensure_user
from creativepoles.core.models import Membership, Role
from creativepoles.programme.models import Claim, Instalment, Payment, Procurement
from creativepoles.programme.services import spending

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def controlled(project: dict[str, Any]) -> dict[str, Any]:
    """Klaipėda's period-1 report with two items (LTL), submitted by its editor and taken into control."""
    controller = ensure_user("controller@klaipeda.test")
    Membership.objects.create(user=controller, organisation=project["k_org"], role=Role.CONTROLLER)
    period = project["periods"][0]
    items = [spending.add_expenditure(project["editor"], project["klaipeda_partner"], period=period,
                                      date=period.start + dt.timedelta(days=3), category=category,
                                      description=text, amount=Decimal(amount), currency="LTL")
             for category, text, amount in (("staff", "Coordinator", "3452.80"), ("travel", "Flights", "690.56"))]
    editor = as_user(project["editor"])
    from creativepoles.programme.services import reports

    report = reports.open_partner_report(project["editor"], project["klaipeda_partner"], period)
    assert editor.post(f"/programme/ucp/reports/partner/{report.pk}/submit/", {"summary": "Done"}).status_code == 302
    return {**project, "controller": controller, "items": items, "report": report,
            "url": f"/programme/ucp/reports/partner/{report.pk}/"}


def test_it_walks_control_through_the_pages(controlled: dict[str, Any]) -> None:
    from creativepoles.programme.models import ChecklistQuestion, ErrorType

    url, controller = controlled["url"], as_user(controlled["controller"])
    taken = controller.post(f"{url}control/", follow=True).content.decode()
    assert "Report taken into control" in taken and 'class="inline-form verify-form"' in taken
    flights = controlled["items"][1]
    bad = controller.post(f"{url}items/{flights.pk}/verify/", {"outcome": "partly", "deduction": "lots"},
                          follow=True).content.decode()
    assert "Enter an amount such as 100.00." in bad
    done = controller.post(f"{url}items/{flights.pk}/verify/", {
        "outcome": "partly", "deduction": "345,28", "in_sample": "1", "comment": "One ticket without a boarding pass",
        "error_type": ErrorType.objects.get(code="evidence").pk}, follow=True).content.decode()
    assert "Certified so far: 3,798.08\u00a0LTL." in done
    early = controller.post(f"{url}certify/", follow=True).content.decode()
    assert "Answer every question of the control checklist first." in early
    answers = {f"q{q.pk}": "yes" for q in ChecklistQuestion.objects.all()}
    assert controller.post(f"{url}checklist/", answers).status_code == 302
    certified = controller.post(f"{url}certify/", follow=True).content.decode()
    assert "Report certified at 3,798.08\u00a0LTL." in certified
    partner_view = as_user(controlled["editor"]).get(url).content.decode()
    assert "3,798.08" in partner_view and "One ticket without a boarding pass" in partner_view
    assert "Missing or insufficient evidence" in partner_view and "certificate.pdf" in partner_view
    comment = as_user(controlled["editor"]).post(f"{url}comments/", {"text": "Boarding pass found", "item": flights.pk},
                                                 follow=True)
    assert "Boarding pass found" in comment.content.decode()


def test_it_serves_the_certificate_to_the_partner_only(controlled: dict[str, Any]) -> None:
    url = controlled["url"]
    assert as_user(controlled["editor"]).get(f"{url}certificate.pdf").status_code == 404  # not certified yet
    controller = as_user(controlled["controller"])
    controller.post(f"{url}control/")
    from creativepoles.programme.models import ChecklistQuestion

    controller.post(f"{url}checklist/", {f"q{q.pk}": "na" for q in ChecklistQuestion.objects.all()})
    controller.post(f"{url}certify/")
    pdf = as_user(controlled["editor"]).get(f"{url}certificate.pdf")
    assert pdf.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "4,143.36" in text and "Not applicable" in text and "controller@klaipeda.test" in text
    assert as_user(controlled["other"]).get(f"{url}certificate.pdf").status_code == 404
    assert Client().get(f"{url}certificate.pdf").status_code == 302


def test_it_builds_a_claim_records_a_payment_and_shows_balances(controlled: dict[str, Any]) -> None:
    from creativepoles.programme.models import ChecklistQuestion

    url, controller, manager = controlled["url"], as_user(controlled["controller"]), as_user(controlled["manager"])
    controller.post(f"{url}control/")
    controller.post(f"{url}checklist/", {f"q{q.pk}": "yes" for q in ChecklistQuestion.objects.all()})
    controller.post(f"{url}certify/")
    assert as_user(controlled["editor"]).post("/programme/ucp/claims/", {"reports": controlled["report"].pk}
                                              ).status_code == 404
    built = manager.post("/programme/ucp/claims/", {"reports": controlled["report"].pk, "title": "First"},
                         follow=True)
    claim = Claim.objects.get()
    assert "built from 1 certificates" in built.content.decode()
    # 4143.36 LTL certified, 85 % down to whole litas = 3521 LTL = 1019.75 EUR.
    page = manager.get(f"/programme/ucp/claims/{claim.pk}/").content.decode()
    assert "1,200.00 EUR" in page and "1,019.75 EUR" in page
    book = openpyxl.load_workbook(io.BytesIO(manager.get(f"/programme/ucp/claims/{claim.pk}/export.xlsx").content))
    assert [c.value for c in book.worksheets[0][2]][:3] == [str(controlled["klaipeda_partner"]), 1, 4143.36]
    text = PdfReader(io.BytesIO(manager.get(f"/programme/ucp/claims/{claim.pk}/export.pdf").content)).pages[0]
    assert "1,019.75" in text.extract_text()
    recorded = manager.post("/programme/ucp/payments/", {"kind": "fund", "claim": claim.pk, "amount": "1019.75",
                                                          "received_on": "2011-08-01"}, follow=True)
    assert "Payment of 1,019.75\u00a0EUR recorded." in recorded.content.decode()
    payment = Payment.objects.get()
    assert as_user(controlled["editor"]).post(f"/programme/ucp/payments/{payment.pk}/pass-on/",
                                              {"paid_on": "2011-08-05"}).status_code == 403
    manager.post(f"/programme/ucp/payments/{payment.pk}/pass-on/", {"paid_on": "2011-08-05"})
    instalment = Instalment.objects.get()
    assert instalment.amount == Decimal("1019.75")
    partner = as_user(controlled["editor"])
    balances = partner.get("/programme/ucp/payments/").content.decode()
    assert "Confirm receipt" in balances and "3,521.00 LTL" in balances
    assert "Tartu" not in balances.split('id="balances"')[1].split("</table>")[0]
    partner.post(f"/programme/ucp/instalments/{instalment.pk}/confirm/")
    instalment.refresh_from_db()
    assert instalment.confirmed_by == controlled["editor"]


def test_it_registers_procurements_for_the_editors_own_partner(controlled: dict[str, Any]) -> None:
    editor = as_user(controlled["editor"])
    form = editor.get("/programme/ucp/procurements/").content.decode()
    assert f'value="{controlled["klaipeda_partner"].pk}"' in form
    assert f'value="{controlled["tartu_partner"].pk}"' not in form
    response = editor.post("/programme/ucp/procurements/", {
        "partner": controlled["klaipeda_partner"].pk, "contract": "Study of the harbour warehouse",
        "supplier": "Architecture studio", "amount": "12000.00", "currency": "LTL", "procedure": "low_value",
        "awarded_on": "2010-11-02", "subcontractors": ""})
    assert response.status_code == 302
    procurement = Procurement.objects.get()
    assert as_user(controlled["other"]).get("/programme/ucp/procurements/").content.decode().count(
        "Study of the harbour warehouse") == 0
    refused = editor.post("/programme/ucp/procurements/", {
        "partner": controlled["tartu_partner"].pk, "contract": "X", "supplier": "Y", "amount": "1",
        "currency": "EUR", "procedure": "direct", "awarded_on": "2010-11-02"})
    assert refused.status_code == 400 and Procurement.objects.count() == 1
    period = controlled["periods"][1]
    item = spending.add_expenditure(controlled["editor"], controlled["klaipeda_partner"], period=period,
                                    date=period.start, category="external", description="Study, first half",
                                    amount=Decimal("6000.00"), currency="LTL", procurement=procurement)
    assert list(procurement.expenditures.all()) == [item]


def test_it_lists_reports_to_control_and_payments_to_confirm_on_my_work(controlled: dict[str, Any]) -> None:
    home = as_user(controlled["controller"]).get("/").content.decode()
    assert "Reports to control" in home and controlled["url"] in home
    assert "Reports to control" not in as_user(controlled["editor"]).get("/").content.decode()
    payment = Payment.objects.create(project=controlled["project"], kind="advance", amount=Decimal("50.00"),
                                     received_on=dt.date(2011, 1, 3))
    Instalment.objects.create(payment=payment, partner=controlled["klaipeda_partner"], amount=Decimal("50.00"),
                              paid_on=dt.date(2011, 1, 5))
    assert "Confirm receipt of 50.00\u00a0EUR" in as_user(controlled["editor"]).get("/").content.decode()
