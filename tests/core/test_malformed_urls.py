"""Walk every URL pattern of the project (pages, accounts, the API router) with malformed path arguments and
query parameters, as anonymous, a city editor and the programme manager: no answer may be a 5xx.

Each pattern is turned into a URL from its own route or regex, so a new view is walked without anyone
remembering to add it; a pattern the walk cannot build a URL for fails the test until it is handled below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

from creativepoles.academy.models import Application, Edition, Review, Team
from creativepoles.advisory.models import BusinessPlan, ConsultationSession
from creativepoles.atlas.models import Firm, RegisterImport
from creativepoles.clusters.models import BrokerageEvent, Cluster, MeetingRequest, Profile
from creativepoles.core.demo import load_demos
from creativepoles.core.models import City, RoleRequest
from creativepoles.events.models import Campaign, ConceptVersion, Event, FeedToken, Registration
from creativepoles.learning.models import Case, Enrolment, Lesson, Quiz, TrainingPackage, TrainingSession
from creativepoles.programme.models import (
    CharterVersion,
    Claim,
    Commitment,
    Expenditure,
    Indicator,
    IndicatorValue,
    Instalment,
    Milestone,
    Partner,
    PartnerReport,
    Payment,
    PilotProject,
    Project,
    ProjectReport,
    Signatory,
)
from creativepoles.replication.models import Onboarding
from creativepoles.spaces.models import AssessmentRun, ImportRun, Method, Site, SiteDocument
from tests import files

# Garbage for path arguments and query parameters: too big for any column, negative, zero, not a number,
# non-ASCII (with a digit that is not an ASCII digit), a NUL, and nothing at all.
GARBAGE = ["99999999999999999999", "-1", "0", "abc", "Ž漢字²", "%00", ""]
# In a query string "0" behaves like "-1" (both below every minimum), so it is left out there.
QUERY_GARBAGE = [junk for junk in GARBAGE if junk != "0"]
QUERY_KEYS = ["page", "partner", "period", "city", "ordering", "search", "format", "status", "category", "kind",
              "export", "w", "q", "project", "site", "near"]

# Patterns deliberately not walked, each with its reason (anything else unbuildable fails the test).
NOT_WALKED = {
    "admin": "Django's admin: staff only and Django's own code (tests/core/test_robustness.py walks it)",
}
# Which record a page's `pk` names, so the walk also reaches the page behind a valid id.
PK_MODELS: dict[str, Any] = {
    "core:organisation-detail": "organisation", "core:organisation-edit": "organisation",
    "core:organisation-delete": "organisation", "core:role-request-decide": RoleRequest,
    "programme:file-expenditure": Expenditure, "programme:file-indicator-value": IndicatorValue,
    "programme:file-signatory": Signatory, "programme:file-pilot": PilotProject,
    "programme:partner-detail": Partner, "programme:budget-edit": Partner, "programme:expenditure-edit": Expenditure,
    "programme:expenditure-delete": Expenditure, "programme:partner-report": PartnerReport,
    "programme:partner-report-action": PartnerReport, "programme:project-report": ProjectReport,
    "programme:report-export": PartnerReport, "programme:indicator-value-add": Indicator,
    "programme:charter-version-edit": CharterVersion, "programme:commitment-create": CharterVersion,
    "programme:commitment-edit": CharterVersion, "programme:signatory-edit": Signatory,
    "programme:pilot-edit": PilotProject, "programme:milestone-create": PilotProject,
    "programme:milestone-edit": PilotProject,
    "programme:partner-report-verify": PartnerReport, "programme:partner-report-checklist": PartnerReport,
    "programme:partner-report-comment": PartnerReport, "programme:partner-report-certificate": PartnerReport,
    "programme:claim": Claim, "programme:claim-export": Claim, "programme:payment-pass-on": Payment,
    "programme:instalment-confirm": Instalment,
    "spaces:site-detail": Site, "spaces:site-edit": Site, "spaces:site-status": Site, "spaces:site-delete": Site,
    "spaces:site-upload": Site, "spaces:site-document": "site-of-document", "spaces:method-detail": Method,
    "spaces:method-run": Method, "spaces:run-detail": AssessmentRun, "spaces:run-compare": AssessmentRun,
    "spaces:site-dossier": Site, "spaces:import-detail": ImportRun,
    "spaces:site-dossier-pdf": Site, "spaces:site-dossier-map": Site,
    **{f"academy:{n}": Edition for n in ("edition-detail", "edition-edit", "apply", "conflict-create", "edition-manage",
                                         "edition-assign", "edition-selection", "edition-announce", "edition-teams")},
    **{f"academy:application-{n}": Application for n in ("detail", "edit", "withdraw", "decline", "override",
                                                          "file")},
    "academy:review-form": Review, "academy:team-edit": Team,
    "advisory:plan-detail": BusinessPlan, "advisory:plan-edit": BusinessPlan, "advisory:plan-section": BusinessPlan,
    "advisory:plan-financials": BusinessPlan, "advisory:plan-submit": BusinessPlan,
    "advisory:plan-review": BusinessPlan, "advisory:plan-delete": BusinessPlan,
    "advisory:plan-versions": BusinessPlan, "advisory:plan-pdf": BusinessPlan, "advisory:plan-xlsx": BusinessPlan,
    "advisory:session-detail": ConsultationSession, "advisory:session-edit": ConsultationSession,
    "advisory:session-delete": ConsultationSession, "advisory:session-evidence": ConsultationSession,
    "atlas:firm-detail": Firm, "atlas:firm-edit": Firm, "atlas:import-detail": RegisterImport,
    "learning:package-detail": TrainingPackage, "learning:package-action": TrainingPackage,
    "learning:material": TrainingPackage, "learning:material-upload": TrainingPackage,
    "learning:session-detail": TrainingSession,
    "learning:session-attendance": TrainingSession, "learning:lesson": Lesson, "learning:lesson-done": Lesson,
    "learning:quiz": Quiz, "learning:enrolment": Enrolment, "learning:certificate": Enrolment,
    "learning:case-detail": Case,
    **{f"events:{name}": Event for name in ("event-detail", "event-register", "event-edit", "event-cancel",
                                            "attendees", "attendees-export", "check-in")},
    **{f"events:{name}": Campaign for name in ("campaign-detail", "campaign-edit", "feed-campaign")},
    "events:concept-version": ConceptVersion, "events:concept-approve": ConceptVersion,
    "clusters:profile-detail": Profile, "clusters:profile-edit": Profile, "clusters:suggestions": Profile,
    "clusters:event-detail": BrokerageEvent, "clusters:event-edit": BrokerageEvent,
    "clusters:event-schedule": BrokerageEvent, "clusters:meeting-request": BrokerageEvent,
    "clusters:agenda": BrokerageEvent, "clusters:agenda-ics": BrokerageEvent, "clusters:meeting-answer": MeetingRequest,
    "clusters:cluster-detail": Cluster, "clusters:cluster-edit": Cluster, "clusters:cluster-status": Cluster,
    "clusters:cluster-member": Cluster, "clusters:cluster-member-remove": Cluster, "clusters:cluster-activity": Cluster,
    "clusters:cluster-agreement-upload": Cluster, "clusters:cluster-agreement": Cluster,
    "replication:onboarding-detail": Onboarding, "replication:onboarding-step": Onboarding,
}


Request = tuple[str, str, dict[str, str]]  # method, path, query


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full name, its path with {argument} holes, and its view."""

    name: str
    template: str
    callback: Any

    @property
    def arguments(self) -> list[str]:
        return re.findall(r"\{(\w+)\}", self.template)


def _regex_template(regex: str) -> str | None:
    """A regex route as a path with {name} holes, or None when it holds more than literals and named groups."""
    text = regex.removeprefix("^").removesuffix("$").removesuffix("/?") + ("/" if regex.endswith("/?$") else "")
    out, i = "", 0
    while i < len(text):
        match = re.match(r"\(\?P<(\w+)>", text[i:])
        if match:
            depth, j = 1, i + match.end()
            while j < len(text) and depth:
                depth += {"(": 1, ")": -1}.get(text[j], 0) if text[j - 1] != "\\" else 0
                j += 1
            out, i = out + "{" + match.group(1) + "}", j
        elif text[i] == "\\" and i + 1 < len(text) and not text[i + 1].isalnum():
            out, i = out + text[i + 1], i + 2
        elif text[i] in "()[]*+?|.^$\\{}":
            return None
        else:
            out, i = out + text[i], i + 1
    return out


def _template(pattern: Any) -> str | None:
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern._route))
    if isinstance(pattern, RegexPattern):
        return _regex_template(str(pattern._regex))
    return None


def walk(resolver: URLResolver | None = None, prefix: str = "/", namespace: str = "") -> Iterator[Route | str]:
    """Every pattern as a Route, or as the raw pattern text when no URL can be built from it."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        template = _template(entry.pattern)
        raw = prefix + str(entry.pattern)
        if template is None:
            yield raw
            continue
        if isinstance(entry, URLResolver):
            if entry.namespace in NOT_WALKED or (entry.app_name or "") in NOT_WALKED:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + template, inner)
        elif isinstance(entry, URLPattern):
            yield Route(f"{namespace}{entry.name or raw}", prefix + template, entry.callback)


@pytest.fixture
def demo(world: dict[str, Any]) -> dict[str, Any]:
    """The demo network (seven cities, the project, sites, methods, reports) plus one of every private file."""
    load_demos()
    expenditure = Expenditure.objects.filter(partner__organisation__city__slug="klaipeda").first()
    assert expenditure is not None
    expenditure.attachment.save("invoice.pdf", ContentFile(files.pdf()))
    for record in (PilotProject.objects.first(), Signatory.objects.first()):
        assert record is not None
        record.evidence.save("evidence.pdf", ContentFile(files.pdf()))
    indicator = Indicator.objects.first()
    IndicatorValue.objects.create(indicator=indicator, city=City.objects.get(slug="klaipeda"), value=1, recorded_on="2011-01-03",
                                  evidence=ContentFile(files.pdf(), "evidence.pdf"))
    site = Site.objects.filter(city__slug="klaipeda").first()
    assert site is not None
    document = SiteDocument(site=site, title="Survey", is_public=True)
    document.file.save("survey.pdf", ContentFile(files.pdf()))
    ImportRun.objects.create(city=site.city, file_name="harbour.osm", created_by=world["editor"])
    RegisterImport.objects.create(city=site.city, file_name="register.csv", created_by=world["editor"])
    project = Project.objects.get()
    ProjectReport.objects.get_or_create(project=project, period=project.periods.order_by("number").first())
    return {**world, "site": site, "document": document, "project": project}


def valid_values(route: Route, demo: dict[str, Any]) -> dict[str, str]:
    """A value for each argument of the route that names something real, so garbage reaches deep code."""
    project, document = demo["project"], demo["document"]
    values = {"acronym": project.acronym, "slug": "klaipeda", "city_slug": "klaipeda", "format": "json",
              "fmt": "pdf", "action": "submit", "kind": "partner", "key": "key", "uidb36": "1",
              "document_pk": str(document.pk), "step": "extract"}
    if route.template.endswith("/{format}"):
        values["format"] = ".json"  # DRF's suffix converter on the API roots takes the dot with the format
    if route.name == "spaces:site-upload":
        values["kind"] = "document"
    if route.name.startswith("learning:"):
        session, enrolment = TrainingSession.objects.order_by("pk").first(), Enrolment.objects.order_by("pk").first()
        assert session is not None and enrolment is not None, "the learning demo has no session or enrolment"
        values.update(slug=enrolment.course.slug, token=session.feedback_token, code=str(enrolment.certificate_code),
                      material_pk="1", action="publish", kind="imscc")
    view = getattr(route.callback, "cls", None)
    queryset = getattr(view, "base_queryset", None) or getattr(view, "queryset", None)
    if view is not None and getattr(view, "lookup_field", None) in route.arguments:  # a DRF viewset's detail
        model = queryset.model if queryset is not None else view.serializer_class.Meta.model
        record = model.objects.order_by("pk").first()
        assert record is not None, f"the demo has no {model.__name__} for {route.name}"
        values[view.lookup_field] = str(getattr(record, view.lookup_field))
    elif "pk" in route.arguments:
        source = PK_MODELS.get(route.name)
        assert source is not None, f"{route.name} ({route.template}): say in PK_MODELS which record its pk names"
        if source == "organisation":
            values["pk"] = str(demo["k_org"].pk)
        elif source == "site-of-document":
            values["pk"] = str(document.site_id)
        else:
            record = source.objects.order_by("pk").first()
            assert record is not None, f"the demo has no {source.__name__} for {route.name}"
            values["pk"] = str(record.pk)
    # The second record of a nested route belongs to the first record the pk names.
    if "commitment" in route.arguments:
        first_version = CharterVersion.objects.order_by("pk").first()
        values["commitment"] = str(Commitment.objects.filter(charter=first_version).order_by("pk")[0].pk)
    if "item" in route.arguments:
        first_report = PartnerReport.objects.order_by("pk").first()
        values["item"] = str(Expenditure.objects.filter(verifications__report=first_report).order_by("pk")[0].pk)
    if "milestone" in route.arguments:
        first_pilot = PilotProject.objects.order_by("pk").first()
        values["milestone"] = str(Milestone.objects.filter(pilot=first_pilot).order_by("pk")[0].pk)
    if "code" in route.arguments and route.name.startswith("events:"):  # a registrant's secret link
        values["code"] = Registration.objects.order_by("pk")[0].code
    if "token" in route.arguments and route.name.startswith("events:"):  # a personal feed's secret
        owner = Registration.objects.exclude(owner=None).order_by("pk").first()
        values["token"] = FeedToken.objects.get_or_create(owner=owner.owner if owner else demo["outsider"])[0].token
    missing = [a for a in route.arguments if a not in values]
    assert not missing, f"{route.name} ({route.template}): no valid value for {missing}"
    return values


def path_of(route: Route, values: dict[str, str]) -> str:
    """The route's path with the values put in (quoted, except an intended raw %00)."""
    return route.template.format(**{k: v if v == "%00" else quote(v, safe="") for k, v in values.items()})


def reaches(route: Route, path: str) -> bool:
    """Whether the path gets past the URL resolver to the route's view (a converter may refuse the garbage)."""
    try:
        return resolve(unquote(path)).func is route.callback
    except (Resolver404, ValueError):
        return False


def requests_for(routes: list[Route], demo: dict[str, Any]) -> tuple[list[Request], list[Request]]:
    """Garbage in each argument in turn (GET and POST) and garbage queries on a valid URL, as requests that
    reach a view; then the requests the resolver itself refuses, which need walking once, not once per user."""
    to_views: list[Request] = []
    refused: list[Request] = []
    for route in routes:
        values = valid_values(route, demo)
        for argument in route.arguments:
            for junk in GARBAGE:
                path = path_of(route, {**values, argument: junk})
                if reaches(route, path):
                    to_views += [("GET", path, {}), ("POST", path, {})]
                else:
                    refused.append(("GET", path, {}))
        good = path_of(route, values)
        assert reaches(route, good), f"{route.name}: {good} does not reach its view"
        if not route.template.endswith(".{format}/"):
            # A format-suffix route is its twin's view again: its query handling is walked on the twin.
            to_views += [("GET", good, dict.fromkeys(QUERY_KEYS, junk)) for junk in QUERY_GARBAGE]
    return to_views, refused


@pytest.mark.django_db
def test_it_builds_a_url_for_every_pattern() -> None:
    unbuildable = [entry for entry in walk() if isinstance(entry, str)]
    assert unbuildable == []
    names = {entry.name for entry in walk() if isinstance(entry, Route)}
    # The walk reaches the pages, accounts and every API router.
    assert {"programme:expenditure-list", "spaces:site-upload", "account_login", "api-root",
            "programme-expenditure-detail", "spaces-site-detail", "organisation-detail"} <= names


@pytest.mark.django_db
def test_it_never_answers_5xx_to_malformed_urls(demo: dict[str, Any]) -> None:
    routes = [entry for entry in walk() if isinstance(entry, Route)]
    logout = next(path_of(r, {}) for r in routes if r.name == "account_logout")
    to_views, refused = requests_for(routes, demo)
    assert len(routes) > 150 and len(to_views) > 1500 and len(refused) > 200
    failures = []
    for who in ("anonymous", "editor", "manager"):
        client = Client(raise_request_exception=False)
        for method, path, query in to_views + (refused if who == "anonymous" else []):
            if who != "anonymous" and (path == logout or "_auth_user_id" not in client.session):
                client.force_login(demo[who])  # the walk stays with this user even past the logout page
            response = client.get(path, query) if method == "GET" else client.post(path, {})
            if response.status_code >= 500:
                failures.append(f"{who} {method} {path} {query or ''} -> {response.status_code}")
    assert failures == []
