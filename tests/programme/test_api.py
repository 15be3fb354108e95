"""The programme API: money to the cent, scoping of spending, the report life cycle, indicators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from creativepoles.core.demo import ensure_user
from creativepoles.core.models import City, Membership, Role
from creativepoles.programme import registry
from creativepoles.programme.models import (
    BudgetLine,
    CharterVersion,
    ChecklistQuestion,
    CoFinancing,
    ErrorType,
    Expenditure,
    Indicator,
    ItemVerification,
    Milestone,
    Partner,
    PartnerReport,
    PilotProject,
    Project,
    ProjectReport,
    Signatory,
)
from creativepoles.programme.services import control, spending
from creativepoles.programme.services.project import generate_periods

pytestmark = pytest.mark.django_db

BASE = "/api/programme"


@pytest.fixture
def ucp(world: dict[str, Any]) -> dict[str, Any]:
    """The seed's project: Klaipėda budgets 1 107 105.00 LTL at 85 % rounded down to whole litas; Tartu in EUR."""
    project = Project.objects.create(
        title="URBAN CREATIVE POLES", acronym="ucp", start_date=dt.date(2010, 10, 1),
        total_amount=Decimal("2393287.50"), total_currency="EUR", stated_other_amount=Decimal("8263543.00"),
    )
    periods = generate_periods(world["manager"], project)
    klaipeda = Partner.objects.create(project=project, organisation=world["k_org"], number=2, currency="LTL")
    tartu = Partner.objects.create(project=project, organisation=world["t_org"], number=3, currency="EUR")
    CoFinancing.objects.create(partner=klaipeda, fund_rate=Decimal("0.85"), quantum=Decimal("1"), rounding="down")
    line = BudgetLine.objects.create(partner=klaipeda, category="staff", amount=Decimal("1107105.00"))
    controller = ensure_user("controller@klaipeda.test")  # Klaipėda's first-level controller
    Membership.objects.create(user=controller, organisation=world["k_org"], role=Role.CONTROLLER)
    return {**world, "project": project, "periods": periods, "kp": klaipeda, "tp": tartu, "line": line,
            "controller": controller}


def item(ucp: dict[str, Any], partner: str = "kp", amount: str = "1000.00", period: int = 0) -> Expenditure:
    """An expenditure item entered through the service by the partner city's editor (or the manager)."""
    actor = ucp["editor"] if partner == "kp" else ucp["manager"]
    p = ucp["periods"][period]
    return spending.add_expenditure(
        actor, ucp[partner], period=p, date=p.start + dt.timedelta(days=10), category="staff",
        description="Coordinator", amount=Decimal(amount), currency=ucp[partner].currency,
    )


def new_item(ucp: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A valid request body for a Klaipėda item in period 1."""
    p = ucp["periods"][0]
    return {"partner": ucp["kp"].pk, "period": p.pk, "date": str(p.start + dt.timedelta(days=5)),
            "category": "travel", "description": "Study visit", "amount": "350.25", **extra}


def as_user(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_it_shows_the_money_table_to_the_cent(ucp: dict[str, Any]) -> None:
    money = APIClient().get(f"{BASE}/projects/ucp/").json()["money"]
    assert money["total"] == {"amount": "2393287.50", "currency": "EUR", "derived": "8263543.08",
                              "derived_currency": "LTL", "stated": "8263543.00", "difference": "-0.08"}
    klaipeda = next(row for row in money["partners"] if row["city"] == "klaipeda")
    assert klaipeda["budget"] == {"amount": "1107105.00", "currency": "LTL", "derived": "320639.77",
                                  "derived_currency": "EUR"}
    assert (klaipeda["split"]["fund"], klaipeda["split"]["own"]) == ("941039.00", "166066.00")
    assert (klaipeda["split_eur"]["fund"], klaipeda["split_eur"]["own"]) == ("272543.73", "48096.04")
    assert klaipeda["split_eur"]["total"] == "320639.77"
    assert (klaipeda["spent"], klaipeda["spent_eur"], klaipeda["certified"]) == ("0.00", "0.00", "0.00")
    tartu = next(row for row in money["partners"] if row["city"] == "tartu")
    assert tartu["split"] is None and tartu["budget"]["derived_currency"] == "EUR"


def test_it_counts_spending_in_the_partner_currency_and_eur(ucp: dict[str, Any]) -> None:
    item(ucp, amount="3452.80")
    klaipeda = as_user(ucp["editor"]).get(f"{BASE}/projects/ucp/").json()["money"]["partners"][0]
    assert (klaipeda["spent"], klaipeda["spent_eur"]) == ("3452.80", "1000.00")


def test_it_lists_and_finds_each_project_once_for_members(ucp: dict[str, Any]) -> None:
    # Scoping through the partners joins one row per partner; the API must not repeat the project.
    client = as_user(ucp["editor"])
    assert client.get(f"{BASE}/projects/").json()["count"] == 1
    assert client.get(f"{BASE}/projects/ucp/").status_code == 200
    assert client.get(f"{BASE}/projects/nope/").status_code == 404


def test_it_lists_periods_and_the_timeline(ucp: dict[str, Any]) -> None:
    client = APIClient()
    periods = client.get(f"{BASE}/periods/", {"project": "ucp"}).json()
    assert periods["count"] == 7 and periods["results"][0]["start"] == "2010-10-01"
    assert client.get(f"{BASE}/periods/", {"project": "other"}).json()["count"] == 0
    timeline = client.get(f"{BASE}/projects/ucp/timeline/").json()
    assert [p["label"] for p in timeline["phases"]] == ["Contracting", "Implementation", "Closing"]
    assert timeline["end"] == "2014-03-31" and len(timeline["periods"]) == 7
    assert isinstance(timeline["today_share"], str)


def test_it_lists_partners(ucp: dict[str, Any]) -> None:
    rows = APIClient().get(f"{BASE}/partners/", {"city": "tartu"}).json()["results"]
    assert [(r["number"], r["currency"], r["organisation_name"]) for r in rows] == [(3, "EUR", "Tartu city")]


def test_it_hides_and_refuses_klaipeda_spending_to_the_tartu_editor(ucp: dict[str, Any]) -> None:
    hidden = item(ucp)
    client = as_user(ucp["other"])
    url = f"{BASE}/expenditures/{hidden.pk}/"
    assert client.get(url).status_code == 404
    assert client.patch(url, {"amount": "1.00"}, format="json").status_code == 404
    assert client.delete(url).status_code == 404
    assert client.get(f"{BASE}/expenditures/").json()["count"] == 0
    created = client.post(f"{BASE}/expenditures/", new_item(ucp), format="json")
    assert created.status_code == 400 and "partner" in created.json()
    hidden.refresh_from_db()
    assert hidden.amount == Decimal("1000.00") and hidden.deleted_at is None
    assert APIClient().get(url).status_code == 404


def test_it_lets_the_klaipeda_editor_create_change_and_delete(ucp: dict[str, Any]) -> None:
    client = as_user(ucp["editor"])
    created = client.post(f"{BASE}/expenditures/", new_item(ucp), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["amount"], body["currency"], body["period_number"]) == ("350.25", "LTL", 1)
    url = f"{BASE}/expenditures/{body['id']}/"
    changed = client.patch(url, {"amount": "400.10", "supplier": "Ferry line"}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["amount"] == "400.10"
    moved = client.patch(url, {"partner": ucp["tp"].pk}, format="json")
    assert moved.status_code == 400 and "partner" in moved.json()
    assert client.get(f"{BASE}/expenditures/", {"period": 1, "category": "travel"}).json()["count"] == 1
    assert client.get(f"{BASE}/expenditures/", {"period": 2}).json()["count"] == 0
    assert client.delete(url).status_code == 204
    assert client.get(f"{BASE}/expenditures/").json()["count"] == 0
    assert client.get(url).status_code == 404
    assert Expenditure.objects.get(pk=body["id"]).deleted_at is not None


def test_it_takes_attachments_as_multipart_and_checks_their_type(ucp: dict[str, Any], settings: Any,
                                                                   tmp_path: Any) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client = as_user(ucp["editor"])
    pdf = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 invoice", content_type="application/pdf")
    created = client.post(f"{BASE}/expenditures/", new_item(ucp, attachment=pdf), format="multipart")
    assert created.status_code == 201, created.content
    # Invoices are private: the API gives the scoped download, never a public /media/ address.
    link = created.json()["attachment"]
    assert link.endswith(f"/programme/files/expenditure/{created.json()['id']}/")
    browser, stranger = Client(), Client()
    browser.force_login(ucp["editor"])
    stranger.force_login(ucp["other"])
    assert b"".join(browser.get(link).streaming_content) == b"%PDF-1.4 invoice"
    assert stranger.get(link).status_code == 404
    assert not list(tmp_path.glob("**/invoice.pdf"))  # stored under a random name
    exe = SimpleUploadedFile("invoice.exe", b"MZ", content_type="application/octet-stream")
    refused = client.post(f"{BASE}/expenditures/", new_item(ucp, attachment=exe), format="multipart")
    assert refused.status_code == 400 and "attachment" in refused.json()


def test_it_refuses_items_outside_their_period(ucp: dict[str, Any]) -> None:
    client = as_user(ucp["editor"])
    late = client.post(f"{BASE}/expenditures/", new_item(ucp, date="2011-06-01"), format="json")
    assert late.status_code == 400 and "date" in late.json()


def test_it_shows_the_manager_all_spending(ucp: dict[str, Any]) -> None:
    item(ucp)
    item(ucp, partner="tp", amount="20.00")
    rows = as_user(ucp["manager"]).get(f"{BASE}/expenditures/").json()["results"]
    assert sorted(r["partner"] for r in rows) == sorted([ucp["kp"].pk, ucp["tp"].pk])
    assert as_user(ucp["editor"]).get(f"{BASE}/expenditures/").json()["count"] == 1
    assert APIClient().get(f"{BASE}/expenditures/").json()["count"] == 0


def test_it_keeps_the_expenditure_list_queries_flat(ucp: dict[str, Any]) -> None:
    client = as_user(ucp["manager"])
    item(ucp)
    with CaptureQueriesContext(connection) as one:
        client.get(f"{BASE}/expenditures/")
    for _n in range(5):
        item(ucp)
        item(ucp, partner="tp", amount="5.00")
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"{BASE}/expenditures/").json()["count"] == 11
    assert len(many) == len(one)


def open_report(client: APIClient, ucp: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"{BASE}/partner-reports/", {"partner": ucp["kp"].pk, "period": ucp["periods"][0].pk},
                           format="json")
    assert response.status_code == 201, response.content
    return response.json()  # type: ignore[no-any-return]


def test_it_locks_the_period_once_the_report_is_submitted(ucp: dict[str, Any]) -> None:
    kept = item(ucp)
    client = as_user(ucp["editor"])
    report = open_report(client, ucp)
    assert report["status"] == "draft" and report["snapshot"] is None
    assert open_report(client, ucp)["id"] == report["id"]
    assert as_user(ucp["other"]).post(f"{BASE}/partner-reports/{report['id']}/submit/").status_code == 404
    submitted = client.post(f"{BASE}/partner-reports/{report['id']}/submit/", {"summary": "First months"},
                            format="json")
    assert submitted.status_code == 200, submitted.content
    body = submitted.json()
    assert body["status"] == "submitted" and body["summary"] == "First months"
    assert body["snapshot"]["version"] == 1 and body["snapshot"]["data"]["items_total"] == "1000.00"
    url = f"{BASE}/expenditures/{kept.pk}/"
    changed = client.patch(url, {"amount": "1.00"}, format="json")
    assert changed.status_code == 400 and "period" in changed.json()
    assert client.delete(url).status_code == 400
    assert client.post(f"{BASE}/expenditures/", new_item(ucp), format="json").status_code == 400
    again = client.post(f"{BASE}/partner-reports/{report['id']}/submit/", {}, format="json")
    assert again.status_code == 400 and "status" in again.json()
    kept.refresh_from_db()
    assert kept.amount == Decimal("1000.00") and kept.deleted_at is None


def test_it_runs_control_and_certification_by_the_partners_controller(ucp: dict[str, Any]) -> None:
    item(ucp)
    editor, manager, controller = as_user(ucp["editor"]), as_user(ucp["manager"]), as_user(ucp["controller"])
    report = open_report(editor, ucp)
    url = f"{BASE}/partner-reports/{report['id']}"
    assert editor.post(f"{url}/submit/").status_code == 200
    assert editor.post(f"{url}/start-control/").status_code == 403
    assert manager.post(f"{url}/start-control/").status_code == 403  # the lead's managers no longer control
    assert controller.post(f"{url}/certify/").status_code == 400  # not in control yet
    controlled = controller.post(f"{url}/start-control/")
    assert controlled.status_code == 200 and controlled.json()["status"] == "in_control"
    verification = ItemVerification.objects.get(report_id=report["id"])
    control.verify_item(ucp["controller"], verification, outcome="partly", deduction=Decimal("100.00"),
                        error_type=ErrorType.objects.first(), comment="One invoice missing")
    unanswered = controller.post(f"{url}/certify/")
    assert unanswered.status_code == 400 and "checklist" in unanswered.json()
    control.answer_checklist(ucp["controller"], PartnerReport.objects.get(pk=report["id"]),
                             {q.pk: ("yes", "") for q in ChecklistQuestion.objects.all()})
    certified = controller.post(f"{url}/certify/")
    assert certified.status_code == 200, certified.content
    assert certified.json()["status"] == "certified" and certified.json()["certified_amount"] == "900.00"
    assert certified.json()["snapshot"]["version"] == 1
    assert controller.post(f"{url}/reopen/").status_code == 400
    money = manager.get(f"{BASE}/projects/ucp/").json()["money"]["partners"][0]
    assert money["certified"] == "900.00"
    assert as_user(ucp["other"]).get(f"{url}/").status_code == 404


def test_it_requests_changes_with_a_comment(ucp: dict[str, Any]) -> None:
    item(ucp)
    editor, controller = as_user(ucp["editor"]), as_user(ucp["controller"])
    report = open_report(editor, ucp)
    url = f"{BASE}/partner-reports/{report['id']}"
    editor.post(f"{url}/submit/")
    controller.post(f"{url}/start-control/")
    for body in ({}, {"comment": ""}, {"comment": []}):
        assert controller.post(f"{url}/request-changes/", body, format="json").status_code == 400, body
    assert editor.post(f"{url}/request-changes/", {"comment": "x"}, format="json").status_code == 403
    sent = controller.post(f"{url}/request-changes/", {"comment": "Add the invoice"}, format="json")
    assert sent.status_code == 200 and sent.json()["status"] == "changes"
    assert editor.post(f"{url}/submit/").json()["status"] == "submitted"


def test_it_reopens_a_submitted_report_and_keeps_its_snapshot(ucp: dict[str, Any]) -> None:
    editor, controller = as_user(ucp["editor"]), as_user(ucp["controller"])
    report = open_report(editor, ucp)
    editor.post(f"{BASE}/partner-reports/{report['id']}/submit/")
    assert editor.post(f"{BASE}/partner-reports/{report['id']}/reopen/").status_code == 403
    reopened = controller.post(f"{BASE}/partner-reports/{report['id']}/reopen/")
    assert reopened.status_code == 200 and reopened.json()["status"] == "draft"
    assert reopened.json()["snapshot"]["version"] == 1
    assert editor.post(f"{BASE}/expenditures/", new_item(ucp), format="json").status_code == 201


def test_it_submits_project_reports_by_the_manager_only(ucp: dict[str, Any]) -> None:
    report = ProjectReport.objects.create(project=ucp["project"], period=ucp["periods"][0])
    url = f"{BASE}/project-reports/{report.pk}/submit/"
    assert as_user(ucp["editor"]).get(f"{BASE}/project-reports/").json()["count"] == 1
    assert APIClient().get(f"{BASE}/project-reports/").json()["count"] == 0
    assert as_user(ucp["editor"]).post(url).status_code == 403
    done = as_user(ucp["manager"]).post(url, {"summary": "On track"}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "submitted"
    assert done.json()["snapshot"]["data"]["total"]["derived"] == "8263543.08"


def test_it_lets_only_managers_set_budget_lines(ucp: dict[str, Any]) -> None:
    line_url = f"{BASE}/budget-lines/{ucp['line'].pk}/"
    body = {"partner": ucp["kp"].pk, "category": "travel", "period": None, "amount": "5000.00"}
    editor = as_user(ucp["editor"])
    assert editor.get(line_url).json()["amount"] == "1107105.00"
    assert editor.patch(line_url, {"amount": "1.00"}, format="json").status_code == 403
    refused = editor.post(f"{BASE}/budget-lines/", body, format="json")
    assert refused.status_code == 403
    assert APIClient().post(f"{BASE}/budget-lines/", body, format="json").status_code in (401, 403)
    manager = as_user(ucp["manager"])
    assert manager.post(f"{BASE}/budget-lines/", body, format="json").status_code == 201
    changed = manager.patch(line_url, {"amount": "1107000.00"}, format="json")
    assert changed.status_code == 200 and changed.json()["amount"] == "1107000.00"
    assert manager.patch(line_url, {"category": "travel"}, format="json").status_code == 400
    assert manager.delete(line_url).status_code == 405
    assert APIClient().get(f"{BASE}/budget-lines/", {"partner": ucp["kp"].pk}).json()["count"] == 2
    ucp["line"].refresh_from_db()
    assert ucp["line"].amount == Decimal("1107000.00")


@pytest.mark.parametrize("body", [
    {"amount": "abc"}, {"amount": "12.345"}, {"amount": ["1"]}, {"amount": "-5.00"}, {"date": "2010-13-45"},
    {"period": "first"}, {"partner": {"id": 1}}, {"category": "yachts"}, {"currency": "USD"},
    {"amount": "99999999999999999"},
])
def test_it_answers_wrong_types_with_field_errors(ucp: dict[str, Any], body: dict[str, Any]) -> None:
    response = as_user(ucp["editor"]).post(f"{BASE}/expenditures/", new_item(ucp, **body), format="json")
    assert response.status_code == 400
    assert set(body) <= set(response.json())


def test_it_answers_bad_json_and_bad_queries_with_400(ucp: dict[str, Any]) -> None:
    editor = as_user(ucp["editor"])
    broken = editor.post(f"{BASE}/expenditures/", '{"amount": "1.00",', content_type="application/json")
    assert broken.status_code == 400
    assert editor.post(f"{BASE}/expenditures/", "[]", content_type="application/json").status_code == 400
    assert editor.get(f"{BASE}/expenditures/", {"period": "abc"}).status_code == 400
    assert APIClient().get(f"{BASE}/projects/ucp/indicators/", {"city": "atlantis"}).status_code == 400
    report = open_report(editor, ucp)
    editor.post(f"{BASE}/partner-reports/{report['id']}/submit/")
    controller = as_user(ucp["controller"])
    controller.post(f"{BASE}/partner-reports/{report['id']}/start-control/")
    for comment in ("", None, [], {"a": 1}):
        response = controller.post(f"{BASE}/partner-reports/{report['id']}/request-changes/", {"comment": comment},
                                   format="json")
        assert response.status_code == 400, (comment, response.content)
    other_project = Project.objects.create(title="Other", acronym="other", start_date=dt.date(2012, 1, 1),
                                           total_amount=Decimal("1.00"))
    foreign = generate_periods(ucp["manager"], other_project)[0]
    wrong = editor.post(f"{BASE}/expenditures/", new_item(ucp, period=foreign.pk), format="json")
    assert wrong.status_code == 400 and "period" in wrong.json()
    assert editor.get(f"{BASE}/expenditures/abc/").status_code == 404


@pytest.fixture
def counted(ucp: dict[str, Any]) -> Iterator[Indicator]:
    """An indicator counted live by a registered test module: 3 in Klaipėda, 2 in Tartu."""
    values = {"klaipeda": Decimal("3"), "tartu": Decimal("2")}

    def count(window: registry.Window) -> dict[int | None, Decimal]:
        ids = dict(City.objects.filter(pk__in=window.city_ids).values_list("slug", "pk"))
        return {ids[slug]: value for slug, value in values.items() if slug in ids}

    registry.register("test.things", "Things", "testmodule", count)
    try:
        yield Indicator.objects.create(project=ucp["project"], code="THINGS", name="Things", unit="things",
                                       target=Decimal("10"), provider="test.things")
    finally:
        registry.unregister("test.things")


def test_it_reports_live_indicator_progress_per_city(ucp: dict[str, Any], counted: Indicator) -> None:
    client = APIClient()
    rows = client.get(f"{BASE}/projects/ucp/indicators/").json()
    assert len(rows) == 1
    row = rows[0]
    assert (row["code"], row["achieved"], row["target"], row["percent"], row["counted_by"]) == (
        "THINGS", "5.00", "10.00", "50", "testmodule")
    assert row["per_city"] == [{"city": "klaipeda", "value": "3.00"}, {"city": "tartu", "value": "2.00"}]
    one = client.get(f"{BASE}/projects/ucp/indicators/", {"city": "klaipeda"}).json()[0]
    assert one["achieved"] == "3.00" and one["per_city"] == [{"city": "klaipeda", "value": "3.00"}]
    assert client.get(f"{BASE}/indicators/", {"project": "ucp"}).json()["count"] == 1


def test_it_records_manual_indicator_values_for_the_editors_city(ucp: dict[str, Any]) -> None:
    manual = Indicator.objects.create(project=ucp["project"], code="MAN", name="Manual", unit="events",
                                      target=Decimal("4"))
    body = {"indicator": manual.pk, "city": "klaipeda", "value": "2", "recorded_on": "2011-05-01",
            "evidence_url": "https://example.test/minutes.pdf"}
    editor = as_user(ucp["editor"])
    created = editor.post(f"{BASE}/indicator-values/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["city"] == "klaipeda" and created.json()["value"] == "2.00"
    foreign = editor.post(f"{BASE}/indicator-values/", {**body, "city": "tartu"}, format="json")
    assert foreign.status_code == 400 and "city" in foreign.json()
    assert APIClient().post(f"{BASE}/indicator-values/", body, format="json").status_code in (401, 403)
    listed = as_user(ucp["other"]).get(f"{BASE}/indicator-values/").json()["results"]
    assert [r["city"] for r in listed] == ["klaipeda"]
    row = APIClient().get(f"{BASE}/projects/ucp/indicators/").json()[0]
    assert row["counted_by"] == "manual" and row["achieved"] == "2.00"


def test_it_shows_the_charter_signing_status_and_pilots(ucp: dict[str, Any]) -> None:
    charter = CharterVersion.objects.create(project=ucp["project"], version=1, title="Charter", text="We commit.")
    Signatory.objects.create(charter=charter, person="Mayor K", title="Mayor", organisation=ucp["k_org"],
                             city=ucp["klaipeda"], signed_on=dt.date(2011, 3, 1))
    pilot = PilotProject.objects.create(project=ucp["project"], city=ucp["tartu"], title="Old mill",
                                        budget=Decimal("25000.50"))
    Milestone.objects.create(pilot=pilot, title="Design", due_on=dt.date(2012, 1, 1))
    client = APIClient()
    row = client.get(f"{BASE}/charter/", {"project": "ucp"}).json()["results"][0]
    assert [(s["city"], s["signed"]) for s in row["signing_status"]] == [("klaipeda", True), ("tartu", False)]
    assert row["signatories"][0]["person"] == "Mayor K"
    pilots = client.get(f"{BASE}/pilots/", {"city": "tartu"}).json()["results"]
    assert pilots[0]["budget"] == "25000.50" and pilots[0]["milestones"][0]["title"] == "Design"
    assert as_user(ucp["editor"]).get(f"{BASE}/charter/{charter.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "other", "editor", "manager"])
def test_it_never_answers_500_on_existing_programme_objects(ucp: dict[str, Any], who: str) -> None:
    spent = item(ucp)
    report = PartnerReport.objects.create(partner=ucp["kp"], period=ucp["periods"][0])
    project_report = ProjectReport.objects.create(project=ucp["project"], period=ucp["periods"][0])
    charter = CharterVersion.objects.create(project=ucp["project"], version=1, title="Charter", text="Text")
    pilot = PilotProject.objects.create(project=ucp["project"], city=ucp["tartu"], title="Mill")
    client = APIClient() if who == "anonymous" else as_user(ucp[who])
    paths = [
        "projects/", "projects/ucp/", "projects/ucp/indicators/", "projects/ucp/timeline/", "periods/",
        f"periods/{ucp['periods'][0].pk}/", "partners/", f"partners/{ucp['kp'].pk}/", "budget-lines/",
        f"budget-lines/{ucp['line'].pk}/", "expenditures/", f"expenditures/{spent.pk}/", "partner-reports/",
        *(f"partner-reports/{report.pk}/{a}" for a in ("", "submit/", "start-control/", "certify/", "reopen/")),
        "project-reports/", f"project-reports/{project_report.pk}/", f"project-reports/{project_report.pk}/submit/",
        "indicators/", "indicator-values/", "charter/", f"charter/{charter.pk}/", "pilots/", f"pilots/{pilot.pk}/",
    ]
    wrong = {"amount": "lots", "date": "yesterday", "partner": [1], "period": {"n": 1}, "category": 5,
             "certified_amount": "x", "summary": ["a"], "city": [1], "value": "v", "indicator": "i"}
    failures = []
    for path in paths:
        url = f"{BASE}/{path}"
        for method, body in [("get", {"period": "x", "page": "-1", "ordering": "nope", "city": "\x00"}),
                             ("post", "{not json"), ("post", wrong), ("put", wrong), ("patch", "[[["),
                             ("delete", None)]:
            if isinstance(body, str):
                response = getattr(client, method)(url, body, content_type="application/json")
            elif method == "get":
                response = client.get(url, body)
            else:
                response = getattr(client, method)(url, body, format="json")
            if response.status_code >= 500:
                failures.append(f"{method} {url} -> {response.status_code}")
    assert failures == []
