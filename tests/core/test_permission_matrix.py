"""The permission matrix: every role against objects of its own organisation, its own city and another city,
for every action of the hand-written table in docs/architecture.md, through pages, the API and file URLs.

Expected outcomes come from that table, never from the permission module under test. Every URL pattern of
the project must be covered here (a new route that is not fails the test), and every link a page offers a
role must lead somewhere the role may go (no 403 or 404 behind an offered link).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from creativepoles.core.demo import ensure_user
from creativepoles.core.models import Membership, Organisation, OrganisationKind, Role, RoleRequest
from tests import files

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
ROLES = ("anonymous", "outsider", "viewer", "consultant", "city editor", "controller", "programme manager")


def table() -> dict[tuple[str, str], dict[str, set[str]]]:
    """(resource, action) -> role -> the kinds of object granted, read from the architecture document."""
    text = DOC.read_text()
    block = text[text.index("<!-- permission-matrix -->"):text.index("<!-- /permission-matrix -->")]
    rows = [line for line in block.splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert header[2:] == list(ROLES)
    out = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        out[(cells[0], cells[1])] = {
            role: {t.strip() for t in cell.split(",")} - {"—"} for role, cell in zip(ROLES, cells[2:], strict=True)}
    return out


@dataclass
class Target:
    """An object of the matrix and how it relates to the roles' home (Klaipėda, its agency)."""

    obj: Any
    home_city: bool
    home_organisation: bool = False
    public: bool = False


def granted(kinds: set[str], target: Target) -> bool:
    return ("all" in kinds or ("published" in kinds and target.public)
            or ("own city" in kinds and target.home_city)
            or ("own organisation" in kinds and target.home_organisation))


@pytest.fixture
def matrix(world: dict[str, Any], settings: Any, tmp_path: Any) -> dict[str, Any]:
    """Roles in the Klaipėda agency; organisations, sites, money, reports and evidence at home and away."""
    from creativepoles.programme.models import (
        CharterVersion,
        Claim,
        Commitment,
        Expenditure,
        Indicator,
        IndicatorValue,
        Instalment,
        ItemVerification,
        Milestone,
        Partner,
        PartnerReport,
        Payment,
        PilotProject,
        Project,
        Signatory,
    )
    from creativepoles.programme.models.reports import ReportStatus
    from creativepoles.programme.services.project import generate_periods
    from creativepoles.spaces.models import Site, SiteDocument

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    k, t, k_org, t_org = world["klaipeda"], world["tartu"], world["k_org"], world["t_org"]
    users: dict[str, Any] = {"anonymous": None, "outsider": world["outsider"], "city editor": world["editor"],
                             "programme manager": world["manager"]}
    for role, value in (("viewer", Role.VIEWER), ("consultant", Role.CONSULTANT), ("controller", Role.CONTROLLER)):
        users[role] = ensure_user(f"{value}@klaipeda.test")
        Membership.objects.create(user=users[role], organisation=k_org, role=value)

    def pdf(name: str) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, files.pdf(), "application/pdf")

    def org(city: Any, name: str, public: bool) -> Organisation:
        return Organisation.objects.create(name=name, kind=OrganisationKind.COMPANY, city=city, is_public=public)

    k_pub, t_pub, t_hidden = org(k, "Klaipėda studio", True), org(t, "Tartu studio", True), org(t, "Tartu lab", False)
    organisations = [Target(k_pub, True, public=True), Target(world["k_hidden"], True),
                     Target(t_pub, False, public=True), Target(t_hidden, False)]
    sites, documents = [], []
    for city, home in ((k, True), (t, False)):
        for published in (True, False):
            site = Site.objects.create(city=city, name=f"{city.slug} {published}", latitude=city.latitude,
                                       longitude=city.longitude, is_published=published)
            sites.append(Target(site, home, public=published))
        for public in (True, False):
            doc = SiteDocument.objects.create(site=sites[-2].obj, title="Plan", file=pdf("plan.pdf"),
                                              is_public=public)
            documents.append(Target(doc, home, public=public))
    project = Project.objects.create(title="UCP", acronym="ucp", number="1", start_date=dt.date(2010, 10, 1),
                                     total_amount=Decimal("1000"), total_currency="EUR")
    periods = generate_periods(world["manager"], project)
    Partner.objects.create(project=project, organisation=world["lead_org"], role="lead", number=1)
    partners = [Partner.objects.create(project=project, organisation=o, number=n)
                for n, o in ((2, k_org), (3, k_pub), (4, t_org))]
    homes = ((True, True), (True, False), (False, False))
    money, reports = [], []
    for partner, (home_city, home_org) in zip(partners, homes, strict=True):
        # In the second period, whose report is still open, so that writes are not refused as locked.
        item = Expenditure.objects.create(partner=partner, period=periods[1], date=periods[1].start,
                                          category="staff", description="Work", amount=Decimal("10"),
                                          currency="EUR", attachment=pdf("invoice.pdf"))
        money.append(Target(item, home_city, home_org))
        report = PartnerReport.objects.create(partner=partner, period=periods[0], status=ReportStatus.SUBMITTED)
        ItemVerification.objects.create(report=report, expenditure=item, declared=item.amount)
        reports.append(Target(report, home_city, home_org))
    indicator = Indicator.objects.create(project=project, code="X", name="X", unit="x", target=Decimal("1"))
    charter = CharterVersion.objects.create(project=project, version=1, title="Charter", text="…")
    values, signatures, pilots = [], [], []
    for city, organisation, home in ((k, k_org, True), (t, t_org, False)):
        values.append(Target(IndicatorValue.objects.create(
            indicator=indicator, city=city, value=Decimal("1"), recorded_on=periods[0].start, note="n",
            evidence=pdf("list.pdf")), home, public=True))
        signatures.append(Target(Signatory.objects.create(
            charter=charter, person="Mayor", title="Mayor", organisation=organisation, city=city,
            signed_on=periods[0].start, evidence=pdf("signed.pdf")), home, public=True))
        pilots.append(Target(PilotProject.objects.create(project=project, city=city, title="Pilot",
                                                         evidence=pdf("pilot.pdf")), home, public=True))
        Milestone.objects.create(pilot=pilots[-1].obj, title="Opening", due_on=periods[0].end)
    Commitment.objects.create(charter=charter, text="Keep the network", owner=world["lead_org"])
    asker = ensure_user("asker@example.test")
    role_requests = [Target(RoleRequest.objects.create(user=asker, organisation=o, role=Role.VIEWER), home, home)
                     for o, home in ((k_org, True), (t_org, False))]
    claim = Claim.objects.create(project=project, number=1)
    payment = Payment.objects.create(project=project, kind="advance", amount=Decimal("10"),
                                     received_on=periods[0].start)
    instalments = [Target(Instalment.objects.create(payment=payment, partner=p, amount=Decimal("1"),
                                                    paid_on=periods[0].start), h, o)
                   for p, (h, o) in zip(partners, homes, strict=True)]
    return {
        "claim": [Target(claim, True)], "payment": [Target(payment, True)], "instalment": instalments,
        "role request": role_requests,
        "users": users, "organisation": organisations, "site": sites, "site document": documents,
        "expenditure": money, "partner report": reports, "indicator value": values, "signatory": signatures,
        "pilot": pilots, "partner": [Target(p, h, o) for p, (h, o) in zip(partners, homes, strict=True)],
        "project": [Target(project, True)], "method": [Target(k, True)], "charter": [Target(charter, False)],
        "parameters": [Target(k, True), Target(t, False)],
    }


Request = Callable[[Any, Any], Any]  # (client, object) -> response


def page(method: str, url: Callable[[Any], str], data: dict[str, Any] | None = None) -> Request:
    return lambda client, obj: getattr(client, method)(url(obj), data or {})


def api(method: str, url: Callable[[Any], str]) -> Request:
    return lambda client, obj: getattr(client, method)(url(obj), {}, format="json")


def rpt(o: Any) -> str:
    return f"/programme/ucp/reports/partner/{o.pk}/"


# route name -> (resource, action, request, statuses meaning "done"). Writes run inside a rolled-back savepoint.
ROUTES: dict[str, tuple[str, str, Request, set[int]]] = {
    "core:organisation-detail": ("organisation", "view", page("get", lambda o: f"/organisations/{o.pk}/"), {200}),
    "organisation-detail": ("organisation", "view", api("get", lambda o: f"/api/organisations/{o.pk}/"), {200}),
    "core:organisation-edit": ("organisation", "change", page("get", lambda o: f"/organisations/{o.pk}/edit/"),
                               {200}),
    "organisation-detail:patch": ("organisation", "change", api("patch", lambda o: f"/api/organisations/{o.pk}/"),
                                  {200}),
    "core:organisation-delete": ("organisation", "delete",
                                 page("post", lambda o: f"/organisations/{o.pk}/delete/"), {302}),
    # 400: the rights are there but the organisation is a programme partner and so cannot go.
    "organisation-detail:delete": ("organisation", "delete",
                                   api("delete", lambda o: f"/api/organisations/{o.pk}/"), {204, 400}),
    "core:role-request-decide": ("role request", "change",
                                 page("post", lambda o: f"/account/role-requests/{o.pk}/decline/"), {302}),
    "spaces:site-detail": ("site", "view", page("get", lambda o: f"/spaces/sites/{o.pk}/"), {200}),
    "spaces:site-dossier": ("site", "view", page("get", lambda o: f"/spaces/sites/{o.pk}/dossier/"), {200}),
    "spaces:site-dossier-pdf": ("site", "view", page("get", lambda o: f"/spaces/sites/{o.pk}/dossier.pdf"), {200}),
    "spaces:site-dossier-map": ("site", "view", page("get", lambda o: f"/spaces/sites/{o.pk}/map.png"), {200}),
    "spaces-site-detail": ("site", "view", api("get", lambda o: f"/api/spaces/sites/{o.pk}/"), {200}),
    "spaces-site-dossier": ("site", "view", api("get", lambda o: f"/api/spaces/sites/{o.pk}/dossier/"), {200}),
    "spaces:site-edit": ("site", "change", page("get", lambda o: f"/spaces/sites/{o.pk}/edit/"), {200}),
    "spaces:site-status": ("site", "change", page("post", lambda o: f"/spaces/sites/{o.pk}/status/",
                                                  {"status": "assessed"}), {302}),
    "spaces:site-upload": ("site", "change", page("post", lambda o: f"/spaces/sites/{o.pk}/upload/photo/",
                                                  {"image": SimpleUploadedFile("a.png", files.image("PNG"))}), {302}),
    "spaces-site-detail:patch": ("site", "change", api("patch", lambda o: f"/api/spaces/sites/{o.pk}/"), {200}),
    "spaces:site-delete": ("site", "delete", page("post", lambda o: f"/spaces/sites/{o.pk}/delete/"), {302}),
    "spaces-site-detail:delete": ("site", "delete", api("delete", lambda o: f"/api/spaces/sites/{o.pk}/"), {204}),
    "spaces:site-document": ("site document", "view",
                             page("get", lambda o: f"/spaces/sites/{o.site_id}/documents/{o.pk}/"), {200}),
    "spaces:method-create": ("method", "add", page("get", lambda o: "/spaces/methods/new/"), {200}),
    "spaces:parameters": ("parameters", "change", page("post", lambda o: f"/spaces/parameters/{o.slug}/"), {400}),
    "programme:timeline-edit": ("project", "change", page("get", lambda o: "/programme/ucp/timeline/"), {200}),
    "programme:history": ("project", "audit", page("get", lambda o: "/programme/ucp/history/"), {200}),
    "programme:budget-edit": ("partner", "change",
                              page("get", lambda o: f"/programme/ucp/partners/{o.pk}/budget/"), {200}),
    "programme-expenditure-detail": ("expenditure", "view",
                                     api("get", lambda o: f"/api/programme/expenditures/{o.pk}/"), {200}),
    "programme:expenditure-edit": ("expenditure", "change",
                                   page("get", lambda o: f"/programme/ucp/expenditure/{o.pk}/"), {200}),
    "programme-expenditure-detail:patch": ("expenditure", "change",
                                           api("patch", lambda o: f"/api/programme/expenditures/{o.pk}/"), {200}),
    "programme:expenditure-delete": ("expenditure", "delete",
                                     page("post", lambda o: f"/programme/ucp/expenditure/{o.pk}/delete/"), {302}),
    "programme-expenditure-detail:delete": ("expenditure", "delete",
                                            api("delete", lambda o: f"/api/programme/expenditures/{o.pk}/"), {204}),
    "programme:file-expenditure": ("expenditure", "evidence",
                                   page("get", lambda o: f"/programme/files/expenditure/{o.pk}/"), {200}),
    "programme:partner-report": ("partner report", "view", page("get", rpt), {200}),
    "programme:report-export": ("partner report", "view", page("get", lambda o: f"{rpt(o)}export.pdf"), {200}),
    "programme-partner-report-detail": ("partner report", "view",
                                        api("get", lambda o: f"/api/programme/partner-reports/{o.pk}/"), {200}),
    "programme:partner-report-action": ("partner report", "control",
                                        page("post", lambda o: f"{rpt(o)}control/"), {302}),
    "programme-partner-report-start-control": (
        "partner report", "control", api("post", lambda o: f"/api/programme/partner-reports/{o.pk}/start-control/"),
        {200}),
    "programme:file-indicator-value": ("indicator value", "evidence",
                                       page("get", lambda o: f"/programme/files/indicator-value/{o.pk}/"), {200}),
    "programme:file-signatory": ("signatory", "evidence",
                                 page("get", lambda o: f"/programme/files/signatory/{o.pk}/"), {200}),
    "programme:file-pilot": ("pilot", "evidence", page("get", lambda o: f"/programme/files/pilot/{o.pk}/"), {200}),
    "programme:pilot-edit": ("pilot", "change", page("get", lambda o: f"/programme/ucp/pilots/{o.pk}/"), {200}),
    "programme:milestone-create": ("pilot", "change", page(
        "post", lambda o: f"/programme/ucp/pilots/{o.pk}/milestones/new/", {"title": "Step", "due_on": "2011-01-01"}),
        {302}),
    "programme:milestone-edit": ("pilot", "change", page(
        "get", lambda o: f"/programme/ucp/pilots/{o.pk}/milestones/{o.milestones.get().pk}/"), {200}),
    "programme:signatory-edit": ("signatory", "change",
                                 page("get", lambda o: f"/programme/ucp/charter/signatories/{o.pk}/"), {200}),
    "programme:charter-version-create": ("charter", "change", page(
        "post", lambda o: "/programme/ucp/charter/versions/new/", {"title": "Charter", "text": "New wording"}),
        {302}),
    "programme:charter-version-edit": ("charter", "change",
                                       page("get", lambda o: f"/programme/ucp/charter/versions/{o.pk}/"), {200}),
    "programme:commitment-create": ("charter", "change", page(
        "get", lambda o: f"/programme/ucp/charter/versions/{o.pk}/commitments/new/"), {200}),
    "programme:commitment-edit": ("charter", "change", page(
        "get", lambda o: f"/programme/ucp/charter/versions/{o.pk}/commitments/{o.commitments.get().pk}/"), {200}),
    "programme-partner-report-certify": (
        "partner report", "control", api("post", lambda o: f"/api/programme/partner-reports/{o.pk}/certify/"), {400}),
    "programme-partner-report-reopen": (
        "partner report", "control", api("post", lambda o: f"/api/programme/partner-reports/{o.pk}/reopen/"), {200}),
    # Control steps on a report that is only submitted: one who may control gets past the rights to the message
    # (a redirect) or the API's 400 that the report is not in control.
    "programme:partner-report-verify": ("partner report", "control", page(
        "post", lambda o: f"{rpt(o)}items/{o.verifications.get().expenditure_id}/verify/"), {302}),
    "programme:partner-report-checklist": ("partner report", "control",
                                           page("post", lambda o: f"{rpt(o)}checklist/"), {302}),
    "programme-partner-report-request-changes": (
        "partner report", "control",
        api("post", lambda o: f"/api/programme/partner-reports/{o.pk}/request-changes/"), {400}),
    "programme:partner-report-comment": ("partner report", "comment", page(
        "post", lambda o: f"{rpt(o)}comments/", {"text": "Please add the invoice."}), {302}),
    "programme:claim": ("claim", "view", page("get", lambda o: f"/programme/ucp/claims/{o.pk}/"), {200}),
    "programme:claim-export": ("claim", "view", page("get", lambda o: f"/programme/ucp/claims/{o.pk}/export.xlsx"),
                               {200}),
    "programme:payment-pass-on": ("payment", "change", page(
        "post", lambda o: f"/programme/ucp/payments/{o.pk}/pass-on/", {"paid_on": "2011-01-10"}), {302}),
    "programme:instalment-confirm": ("instalment", "change", page(
        "post", lambda o: f"/programme/ucp/instalments/{o.pk}/confirm/"), {302}),
    # The reports are already submitted: one who may submit gets past the rights to the "already submitted" 400.
    "programme-partner-report-submit": (
        "partner report", "change", api("post", lambda o: f"/api/programme/partner-reports/{o.pk}/submit/"), {400}),
}

# Routes without a per-city object: anyone may open them (signing in first where the page needs it); what
# they list is scoped, which the matrix above and each module's tests check.
OPEN = {
    "home", "core:city-list", "core:city-detail", "core:organisation-list", "core:notification-list",
    "core:notification-read", "core:account", "core:role-request-list", "programme:index", "programme:dashboard", "programme:expenditure-list",
    "programme:report-list", "programme:indicators", "programme:charter", "programme:pilots",
    "programme:partner-detail", "programme:project-report", "programme:claims", "programme:payments",
    "programme:procurements", "spaces:site-list", "spaces:method-list",
    "spaces:method-detail", "spaces:run-detail", "spaces:run-compare", "spaces:address-search", "spaces:public-sites", "spaces:site-export", "api-schema",
    "api-docs", "programme-project-indicators", "programme-project-timeline",
}
# Adding rows (the choice of city or partner is the form's, checked by test_it_offers_only_allowed_choices and
# the modules' tests), and report steps whose refusals the programme tests check step by step.
ELSEWHERE = {
    "core:organisation-create": "tests/core/test_views.py::test_it_hides_private_organisations_from_outsiders",
    "spaces:site-create": "tests/spaces/test_views_spaces.py",
    "spaces:import-list": "tests/spaces/test_imports.py::test_it_offers_imports_only_into_cities_the_user_edits",
    "spaces:import-detail": "tests/spaces/test_imports.py::test_it_shows_a_run_to_its_city_and_the_managers_only",
    "spaces:method-run": "tests/spaces/test_views_spaces.py::test_it_refuses_a_cottbus_editor_on_tartu_sites_and_"
                         "assessments",
    "programme:expenditure-create": "tests/programme/test_views.py",
    "programme:pilot-create": "tests/programme/test_pilots_charter.py::test_it_lets_a_city_editor_start_a_pilot_in_"
                              "their_city_only",
    "programme:expenditure-import": "tests/programme/test_imports.py",
    "programme:indicator-value-add": "tests/programme/test_registry.py",
    "programme-project-report-submit": "tests/programme/test_api.py::test_it_submits_project_reports_by_the_manager_only",
    # Only a certified report has a certificate (the matrix's reports are submitted): who may read it is the
    # report's view right, checked there.
    "programme:partner-report-certificate": "tests/programme/test_control_pages.py::test_it_serves_the_certificate_"
                                            "to_the_partner_only",
}
EXCLUDED_NAMESPACES = ("admin", "account", "socialaccount", "mfa", "usersessions", "headless", "i18n", "set_language")


def route_names() -> set[str]:
    """Every named route of the project (pages and API), the admin and the account pages of allauth excepted."""
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in ("admin",):
                    continue
                walk(entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(f"{namespace}{entry.name}")

    walk(get_resolver().url_patterns, "")
    return {n for n in names if not n.startswith(EXCLUDED_NAMESPACES) and not n.startswith("account_")
            and n not in ("set_language", "api-root")}


def test_it_covers_every_route() -> None:
    covered = {name.split(":patch")[0].split(":delete")[0] for name in ROUTES} | OPEN | set(ELSEWHERE)
    api_reads = {n for n in route_names() if n.endswith(("-list", "-detail")) and ":" not in n}
    missing = sorted(route_names() - covered - api_reads)
    assert missing == [], f"add these routes to the permission matrix: {missing}"


def client_for(user: Any) -> Any:
    client = APIClient()  # a Django test client that also speaks JSON to the API
    if user is not None:
        client.force_login(user)
    return client


def refused(response: Any, anonymous: bool) -> bool:
    if response.status_code in (403, 404):
        return True
    return anonymous and (response.status_code == 401 or (
        response.status_code == 302 and "/accounts/login/" in response.get("Location", "")))


def test_it_grants_exactly_what_the_table_says(matrix: dict[str, Any]) -> None:
    expected = table()
    assert {(r, a) for r, a, _req, _ok in ROUTES.values()} == set(expected), "table and routes disagree"
    wrong = []
    for name, (resource, action, request, done) in ROUTES.items():
        for role in ROLES:
            client = client_for(matrix["users"][role])
            for target in matrix[resource]:
                allowed = granted(expected[(resource, action)][role], target)
                with transaction.atomic():
                    response = request(client, target.obj)
                    transaction.set_rollback(True)
                ok = response.status_code in done if allowed else refused(response, role == "anonymous")
                if not ok:
                    wrong.append(f"{name} {role} {target.obj!r} home_city={target.home_city} "
                                 f"public={target.public}: {response.status_code} (allowed={allowed})")
    assert wrong == [], "\n".join(wrong)


LINK = re.compile(r'href="(/[^"#?]*)')


def test_it_offers_no_link_that_ends_in_a_refusal(matrix: dict[str, Any]) -> None:
    pages = ["/", "/organisations/", "/spaces/", "/spaces/methods/", "/programme/ucp/",
             "/programme/ucp/expenditure/", "/programme/ucp/reports/", "/programme/ucp/indicators/",
             "/programme/ucp/charter/", "/programme/ucp/pilots/",
             *[f"/spaces/sites/{t.obj.pk}/" for t in matrix["site"]],
             *[f"/programme/ucp/reports/partner/{t.obj.pk}/" for t in matrix["partner report"]],
             *[f"/programme/ucp/partners/{t.obj.pk}/" for t in matrix["partner"]]]
    broken = []
    for role in ROLES:
        client = client_for(matrix["users"][role])
        offered: set[str] = set()
        for url in pages:
            response = client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                offered |= set(LINK.findall(response.content.decode()))
        for link in sorted(offered):
            if link.startswith(("/static/", "/media/", "/accounts/", "/admin/", "/i18n/")):
                continue
            status = client.get(link).status_code
            if status in (403, 404) or status >= 500:
                broken.append(f"{role}: {link} -> {status}")
    assert broken == []


def test_it_offers_only_allowed_choices(matrix: dict[str, Any]) -> None:
    """The city list of the method form holds exactly the cities the table lets a role add to."""
    from creativepoles.core.models import City

    kinds_by_role = table()[("method", "add")]
    for role in ROLES[1:]:
        response = client_for(matrix["users"][role]).get("/spaces/methods/new/")
        kinds = kinds_by_role[role]
        if not kinds:
            assert response.status_code == 403, role
            continue
        select = re.search(r'<select name="city".*?</select>', response.content.decode(), re.S)
        assert select is not None, role
        offered = {int(v) for v in re.findall(r'<option value="(\d+)"', select.group(0))}
        home = matrix["users"]["city editor"].memberships.get().organisation.city_id
        allowed = {c for c in City.objects.values_list("pk", flat=True) if granted(kinds, Target(c, c == home))}
        assert offered == allowed, role


def test_the_submitter_never_takes_their_report_into_control_nor_certifies_it(matrix: dict[str, Any]) -> None:
    """Four-eyes: one who edits and controls the same partner submits; neither pages nor the API let them
    control that report, while the partner's other controller may."""
    from creativepoles.programme.models import PartnerReport
    from creativepoles.programme.services import control

    report = matrix["partner report"][0].obj  # the Klaipėda agency's own report
    PartnerReport.objects.filter(pk=report.pk).update(status="draft")
    both = ensure_user("edits-and-controls@klaipeda.test")
    for role in (Role.CITY_EDITOR, Role.CONTROLLER):
        Membership.objects.create(user=both, organisation=report.partner.organisation, role=role)
    client = client_for(both)
    assert client.post(f"{rpt(report)}submit/", {"summary": "Done"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_by == both
    api_url = f"/api/programme/partner-reports/{report.pk}"
    for attempt in (lambda: client.post(f"{rpt(report)}control/"), lambda: client.post(f"{rpt(report)}certify/"),
                    lambda: client.post(f"{rpt(report)}checklist/"),
                    lambda: client.post(f"{api_url}/start-control/", {}, format="json"),
                    lambda: client.post(f"{api_url}/certify/", {}, format="json")):
        assert attempt().status_code == 403
    assert "Take into control" not in client.get(rpt(report)).content.decode()
    report.refresh_from_db()
    assert report.status == "submitted"
    controller = client_for(matrix["users"]["controller"])
    assert controller.post(f"{api_url}/start-control/", {}, format="json").status_code == 200
    for attempt in (lambda: client.post(f"{rpt(report)}certify/"),
                    lambda: client.post(f"{api_url}/certify/", {}, format="json")):
        assert attempt().status_code == 403
    answers = {f"q{q.pk}": "yes" for q, _a in control.checklist(report)}
    assert controller.post(f"{rpt(report)}checklist/", answers).status_code == 302
    assert controller.post(f"{api_url}/certify/", {}, format="json").json()["status"] == "certified"
