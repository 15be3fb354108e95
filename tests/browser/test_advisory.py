"""Advisory in Chromium (acceptance 6): an entrepreneur fills a plan with financials and submits it; the
consultant requests changes; the entrepreneur sees the comments and resubmits."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.advisory.models import BusinessPlan, PlanStatus
from creativepoles.core.demo import DEMO_PASSWORD, ensure_user
from creativepoles.core.models import City, Membership, Organisation, OrganisationKind, Role
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_to(page: Any, email: str) -> None:
    page.context.clear_cookies()
    log_in(page, email, DEMO_PASSWORD)


def test_it_takes_a_plan_through_review_and_back(page: Any) -> None:
    klaipeda = City.objects.create(slug="klaipeda", name="Klaipėda", name_en="Klaipėda", country="LT",
                                   latitude="55.7033", longitude="21.1443", time_zone="Europe/Vilnius")
    centre = Organisation.objects.create(name="Klaipėdos verslo konsultacijos", kind=OrganisationKind.ADVISORY_CENTRE,
                                         city=klaipeda)
    consultant = ensure_user("ruta@advice.test", first_name="Rūta", last_name="Jankauskienė")
    Membership.objects.create(user=consultant, organisation=centre, role=Role.CONSULTANT)
    ensure_user("ona@studio.test", first_name="Ona", last_name="Petraitė")

    # The entrepreneur starts from the design-studio template and names her consultant.
    log_in(page, "ona@studio.test", DEMO_PASSWORD)
    page.goto(page.base + "/advisory/")
    page.click("text=Start a business plan")
    page.fill("input[name=title]", "Ona's poster studio")
    page.select_option("select[name=city]", label="Klaipėda")
    page.select_option("select[name=template]", "design_studio")
    page.select_option("select[name=adviser]", index=1)
    screenshot(page, "advisory-new-plan")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#plan-status")
    plan = BusinessPlan.objects.get(title="Ona's poster studio")

    # Financials: a thirteenth monthly share is refused beside its input, then corrected.
    page.click("text=Financials")
    page.fill("input[name=streams-0-price]", "1900")
    page.fill("input[name=streams-0-seasonality_pct]", "6 8 9 9 9 8 5 6 10 11 11 8 4")
    page.click("#financials-form button[type=submit]")
    error = page.locator("input[name=streams-0-seasonality_pct] + p.error")
    assert "Give 12 monthly shares" in error.inner_text()
    screenshot(page, "advisory-financials-error")
    page.fill("input[name=streams-0-seasonality_pct]", "6 8 9 9 9 8 5 6 10 11 11 8")
    page.click("#financials-form button[type=submit]")
    page.wait_for_selector("#scenarios")
    assert page.locator("#scenarios tbody tr").count() == 3
    page.locator("#financials").scroll_into_view_if_needed()
    screenshot(page, "advisory-results")

    # The summary, then submit.
    page.click("#section-summary a")
    page.fill("textarea[name=text]", "Festival posters and visual identities for Klaipėda's cultural scene.")
    page.click("form.form button[type=submit]")
    page.click("#submit-plan")
    page.wait_for_selector("text=The plan was submitted for review.")
    assert page.locator("#plan-status").inner_text() == "Submitted for review"

    # The consultant comments on the market section and requests changes.
    switch_to(page, "ruta@advice.test")
    page.goto(page.base + "/advisory/")
    page.click(f"#client-plans a[href='/advisory/plans/{plan.pk}/']")
    page.click("text=Review")
    page.fill("textarea[name=comment_market]", "Which festivals have already asked you for posters? Name them.")
    page.select_option("select[name=decision]", PlanStatus.CHANGES_REQUESTED)
    screenshot(page, "advisory-review")
    page.click("#send-review")
    page.wait_for_selector("text=Your review was sent to the entrepreneur.")
    assert page.locator("#plan-status").inner_text() == "Changes requested"

    # The entrepreneur sees the comment beside the section, answers it and submits again.
    switch_to(page, "ona@studio.test")
    page.goto(page.base + f"/advisory/plans/{plan.pk}/")
    comment = page.locator("#section-market .comment")
    assert "Which festivals have already asked you for posters?" in comment.inner_text()
    screenshot(page, "advisory-comments")
    page.click("#section-market a")
    page.fill("textarea[name=text]", "Sea Festival, Klaipėda Jazz Festival and the Drama Theatre.")
    page.click("form.form button[type=submit]")
    page.click("#submit-plan")
    page.wait_for_selector("text=The plan was submitted for review.")
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (PlanStatus.SUBMITTED, 2)
    page.click("text=Versions and changes")
    assert "Sea Festival" in page.locator(".diff-added").first.inner_text()
    screenshot(page, "advisory-versions")
