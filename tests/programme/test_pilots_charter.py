"""Pilots and the charter in the app: pages and services, offered only to those who may, with evidence uploads."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from creativepoles.core.errors import DomainError
from creativepoles.core.models import AuditEntry
from creativepoles.programme.models import CharterVersion, Commitment, Milestone, PilotProject, Signatory
from creativepoles.programme.services import records
from tests import files

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_lets_a_city_editor_start_a_pilot_in_their_city_only(project: dict[str, Any]) -> None:
    editor = as_user(project["editor"])
    page = editor.get("/programme/ucp/pilots/new/").content.decode()
    assert f'value="{project["klaipeda"].pk}"' in page and f'value="{project["tartu"].pk}"' not in page
    refused = editor.post("/programme/ucp/pilots/new/", {"city": project["tartu"].pk, "title": "Elsewhere",
                                                         "budget": "1", "currency": "EUR", "status": "planned"})
    assert refused.status_code == 400 and not PilotProject.objects.exists()
    done = editor.post("/programme/ucp/pilots/new/", {
        "city": project["klaipeda"].pk, "title": "Fish market studios", "budget": "12000.00", "currency": "EUR",
        "status": "planned", "evidence": SimpleUploadedFile("plan.pdf", files.pdf(), "application/pdf")})
    assert done.status_code == 302
    pilot = PilotProject.objects.get()
    assert pilot.city == project["klaipeda"] and pilot.evidence
    assert AuditEntry.objects.filter(verb="add_pilot").count() == 1
    assert as_user(project["outsider"]).get("/programme/ucp/pilots/new/").status_code == 403
    listing = as_user(project["outsider"]).get("/programme/ucp/pilots/").content.decode()
    assert "Fish market studios" in listing and "/pilots/new/" not in listing


def test_it_refuses_evidence_that_is_not_what_it_claims(project: dict[str, Any]) -> None:
    response = as_user(project["editor"]).post("/programme/ucp/pilots/new/", {
        "city": project["klaipeda"].pk, "title": "Pilot", "budget": "1", "currency": "EUR", "status": "planned",
        "evidence": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")})
    assert response.status_code == 400 and not PilotProject.objects.exists()


def test_it_plans_milestones_and_refuses_other_cities(project: dict[str, Any]) -> None:
    pilot = PilotProject.objects.create(project=project["project"], city=project["klaipeda"], title="Pilot")
    url = f"/programme/ucp/pilots/{pilot.pk}/milestones/new/"
    assert as_user(project["editor"]).post(url, {"title": "Opening", "due_on": "2011-05-01"}).status_code == 302
    milestone = Milestone.objects.get()
    assert as_user(project["other"]).post(url, {"title": "x", "due_on": "2011-05-01"}).status_code == 403
    edit = f"/programme/ucp/pilots/{pilot.pk}/milestones/{milestone.pk}/"
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    bad = as_user(project["editor"]).post(edit, {"title": "Opening", "due_on": "2011-05-01", "done_on": future})
    assert bad.status_code == 400 and "cannot be done in the future" in bad.content.decode()
    assert as_user(project["editor"]).post(edit, {"title": "Opening", "due_on": "2011-05-01",
                                                  "done_on": "2011-05-02"}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2011, 5, 2)
    page = as_user(project["editor"]).get("/programme/ucp/pilots/").content.decode()
    assert "done on 2011-05-02" in page and edit in page


def test_it_lets_only_managers_adopt_versions_and_commitments(project: dict[str, Any]) -> None:
    manager, editor = as_user(project["manager"]), as_user(project["editor"])
    assert editor.get("/programme/ucp/charter/versions/new/").status_code == 403
    assert manager.post("/programme/ucp/charter/versions/new/", {"title": "Charter", "text": "We keep the network.",
                                                                  "adopted_on": "2013-06-01"}).status_code == 302
    version = CharterVersion.objects.get()
    assert version.version == 1
    commitments = f"/programme/ucp/charter/versions/{version.pk}/commitments/new/"
    assert editor.post(commitments, {"text": "x", "owner": project["k_org"].pk, "status": "open"}).status_code == 403
    assert manager.post(commitments, {"text": "Yearly meeting", "owner": project["k_org"].pk,
                                      "status": "open"}).status_code == 302
    assert Commitment.objects.get().text == "Yearly meeting"
    page = editor.get("/programme/ucp/charter/").content.decode()
    assert "Yearly meeting" in page and "/commitments/" not in page and "/versions/new/" not in page
    assert "We keep the network." in page and "version 1" in page


def test_it_keeps_a_signed_wording_and_lets_the_city_attach_its_evidence(project: dict[str, Any]) -> None:
    version = records.add_charter_version(project["manager"], project["project"], title="Charter", text="Words")
    signatory = records.add_signatory(project["editor"], version, person="Mayor K", title="Mayor",
                                      organisation=project["k_org"], city=project["klaipeda"],
                                      signed_on=dt.date(2013, 6, 1), is_mayor=True)
    with pytest.raises(DomainError):
        records.update_charter_version(project["manager"], version, text="Other words")
    url = f"/programme/ucp/charter/signatories/{signatory.pk}/"
    assert as_user(project["other"]).get(url).status_code == 403
    response = as_user(project["editor"]).post(url, {
        "person": "Mayor K", "title": "Mayor", "organisation": project["k_org"].pk, "city": project["klaipeda"].pk,
        "signed_on": "2013-06-01", "is_mayor": "on",
        "evidence": SimpleUploadedFile("signed.pdf", files.pdf(), "application/pdf")})
    assert response.status_code == 302
    signatory.refresh_from_db()
    assert signatory.evidence and Signatory.objects.count() == 1
    with pytest.raises(DomainError):  # an organisation of another city cannot sign for Klaipėda
        records.update_signatory(project["manager"], signatory, organisation=project["t_org"])
    # A new version takes the next number and leaves the signed one as it was.
    assert records.add_charter_version(project["manager"], project["project"], title="Charter",
                                       text="New words").version == 2
