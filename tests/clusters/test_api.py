"""The clusters API: scoped reads, owner-only writes through the services, suggestions and answers."""

from __future__ import annotations

from typing import Any

import pytest

from creativepoles.clusters.models import MeetingStatus, Profile
from creativepoles.clusters.services import events

pytestmark = pytest.mark.django_db


def test_it_creates_and_changes_one_s_own_profile(world: dict[str, Any], firms: dict[str, Any], api: Any) -> None:
    api.force_authenticate(world["outsider"])
    response = api.post("/api/clusters/profiles/", {
        "firm_name": "Api firm", "city": "tartu", "group": "music", "offers": "Sound", "seeks": "Video",
        "offer_tags": ["music"], "seek_tags": ["video"]}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert Profile.objects.get(pk=pk).owner == world["outsider"]
    assert api.patch(f"/api/clusters/profiles/{pk}/", {"offer_tags": ["nope"]}, format="json").status_code == 400
    assert api.patch(f"/api/clusters/profiles/{pk}/", {"firm_name": "Api studio"}, format="json").status_code == 200
    api.force_authenticate(firms["users"]["ana"])
    assert api.patch(f"/api/clusters/profiles/{pk}/", {"firm_name": "Taken"}, format="json").status_code == 403
    assert api.get(f"/api/clusters/profiles/{pk}/suggestions/").status_code == 403
    own = api.get(f"/api/clusters/profiles/{firms['profiles']['ana'].pk}/suggestions/")
    assert own.status_code == 200 and own.json()[0]["firm_name"] == "Ben studio" and own.json()[0]["mutual"]
    api.force_authenticate(None)
    assert api.post("/api/clusters/profiles/", {}, format="json").status_code in (401, 403)


def test_it_answers_meetings_through_the_api(firms: dict[str, Any], api: Any) -> None:
    p, u = firms["profiles"], firms["users"]
    meeting = events.request_meeting(u["ana"], firms["event"], p["ana"], p["ben"])
    api.force_authenticate(u["cai"])
    assert api.post(f"/api/clusters/meetings/{meeting.pk}/accept/").status_code == 404
    api.force_authenticate(u["ana"])
    assert api.post(f"/api/clusters/meetings/{meeting.pk}/accept/").status_code == 400
    api.force_authenticate(u["ben"])
    response = api.post(f"/api/clusters/meetings/{meeting.pk}/accept/")
    assert response.status_code == 200 and response.json()["status"] == MeetingStatus.ACCEPTED
    assert [m["id"] for m in api.get("/api/clusters/meetings/").json()["results"]] == [meeting.pk]
    api.force_authenticate(u["dora"])
    assert api.get("/api/clusters/meetings/").json()["results"] == []
