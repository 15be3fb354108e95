"""Who sees which application (acceptance 3): the applicant only their own, a reviewer only the applications
assigned to them without a conflict of interest, by page, file and API; everyone else a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from creativepoles.academy import services
from creativepoles.academy.models import Application, Review
from tests import files
from tests.academy.conftest import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(academy: dict[str, Any]) -> dict[str, Any]:
    edition = academy["edition"]
    mine = make_application(edition, "me@example.test", "LT", academy["klaipeda"],
                            portfolio_file=SimpleUploadedFile("p.pdf", files.pdf()))
    other = make_application(edition, "other@example.test", "EE", academy["tartu"],
                             portfolio_file=SimpleUploadedFile("p.pdf", files.pdf()))
    services.assign_reviewers(academy["manager"], edition)
    return {**academy, "mine": mine, "theirs": other}


def client(user: Any) -> APIClient:
    c = APIClient()
    if user is not None:
        c.force_login(user)
    return c


def visible(user: Any, application: Application) -> bool:
    """Whether the page, the file and the API all show the application (and agree)."""
    c = client(user)
    answers = {c.get(f"/academy/applications/{application.pk}/").status_code,
               c.get(f"/academy/applications/{application.pk}/file/").status_code,
               c.get(f"/api/academy/applications/{application.pk}/").status_code}
    listed = application.pk in [row["id"] for row in c.get("/api/academy/applications/").json().get("results", [])] \
        if user is not None else False
    if answers == {200} and listed:
        return True
    assert answers <= {302, 401, 403, 404} and not listed, answers
    assert 200 not in answers
    return False


def test_each_person_sees_exactly_the_applications_the_rules_allow(assigned: dict[str, Any]) -> None:
    mine, other = assigned["mine"], assigned["theirs"]
    rev_tartu, rev_lead, rev_third = assigned["rev_tartu"], assigned["rev_lead"], assigned["rev_third"]
    # The Tartu reviewer conflicts (same city) with the Tartu applicant: both lead reviewers review that one.
    assert set(other.reviews.values_list("reviewer", flat=True)) == {rev_lead.pk, rev_third.pk}
    expected = {
        "applicant": (mine.applicant, {mine}),
        "other applicant": (other.applicant, {other}),
        "conflicted reviewer": (rev_tartu, {a for a in (mine,) if a.reviews.filter(reviewer=rev_tartu).exists()}),
        "host editor": (assigned["editor"], {mine, other}),
        "manager": (assigned["manager"], {mine, other}),
        "other city editor": (assigned["other"], set()),
        "outsider": (assigned["outsider"], set()),
        "anonymous": (None, set()),
    }
    for reviewer in (rev_lead, rev_third):
        expected[reviewer.email] = (reviewer, {a for a in (mine, other) if a.reviews.filter(reviewer=reviewer).exists()})
    assert other in expected[rev_lead.email][1] and other in expected[rev_third.email][1]
    wrong = []
    for who, (user, allowed) in expected.items():
        for application in (mine, other):
            if visible(user, application) != (application in allowed):
                wrong.append(f"{who}: {application}")
    assert wrong == []


def test_a_conflict_declared_later_hides_the_application_at_once(assigned: dict[str, Any]) -> None:
    mine, reviewer = assigned["mine"], assigned["rev_lead"]
    if not mine.reviews.filter(reviewer=reviewer).exists():
        reviewer = assigned["rev_third"]
    review = Review.objects.get(application=mine, reviewer=reviewer)
    assert visible(reviewer, mine)
    response = client(reviewer).post(f"/academy/{mine.edition_id}/conflicts/", {"application": mine.pk})
    assert response.status_code == 302
    assert not visible(reviewer, mine)
    assert client(reviewer).get(f"/academy/reviews/{review.pk}/").status_code == 404
    assert client(reviewer).get(f"/api/academy/reviews/{review.pk}/").status_code == 404


def test_only_the_managers_run_the_selection_and_override(assigned: dict[str, Any]) -> None:
    edition, mine = assigned["edition"], assigned["mine"]
    for user in (mine.applicant, assigned["rev_lead"], assigned["other"]):
        c = client(user)
        assert c.get(f"/academy/{edition.pk}/selection/").status_code == 403
        assert c.post(f"/api/academy/editions/{edition.pk}/select/").status_code == 403
    assert client(mine.applicant).post(f"/academy/applications/{mine.pk}/override/",
                                       {"status": "selected", "reason": "me"}).status_code == 403
    assert client(assigned["editor"]).get(f"/academy/{edition.pk}/selection/").status_code == 200
