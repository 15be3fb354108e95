"""Demo summer academy: the first project year's edition in Klaipėda, applications from all seven partner
cities, two reviewers per application (none with a conflict), and the selection. Names are invented."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from creativepoles.academy import services
from creativepoles.academy.models import ApplicantKind, Application, Edition, Review
from creativepoles.core.demo import Demo, DemoContext, ensure_row
from creativepoles.core.models import Role

RUBRIC = [
    {"code": "idea", "label": "Strength of the idea", "weight": 3, "scale": 10},
    {"code": "portfolio", "label": "Portfolio", "weight": 2, "scale": 10},
    {"code": "international", "label": "Value for the international concept", "weight": 1, "scale": 5},
]
RULES = [{"country": "LT", "minimum": 2, "maximum": 3}, {"country": "DE", "minimum": 2, "maximum": 3},
         {"country": "PL", "minimum": 1, "maximum": 3}, {"country": "SE", "minimum": 2, "maximum": 3},
         {"country": "EE", "minimum": 1, "maximum": 3}]
FIELDS = ("Graphic design", "Architecture", "Music production", "Game design", "Fashion", "Film", "Crafts")
FIRST = ("Austėja", "Jonas", "Lena", "Felix", "Zofia", "Kacper", "Elsa", "Oskar", "Maarja", "Karl", "Ida")
REVIEWERS = (("reviewer.brandenburg", "brandenburg-university"), ("reviewer.tartu", "tartu-municipality"),
             ("reviewer.linkoping", "linkoping-municipality"), ("reviewer.zielona", "zielona-gora-municipality"))
PER_CITY = 3


def _scores(n: int) -> dict[str, int]:
    """Deterministic, varied scores: the n-th review's marks."""
    return {"idea": 3 + (n * 7) % 8, "portfolio": 2 + (n * 5) % 9, "international": 1 + (n * 3) % 5}


@transaction.atomic
def load(context: DemoContext) -> None:
    """The 2011 edition with its applications, reviews and selection (loaded once; a second run changes nothing)."""
    host = context.cities["klaipeda"]
    edition, _ = ensure_row(Edition, {"year": 2011, "city": host}, {
        "title": "Creative Poles Summer Academy 2011", "venue": "Kultūros fabrikas, Klaipėda",
        "starts_on": dt.date(2011, 7, 4), "ends_on": dt.date(2011, 7, 15), "capacity": 10,
        "deadline_date": dt.date(2011, 3, 31), "deadline_time": dt.time(23, 59), "is_published": True,
        "call_texts": {"en": "Two weeks in Klaipėda for students of creative fields and young creative "
                             "entrepreneurs from the seven partner cities: work in international teams on "
                             "ideas for vacant buildings.",
                       "lt": "Dvi savaitės Klaipėdoje kūrybinių sričių studentams ir jauniems kūrybiniams "
                             "verslininkams iš septynių partnerių miestų: tarptautinėse komandose kurkite "
                             "idėjas apleistiems pastatams."},
        "rubric": RUBRIC, "country_rules": RULES, "disagreement_threshold": Decimal("20.00")})
    for key, org in REVIEWERS:
        context.add_user(key, f"{key}@demo.creativepoles.eu", org, Role.REVIEWER, description="academy reviewer")
    student = context.add_user("academy.applicant", "student@demo.creativepoles.eu",
                               description="summer-academy applicant (no role)")
    if edition.applications.exists():
        return
    user_model = get_user_model()
    people = []
    n = 0
    for slug, city in sorted(context.cities.items()):
        for i in range(PER_CITY):
            n += 1
            email = f"applicant{n}.{slug}@demo.creativepoles.eu"
            people.append((city, i, email))
    existing = {u.username: u for u in user_model.objects.filter(username__in=[e for *_x, e in people])}
    new = [user_model(username=e, email=e) for *_x, e in people if e not in existing]
    for user in new:
        user.set_unusable_password()
    user_model.objects.bulk_create(new)
    users = {u.username: u for u in user_model.objects.filter(username__in=[e for *_x, e in people])}
    users[people[0][2]] = student  # the demo applicant's own application
    rows = []
    for k, (city, i, email) in enumerate(people):
        kind = ApplicantKind.STUDENT if k % 3 else ApplicantKind.ENTREPRENEUR
        rows.append(Application(
            edition=edition, applicant=users[email], name=f"{FIRST[k % len(FIRST)]} {city.name_en[:1]}. {k + 1}",
            kind=kind, field=FIELDS[k % len(FIELDS)], organisation_name=f"{city.name_en} {'studio' if i else 'academy'}",
            country=city.country, home_city=city, birth_date=dt.date(1988 + k % 4, 1 + k % 12, 10)
            if kind == ApplicantKind.STUDENT else None, founded_year=2008 if kind == ApplicantKind.ENTREPRENEUR
            else None, motivation="I want to test my ideas for empty buildings with people from other cities.",
            portfolio_url=f"https://example.org/portfolio/{k + 1}"))
    Application.objects.bulk_create(rows)
    manager = context.users["manager"]
    services.assign_reviewers(manager, edition)
    reviews = list(Review.objects.filter(application__edition=edition).order_by("pk"))
    for j, review in enumerate(reviews):
        review.scores = _scores(j)
        review.total = services.weighted_total(RUBRIC, review.scores)
        review.comment = "Clear idea." if j % 2 else "Promising portfolio."
        review.submitted_at = dt.datetime(2011, 4, 10, 12, tzinfo=dt.UTC)
    Review.objects.bulk_update(reviews, ["scores", "total", "comment", "submitted_at"])
    for application in edition.applications.all():
        totals = [r.total for r in reviews if r.application_id == application.pk and r.total is not None]
        application.score = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01")) if totals else None
        application.save(update_fields=["score"])
    services.run_selection(manager, edition)
    teams = services.form_teams(manager, edition, size=4)
    services.update_team(manager, teams[0], project_title="Light for the linen mill",
                         brief="A temporary use plan for the former linen mill on Tilžės g.",
                         outcome="A lighting and workshop concept presented to the city's editors.")


DEMO = Demo(name="academy", load=load, depends_on=("core",))
