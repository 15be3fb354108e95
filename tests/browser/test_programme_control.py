"""Control and payments in Chromium (acceptance 5): a partner submits; its controller verifies the items,
deducts one with a reason, fills the checklist and certifies; the lead partner builds a claim from the
certificate, records the payment received and the instalment; the partner sees its balance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from creativepoles.core.demo import DEMO_PASSWORD
from creativepoles.core.formatting import format_amount
from creativepoles.programme.models import Claim, Instalment, PartnerReport, Payment
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PROJECT = "/programme/urban-creative-poles"


def as_person(chromium: Any, base: str, email: str) -> Any:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base = base
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, email, DEMO_PASSWORD)
    return page


def balance_of(report: PartnerReport) -> Any:
    from creativepoles.programme.services import payments

    return next(b for b in payments.balances(report.partner.project) if b.partner == report.partner)


def test_a_report_goes_from_submission_to_the_partners_balance(page: Any, chromium: Any) -> None:
    from django.contrib.auth import get_user_model

    from creativepoles.programme.services import spending

    call_command("demo", "programme", stdout=open("/dev/null", "w"))
    draft = PartnerReport.objects.select_related("partner", "period").get(
        partner__organisation__city__slug="klaipeda", status="draft")
    editor = get_user_model().objects.get(email="klaipeda.editor@demo.creativepoles.eu")
    day = draft.period.start + dt.timedelta(days=20)
    for category, text, amount in (("staff", "Coordinator, final period", "3452.80"),
                                   ("travel", "Closing conference travel", "1035.84")):
        spending.add_expenditure(editor, draft.partner, period=draft.period, date=day, category=category,
                                 description=text, amount=Decimal(amount), currency="LTL")
    url = f"{page.base}{PROJECT}/reports/partner/{draft.pk}/"

    partner = as_person(chromium, page.base, "klaipeda.editor@demo.creativepoles.eu")
    partner.goto(url)
    partner.fill("#submit-form textarea[name=summary]", "Final period: conference held, accounts closed.")
    partner.click("#submit-form button[type=submit]")
    partner.wait_for_selector("#report-locked")
    assert partner.locator("#report-status").inner_text() == "Submitted"

    controller = as_person(chromium, page.base, "controller@demo.creativepoles.eu")
    controller.goto(url)
    controller.click("text=Take into control")
    controller.wait_for_selector("#verifications .verify-form")
    travel = controller.locator("#verifications tr", has_text="Closing conference travel")
    travel.locator("input[name=in_sample]").check()
    travel.locator("select[name=outcome]").select_option("partly")
    travel.locator("input[name=deduction]").fill("345.28")
    travel.locator("select[name=error_type]").select_option(label="Missing or insufficient evidence")
    travel.locator("input[name=comment]").fill("No boarding pass for one traveller")
    travel.locator("button[type=submit]").click()
    controller.wait_for_selector("text=Certified so far: 4,143.36")
    for radio in controller.locator("#checklist-form input[type=radio][value=yes]").all():
        radio.check()
    controller.click("#checklist-form button[type=submit]")
    controller.wait_for_selector("text=Checklist saved.")
    controller.locator("#control").scroll_into_view_if_needed()
    screenshot(controller, "programme-control-verification")
    controller.click("#certify-form button[type=submit]")
    controller.wait_for_selector("#certified-amount")
    assert controller.locator("#certified-amount").inner_text() == "4,143.36 LTL"
    controller.locator("#actions-heading").scroll_into_view_if_needed()
    screenshot(controller, "programme-control-certified")
    draft.refresh_from_db()
    assert draft.status == "certified" and draft.certified_amount == Decimal("4143.36")

    before = balance_of(draft)
    lead = as_person(chromium, page.base, "manager@demo.creativepoles.eu")
    lead.goto(f"{page.base}{PROJECT}/claims/")
    lead.locator(f"#claim-form input[name=reports][value='{draft.pk}']").check()
    lead.fill("#claim-form input[name=title]", "Final period")
    lead.click("#claim-form button[type=submit]")
    lead.wait_for_selector("#claim-certificates")
    claim = Claim.objects.get(certificates__report=draft)
    # 4143.36 LTL = 1200.00 EUR; 85 % of 4143.36 LTL down to whole litas = 3521 LTL = 1019.75 EUR.
    assert lead.locator("#claim-fund").inner_text() == "1,019.75 EUR"
    screenshot(lead, "programme-claim")
    lead.goto(f"{page.base}{PROJECT}/payments/")
    lead.select_option("#payment-form select[name=kind]", "fund")
    lead.select_option("#payment-form select[name=claim]", str(claim.pk))
    lead.fill("#payment-form input[name=amount]", "1019.75")
    lead.fill("#payment-form input[name=received_on]", "2014-05-20")
    lead.click("#payment-form button[type=submit]")
    lead.wait_for_selector("text=Payment of 1,019.75")
    payment = Payment.objects.get(claim=claim)
    row = lead.locator("#payments tr", has_text=str(claim))
    row.locator("input[name=paid_on]").fill("2014-05-27")
    row.locator("button[type=submit]").click()
    lead.wait_for_selector("text=instalments recorded")
    instalment = Instalment.objects.get(payment=payment)
    assert instalment.partner == draft.partner and instalment.amount == Decimal("1019.75")
    screenshot(lead, "programme-payments")

    partner.goto(f"{page.base}{PROJECT}/payments/")
    balance = partner.locator(f"#balances tr[data-partner='{draft.partner.pk}']").inner_text()
    mine = balance_of(draft)
    # The new claim adds 3521.00 LTL (1019.75 EUR) owed and 1019.75 EUR received to the demo's earlier money.
    assert mine.owed_own - before.owed_own == Decimal("3521.00") and mine.owed - before.owed == Decimal("1019.75")
    assert mine.received - before.received == Decimal("1019.75") and mine.outstanding == before.outstanding
    for shown in (format_amount(mine.owed, "EUR"), format_amount(mine.counter_values["owed"], "LTL"),
                  format_amount(mine.outstanding, "EUR"), format_amount(mine.counter_values["outstanding"], "LTL")):
        assert shown.replace("\u00a0", " ") in balance
    partner.locator("#to-confirm li", has_text="1,019.75 EUR").locator("button[type=submit]").click()
    partner.wait_for_selector("text=Receipt of 1,019.75")
    screenshot(partner, "programme-partner-balance")
    instalment.refresh_from_db()
    assert instalment.confirmed_at is not None
