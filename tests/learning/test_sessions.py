"""Training packages and sessions: versions, sessions and attendance, the feedback link, trainers' scope."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import AuditEntry
from creativepoles.learning.models import Feedback, PackageStatus, Participant, TrainingPackage, TrainingSession
from creativepoles.learning.services import packages as services


def test_it_versions_a_package_and_keeps_published_versions_fixed(package: Any, trainer: Any) -> None:
    with pytest.raises(DomainError):
        services.update_package(trainer, package, title="Changed")
    draft = services.new_version(trainer, package)
    assert (draft.family_id, draft.version, draft.status) == (package.pk, 2, PackageStatus.DRAFT)
    assert [m.title for m in draft.modules.all()] == ["Canvas", "Pricing"]
    assert list(draft.trainers.all()) == [trainer]
    services.update_package(trainer, draft, title="Starting a creative business, 2nd ed.")
    third = services.new_version(trainer, package)
    assert third.version == 3
    assert Client().get(f"/learning/packages/{draft.pk}/").status_code == 404  # drafts are not public
    assert "version 1" in Client().get(f"/learning/packages/{package.pk}/").content.decode()


def test_it_lets_only_the_organisations_trainers_write_packages(package: Any, world: dict[str, Any]) -> None:
    for user in (world["outsider"], world["other"]):
        with pytest.raises(NotInScope):
            services.new_version(user, package)
        with pytest.raises(NotInScope):
            services.create_package(user, organisation=world["k_org"], title="X", target_group="Y",
                                    learning_outcomes="Z", duration_hours=Decimal("1"))
    assert TrainingPackage.objects.count() == 1


def test_it_records_attendance_and_feedback(package: Any, trainer: Any, world: dict[str, Any]) -> None:
    session = services.record_session(trainer, package=package, city=world["klaipeda"], date=dt.date(2011, 4, 1),
                                      duration_hours=Decimal("3"), counted_participants=2)
    assert list(session.trainers.all()) == [trainer]
    client = Client()
    client.force_login(trainer)
    client.post(f"/learning/sessions/{session.pk}/attendance/", {"name": "Rūta", "counted": "5"})
    rūta = Participant.objects.get(session=session)
    client.post(f"/learning/sessions/{session.pk}/attendance/", {"present": [str(rūta.pk)], "counted": "5"})
    rūta.refresh_from_db()
    session.refresh_from_db()
    assert rūta.attended and session.counted_participants == 5
    page = client.get(f"/learning/sessions/{session.pk}/").content.decode()
    link = re.search(r'id="feedback-link" readonly size="70" value="[^"]*(/learning/feedback/[^"]+)"', page)
    assert link is not None
    anonymous = Client()
    assert anonymous.post(link.group(1), {"rating": "7"}).status_code == 400
    assert anonymous.post(link.group(1), {"rating": "4", "comment": "Good"}).status_code == 200
    assert anonymous.get("/learning/feedback/not-a-token/").status_code == 404
    assert Feedback.objects.get(session=session).rating == 4
    assert "6 (1 of 1 registered attended, 5 counted)" in client.get(f"/learning/sessions/{session.pk}/").content.decode()
    assert AuditEntry.objects.filter(verb="mark_attendance").count() == 2


def test_it_shows_participants_only_to_the_sessions_trainers(package: Any, trainer: Any,
                                                              world: dict[str, Any]) -> None:
    own = services.record_session(trainer, package=package, city=world["klaipeda"], date=dt.date(2011, 4, 1),
                                  duration_hours=Decimal("3"))
    services.add_participant(trainer, own, "Mine")
    other = services.record_session(world["editor"], package=package, city=world["klaipeda"],
                                    date=dt.date(2011, 4, 2), duration_hours=Decimal("2"))
    services.add_participant(world["editor"], other, "Not mine")
    assert list(other.trainers.all()) == [world["editor"]]
    assert [p.name for p in Participant.objects.for_user(trainer)] == ["Mine"]
    client = Client()
    client.force_login(trainer)
    assert "Not mine" not in client.get(f"/learning/sessions/{other.pk}/").content.decode()
    assert "Mine" in client.get(f"/learning/sessions/{own.pk}/").content.decode()
    assert [p["name"] for p in client.get("/api/learning/participants/").json()["results"]] == ["Mine"]
    assert client.post(f"/learning/sessions/{other.pk}/attendance/", {"name": "X"}).status_code == 403
    assert Participant.objects.filter(session=other).count() == 1


def test_it_offers_only_cities_where_the_user_may_record(package: Any, trainer: Any, world: dict[str, Any]) -> None:
    client = Client()
    client.force_login(trainer)
    page = client.get("/learning/sessions/new/").content.decode()
    select = re.search(r'<select name="city".*?</select>', page, re.S)
    assert select is not None
    assert {int(v) for v in re.findall(r'<option value="(\d+)"', select.group(0))} == {world["klaipeda"].pk}
    refused = client.post("/learning/sessions/new/", {"package": package.pk, "city": world["tartu"].pk,
                                                      "date": "2011-05-01", "duration_hours": "3"})
    assert refused.status_code == 400 and not TrainingSession.objects.exists()
    done = client.post("/learning/sessions/new/", {"package": package.pk, "city": world["klaipeda"].pk,
                                                   "date": "2011-05-01", "duration_hours": "3"})
    assert done.status_code == 302 and TrainingSession.objects.get().duration_hours == Decimal("3")
    outsider = Client()
    outsider.force_login(world["outsider"])
    assert outsider.get("/learning/sessions/new/").status_code == 403


def test_it_refuses_a_module_of_another_package(package: Any, trainer: Any, world: dict[str, Any]) -> None:
    other = services.create_package(trainer, organisation=world["k_org"], title="Other", target_group="x",
                                    learning_outcomes="y", duration_hours=Decimal("2"), modules=[("M", Decimal(2))])
    with pytest.raises(DomainError) as refusal:
        services.record_session(trainer, package=package, module=other.modules.get(), city=world["klaipeda"],
                                date=dt.date(2011, 4, 1), duration_hours=Decimal("3"))
    assert refusal.value.field == "module"
    with pytest.raises(DomainError):
        services.record_session(trainer, package=package, city=world["klaipeda"], date=dt.date(2011, 4, 1),
                                duration_hours=Decimal("30"))
    assert not TrainingSession.objects.exists()


def test_it_starts_a_package_for_an_organisation_the_user_may_add_to(trainer: Any, world: dict[str, Any],
                                                                      settings: Any, tmp_path: Any) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(trainer)
    page = client.get("/learning/packages/new/").content.decode()
    select = re.search(r'<select name="organisation".*?</select>', page, re.S)
    assert select is not None
    assert {int(v) for v in re.findall(r'<option value="(\d+)"', select.group(0))} == {world["k_org"].pk}
    data = {"organisation": world["k_org"].pk, "title": "Hub management", "target_group": "Hub managers",
            "learning_outcomes": "Run a hub", "format": "training", "duration_hours": "8",
            "modules": "Tenants; 4\nEvents;4"}
    assert client.post("/learning/packages/new/", {**data, "modules": "No hours here"}).status_code == 400
    assert client.post("/learning/packages/new/", {**data, "organisation": world["t_org"].pk}).status_code == 400
    assert not TrainingPackage.objects.exists()
    response = client.post("/learning/packages/new/", data)
    package = TrainingPackage.objects.get()
    assert response.status_code == 302 and package.status == PackageStatus.DRAFT
    assert [(m.title, m.hours) for m in package.modules.all()] == [("Tenants", Decimal("4.0")),
                                                                  ("Events", Decimal("4.0"))]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import files

    client.post(f"/learning/packages/{package.pk}/materials/",
                {"title": "Slides", "file": SimpleUploadedFile("slides.pdf", files.pdf(), "application/pdf")})
    client.post(f"/learning/packages/{package.pk}/materials/",
                {"title": "Fake", "file": SimpleUploadedFile("fake.pdf", b"MZ not a pdf", "application/pdf")})
    assert [m.title for m in package.materials.all()] == ["Slides"]
    assert Client().get(f"/learning/packages/{package.pk}/materials/{package.materials.get().pk}/").status_code == 404
    outsider = Client()
    outsider.force_login(world["outsider"])
    assert outsider.get("/learning/packages/new/").status_code == 403


def test_it_links_a_session_to_its_package_module_and_course_module(package: Any, trainer: Any,
                                                                     world: dict[str, Any], course: Any) -> None:
    client = Client()
    client.force_login(trainer)
    module, course_module = package.modules.get(title="Pricing"), course.modules.get(order=2)
    response = client.post("/learning/sessions/new/", {
        "package": package.pk, "module": module.pk, "course_module": course_module.pk, "city": world["klaipeda"].pk,
        "date": "2011-05-01", "duration_hours": "2.5"})
    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert (session.module, session.course_module) == (module, course_module)
    assert "Klaipėda" in Client().get(course.get_absolute_url()).content.decode()  # in-person sessions per module
