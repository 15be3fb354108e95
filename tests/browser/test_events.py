"""Events in Chromium: a visitor registers and sees the confirmation with its QR code; the organiser checks them in
on the scanner page, the code read by jsQR from Chromium's fake camera playing a video of that QR code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import segno
from django.core.management import call_command

from creativepoles.core.demo import DEMO_PASSWORD
from creativepoles.events.models import Event, Registration
from tests.browser.conftest import CHROMIUM, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH, HEIGHT, SCALE = 640, 480, 8


def qr_video(text: str, path: Path, frames: int = 5) -> Path:
    """A YUV4MPEG2 (4:2:0) video of the QR code of `text`, dark modules black on white, centred in the frame."""
    rows = [list(row) for row in segno.make(text, error="m").matrix_iter(scale=SCALE, border=4)]
    size = len(rows)
    top, left = (HEIGHT - size) // 2, (WIDTH - size) // 2
    luma = bytearray(b"\xff" * (WIDTH * HEIGHT))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                luma[(top + y) * WIDTH + left + x] = 0
    chroma = b"\x80" * (WIDTH // 2 * HEIGHT // 2)
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + bytes(luma) + chroma + chroma)
    return path


def test_it_registers_a_visitor_and_checks_them_in_by_the_camera(page: Any, tmp_path: Path) -> None:
    call_command("demo", stdout=open("/dev/null", "w"))
    event = Event.objects.get(title="Creative Poles evening in Klaipėda")

    page.goto(page.base + "/events/?city=klaipeda")
    screenshot(page, "events-calendar")
    page.click(f"a[href='/events/{event.pk}/']")
    page.fill("input[name=name]", "Ona Petraitė")
    page.fill("input[name=email]", "ona@example.test")
    screenshot(page, "events-register")
    page.click("#register-form button[type=submit]")
    page.wait_for_selector("#registration-qr svg")
    assert "Confirmed" in page.locator("#registration-status").inner_text()
    screenshot(page, "events-confirmation")
    registration = Registration.objects.get(email="ona@example.test")
    assert registration.checked_in_at is None

    video = qr_video(registration.code, tmp_path / "qr.y4m")
    browser = page.context.browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              f"--use-file-for-fake-video-capture={video}"])
    try:
        context = browser.new_context(viewport={"width": 420, "height": 860}, permissions=["camera"])
        organiser = context.new_page()
        organiser.set_default_timeout(20000)
        organiser.base = page.base
        log_in(organiser, "klaipeda.editor@demo.creativepoles.eu", DEMO_PASSWORD)
        organiser.goto(f"{page.base}/events/{event.pk}/check-in/")
        organiser.wait_for_selector("#scanner-log li.message-success")
        assert organiser.locator("#scanner-log li").first.inner_text() == "Checked in: Ona Petraitė"
        organiser.locator("#scanner-video").scroll_into_view_if_needed()
        screenshot(organiser, "events-check-in")
        registration.refresh_from_db()
        assert registration.checked_in_at is not None
        organiser.goto(f"{page.base}/events/{event.pk}/attendees/")
        screenshot(organiser, "events-attendees")
    finally:
        browser.close()
    assert page.external == []
