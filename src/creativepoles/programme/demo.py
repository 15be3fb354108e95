"""Demo data for URBAN CREATIVE POLES: the seed's facts and money, plus clearly marked illustrations.

The seed gives the project total and Klaipėda's budget; every other partner's budget, the spending
and the reports are illustrations that keep the seed's totals exact.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.analysis.money import allocate, convert
from creativepoles.core.demo import Demo, DemoContext, ensure_row, ensure_user
from creativepoles.core.models import AuditEntry, City, Membership, Organisation, Role
from creativepoles.programme.models import (
    BudgetLine,
    CharterVersion,
    CoFinancing,
    Commitment,
    CostCategory,
    ErrorType,
    Expenditure,
    Indicator,
    IndicatorValue,
    Instalment,
    Milestone,
    Outcome,
    Partner,
    PartnerReport,
    PartnerRole,
    PaymentKind,
    Period,
    PilotProject,
    Project,
    Signatory,
)
from creativepoles.programme.models.pilots import PilotStatus
from creativepoles.programme.models.reports import ReportStatus
from creativepoles.programme.services import control, payments
from creativepoles.programme.services import reports as report_services
from creativepoles.programme.services.project import generate_periods

ILLUSTRATIVE = "Illustrative demo figure: the seed states only Klaipėda's budget and the project total."
CATEGORY_WEIGHTS = [Decimal(w) for w in (35, 5, 10, 35, 5, 10)]
# (organisation key, currency, budget or None for a share of the rest, weight of the rest)
PARTNERS: list[tuple[str, str, Decimal | None, int]] = [
    ("brandenburg-university", "EUR", None, 25),
    ("klaipeda-agency", "LTL", Decimal("1107105.00"), 0),
    ("cottbus-municipality", "EUR", None, 15),
    ("zielona-gora-municipality", "EUR", None, 15),
    ("linkoping-municipality", "EUR", None, 15),
    ("ostsam-council", "EUR", None, 15),
    ("tartu-municipality", "EUR", None, 15),
]
# code, name, unit, target, provider, source wording
INDICATORS: list[tuple[str, str, str, str, str, str]] = [
    ("HOURS", "Hours of consulting and training", "hours", "750", "hours.consulting_training", "about 750 hours across the partner cities"),
    ("PACKAGES", "Training, coaching and consulting packages", "packages", "5", "learning.packages", "5 packages"),
    ("CLUSTERS", "Multilateral clusters of businesses", "clusters", "5", "clusters.clusters", "5 clusters"),
    ("PILOTS", "Pilot projects", "pilots", "5", "programme.pilots", "5 pilots, one in each of five cities"),
    ("CAMPAIGNS", "Partner cities with event campaigns", "cities", "7", "events.campaign_cities",
     "campaigns in all partner cities"),
    ("CHARTER", "Partner cities whose mayor signed the charter", "cities", "7", "programme.charter_cities",
     "signed by the mayors of the partner cities"),
    ("MARKETING", "International marketing and events concept", "concept", "1", "events.marketing_concept",
     "1 concept"),
    ("BLENDED", "Blended-learning tool for other cities", "tool", "1", "learning.course", "1 tool"),
    ("ACADEMY", "Summer academy in the first project year", "academy", "1", "academy.academies",
     "1 summer academy in year one"),
    ("BPLANS", "Business plans prepared by the consulting centres", "plans", "7", "advisory.business_plans",
     "one business plan per partner city (the project description sets no number)"),
    ("PREINVEST", "Pre-investment methodology in use in the partner cities", "cities", "7", "spaces.method_cities",
     "1 methodology, applied in the partner cities"),
]
PILOT_CITIES = ["klaipeda", "cottbus", "zielona-gora", "linkoping", "tartu"]
SIGNED_CITIES = ["brandenburg", "klaipeda", "cottbus", "zielona-gora", "linkoping"]


@transaction.atomic
def load_programme_demo(context: DemoContext) -> None:
    """Create the project with the seed's facts, partners, budgets, spending, reports and indicators."""
    manager = context.users["manager"]
    project, created = ensure_row(
        Project, {"acronym": "urban-creative-poles"},
        {
            "title": "URBAN CREATIVE POLES",
            "title_local": "Urbanistinės traukos erdvės",
            "number": "3025",
            "programme_name": "Interreg IV B Baltic Sea Region 2007–2013",
            "approved_on": dt.date(2010, 9, 17),
            "start_date": dt.date(2010, 10, 1),
            "total_amount": Decimal("2393287.50"),
            "total_currency": "EUR",
            "stated_other_amount": Decimal("8263543.00"),
        },
    )
    # Regenerating periods writes an audit entry; a second load finds them in place.
    periods = (generate_periods(manager, project) if created or not project.periods.exists()
               else list(project.periods.order_by("number")))
    # Reports are due two months after each period ends (content and finance together).
    for period in periods:
        if period.deadline is None:
            Period.objects.filter(pk=period.pk).update(deadline=period.end + dt.timedelta(days=60))
    orgs = context.organisations
    partners = _partners(project, orgs)
    if created or not BudgetLine.objects.filter(partner__project=project).exists():
        _budgets(project, partners, periods)
    _indicators(project, context.cities)
    # Controllers are the programme's role: its demo brings its own, one per partner (Klaipėda's can sign in).
    controllers = _controllers(context, partners)
    control.ensure_defaults()  # the migration seeds them, but a flushed database (browser tests) has lost them
    if created or not Expenditure.objects.filter(partner__project=project).exists():
        with control.quietly():  # history from years ago notifies nobody today
            _spending_and_reports(manager, controllers, partners, periods)
    _charter(project, orgs, context.cities)
    _pilots(project, context.cities)


DEMO = Demo(name="programme", depends_on=("core",), load=load_programme_demo)


def _partners(project: Project, orgs: dict[str, Organisation]) -> list[Partner]:
    partners = []
    for number, (key, currency, _budget, _weight) in enumerate(PARTNERS, start=1):
        partner, _ = ensure_row(
            Partner, {"project": project, "organisation": orgs[key]},
            {"role": PartnerRole.LEAD if number == 1 else PartnerRole.PARTNER, "number": number,
             "currency": currency, "budget_note": "" if _budget is not None else ILLUSTRATIVE},
        )
        # The seed's EU share of Klaipėda (941,039.00 LTL) is 85 % rounded down to whole litas.
        whole_litas = currency == "LTL"
        ensure_row(CoFinancing, {"partner": partner}, {
            "fund_name": "ERDF", "fund_rate": Decimal("0.85"),
            "quantum": Decimal("1") if whole_litas else Decimal("0.01"),
            "rounding": "down" if whole_litas else "half_up",
        })
        partners.append(partner)
    return partners


def _budgets(project: Project, partners: list[Partner], periods: list[Any]) -> None:
    known_eur = sum((convert(b, c, "EUR") for _k, c, b, _w in PARTNERS if b is not None), Decimal("0"))
    rest = allocate(project.total_amount - known_eur, [Decimal(w) for *_x, w in PARTNERS if w])
    shares = iter(rest)
    for partner, (_key, _currency, budget, _weight) in zip(partners, PARTNERS, strict=True):
        total = budget if budget is not None else next(shares)
        for category, amount in zip(CostCategory.values, allocate(total, CATEGORY_WEIGHTS), strict=True):
            for period, part in zip(periods, allocate(amount, [Decimal(1)] * len(periods)), strict=True):
                BudgetLine.objects.update_or_create(partner=partner, category=category, period=period,
                                                    defaults={"amount": part})


def _indicators(project: Project, cities: dict[str, City]) -> None:
    for order, (code, name, unit, target, provider, note) in enumerate(INDICATORS):
        Indicator.objects.update_or_create(project=project, code=code, defaults={
            "name": name, "unit": unit, "target": Decimal(target), "provider": provider, "target_note": note,
            "order": order, "due_date": dt.date(2011, 9, 30) if code == "ACADEMY" else None,
        })
    hours = Indicator.objects.get(project=project, code="HOURS")
    if not hours.manual_values.exists():
        for slug, value in (("klaipeda", 96), ("brandenburg", 120), ("cottbus", 88), ("tartu", 74)):
            IndicatorValue.objects.create(indicator=hours, city=cities[slug], value=Decimal(value),
                                          recorded_on=dt.date(2012, 6, 30), note="Demo: hours from attendance lists")


def _spending_and_reports(manager: Any, controllers: dict[int, Any], partners: list[Partner],
                          periods: list[Any]) -> None:
    items = [
        (CostCategory.STAFF, "Project coordinator salary", "", "0.55"),
        (CostCategory.EXTERNAL, "Feasibility study of a vacant industrial building", "Architecture studio", "0.25"),
        (CostCategory.TRAVEL, "Partner meeting travel", "Air carrier", "0.05"),
        (CostCategory.OFFICE, "Office and administration flat rate", "", "0.05"),
    ]
    for partner in partners:
        for period in periods[:-1]:
            planned = sum(b.amount for b in partner.budget_lines.filter(period=period))
            for category, description, supplier, share in items:
                Expenditure.objects.create(
                    partner=partner, period=period, date=period.start + dt.timedelta(days=30),
                    category=category, description=description, supplier=supplier,
                    amount=(planned * Decimal(share)).quantize(Decimal("0.01")), currency=partner.currency,
                    created_by=manager,
                )
            report = PartnerReport.objects.create(partner=partner, period=period, summary="Demo report")
            report_services.submit_partner_report(manager, report)
            if period.number <= len(periods) - 2:
                _control(controllers[partner.pk], report)
            _date_within_period(report)
        PartnerReport.objects.get_or_create(partner=partner, period=periods[-1],
                                            defaults={"status": ReportStatus.DRAFT})
    _claims_and_payments(manager, partners[0].project, periods)


def _controllers(context: DemoContext, partners: list[Partner]) -> dict[int, Any]:
    """A first-level controller for each partner, independent of its editors (Klaipėda's one can sign in)."""
    out = {}
    for partner in partners:
        organisation = partner.organisation
        if organisation.city.slug == "klaipeda":
            user = context.add_user("klaipeda.controller", "controller@demo.creativepoles.eu", "klaipeda-agency",
                                    Role.CONTROLLER, str(_("Controller of the Klaipėda agency's partner reports")))
        else:
            user = ensure_user(f"controller.{organisation.city.slug}@demo.creativepoles.eu")
            Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.CONTROLLER)
        out[partner.pk] = user
    return out


def _control(controller: Any, report: PartnerReport) -> None:
    """Verify a demo report: every second period's travel item is sampled and partly deducted."""
    report_services.start_control(controller, report)
    if report.period.number % 2 == 0:
        error_type = ErrorType.objects.get(code="evidence")
        row = report.verifications.select_related("expenditure").get(expenditure__category=CostCategory.TRAVEL)
        control.verify_item(controller, row, outcome=Outcome.PARTLY, in_sample=True,
                            deduction=(row.declared / 5).quantize(Decimal("0.01")), error_type=error_type,
                            comment="Boarding passes missing for one traveller (demo)")
    control.answer_checklist(controller, report, {q.pk: ("yes", "") for q, _a in control.checklist(report)})
    report_services.certify(controller, report)


def _claims_and_payments(manager: Any, project: Project, periods: list[Any]) -> None:
    """Two claims (periods 1–2 and 3–4), an advance, and the payments received and passed on."""
    advance = payments.record_payment(manager, project, kind=PaymentKind.ADVANCE, amount=Decimal("100000.00"),
                                      received_on=periods[0].start + dt.timedelta(days=45))
    for row in payments.pass_on(manager, advance, advance.received_on + dt.timedelta(days=7)):
        Instalment.objects.filter(pk=row.pk).update(confirmed_at=timezone.make_aware(
            dt.datetime.combine(row.paid_on + dt.timedelta(days=3), dt.time(10, 0))))
    for number, (first, last) in enumerate(((1, 2), (3, 4)), start=1):
        chosen = list(payments.available_certificates(project).filter(period__number__range=(first, last)))
        claim = payments.create_claim(manager, project, chosen, f"Periods {first}–{last}")
        _certified, fund = payments.claim_total(claim)
        received = periods[last].end + dt.timedelta(days=60)
        payment = payments.record_payment(manager, project, kind=PaymentKind.FUND, amount=fund,
                                          received_on=received, claim=claim)
        rows = payments.pass_on(manager, payment, received + dt.timedelta(days=10))
        if number == 1:  # the first claim's instalments are confirmed; the second's are still open
            Instalment.objects.filter(pk__in=[r.pk for r in rows]).update(confirmed_at=timezone.make_aware(
                dt.datetime.combine(received + dt.timedelta(days=14), dt.time(10, 0))))


def _date_within_period(report: PartnerReport) -> None:
    """Date a demo report's submission and its history on its period's last afternoon, not on the load day."""
    moment = timezone.make_aware(dt.datetime.combine(report.period.end, dt.time(15, 0)))
    PartnerReport.objects.filter(pk=report.pk).update(submitted_at=moment)
    # The steps keep their order: submitted, taken into control and certified a few minutes apart.
    entries = AuditEntry.objects.filter(model="programme.partnerreport", object_id=str(report.pk)).order_by("pk")
    for minutes, entry in enumerate(entries):
        AuditEntry.objects.filter(pk=entry.pk).update(at=moment + dt.timedelta(minutes=10 * minutes))


def _charter(project: Project, orgs: dict[str, Organisation], cities: dict[str, City]) -> None:
    charter, _ = CharterVersion.objects.update_or_create(project=project, version=1, defaults={
        "title": "Charter of the Urban Creative Poles network",
        "text": ("The mayors and heads of the partner institutions commit to keep the international network "
                 "of creative poles and its joint marketing alive after the project, building on its good "
                 "practice."),
        "adopted_on": dt.date(2013, 6, 1),
    })
    by_city = {o.city.slug: o for o in orgs.values() if o.kind in ("municipality", "development_agency")}
    for slug in SIGNED_CITIES:
        organisation = by_city.get(slug) or orgs["brandenburg-municipality"]
        Signatory.objects.get_or_create(charter=charter, city=cities[slug], defaults={
            "person": f"Mayor of {cities[slug].name_en} (demo)", "title": "Mayor",
            "organisation": organisation, "signed_on": dt.date(2013, 9, 20),
        })
    Commitment.objects.get_or_create(charter=charter, text="Keep the joint creative-poles website and calendar",
                                     defaults={"owner": orgs["brandenburg-university"], "due_on": dt.date(2014, 3, 31)})
    Commitment.objects.get_or_create(charter=charter, text="Host a network meeting every year after the project",
                                     defaults={"owner": orgs["klaipeda-agency"], "due_on": dt.date(2015, 6, 30)})


def _pilots(project: Project, cities: dict[str, City]) -> None:
    for index, slug in enumerate(PILOT_CITIES):
        pilot, created = PilotProject.objects.get_or_create(
            project=project, city=cities[slug], title=f"Creative workspace pilot in {cities[slug].name_en}",
            defaults={"description": "Demo pilot: temporary creative use of a vacant production building.",
                      "budget": Decimal("40000.00"), "currency": "EUR",
                      "status": PilotStatus.COMPLETED if index < 3 else PilotStatus.RUNNING},
        )
        if created:
            Milestone.objects.create(pilot=pilot, title="Site agreement signed", due_on=dt.date(2012, 3, 1),
                                     done_on=dt.date(2012, 3, 15))
            Milestone.objects.create(pilot=pilot, title="Space opened to tenants", due_on=dt.date(2013, 3, 1),
                                     done_on=dt.date(2013, 4, 2) if index < 3 else None)
