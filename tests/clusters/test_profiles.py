"""Profiles and suggestions: owners write their own, hidden profiles are never suggested nor shown to others."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from creativepoles.clusters.models import Profile
from creativepoles.clusters.services import profiles as services
from creativepoles.core.errors import DomainError

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_lets_an_entrepreneur_create_a_profile_and_see_suggestions(world: dict[str, Any],
                                                                        firms: dict[str, Any]) -> None:
    client = client_for(world["outsider"])
    response = client.post("/clusters/profiles/new/", {
        "firm_name": "Wave sound", "city": world["tartu"].pk, "group": "music",
        "offers": "Sound design for video", "seeks": "Video editing", "offer_tags": ["music"],
        "seek_tags": ["video"], "languages": ["en", "et"], "interests": ["product"], "visibility": "public"})
    profile = Profile.objects.get(firm_name="Wave sound")
    assert response.status_code == 302 and response["Location"] == f"/clusters/profiles/{profile.pk}/suggestions/"
    assert profile.owner == world["outsider"] and profile.offer_tags == ["music"]
    page = client.get(response["Location"]).content.decode()
    assert "Ben studio" in page and "mutual interest" in page and "Another partner city" in page
    assert "Hid studio" not in page


def test_it_shows_the_reasons_of_a_suggestion(firms: dict[str, Any]) -> None:
    found = services.suggestions_for(firms["users"]["ana"], firms["profiles"]["ana"])
    first = found[0]
    assert first.profile == firms["profiles"]["ben"]
    assert first.reasons.mutual and first.reasons.tags_offered == ("video",) and first.reasons.tags_sought == ("music",)
    assert first.reasons.complementary_groups and first.reasons.other_city


def test_it_never_suggests_or_shows_a_hidden_profile_to_others(world: dict[str, Any], firms: dict[str, Any],
                                                               api: Any) -> None:
    hidden = firms["profiles"]["hid"]
    for key in ("ana", "ben", "cai", "dora"):
        found = services.suggestions_for(firms["users"][key], firms["profiles"][key])
        assert hidden not in [f.profile for f in found]
    # It would be Ana's best match: it offers exactly what she seeks and seeks what she offers.
    assert services.suggestions_for(firms["users"]["hid"], hidden)[0].profile == firms["profiles"]["ana"]
    for user in (None, firms["users"]["ana"], world["manager"], world["editor"]):
        client = Client()
        if user is not None:
            client.force_login(user)
            api.force_authenticate(user)
        assert client.get(f"/clusters/profiles/{hidden.pk}/").status_code == 404
        assert "Hid studio" not in client.get("/clusters/profiles/?q=studio").content.decode()
        assert "Hid studio" not in client.get("/clusters/profiles/").content.decode()
        assert api.get(f"/api/clusters/profiles/{hidden.pk}/").status_code == 404
        assert "Hid studio" not in api.get("/api/clusters/profiles/").content.decode()
        api.force_authenticate(None)
    ana = client_for(firms["users"]["ana"])
    event = firms["event"]
    response = ana.post(f"/clusters/events/{event.pk}/request/", {"requester": firms["profiles"]["ana"].pk,
                                                                  "invitee": hidden.pk})
    assert response.status_code == 400
    assert client_for(firms["users"]["hid"]).get(f"/clusters/profiles/{hidden.pk}/").status_code == 200


def test_it_lets_only_the_owner_change_a_profile(world: dict[str, Any], firms: dict[str, Any]) -> None:
    ana = firms["profiles"]["ana"]
    for user in (firms["users"]["ben"], world["manager"], world["editor"]):
        with pytest.raises(DomainError):
            services.update_profile(user, ana, firm_name="Taken")
        assert client_for(user).get(f"/clusters/profiles/{ana.pk}/edit/").status_code == 403
        assert client_for(user).get(f"/clusters/profiles/{ana.pk}/suggestions/").status_code == 403
    ana.refresh_from_db()
    assert ana.firm_name == "Ana studio"
    services.update_profile(firms["users"]["ana"], ana, firm_name="Ana sound", visibility="hidden")
    assert Profile.objects.suggestible().filter(pk=ana.pk).count() == 0


def test_it_refuses_bad_input_with_field_errors(world: dict[str, Any], firms: dict[str, Any]) -> None:
    client = client_for(firms["users"]["ana"])
    before = Profile.objects.count()
    response = client.post("/clusters/profiles/new/", {"firm_name": "", "city": "999", "group": "nope",
                                                       "offer_tags": ["not-a-tag"]})
    assert response.status_code == 400 and Profile.objects.count() == before
    with pytest.raises(DomainError):
        services.create_profile(firms["users"]["ana"], firm_name="X", city=world["tartu"], group="music",
                                offers="a", seeks="b", offer_tags=["bogus"])
    with pytest.raises(DomainError):
        services.create_profile(None, firm_name="X", city=world["tartu"], group="music", offers="a", seeks="b")
    assert Profile.objects.count() == before


def test_it_links_a_register_firm_through_the_enterprise_seam(world: dict[str, Any], firms: dict[str, Any]) -> None:
    from creativepoles.core import enterprises
    from creativepoles.core.enterprises import EnterpriseRef

    firm = EnterpriseRef(id=77, city_id=world["tartu"].pk, name="Registered OÜ", nace="59.11", group="film-video",
                         group_label="Film", employees=3, sole_trader=False)

    class Register:
        name = "test register"

        def lookup(self, ids: Any) -> dict[int, EnterpriseRef]:
            return {77: firm} if 77 in ids else {}

        def search(self, city_id: Any, text: str, limit: int) -> list[EnterpriseRef]:
            return [firm]

        def has_register(self, city_id: int) -> bool:
            return True

        def creative_points(self, city_id: int) -> list[Any]:
            return []

    saved = enterprises._source
    enterprises.register(Register())
    try:
        user = firms["users"]["ben"]
        profile = services.create_profile(user, firm_name="typed", enterprise_id=77, city=world["tartu"],
                                          group="music", offers="Film", seeks="Music")
        assert (profile.firm_name, profile.group) == ("Registered OÜ", "film-video")
        with pytest.raises(DomainError):
            services.create_profile(user, firm_name="x", enterprise_id=77, city=world["klaipeda"], group="music",
                                    offers="a", seeks="b")
        with pytest.raises(DomainError):
            services.create_profile(user, firm_name="x", enterprise_id=78, city=world["tartu"], group="music",
                                    offers="a", seeks="b")
    finally:
        enterprises.register(saved)
