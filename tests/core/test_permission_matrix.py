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
from django.utils import timezone
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
    own_for: frozenset[str] = frozenset()  # the roles whose own row it is (an entrepreneur's plan, a client's)
    mine: frozenset[str] = frozenset()  # roles whose account owns the row or is assigned to it


def granted(kinds: set[str], target: Target, role: str = "") -> bool:
    return ("all" in kinds or ("published" in kinds and target.public)
            or ("own city" in kinds and target.home_city)
            or ("own organisation" in kinds and target.home_organisation)
            or ("own" in kinds and role in target.own_for)
            or (bool({"own", "assigned"} & kinds) and role in target.mine))


@pytest.fixture
def matrix(world: dict[str, Any], settings: Any, tmp_path: Any) -> dict[str, Any]:
    """Roles in the Klaipėda agency; organisations, sites, money, reports and evidence at home and away."""
    from creativepoles.events.models import Campaign, ConceptVersion, Event, Registration
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
    from creativepoles.atlas.models import Firm

    firms = [Target(Firm.objects.create(city=city, registry_id="1", name="Studio", nace="74.10", group="design"), home)
             for city, home in ((k, True), (t, False))]
    events, registrations, campaigns = [], [], []
    for city, home in ((k, True), (t, False)):
        campaign = Campaign.objects.create(city=city, theme="Makers", starts_on=dt.date(2011, 4, 1),
                                           ends_on=dt.date(2011, 10, 1))
        campaigns.append(Target(campaign, home, public=True))
        for status in ("published", "draft"):
            starts = timezone.now() + dt.timedelta(days=30)
            event = Event.objects.create(city=city, campaign=campaign, title=f"{city.slug} {status}", venue_name="Hall",
                                         capacity=5, starts_at=starts, ends_at=starts, status=status)
            events.append(Target(event, home, public=status == "published"))
            registrations.append(Target(Registration.objects.create(
                event=event, name="Guest", email=f"guest.{event.pk}@example.test", status="confirmed"), home))
    concept = [Target(ConceptVersion.objects.create(number=1, title="Concept"), False, public=True)]
    asker = ensure_user("asker@example.test")
    role_requests = [Target(RoleRequest.objects.create(user=asker, organisation=o, role=Role.VIEWER), home, home)
                     for o, home in ((k_org, True), (t_org, False))]
    claim = Claim.objects.create(project=project, number=1)
    payment = Payment.objects.create(project=project, kind="advance", amount=Decimal("10"),
                                     received_on=periods[0].start)
    instalments = [Target(Instalment.objects.create(payment=payment, partner=p, amount=Decimal("1"),
                                                    paid_on=periods[0].start), h, o)
                   for p, (h, o) in zip(partners, homes, strict=True)]
    # Each module's targets, one line each, so that modules add theirs without touching the others'.
    extra: dict[str, Any] = {}
    extra.update(_academy_targets(k, t))
    extra.update(_advisory_targets(world, users, k_org, t_org, pdf))
    extra.update(_learning_targets(world, users, pdf))
    extra.update(_cluster_targets(k, t, pdf))
    extra.update(_package_targets(k))
    extra.update(_replication_targets(k, t))
    return {
        **extra,
        "claim": [Target(claim, True)], "payment": [Target(payment, True)], "instalment": instalments,
        "role request": role_requests,
        "users": users, "organisation": organisations, "site": sites, "site document": documents,
        "expenditure": money, "partner report": reports, "indicator value": values, "signatory": signatures,
        "pilot": pilots, "partner": [Target(p, h, o) for p, (h, o) in zip(partners, homes, strict=True)],
        "project": [Target(project, True)], "method": [Target(k, True)], "charter": [Target(charter, False)],
        "parameters": [Target(k, True), Target(t, False)], "firm": firms,
        "event": events, "registration": registrations, "campaign": campaigns, "concept": concept,
    }


def _academy_targets(k: Any, t: Any) -> dict[str, list[Target]]:
    """Academy editions at home and away (published or not, the call closed), an application, review and team each."""
    from creativepoles.academy.models import Application, Edition, Review, Team

    editions, applications, reviews, teams = [], [], [], []
    reviewer = ensure_user("academy-reviewer@example.test")
    for city, home in ((k, True), (t, False)):
        for published in (True, False):
            edition = Edition.objects.create(
                year=2011, title=f"Academy {city.slug} {published}", city=city, starts_on=dt.date(2011, 7, 1),
                ends_on=dt.date(2011, 7, 10), capacity=2, deadline_date=dt.date(2011, 3, 1), is_published=published,
                rubric=[{"code": "idea", "label": "Idea", "weight": 1, "scale": 10}])
            editions.append(Target(edition, home, public=published))
        application = Application.objects.create(
            edition=editions[-2].obj, applicant=ensure_user(f"applicant-{city.slug}@example.test"), name="Applicant",
            field="Design", organisation_name="Studio", country=city.country, birth_date=dt.date(2000, 1, 1),
            motivation="Ideas", portfolio_file=SimpleUploadedFile("p.pdf", files.pdf()))
        applications.append(Target(application, home))
        reviews.append(Target(Review.objects.create(application=application, reviewer=reviewer), home))
        team = Team.objects.create(edition=editions[-2].obj, name="Team 1")
        team.members.add(application)
        teams.append(Target(team, home))
    return {"academy edition": editions, "academy application": applications, "academy review": reviews,
            "academy team": teams}
def _advisory_targets(world: dict[str, Any], users: dict[str, Any], k_org: Any, t_org: Any,
                      pdf: Callable[[str], Any]) -> dict[str, list[Target]]:
    """Plans: the outsider's, reviewed by the consultant, and a stranger's; sessions of the home and another centre."""
    from creativepoles.advisory.models import BusinessPlan, ConsultationSession, PlanSection
    from tests.advisory.conftest import studio_financials

    stranger = ensure_user("stranger@example.test")
    other_consultant = ensure_user("consultant@tartu.test")
    plans = []
    for owner, consultant, city, own in ((users["outsider"], users["consultant"], world["klaipeda"],
                                          frozenset({"outsider", "consultant"})),
                                         (stranger, other_consultant, world["tartu"], frozenset())):
        plan = BusinessPlan.objects.create(owner=owner, adviser=consultant, city=city, title="Plan",
                                           financials=studio_financials())
        PlanSection.objects.create(plan=plan, key="summary", text="A studio.")
        plans.append(Target(plan, city == world["klaipeda"], own_for=own))
    sessions = []
    for centre, consultant, home in ((k_org, users["consultant"], True), (t_org, other_consultant, False)):
        session = ConsultationSession.objects.create(
            date=dt.date(2011, 5, 3), duration_hours=Decimal("2"), city=centre.city, centre=centre,
            adviser=consultant, topic="Pricing", evidence=pdf("attendance.pdf"))
        sessions.append(Target(session, home, home, own_for=frozenset({"consultant"}) if home else frozenset()))
    return {"business plan": plans, "consultation session": sessions}
def _learning_targets(world: dict[str, Any], users: dict[str, Any], pdf: Any) -> dict[str, list[Target]]:
    """Packages, sessions with participants, enrolments, courses and cases at home and away."""
    from creativepoles.learning.models import (
        Case,
        Course,
        CourseModule,
        Enrolment,
        Lesson,
        PackageMaterial,
        Participant,
        Question,
        Quiz,
        TrainingPackage,
        TrainingSession,
    )

    k, t = world["klaipeda"], world["tartu"]
    packages = []
    for organisation, home_city, home_org, published in ((world["k_org"], True, True, False),
                                                         (world["k_hidden"], True, False, False),
                                                         (world["t_org"], False, False, True),
                                                         (world["t_org"], False, False, False)):
        package = TrainingPackage.objects.create(
            organisation=organisation, title=f"Package {organisation.pk} {published}", target_group="All",
            learning_outcomes="Skills", duration_hours=Decimal("4"), status="published" if published else "draft")
        PackageMaterial.objects.create(package=package, title="Slides", file=pdf("slides.pdf"))
        packages.append(Target(package, home_city, home_org, public=published))
    trainer = users["consultant"]
    sessions, participants = [], []
    for city, home, assigned in ((k, True, False), (t, False, True), (t, False, False)):
        session = TrainingSession.objects.create(package=packages[0].obj, city=city, date=dt.date(2011, 5, 1),
                                                 duration_hours=Decimal("3"))
        mine = frozenset({"consultant"}) if assigned else frozenset()
        if assigned:
            session.trainers.add(trainer)
        sessions.append(Target(session, home, mine=mine))
        owner = users["outsider"] if assigned else None
        participant = Participant.objects.create(session=session, name="Participant", user=owner)
        participants.append(Target(participant, home, mine=mine | ({"outsider"} if owner else set())))
    courses = []
    for published in (True, False):
        course = Course.objects.create(slug=f"course-{published}".lower(), title="Course", is_published=published)
        module = CourseModule.objects.create(course=course, title="Module")
        Lesson.objects.create(module=module, title="Lesson", body="Text")
        quiz = Quiz.objects.create(module=module, title="Quiz")
        question = Question.objects.create(quiz=quiz, text="Yes?")
        question.choices.create(text="Yes", correct=True)
        courses.append(Target(course, False, public=published))
    enrolments = []
    for user, mine in ((users["outsider"], frozenset({"outsider"})), (ensure_user("other-learner@example.test"),
                                                                      frozenset())):
        enrolment = Enrolment.objects.create(course=courses[0].obj, user=user, completed_at=dt.datetime(
            2011, 6, 1, tzinfo=dt.UTC))
        enrolments.append(Target(enrolment, False, mine=mine))
    cases = []
    for city, organisation, home in ((k, world["k_org"], True), (t, world["t_org"], False)):
        for published in (True, False):
            case = Case.objects.create(city=city, organisation=organisation, kind="building", title="Case",
                                       context="c", method="m", results="r", is_published=published)
            cases.append(Target(case, home, public=published))
    return {"training package": packages, "training session": sessions, "session participant": participants,
            "enrolment": enrolments, "course": courses, "good-practice case": cases}
def _cluster_targets(k: Any, t: Any, pdf: Callable[[str], Any]) -> dict[str, list[Target]]:
    """Partner profiles (public and hidden, of an entrepreneur), events, meeting requests and clusters at home and
    away; entrepreneurs own them, so no matrix role is their owner."""
    from creativepoles.clusters.models import BrokerageEvent, Cluster, ClusterMember, MeetingRequest, Profile

    firm, other = ensure_user("firm@example.test"), ensure_user("firm2@example.test")
    profiles = [Target(Profile.objects.create(owner=firm, firm_name=f"Firm {v}", city=k, group="music",
                                              offers="Sound", seeks="Video", visibility=v), True,
                       public=v == "public") for v in ("public", "hidden")]
    partner = Profile.objects.create(owner=other, firm_name="Partner", city=t, group="film-video", offers="Video",
                                     seeks="Sound")
    events, meetings, clusters = [], [], []
    for city, home in ((k, True), (t, False)):
        for published in (True, False):
            event = BrokerageEvent.objects.create(city=city, title=f"Match {city.slug} {published}",
                                                  starts_at=dt.datetime(2030, 1, 1, 10, tzinfo=dt.UTC),
                                                  is_published=published)
            events.append(Target(event, home, public=published))
            cluster = Cluster.objects.create(name=f"Cluster {city.slug} {published}", focus="Joint",
                                             cooperation="product", city=city, is_published=published,
                                             created_by=other, agreement=pdf("agreement.pdf"))
            ClusterMember.objects.create(cluster=cluster, firm_name="Member", city=city)
            clusters.append(Target(cluster, home, public=published))
        meetings.append(Target(MeetingRequest.objects.create(event=events[-2].obj, requester=profiles[0].obj,
                                                             invitee=partner), home))
    return {"partner profile": profiles, "brokerage event": events, "meeting request": meetings,
            "cluster": clusters}


def _package_targets(k: Any) -> dict[str, list[Target]]:
    """The method package pages act on no row of a city: one target stands for the network-wide right."""
    return {"method package": [Target(k, True)]}


def _replication_targets(k: Any, t: Any) -> dict[str, list[Target]]:
    """An onboarding run of a city outside the network: only the network's managers see or run it."""
    from creativepoles.core.models import City
    from creativepoles.replication.models import STEP_ORDER, Onboarding, OnboardingStep

    city = City.objects.create(slug="newtown", name="Newtown", name_en="Newtown", country="FI", latitude="60.17",
                               longitude="24.94", time_zone="Europe/Helsinki", is_partner=False)
    run = Onboarding.objects.create(city=city, facts={"slug": "newtown"})
    OnboardingStep.objects.bulk_create([OnboardingStep(onboarding=run, key=key) for key in STEP_ORDER])
    return {"onboarding": [Target(run, False)]}


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
    "academy:edition-detail": ("academy edition", "view", page("get", lambda o: f"/academy/{o.pk}/"), {200}),
    "academy-edition-detail": ("academy edition", "view", api("get", lambda o: f"/api/academy/editions/{o.pk}/"),
                               {200}),
    "academy:edition-edit": ("academy edition", "change", page("get", lambda o: f"/academy/{o.pk}/edit/"), {200}),
    "academy:edition-teams": ("academy edition", "view", page("get", lambda o: f"/academy/{o.pk}/teams/"), {200}),
    "academy:edition-manage": ("academy edition", "control", page("get", lambda o: f"/academy/{o.pk}/manage/"),
                               {200}),
    "academy:edition-selection": ("academy edition", "control",
                                  page("get", lambda o: f"/academy/{o.pk}/selection/"), {200}),
    "academy:edition-assign": ("academy edition", "control", page("post", lambda o: f"/academy/{o.pk}/assign/"),
                               {302}),
    "academy:edition-announce": ("academy edition", "control",
                                 page("post", lambda o: f"/academy/{o.pk}/announce/"), {302}),
    "academy-edition-select": ("academy edition", "control",
                               api("post", lambda o: f"/api/academy/editions/{o.pk}/select/"), {200}),
    "academy:application-detail": ("academy application", "view",
                                   page("get", lambda o: f"/academy/applications/{o.pk}/"), {200}),
    "academy-application-detail": ("academy application", "view",
                                   api("get", lambda o: f"/api/academy/applications/{o.pk}/"), {200}),
    "academy:application-file": ("academy application", "evidence",
                                 page("get", lambda o: f"/academy/applications/{o.pk}/file/"), {200}),
    "academy:application-edit": ("academy application", "change",
                                 page("get", lambda o: f"/academy/applications/{o.pk}/edit/"), {200}),
    "academy:application-withdraw": ("academy application", "change",
                                     page("post", lambda o: f"/academy/applications/{o.pk}/withdraw/"), {302}),
    # Not selected: one who may act gets past the rights to the "only a selected applicant" refusal.
    "academy:application-decline": ("academy application", "change",
                                    page("post", lambda o: f"/academy/applications/{o.pk}/decline/"), {302}),
    "academy-application-withdraw": ("academy application", "change",
                                     api("post", lambda o: f"/api/academy/applications/{o.pk}/withdraw/"), {200}),
    "academy-application-decline": ("academy application", "change",
                                    api("post", lambda o: f"/api/academy/applications/{o.pk}/decline/"), {400}),
    "academy:application-override": ("academy application", "control", page(
        "post", lambda o: f"/academy/applications/{o.pk}/override/", {"status": "waiting", "reason": "Dates"}),
        {302}),
    "academy-review-detail": ("academy review", "view", api("get", lambda o: f"/api/academy/reviews/{o.pk}/"),
                              {200}),
    "academy:review-form": ("academy review", "change", page("get", lambda o: f"/academy/reviews/{o.pk}/"), {200}),
    "academy-review-score": ("academy review", "change",
                             api("post", lambda o: f"/api/academy/reviews/{o.pk}/score/"), {200}),
    "academy:team-edit": ("academy team", "change", page("get", lambda o: f"/academy/teams/{o.pk}/"), {200}),
    "advisory:plan-detail": ("business plan", "view", page("get", lambda o: f"/advisory/plans/{o.pk}/"), {200}),
    "advisory:plan-versions": ("business plan", "view",
                               page("get", lambda o: f"/advisory/plans/{o.pk}/versions/"), {200}),
    "advisory:plan-pdf": ("business plan", "view", page("get", lambda o: f"/advisory/plans/{o.pk}/plan.pdf"), {200}),
    "advisory:plan-xlsx": ("business plan", "view",
                           page("get", lambda o: f"/advisory/plans/{o.pk}/financials.xlsx"), {200}),
    "advisory-plan-detail": ("business plan", "view", api("get", lambda o: f"/api/advisory/plans/{o.pk}/"), {200}),
    "advisory-plan-results": ("business plan", "view",
                              api("get", lambda o: f"/api/advisory/plans/{o.pk}/results/"), {200}),
    "advisory:plan-edit": ("business plan", "change", page("get", lambda o: f"/advisory/plans/{o.pk}/edit/"), {200}),
    "advisory:plan-section": ("business plan", "change",
                              page("get", lambda o: f"/advisory/plans/{o.pk}/sections/summary/"), {200}),
    "advisory:plan-financials": ("business plan", "change",
                                 page("get", lambda o: f"/advisory/plans/{o.pk}/financials/"), {200}),
    "advisory:plan-submit": ("business plan", "change",
                             page("post", lambda o: f"/advisory/plans/{o.pk}/submit/"), {302}),
    "advisory-plan-detail:patch": ("business plan", "change",
                                   api("patch", lambda o: f"/api/advisory/plans/{o.pk}/"), {200}),
    "advisory-plan-submit": ("business plan", "change",
                             api("post", lambda o: f"/api/advisory/plans/{o.pk}/submit/"), {200}),
    "advisory:plan-delete": ("business plan", "delete",
                             page("post", lambda o: f"/advisory/plans/{o.pk}/delete/"), {302}),
    "advisory-plan-detail:delete": ("business plan", "delete",
                                    api("delete", lambda o: f"/api/advisory/plans/{o.pk}/"), {204}),
    "advisory:plan-review": ("business plan", "control",
                             page("get", lambda o: f"/advisory/plans/{o.pk}/review/"), {200}),
    # An empty review body: one who may review gets past the rights to the missing decision's 400.
    "advisory-plan-review": ("business plan", "control",
                             api("post", lambda o: f"/api/advisory/plans/{o.pk}/review/"), {400}),
    "advisory:session-detail": ("consultation session", "view",
                                page("get", lambda o: f"/advisory/sessions/{o.pk}/"), {200}),
    "advisory-session-detail": ("consultation session", "view",
                                api("get", lambda o: f"/api/advisory/sessions/{o.pk}/"), {200}),
    "advisory:session-edit": ("consultation session", "change",
                              page("get", lambda o: f"/advisory/sessions/{o.pk}/edit/"), {200}),
    "advisory-session-detail:patch": ("consultation session", "change",
                                      api("patch", lambda o: f"/api/advisory/sessions/{o.pk}/"), {200}),
    "advisory:session-delete": ("consultation session", "delete",
                                page("post", lambda o: f"/advisory/sessions/{o.pk}/delete/"), {302}),
    "advisory-session-detail:delete": ("consultation session", "delete",
                                       api("delete", lambda o: f"/api/advisory/sessions/{o.pk}/"), {204}),
    "advisory:session-evidence": ("consultation session", "evidence",
                                  page("get", lambda o: f"/advisory/sessions/{o.pk}/evidence/"), {200}),
    "atlas:firm-detail": ("firm", "view", page("get", lambda o: f"/atlas/firms/{o.pk}/"), {200}),
    "atlas-firm-detail": ("firm", "view", api("get", lambda o: f"/api/atlas/firms/{o.pk}/"), {200}),
    "atlas:firm-edit": ("firm", "change", page("get", lambda o: f"/atlas/firms/{o.pk}/edit/"), {200}),
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
    "learning:package-detail": ("training package", "view",
                                page("get", lambda o: f"/learning/packages/{o.pk}/"), {200}),
    "learning-package-detail": ("training package", "view", api("get", lambda o: f"/api/learning/packages/{o.pk}/"),
                                {200}),
    "learning:material": ("training package", "view", page(
        "get", lambda o: f"/learning/packages/{o.pk}/materials/{o.materials.get().pk}/"), {200}),
    "learning:material-upload": ("training package", "change", page(
        "post", lambda o: f"/learning/packages/{o.pk}/materials/",
        {"title": "Notes", "file": SimpleUploadedFile("notes.pdf", files.pdf(), "application/pdf")}), {302}),
    "learning:package-action": ("training package", "change",
                                page("post", lambda o: f"/learning/packages/{o.pk}/publish/"), {302}),
    "learning-package-publish": ("training package", "change",
                                 api("post", lambda o: f"/api/learning/packages/{o.pk}/publish/"), {200}),
    "learning:session-detail": ("training session", "view",
                                page("get", lambda o: f"/learning/sessions/{o.pk}/"), {200}),
    "learning-session-detail": ("training session", "view",
                                api("get", lambda o: f"/api/learning/sessions/{o.pk}/"), {200}),
    "learning:session-attendance": ("training session", "change", page(
        "post", lambda o: f"/learning/sessions/{o.pk}/attendance/", {"name": "New", "counted": "4"}), {302}),
    "learning-participant-detail": ("session participant", "view",
                                    api("get", lambda o: f"/api/learning/participants/{o.pk}/"), {200}),
    "learning:enrolment": ("enrolment", "view", page("get", lambda o: f"/learning/enrolments/{o.pk}/"), {200}),
    "learning:certificate": ("enrolment", "view",
                             page("get", lambda o: f"/learning/enrolments/{o.pk}/certificate.pdf"), {200}),
    "learning-enrolment-detail": ("enrolment", "view", api("get", lambda o: f"/api/learning/enrolments/{o.pk}/"),
                                  {200}),
    "learning:course-detail": ("course", "view", page("get", lambda o: f"/learning/course/{o.slug}/"), {200}),
    "learning-course-detail": ("course", "view", api("get", lambda o: f"/api/learning/courses/{o.pk}/"), {200}),
    "learning:course-export": ("course", "view", page("get", lambda o: f"/learning/course/{o.slug}/export.imscc"),
                               {200}),
    "learning:lesson": ("course", "view", page(
        "get", lambda o: f"/learning/course/{o.slug}/lessons/{o.modules.get().lessons.get().pk}/"), {200}),
    "learning:quiz": ("course", "view", page(
        "get", lambda o: f"/learning/course/{o.slug}/quizzes/{o.modules.get().quizzes.get().pk}/"), {200}),
    "learning:case-detail": ("good-practice case", "view", page("get", lambda o: f"/learning/cases/{o.pk}/"), {200}),
    "learning-case-detail": ("good-practice case", "view", api("get", lambda o: f"/api/learning/cases/{o.pk}/"),
                             {200}),
    "learning-case-detail:patch": ("good-practice case", "change",
                                   api("patch", lambda o: f"/api/learning/cases/{o.pk}/"), {200}),
    "events:event-detail": ("event", "view", page("get", lambda o: f"/events/{o.pk}/"), {200}),
    "events-event-detail": ("event", "view", api("get", lambda o: f"/api/events/events/{o.pk}/"), {200}),
    # Posting an empty form: those who see the event get as far as the form's errors.
    "events:event-register": ("event", "view", page("post", lambda o: f"/events/{o.pk}/register/"), {400}),
    "events:event-edit": ("event", "change", page("get", lambda o: f"/events/{o.pk}/edit/"), {200}),
    "events:event-cancel": ("event", "change", page("post", lambda o: f"/events/{o.pk}/cancel/"), {302}),
    "events:attendees": ("event", "change", page("get", lambda o: f"/events/{o.pk}/attendees/"), {200}),
    "events:attendees-export": ("event", "change", page("get", lambda o: f"/events/{o.pk}/attendees.csv"), {200}),
    "events:check-in": ("event", "change", page("get", lambda o: f"/events/{o.pk}/check-in/"), {200}),
    "events-registration-detail": ("registration", "view",
                                   api("get", lambda o: f"/api/events/registrations/{o.pk}/"), {200}),
    "events:campaign-detail": ("campaign", "view", page("get", lambda o: f"/events/campaigns/{o.pk}/"), {200}),
    "events:feed-campaign": ("campaign", "view", page("get", lambda o: f"/events/campaigns/{o.pk}/feed.ics"),
                             {200}),
    "events-campaign-detail": ("campaign", "view", api("get", lambda o: f"/api/events/campaigns/{o.pk}/"), {200}),
    "events:campaign-edit": ("campaign", "change", page("get", lambda o: f"/events/campaigns/{o.pk}/edit/"), {200}),
    "events:concept-approve": ("concept", "change", page("post", lambda o: f"/events/concept/{o.pk}/approve/"),
                               {302}),
    "clusters:profile-detail": ("partner profile", "view", page("get", lambda o: f"/clusters/profiles/{o.pk}/"),
                                {200}),
    "clusters-profile-detail": ("partner profile", "view", api("get", lambda o: f"/api/clusters/profiles/{o.pk}/"),
                                {200}),
    "clusters:profile-edit": ("partner profile", "change",
                              page("get", lambda o: f"/clusters/profiles/{o.pk}/edit/"), {200}),
    "clusters:suggestions": ("partner profile", "change",
                             page("get", lambda o: f"/clusters/profiles/{o.pk}/suggestions/"), {200}),
    "clusters-profile-suggestions": ("partner profile", "change", api(
        "get", lambda o: f"/api/clusters/profiles/{o.pk}/suggestions/"), {200}),
    "clusters-profile-detail:patch": ("partner profile", "change",
                                      api("patch", lambda o: f"/api/clusters/profiles/{o.pk}/"), {200}),
    "clusters:event-detail": ("brokerage event", "view", page("get", lambda o: f"/clusters/events/{o.pk}/"), {200}),
    "clusters-event-detail": ("brokerage event", "view", api("get", lambda o: f"/api/clusters/events/{o.pk}/"),
                              {200}),
    "clusters:agenda": ("brokerage event", "view", page("get", lambda o: f"/clusters/events/{o.pk}/agenda/"), {200}),
    "clusters:agenda-ics": ("brokerage event", "view",
                            page("get", lambda o: f"/clusters/events/{o.pk}/agenda.ics"), {200}),
    # 400: the rights are there, the empty request form is not.
    "clusters:meeting-request": ("brokerage event", "view",
                                 page("post", lambda o: f"/clusters/events/{o.pk}/request/"), {400}),
    "clusters:event-edit": ("brokerage event", "change", page("get", lambda o: f"/clusters/events/{o.pk}/edit/"),
                            {200}),
    "clusters:event-schedule": ("brokerage event", "change",
                                page("post", lambda o: f"/clusters/events/{o.pk}/schedule/"), {302}),
    "clusters-meeting-detail": ("meeting request", "view", api("get", lambda o: f"/api/clusters/meetings/{o.pk}/"),
                                {200}),
    "clusters:meeting-answer": ("meeting request", "change", page(
        "post", lambda o: f"/clusters/meetings/{o.pk}/answer/", {"answer": "decline"}), {302}),
    "clusters-meeting-accept": ("meeting request", "change",
                                api("post", lambda o: f"/api/clusters/meetings/{o.pk}/accept/"), {200}),
    "clusters-meeting-decline": ("meeting request", "change",
                                 api("post", lambda o: f"/api/clusters/meetings/{o.pk}/decline/"), {200}),
    "clusters:cluster-detail": ("cluster", "view", page("get", lambda o: f"/clusters/groups/{o.pk}/"), {200}),
    "clusters-cluster-detail": ("cluster", "view", api("get", lambda o: f"/api/clusters/clusters/{o.pk}/"), {200}),
    "clusters:cluster-edit": ("cluster", "change", page("get", lambda o: f"/clusters/groups/{o.pk}/edit/"), {200}),
    "clusters:cluster-status": ("cluster", "change", page("post", lambda o: f"/clusters/groups/{o.pk}/status/",
                                                          {"status": "dissolved"}), {302}),
    "clusters:cluster-member": ("cluster", "change", page("post", lambda o: f"/clusters/groups/{o.pk}/members/"),
                                {302}),
    "clusters:cluster-member-remove": ("cluster", "change", lambda client, o: client.post(
        f"/clusters/groups/{o.pk}/members/remove/", {"member": o.members.get().pk}), {302}),
    "clusters:cluster-activity": ("cluster", "change",
                                  page("post", lambda o: f"/clusters/groups/{o.pk}/activities/"), {302}),
    "clusters:cluster-agreement-upload": ("cluster", "change",
                                          page("post", lambda o: f"/clusters/groups/{o.pk}/agreement/"), {302}),
    "replication:onboarding-detail": ("onboarding", "view",
                                      page("get", lambda o: f"/replication/onboarding/{o.pk}/"), {200}),
    "replication:onboarding-step": ("onboarding", "change",
                                    page("post", lambda o: f"/replication/onboarding/{o.pk}/ranking/"), {400}),
    "clusters:cluster-agreement": ("cluster", "evidence",
                                   page("get", lambda o: f"/clusters/groups/{o.pk}/files/agreement/"), {200}),
    "replication:package-export": ("method package", "change",
                                   page("get", lambda o: "/replication/package/export/"), {200}),
    "replication:package-import": ("method package", "change",
                                   page("get", lambda o: "/replication/package/import/"), {200}),
}

# Routes without a per-city object: anyone may open them (signing in first where the page needs it); what
# they list is scoped, which the matrix above and each module's tests check.
OPEN = {
    "home", "core:city-list", "core:city-detail", "core:city-story", "core:organisation-list", "core:notification-list",
    "core:notification-read", "core:account", "core:role-request-list", "programme:index", "programme:dashboard", "programme:expenditure-list",
    "programme:report-list", "programme:indicators", "programme:charter", "programme:pilots",
    "programme:partner-detail", "programme:project-report", "programme:claims", "programme:payments",
    "programme:procurements", "spaces:site-list", "spaces:method-list",
    "spaces:method-detail", "spaces:run-detail", "spaces:run-compare", "spaces:address-search", "spaces:public-sites", "spaces:site-export", "api-schema",
    "api-docs", "programme-project-indicators", "programme-project-timeline",
    "academy:edition-list", "academy:review-list",
    "api-docs", "programme-project-indicators", "programme-project-timeline", "advisory:index",
    "advisory:session-list", "advisory:plan-list",
    "atlas:index", "atlas:compare", "atlas:city", "atlas:map", "atlas:export", "atlas:correspondence",
    "atlas-indicators-hotspots",
    "learning:index", "learning:session-list", "learning:case-list", "learning:feedback", "learning:verify",
    "events:calendar", "events:feed-all", "events:feed-city", "events:campaign-list", "events:concept",
    "events:concept-version", "events:my-feed",
    # A registrant's page, its cancellation and a personal feed are reached by the secret in their URL only.
    "events:registration", "events:registration-cancel", "events:feed-personal",
    "clusters:index", "clusters:profile-list", "clusters:event-list", "clusters:cluster-list", "clusters:formation",
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
    "atlas:firm-list": "tests/atlas/test_pages.py::test_it_lists_a_register_to_its_city_only",
    "atlas:import-list": "tests/atlas/test_import_pages.py::test_it_imports_in_the_background_with_progress",
    "atlas:import-detail": "tests/atlas/test_import_pages.py::test_it_shows_a_run_to_its_city_and_the_managers_only",
    "atlas:denominators": "tests/atlas/test_pages.py::test_it_lets_city_editors_enter_totals_for_their_city_only",
    "programme-project-report-submit": "tests/programme/test_api.py::test_it_submits_project_reports_by_the_manager_only",
    # Applicants and reviewers hold no role, so the table's columns do not show them: their own tests do.
    "academy:apply": "tests/academy/test_applications.py",
    "academy:edition-create": "tests/academy/test_editions.py::test_it_lets_the_host_city_editor_open_an_edition_"
                              "only_in_their_city",
    "academy:conflict-create": "tests/academy/test_permissions_academy.py::test_a_conflict_declared_later_hides_the_"
                               "application_at_once",
    "advisory:plan-create": "tests/advisory/test_views.py::test_it_lets_anyone_signed_in_start_a_plan_of_their_own",
    "advisory:session-create": "tests/advisory/test_views.py::test_it_offers_only_the_consultants_centres_and_"
                               "clients",
    "learning:session-create": "tests/learning/test_sessions.py::test_it_offers_only_cities_where_the_user_may_record",
    "learning:package-create": "tests/learning/test_sessions.py::test_it_starts_a_package_for_an_organisation_the_user_"
                               "may_add_to",
    "learning:course-import": "tests/learning/test_cartridge.py::test_it_lets_only_the_network_import_a_course",
    "learning:course-enrol": "tests/learning/test_course.py::test_it_takes_a_learner_through_the_course",
    "learning:lesson-done": "tests/learning/test_course.py::test_it_takes_a_learner_through_the_course",
    "events:event-create": "tests/events/test_views.py::test_it_saves_times_typed_in_the_city_zone",
    "events:campaign-create": "tests/events/test_campaigns.py::test_it_links_only_budget_lines_of_the_campaign_city",
    "events:concept-create": "tests/events/test_campaigns.py::test_it_versions_the_concept_for_managers_only",
    "clusters:profile-create": "tests/clusters/test_profiles.py::test_it_lets_an_entrepreneur_create_a_profile_and_"
                               "see_suggestions",
    "clusters:event-create": "tests/clusters/test_events.py::test_it_lets_city_editors_add_events_in_their_city_only",
    "clusters:cluster-create": "tests/clusters/test_clusters.py::test_the_pages_found_a_cluster_from_a_proposal",
    # Only a certified report has a certificate (the matrix's reports are submitted): who may read it is the
    # report's view right, checked there.
    "programme:partner-report-certificate": "tests/programme/test_control_pages.py::test_it_serves_the_certificate_"
                                            "to_the_partner_only",
    # Starting an onboarding adds a city: the page exists for the network's managers only.
    "replication:onboarding-list": "tests/replication/test_pages.py::test_it_hides_onboarding_from_everyone_but_"
                                   "the_network",
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
                allowed = granted(expected[(resource, action)][role], target, role)
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
    pages = ["/", "/organisations/", "/spaces/", "/cities/klaipeda/story/", "/cities/tartu/story/", "/spaces/methods/", "/programme/ucp/",
             "/programme/ucp/expenditure/", "/programme/ucp/reports/", "/programme/ucp/indicators/",
             "/programme/ucp/charter/", "/programme/ucp/pilots/", "/events/", "/events/campaigns/",
             *[f"/events/{t.obj.pk}/" for t in matrix["event"]],
             "/programme/ucp/charter/", "/programme/ucp/pilots/", "/clusters/", "/clusters/groups/",
             "/clusters/events/", "/clusters/profiles/", *[f"/clusters/groups/{t.obj.pk}/" for t in matrix["cluster"]],
             *[f"/clusters/events/{t.obj.pk}/" for t in matrix["brokerage event"]],
             *[f"/spaces/sites/{t.obj.pk}/" for t in matrix["site"]],
             *[f"/programme/ucp/reports/partner/{t.obj.pk}/" for t in matrix["partner report"]],
             *[f"/programme/ucp/partners/{t.obj.pk}/" for t in matrix["partner"]],
             "/advisory/", "/advisory/sessions/", *[f"/advisory/plans/{t.obj.pk}/" for t in matrix["business plan"]],
             *[f"/advisory/sessions/{t.obj.pk}/" for t in matrix["consultation session"]]]
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
