"""The indicator counter (one academy per edition, for its host city) and the scoped API's writes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from creativepoles.academy import services
from creativepoles.academy.counters import count_academies
from creativepoles.academy.models import Application, Edition, Review, Status
from creativepoles.programme import registry
from creativepoles.programme.registry import Window
from tests.academy.conftest import make_application

pytestmark = pytest.mark.django_db


def test_it_counts_each_published_edition_once_for_its_host_city(academy: dict[str, Any]) -> None:
    k, t = academy["klaipeda"], academy["tartu"]
    Edition.objects.create(year=2028, title="Draft", city=t, starts_on=dt.date(2028, 7, 1),
                           ends_on=dt.date(2028, 7, 9), capacity=5, deadline_date=dt.date(2028, 3, 1))
    everything = Window(project=None, city_ids=[k.pk, t.pk])
    assert count_academies(everything) == {k.pk: Decimal(1)}
    assert count_academies(Window(project=None, city_ids=[k.pk, t.pk], start=dt.date(2027, 8, 1))) == {}
    assert count_academies(Window(project=None, city_ids=[t.pk])) == {}
    kind = registry.kind("academy.academies")
    assert kind is not None and kind.additive
    assert [p.module for p in registry.providers("academy.academies")] == ["academy"]


def test_the_api_scores_selects_and_declines_within_the_rules(academy: dict[str, Any]) -> None:
    edition = academy["edition"]
    application = make_application(edition, "a@example.test", "EE", academy["klaipeda"])
    services.assign_reviewers(academy["manager"], edition)
    review = Review.objects.filter(application=application).first()
    api = APIClient()
    api.force_login(review.reviewer)
    bad = api.post(f"/api/academy/reviews/{review.pk}/score/", {"scores": {"idea": 99, "portfolio": 1}},
                   format="json")
    assert bad.status_code == 400
    good = api.post(f"/api/academy/reviews/{review.pk}/score/", {"scores": {"idea": 10, "portfolio": 5},
                                                                 "comment": "Great"}, format="json")
    assert good.status_code == 200 and good.json()["total"] == "100.00"
    api.force_login(application.applicant)
    assert api.post(f"/api/academy/reviews/{review.pk}/score/", {"scores": {}}, format="json").status_code == 404
    assert api.post(f"/api/academy/editions/{edition.pk}/select/").status_code == 403
    api.force_login(academy["manager"])
    assert api.post(f"/api/academy/editions/{edition.pk}/select/").status_code == 400  # the call is still open
    Edition.objects.filter(pk=edition.pk).update(deadline_date=dt.date(2020, 1, 1))
    rows = api.post(f"/api/academy/editions/{edition.pk}/select/").json()
    assert [(r["id"], r["status"], r["reason"]) for r in rows] == [(application.pk, "selected", "score")]
    api.force_login(application.applicant)
    assert api.post(f"/api/academy/applications/{application.pk}/decline/").json()["status"] == "declined"
    assert Application.objects.get().status == Status.DECLINED


def test_the_home_page_lists_reviews_to_score_and_own_applications(academy: dict[str, Any], client: Any) -> None:
    application = make_application(academy["edition"], "a@example.test", "EE", academy["klaipeda"])
    services.assign_reviewers(academy["manager"], academy["edition"])
    review = Review.objects.filter(application=application).first()
    client.force_login(review.reviewer)
    assert f'href="/academy/reviews/{review.pk}/"' in client.get("/").content.decode()
    client.force_login(application.applicant)
    page = client.get("/").content.decode()
    assert f'href="/academy/applications/{application.pk}/"' in page and "Submitted" in page
    client.force_login(academy["rev_tartu"])  # conflicted by city: nothing of this application
    assert f"/academy/applications/{application.pk}/" not in client.get("/").content.decode()
