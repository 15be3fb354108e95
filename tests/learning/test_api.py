"""The learning API: scoped reads, writes through the services, bad input answered with 400."""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient

from creativepoles.learning.models import Course, Enrolment, TrainingSession


def _client(user: Any = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_it_lists_published_packages_publicly_and_drafts_to_their_organisation(package: Any, trainer: Any) -> None:
    from creativepoles.learning.services.packages import new_version

    draft = new_version(trainer, package)
    public = {row["id"] for row in _client().get("/api/learning/packages/").json()["results"]}
    assert public == {package.pk}
    mine = {row["id"] for row in _client(trainer).get("/api/learning/packages/").json()["results"]}
    assert mine == {package.pk, draft.pk}
    assert _client().post(f"/api/learning/packages/{draft.pk}/publish/").status_code in (401, 403, 404)
    assert _client(trainer).post(f"/api/learning/packages/{draft.pk}/publish/").json()["status"] == "published"


def test_it_records_a_session_through_the_service(package: Any, trainer: Any, world: dict[str, Any]) -> None:
    client = _client(trainer)
    ok = client.post("/api/learning/sessions/", {"package": package.pk, "city": "klaipeda", "date": "2011-05-01",
                                                 "duration_hours": "3"}, format="json")
    assert ok.status_code == 201, ok.content
    assert TrainingSession.objects.get().trainers.get() == trainer
    away = client.post("/api/learning/sessions/", {"package": package.pk, "city": "tartu", "date": "2011-05-01",
                                                   "duration_hours": "3"}, format="json")
    assert away.status_code in (400, 403)
    bad = client.post("/api/learning/sessions/", {"package": package.pk, "city": "klaipeda", "date": "yesterday",
                                                  "duration_hours": "-1"}, format="json")
    assert bad.status_code == 400 and {"date", "duration_hours"} <= set(bad.json())
    assert TrainingSession.objects.count() == 1
    assert _client(world["outsider"]).get("/api/learning/sessions/").json()["results"] == []


def test_it_enrols_and_hides_the_correct_answers(course: Course, learner: Any) -> None:
    client = _client(learner)
    assert client.post("/api/learning/enrolments/", {"course": course.pk}, format="json").status_code == 201
    assert Enrolment.objects.get().user == learner
    detail = client.get(f"/api/learning/courses/{course.pk}/").json()
    assert "correct" not in str(detail)
    assert len(detail["modules"]) == 2
    course.is_published = False
    course.save()
    assert _client().get(f"/api/learning/courses/{course.pk}/").status_code == 404
    other = Course.objects.create(slug="hidden", title="Hidden")
    assert client.post("/api/learning/enrolments/", {"course": other.pk}, format="json").status_code in (400, 404)


def test_it_lets_city_editors_write_cases_of_their_city(world: dict[str, Any]) -> None:
    data = {"city": "klaipeda", "organisation": world["k_org"].pk, "kind": "cluster", "title": "Games cluster",
            "context": "c", "method": "m", "results": "r", "cites": [], "is_published": True}
    assert _client(world["editor"]).post("/api/learning/cases/", data, format="json").status_code == 201
    assert _client(world["other"]).post("/api/learning/cases/", data, format="json").status_code in (400, 403)
    assert _client(world["editor"]).post("/api/learning/cases/", {**data, "cites": "x"},
                                         format="json").status_code == 400
    assert [c["title"] for c in _client().get("/api/learning/cases/").json()["results"]] == ["Games cluster"]
