"""Clusters in Chromium: an entrepreneur completes a profile, sees suggestions with reasons and requests a
meeting; the invitee accepts, and both see the same slot in their agendas."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from creativepoles.clusters.models import BrokerageEvent, MeetingRequest, MeetingStatus, Profile
from creativepoles.core.demo import DEMO_PASSWORD, ensure_user
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_takes_an_entrepreneur_from_profile_to_an_accepted_meeting(page: Any) -> None:
    call_command("demo", stdout=open("/dev/null", "w"))
    ensure_user("new.firm@example.test")
    log_in(page, "new.firm@example.test", DEMO_PASSWORD)
    page.goto(page.base + "/clusters/profiles/new/")
    page.fill("input[name=firm_name]", "Spree Bild")
    page.select_option("select[name=city]", label="Cottbus")
    page.select_option("select[name=group]", "film-video")
    page.fill("textarea[name=offers]", "Videoproduktion und Dreharbeiten für Museen und Festivals.")
    page.fill("textarea[name=seeks]", "Wir suchen Filmmusik und Sounddesign.")
    page.check("input[name=offer_tags][value=video]")
    page.check("input[name=seek_tags][value=music]")
    page.check("input[name=interests][value=product]")
    screenshot(page, "clusters-profile")
    page.click("form.form button[type=submit]")
    page.wait_for_selector("ol.suggestions")
    own = Profile.objects.get(firm_name="Spree Bild")
    partner = Profile.objects.get(firm_name="Bangų garso studija")  # writes in Lithuanian: only tags link them
    row = page.locator(f"li.suggestion[data-profile='{partner.pk}']")
    assert "mutual interest" in row.inner_text()
    reasons = row.locator("ul.reasons").inner_text()
    assert "Offers what you seek: Music and sound" in reasons and "Seeks what you offer:" in reasons
    assert "Another partner city" in reasons
    screenshot(page, "clusters-suggestions")
    row.locator("button[type=submit]").click()
    page.wait_for_selector("table.agenda")
    meeting = MeetingRequest.objects.get(requester=own, invitee=partner)
    assert meeting.status == MeetingStatus.REQUESTED
    assert "Requested" in page.locator(f"tr[data-meeting='{meeting.pk}']").inner_text()

    page.context.clear_cookies()
    log_in(page, "entrepreneur.klaipeda@demo.creativepoles.eu", DEMO_PASSWORD)
    event = BrokerageEvent.objects.get()
    page.goto(page.base + f"/clusters/events/{event.pk}/agenda/")
    invited = page.locator(f"tr[data-meeting='{meeting.pk}']")
    assert "invited you" in invited.inner_text()
    invited.locator("button[value=accept]").click()
    page.wait_for_selector(f"tr[data-meeting='{meeting.pk}'] td.slot")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.ACCEPTED and meeting.slot is not None
    slot = page.locator(f"tr[data-meeting='{meeting.pk}'] td.slot").inner_text().strip()
    assert slot.endswith(timezone.localtime(meeting.slot_end()).strftime("%H:%M"))
    screenshot(page, "clusters-agenda")

    page.context.clear_cookies()
    log_in(page, "new.firm@example.test", DEMO_PASSWORD)
    page.goto(page.base + f"/clusters/events/{event.pk}/agenda/")
    assert page.locator(f"tr[data-meeting='{meeting.pk}'] td.slot").inner_text().strip() == slot
