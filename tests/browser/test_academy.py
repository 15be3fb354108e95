"""Summer academy in Chromium: an applicant applies and edits before the deadline, a reviewer scores, and the
manager runs the selection and reads why each applicant was or was not selected."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from creativepoles.academy import services
from creativepoles.academy.models import Application, Edition, Review, Status
from creativepoles.core.demo import DEMO_PASSWORD, ensure_user
from creativepoles.core.models import Membership, Role
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
RUBRIC = [{"code": "idea", "label": "Strength of the idea", "weight": 3, "scale": 10},
          {"code": "portfolio", "label": "Portfolio", "weight": 1, "scale": 5}]


def test_an_applicant_applies_a_reviewer_scores_and_the_manager_selects(page: Any, chromium: Any,
                                                                        world: dict[str, Any]) -> None:
    edition = Edition.objects.create(
        year=2027, title="Summer Academy 2027", city=world["klaipeda"], starts_on=dt.date(2027, 7, 5),
        ends_on=dt.date(2027, 7, 16), capacity=2, deadline_date=dt.date.today() + dt.timedelta(days=30),
        is_published=True, rubric=RUBRIC, country_rules=[{"country": "EE", "minimum": 1, "maximum": 1}],
        call_texts={"en": "Two weeks in Klaipėda working on ideas for vacant buildings."})
    reviewer = ensure_user("reviewer@lead.test")
    second = ensure_user("reviewer2@lead.test")
    for user in (reviewer, second):
        Membership.objects.create(user=user, organisation=world["lead_org"], role=Role.REVIEWER)

    # The applicant applies through the form, then changes the motivation before the deadline.
    ensure_user("ona@example.test")
    log_in(page, "ona@example.test", DEMO_PASSWORD)
    page.goto(f"{page.base}/academy/{edition.pk}/")
    assert "(Klaipėda time)" in page.locator("#deadline").inner_text()
    page.click(f"a[href='/academy/{edition.pk}/apply/']")
    page.fill("input[name=name]", "Ona Jonaitė")
    page.select_option("select[name=kind]", "student")
    page.fill("input[name=field]", "Graphic design")
    page.fill("input[name=organisation_name]", "Vilnius Academy of Arts")
    page.fill("input[name=country]", "LT")
    page.fill("input[name=birth_date]", "2001-05-05")
    page.fill("textarea[name=motivation]", "I want to work on the old linen mill.")
    page.fill("input[name=portfolio_url]", "https://example.org/ona")
    screenshot(page, "academy-apply")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#status")
    application = Application.objects.get(applicant__email="ona@example.test")
    assert page.locator("#status").inner_text() == "Submitted"
    page.click(f"a[href='/academy/applications/{application.pk}/edit/']")
    page.fill("textarea[name=motivation]", "I want to light up the old linen mill with students from Tartu.")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#status")
    application.refresh_from_db()
    assert application.motivation.startswith("I want to light up")

    # Two more applicants; reviewers are assigned automatically (two each).
    for email, country, city in (("kadri@example.test", "EE", world["tartu"]), ("jonas@example.test", "LT", None)):
        Application.objects.create(edition=edition, applicant=ensure_user(email), name=email.split("@")[0].title(),
                                   field="Film", organisation_name="Studio", country=country, home_city=city,
                                   birth_date=dt.date(2000, 1, 1), motivation="Ideas")
    services.assign_reviewers(world["manager"], edition)
    assert Review.objects.filter(reviewer=reviewer).count() == 3

    # The reviewer scores Ona's application by the rubric.
    reviewer_context = chromium.new_context(viewport={"width": 1280, "height": 900})
    rpage = reviewer_context.new_page()
    rpage.base = page.base
    log_in(rpage, "reviewer@lead.test", DEMO_PASSWORD)
    rpage.goto(f"{rpage.base}/academy/reviews/")
    review = Review.objects.get(reviewer=reviewer, application=application)
    rpage.click(f"a[href='/academy/reviews/{review.pk}/']")
    rpage.fill("input[name=score_idea]", "9")
    rpage.fill("input[name=score_portfolio]", "4")
    rpage.fill("textarea[name=comment]", "A clear plan for the mill.")
    screenshot(rpage, "academy-review")
    rpage.click("form.form button[type=submit]")
    rpage.wait_for_url(f"{rpage.base}/academy/reviews/")
    review.refresh_from_db()
    assert review.total == Decimal("87.50")  # (3 × 9/10 + 1 × 4/5) / 4 × 100
    reviewer_context.close()

    # The other scores come in, the call closes, and the manager runs the selection.
    marks = {"Ona Jonaitė": (9, 4), "Kadri": (3, 2), "Jonas": (8, 5)}
    for r in Review.objects.filter(total__isnull=True).select_related("application"):
        idea, portfolio = marks[r.application.name]
        services.score_review(r.reviewer, r, {"idea": idea, "portfolio": portfolio})
    Edition.objects.filter(pk=edition.pk).update(deadline_date=dt.date(2020, 1, 1))
    manager = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    manager.base = page.base
    log_in(manager, "manager@lead.test", DEMO_PASSWORD)
    manager.goto(f"{manager.base}/academy/{edition.pk}/selection/")
    manager.click("#run-selection")
    manager.wait_for_selector("#selected")
    selected = manager.locator("#selected tbody").inner_text()
    waiting = manager.locator("#waiting tbody").inner_text()
    # Two places, Estonia needs one: Ona (best) and Kadri (to meet the minimum) are in; Jonas waits.
    assert "Ona Jonaitė" in selected and "Among the highest scores".lower() in selected.lower()
    assert "Kadri" in selected and "meet the country minimum" in selected
    assert "Jonas" in waiting and "places went to higher scores or to meet country minimums" in waiting
    assert set(Application.objects.values_list("status", flat=True)) == {Status.SELECTED, Status.WAITING}
    screenshot(manager, "academy-selection")
    manager.context.close()
