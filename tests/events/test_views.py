"""Pages: the public calendar and event page, registering through the form, the registrant's page with its QR code,
the organisers' pages (form in the city's time, attendee list, exports, scanner) and who may open them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from creativepoles.events.models import Event, Registration, RegistrationStatus
from creativepoles.events.services import registrations as services
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_it_lists_public_events_filtered_by_city_type_and_date(world: dict[str, Any]) -> None:
    make_event(world["klaipeda"], title="Klaipėda workshop", kind="workshop")
    make_event(world["tartu"], title="Tartu festival", kind="festival", days=40)
    make_event(world["klaipeda"], title="Hidden draft", status="draft")
    page = Client().get("/events/").content.decode()
    assert "Klaipėda workshop" in page and "Tartu festival" in page and "Hidden draft" not in page
    page = Client().get("/events/?city=tartu").content.decode()
    assert "Tartu festival" in page and "Klaipėda workshop" not in page
    page = Client().get("/events/?kind=workshop").content.decode()
    assert "Klaipėda workshop" in page and "Tartu festival" not in page
    end = (timezone.localdate() + dt.timedelta(days=20)).isoformat()
    page = Client().get(f"/events/?end={end}").content.decode()
    assert "Klaipėda workshop" in page and "Tartu festival" not in page
    assert "Hidden draft" in client_for(world["editor"]).get("/events/").content.decode()


def test_it_ignores_malformed_filters(world: dict[str, Any]) -> None:
    make_event(world["klaipeda"])
    for query in ("city=nowhere", "kind=rave", "start=yesterday", "page=x", "page=99999", "end=2026-13-40"):
        assert Client().get(f"/events/?{query}").status_code == 200, query


def test_it_keeps_the_calendar_queries_flat_as_events_grow(world: dict[str, Any]) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get("/events/").status_code == 200
        return len(queries)

    make_event(world["klaipeda"])
    few = count()
    for n in range(30):
        make_event(world["tartu" if n % 2 else "klaipeda"], days=n + 1)
    assert count() == few


def test_it_registers_a_visitor_and_shows_the_confirmation_with_a_qr_code(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"], questions=[{"key": "diet", "label": "Diet", "required": True}])
    client = Client()
    response = client.post(f"/events/{event.pk}/register/", {"name": "Ona", "email": "ona@example.test",
                                                              "q_diet": "vegan"})
    registration = Registration.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/registrations/{registration.code}/"
    page = client.get(response["Location"]).content.decode()
    assert "Confirmed" in page and "<svg" in page
    assert registration.answers == {"diet": "vegan"}


def test_it_answers_bad_registrations_with_400_and_a_message(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"])
    client = Client()
    bad = client.post(f"/events/{event.pk}/register/", {"name": "", "email": "nope"})
    assert bad.status_code == 400
    client.post(f"/events/{event.pk}/register/", {"name": "Ona", "email": "ona@example.test"})
    twice = client.post(f"/events/{event.pk}/register/", {"name": "Ona", "email": "ona@example.test"})
    assert twice.status_code == 400 and "already registered" in twice.content.decode()
    closed = make_event(world["klaipeda"], registration_closes=timezone.now() - dt.timedelta(hours=1))
    late = client.post(f"/events/{closed.pk}/register/", {"name": "Ona", "email": "ona@example.test"})
    assert late.status_code == 400 and "closed" in late.content.decode()
    assert Registration.objects.count() == 1


def test_it_lets_the_registrant_cancel_by_their_link(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"], capacity=1)
    first = services.register(None, event, "A", "a@example.test")
    second = services.register(None, event, "B", "b@example.test")
    assert "0 people are ahead of you" in Client().get(second.get_absolute_url()).content.decode()
    Client().post(f"/events/registrations/{first.code}/cancel/")
    assert Registration.objects.get(pk=second.pk).status == RegistrationStatus.CONFIRMED
    assert Client().get("/events/registrations/not-a-code/").status_code == 404


def test_it_saves_times_typed_in_the_city_zone(world: dict[str, Any]) -> None:
    world["tartu"].time_zone = "Europe/Tallinn"
    world["tartu"].save()
    response = client_for(world["other"]).post("/events/new/", {
        "city": world["tartu"].pk, "title": "Smart city", "kind": "workshop", "starts_at": "2031-07-01T10:00",
        "ends_at": "2031-07-01T12:00", "venue_name": "Aparaaditehas", "capacity": "30", "status": "published",
        "questions": "[]", "title_lt": "Išmanus miestas"})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get()
    assert event.starts_at == dt.datetime(2031, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/Tallinn"))
    assert event.translations == {"lt": {"title": "Išmanus miestas"}}
    assert "Išmanus miestas" in _in_lithuanian(event)
    assert "Išmanus miestas" not in Client().get(event.get_absolute_url()).content.decode()


def _in_lithuanian(event: Event) -> str:
    client = Client()
    client.post("/i18n/setlang/", {"language": "lt", "next": "/"})
    return client.get(event.get_absolute_url()).content.decode()


def test_it_refuses_an_event_form_with_bad_fields(world: dict[str, Any]) -> None:
    client = client_for(world["editor"])
    response = client.post("/events/new/", {"city": world["tartu"].pk, "title": "", "capacity": "-1"})
    assert response.status_code == 400
    response = client.post("/events/new/", {
        "city": world["klaipeda"].pk, "title": "Backwards", "kind": "workshop", "starts_at": "2031-07-01T10:00",
        "ends_at": "2031-07-01T09:00", "venue_name": "Hall", "capacity": "30", "status": "published",
        "questions": '[{"key": "a b"}]'})
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_it_shows_registrants_to_the_organisers_only(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"])
    services.register(None, event, "Ona", "ona@example.test")
    page = client_for(world["editor"]).get(f"/events/{event.pk}/attendees/")
    assert page.status_code == 200 and "ona@example.test" in page.content.decode()
    for user in (None, world["outsider"], world["other"]):
        response = client_for(user).get(f"/events/{event.pk}/attendees/")
        assert response.status_code in (302, 403), user
        assert "ona@example.test" not in client_for(user).get(event.get_absolute_url()).content.decode()


def test_it_exports_attendees_as_csv_and_xlsx_safely(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"], questions=[{"key": "org", "label": "Organisation"}])
    services.register(None, event, "=HYPERLINK(1)", "x@example.test", {"org": "+evil"})
    client = client_for(world["editor"])
    rows = list(csv.reader(io.StringIO(client.get(f"/events/{event.pk}/attendees.csv").content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "E-mail address", "Status"] and rows[0][-1] == "Organisation"
    assert rows[1][0] == "'=HYPERLINK(1)" and rows[1][-1] == "'+evil"
    book = load_workbook(io.BytesIO(client.get(f"/events/{event.pk}/attendees.xlsx").content))
    sheet = book.active
    assert sheet is not None and sheet["A2"].value == "'=HYPERLINK(1)"
    assert client.get(f"/events/{event.pk}/attendees.pdf").status_code == 404
    assert client_for(world["other"]).get(f"/events/{event.pk}/attendees.csv").status_code == 403


def test_it_checks_in_from_the_scanner_and_the_list(world: dict[str, Any]) -> None:
    event = make_event(world["klaipeda"])
    one = services.register(None, event, "One", "one@example.test")
    two = services.register(None, event, "Two", "two@example.test")
    client = client_for(world["editor"])
    assert b"jsQR.js" in client.get(f"/events/{event.pk}/check-in/").content
    ok = client.post(f"/events/{event.pk}/check-in/", {"code": one.code})
    assert ok.status_code == 200 and ok.json() == {"ok": True, "message": "Checked in: One"}
    again = client.post(f"/events/{event.pk}/check-in/", {"code": one.code})
    assert again.status_code == 400 and "already checked in" in again.json()["message"]
    assert client.post(f"/events/{event.pk}/check-in/", {"code": ""}).status_code == 400
    client.post(f"/events/{event.pk}/attendees/", {"registration": two.pk, "action": "check_in"})
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 2
    assert client.post(f"/events/{event.pk}/attendees/", {"registration": "x"}).status_code == 302
    assert client_for(world["other"]).post(f"/events/{event.pk}/check-in/", {"code": two.code}).status_code == 403


def test_it_cancels_an_event_and_tells_registrants(world: dict[str, Any], mailoutbox: Any, settings: Any,
                                                    django_capture_on_commit_callbacks: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    event = make_event(world["klaipeda"])
    services.register(None, event, "One", "one@example.test")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world["editor"]).post(f"/events/{event.pk}/cancel/", {"reason": "Storm warning"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["one@example.test"]] and "Storm warning" in mailoutbox[0].body
    assert "This event is cancelled" in Client().get(event.get_absolute_url()).content.decode()


def test_it_manages_the_personal_feed_address(world: dict[str, Any]) -> None:
    client = client_for(world["outsider"])
    client.post("/events/my-feed/", {"action": "new"})
    page = client.get("/events/my-feed/").content.decode()
    assert "/events/feeds/" in page
    client.post("/events/my-feed/", {"action": "revoke"})
    assert "/events/feeds/" not in client.get("/events/my-feed/").content.decode()
    assert Client().get("/events/my-feed/").status_code == 302


def test_it_places_an_event_at_a_site_of_the_inventory(world: dict[str, Any]) -> None:
    from creativepoles.core.errors import DomainError
    from creativepoles.events.services import events as event_services
    from creativepoles.spaces.models import Site

    site = Site.objects.create(city=world["klaipeda"], name="Tobacco factory", latitude="55.7", longitude="21.1",
                               is_published=True)
    hidden = Site.objects.create(city=world["tartu"], name="Hidden", latitude="58.3", longitude="26.7")
    event = make_event(world["klaipeda"])
    with pytest.raises(DomainError) as caught:
        event_services.update_event(world["editor"], event, site_id=hidden.pk)
    assert caught.value.field == "site_id"
    event_services.update_event(world["editor"], Event.objects.get(pk=event.pk), site_id=site.pk)
    page = Client().get(event.get_absolute_url()).content.decode()
    assert f'href="/spaces/sites/{site.pk}/" id="event-site">Tobacco factory' in page


def test_it_shows_times_in_the_event_city_s_zone(world: dict[str, Any]) -> None:
    from tests.conftest import make_city

    linkoping = make_city("linkoping", "Linköping", country="SE", lat="58.41", lon="15.62")
    linkoping.time_zone = "Europe/Stockholm"
    linkoping.save()
    starts = dt.datetime(2031, 1, 15, 18, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
    event = make_event(linkoping, title="Tech meets art", starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    page = Client().get(event.get_absolute_url()).content.decode()
    assert "2031-01-15 18:30 – 2031-01-15 20:30 (Europe/Stockholm)" in page
    listing = Client().get("/events/?city=linkoping&start=2031-01-15&end=2031-01-15").content.decode()
    assert "2031-01-15 18:30" in listing and "Tech meets art" in listing
    assert "Tech meets art" not in Client().get("/events/?city=linkoping&start=2031-01-16").content.decode()
