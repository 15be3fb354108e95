"""The events API: public events and campaigns; registrations scoped to their registrant and organisers."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.events.services import registrations as services
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def test_it_lists_public_events_and_filters_them(world: dict[str, Any], api: Any) -> None:
    make_event(world["klaipeda"], title="Public")
    make_event(world["tartu"], title="Tartu", kind="festival")
    make_event(world["klaipeda"], title="Draft", status="draft")
    titles = {e["title"] for e in api.get("/api/events/events/").json()["results"]}
    assert titles == {"Public", "Tartu"}
    assert [e["title"] for e in api.get("/api/events/events/?city=tartu").json()["results"]] == ["Tartu"]
    assert [e["title"] for e in api.get("/api/events/events/?kind=festival").json()["results"]] == ["Tartu"]
    assert api.post("/api/events/events/", {}, format="json").status_code in (401, 403, 405)


def test_it_scopes_registrations_to_owner_and_organisers(world: dict[str, Any], api: Any) -> None:
    event = make_event(world["klaipeda"])
    mine = services.register(world["outsider"], event)
    services.register(None, event, "Ona", "ona@example.test")

    def emails(user: Any) -> set[str]:
        api.force_authenticate(user)
        response = api.get("/api/events/registrations/")
        return {r["email"] for r in response.json()["results"]} if response.status_code == 200 else set()

    assert emails(world["outsider"]) == {mine.email}
    assert emails(world["editor"]) == {"outsider@example.test", "ona@example.test"}
    assert emails(world["other"]) == set()
    assert emails(None) == set()
