"""Demo advisory centres with a consultant each, entrepreneurs with business plans at every stage in every city,
and consultation sessions adding up to 462 of the programme's 750 hours (learning counts training)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from creativepoles.advisory.guidance import TEMPLATES
from creativepoles.advisory.models import (
    BusinessPlan,
    ConsultationSession,
    PlanComment,
    PlanSection,
    PlanStatus,
    PlanVersion,
    SessionMode,
)
from creativepoles.core.demo import Demo, DemoContext, ensure_row
from creativepoles.core.models import Organisation, OrganisationKind, Role
from creativepoles.spaces.services.premises import premises_choices

DOMAIN = "demo.creativepoles.eu"
# City slug -> (local name of the centre, English name, consultant's first and last name).
CENTRES: dict[str, tuple[str, str, str, str]] = {
    "klaipeda": ("Klaipėdos kūrybinio verslo konsultacijų centras", "Klaipėda Creative Business Advice Centre",
                 "Rūta", "Jankauskienė"),
    "brandenburg": ("Gründungsberatung Kreativwirtschaft Brandenburg", "Brandenburg Creative Start-up Advice",
                    "Jana", "Schulze"),
    "cottbus": ("Gründerzentrum Cottbus Kreativ", "Cottbus Creative Start-up Centre", "Tobias", "Krüger"),
    "zielona-gora": ("Inkubator Przedsiębiorczości Kreatywnej", "Creative Enterprise Incubator Zielona Góra",
                     "Agnieszka", "Nowak"),
    "linkoping": ("Kreativa näringar rådgivning Linköping", "Linköping Creative Industries Advice", "Erik",
                  "Lindqvist"),
    "ostsam": ("Östsam företagsrådgivning", "Östsam Business Advice", "Maria", "Karlsson"),
    "tartu": ("Tartu Loomeinkubaator", "Tartu Creative Incubator", "Kadri", "Tamm"),
}
STAGES = (PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.CHANGES_REQUESTED, PlanStatus.APPROVED)
SUMMARY = ("A small creative business in {city}: the plan sets out the offer, the first customers and the money "
           "needed for the first five years.")
# Sessions per city and their lengths (hours): 30 sessions of 1.5 to 3 hours, about 60 hours a city.
LENGTHS = (Decimal("2"), Decimal("1.5"), Decimal("2.5"), Decimal("2"), Decimal("3"))
TOPICS = ("Business plan: offer and customers", "Financial model: costs and prices", "Funding and grants",
          "Marketing for makers", "Premises and rent")


def _centre(context: DemoContext, slug: str) -> Organisation:
    local, english, _first, _last = CENTRES[slug]
    org, _ = ensure_row(Organisation, {"city": context.cities[slug], "name": local},
                        {"name_en": english, "kind": OrganisationKind.ADVISORY_CENTRE, "deleted_at": None,
                         "is_public": True})
    context.organisations[f"{slug}-advisory"] = org
    return org


@transaction.atomic
def load_advisory_demo(context: DemoContext) -> None:
    """Centres, consultants, entrepreneurs, plans at every stage and sessions in every city (idempotent)."""
    start = dt.date(2011, 3, 1)
    for index, slug in enumerate(CENTRES):
        city = context.cities[slug]
        centre = _centre(context, slug)
        _local, _english, first, last = CENTRES[slug]
        if slug == "klaipeda":
            consultant = context.users["klaipeda.consultant"]
            context.add_user("klaipeda.consultant", consultant.email, f"{slug}-advisory", Role.CONSULTANT)
        else:
            consultant = context.add_user(f"{slug}.consultant", f"consultant.{slug}@{DOMAIN}", f"{slug}-advisory",
                                          Role.CONSULTANT, first_name=first, last_name=last)
        if not consultant.first_name:
            consultant.first_name, consultant.last_name = first, last
            consultant.save(update_fields=["first_name", "last_name"])
        for stage_index, stage in enumerate(STAGES):
            template = TEMPLATES[(index + stage_index) % len(TEMPLATES)]
            owner = context.add_user(f"{slug}.entrepreneur{stage_index + 1}",
                                     f"entrepreneur{stage_index + 1}.{slug}@{DOMAIN}",
                                     description="entrepreneur (owns business plans)",
                                     first_name=("Alex", "Sam", "Robin", "Kim")[stage_index], last_name=city.name_en)
            title = f"{template.label} · {city.name_en}"
            decided = timezone.make_aware(dt.datetime(2011, 6 + stage_index, 15)) if stage in (
                PlanStatus.APPROVED, PlanStatus.CHANGES_REQUESTED) else None
            # The submitted and the reviewed plans choose a published site of the city as their premises, so
            # the city story shows plans that name a site (set on creation only: the entrepreneur may change it).
            premises = premises_choices(owner, city.pk)[:1] if stage_index in (1, 2) else []
            plan, _ = ensure_row(BusinessPlan, {"owner": owner, "title": str(title)}, {
                "adviser": consultant, "centre": centre, "city": city, "template": template.key,
                "firm_name": f"{owner.first_name} {template.label}", "financials": template.financials,
            }, initial={"status": stage, "version": 0 if stage == PlanStatus.DRAFT else 1, "decided_at": decided,
                        "site_id": premises[0][0] if premises else None})
            if not plan.section_rows.exists():
                texts = {key: str(text) for key, text in template.sections.items()}
                texts["summary"] = SUMMARY.format(city=city.name_en)
                PlanSection.objects.bulk_create([PlanSection(plan=plan, key=k, text=t) for k, t in texts.items()])
            if stage != PlanStatus.DRAFT and not plan.versions.exists():
                PlanVersion.objects.create(plan=plan, number=1, title=plan.title, sections=plan.section_texts(),
                                           financials=plan.financials, created_by=owner)
            if stage == PlanStatus.CHANGES_REQUESTED and not plan.comments.exists():
                PlanComment.objects.create(plan=plan, section="market", author=consultant, version=1,
                                           text="Name your three biggest customers and what they paid last year.")
        if not ConsultationSession.objects.filter(centre=centre).exists():
            clients = list(BusinessPlan.objects.filter(adviser=consultant, city=city).values_list("owner",
                                                                                                    flat=True))
            sessions = ConsultationSession.objects.bulk_create([
                ConsultationSession(date=start + dt.timedelta(days=12 * n + index), city=city, centre=centre,
                                    adviser=consultant, duration_hours=LENGTHS[n % len(LENGTHS)],
                                    topic=TOPICS[n % len(TOPICS)],
                                    mode=SessionMode.ONLINE if n % 4 == 3 else SessionMode.IN_PERSON)
                for n in range(30)])
            through = ConsultationSession.clients.through
            through.objects.bulk_create([through(consultationsession_id=s.pk, user_id=clients[n % len(clients)])
                                         for n, s in enumerate(sessions) if clients])


DEMO = Demo(name="advisory", depends_on=("core", "spaces"), load=load_advisory_demo)


def demo_hours() -> Decimal:
    """The hours the demo's sessions add up to (per city 30 sessions)."""
    per_city = sum((LENGTHS[n % len(LENGTHS)] for n in range(30)), Decimal(0))
    return per_city * len(CENTRES)


__all__ = ["DEMO", "demo_hours"]
