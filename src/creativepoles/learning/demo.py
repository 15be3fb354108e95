"""Demo learning data: the five training packages, sessions in every partner city, the blended-learning course
(3 modules, 6 lessons, 3 quizzes), six good-practice cases and a learner. Content is illustrative."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from creativepoles.core.demo import Demo, DemoContext, ensure_row
from creativepoles.learning.models import (
    Case,
    CaseKind,
    Choice,
    Course,
    CourseModule,
    Enrolment,
    Feedback,
    Lesson,
    LessonDone,
    PackageFormat,
    PackageModule,
    PackageStatus,
    Participant,
    Question,
    QuestionKind,
    Quiz,
    TrainingPackage,
    TrainingSession,
)

LEARNER_EMAIL = "learner@demo.creativepoles.eu"

# title, format, target group, outcomes, hours, modules (title, hours)
PACKAGES: list[tuple[str, str, str, str, str, list[tuple[str, str]]]] = [
    ("Starting a creative business", PackageFormat.TRAINING, "Students and young creative entrepreneurs",
     "Write a business model canvas; price creative work; know the first legal steps.", "24",
     [("Business model canvas", "8"), ("Pricing creative work", "8"), ("Legal forms and taxes", "8")]),
    ("Reusing vacant buildings", PackageFormat.PRACTICAL, "City officers and property owners",
     "Assess a vacant building for creative use; plan interim use; estimate renovation cost.", "16",
     [("Site assessment in practice", "8"), ("Interim use contracts", "8")]),
    ("Coaching for creative start-ups", PackageFormat.COACHING, "Founders in their first two years",
     "Set quarterly goals; find first customers; build a support network.", "12",
     [("Goals and milestones", "6"), ("Customers and networks", "6")]),
    ("Financing creative projects", PackageFormat.CONSULTING, "Creative entrepreneurs and NGOs",
     "Choose between grants, loans and crowdfunding; prepare a financing plan.", "10",
     [("Funding sources", "5"), ("The financing plan", "5")]),
    ("Running a creative hub", PackageFormat.TRAINING, "Managers of creative centres and incubators",
     "Curate tenants; run events; measure a hub's impact.", "18",
     [("Tenants and programme", "9"), ("Impact measurement", "9")]),
]
SESSION_CITIES = ("klaipeda", "brandenburg", "cottbus", "zielona-gora", "linkoping", "ostsam", "tartu")

LESSONS: list[tuple[str, list[tuple[str, str]], str, list[tuple[str, str, list[tuple[str, bool, str]], str]]]] = [
    ("Creative industries in medium-sized cities",
     [("What the creative industries are",
       "The **creative industries** cover design, media, music, crafts, software and more.\n\n"
       "- They grow where people meet.\n- They need affordable space.\n\n"
       "Read the [UNCTAD overview](https://unctad.org/topic/trade-analysis/creative-economy-programme)."),
      ("Mapping a city's creative economy",
       "Count firms and jobs by activity code, compare with the nation (a *location quotient*), and map where "
       "they cluster.\n\n| Measure | Tells you |\n| --- | --- |\n| LQ | specialisation |\n| Growth | momentum |")],
     "The creative economy",
     [("Which of these belong to the creative industries?", QuestionKind.MULTIPLE,
       [("Design", True, "Yes: design is a core creative activity."), ("Software", True, ""),
        ("Coal mining", False, "Mining is not a creative activity.")], "Design and software both count."),
      ("A location quotient above 1 means the city is specialised in the activity.", QuestionKind.TRUE_FALSE,
       [("True", True, ""), ("False", False, "")], "LQ above 1: a larger share than in the nation.")]),
    ("From vacant building to creative space",
     [("Assessing a vacant building",
       "Look at **condition**, **accessibility** and **ownership** before anything else.\n\n"
       "1. Visit the site.\n2. Score it on agreed criteria.\n3. Compare sites openly."),
      ("Interim use",
       "Interim use lets creative tenants move in while the long-term plan is made. Agree the term, the "
       "utilities and who repairs what.")],
     "Vacant buildings",
     [("What should you check first for a vacant building?", QuestionKind.SINGLE,
       [("Condition, accessibility and ownership", True, "Right."), ("The colour of the facade", False, ""),
        ("The number of windows", False, "")], ""),
      ("Interim use needs a written agreement.", QuestionKind.TRUE_FALSE,
       [("True", True, ""), ("False", False, "Without one, nobody knows who repairs what.")], "")]),
    ("Repeating the method in your city",
     [("Building the local partnership",
       "Bring together the municipality, a development agency, a university and creative businesses. "
       "Sign a **charter** so everyone knows the goals."),
      ("Measuring results",
       "Track hours of training and consulting, packages delivered, pilot projects and jobs created. "
       "Report them per period.")],
     "Repeating the method",
     [("Who belongs in the local partnership?", QuestionKind.MULTIPLE,
       [("The municipality", True, ""), ("Creative businesses", True, ""),
        ("Nobody outside city hall", False, "Partners outside city hall carry the method.")], ""),
      ("Which figure does the programme count per city?", QuestionKind.SINGLE,
       [("Hours of consulting and training", True, ""), ("Parking spaces", False, "")], "")]),
]

# city, organisation key, kind, title, context, method, cost, results, cite the city's first demo site
CASES: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("klaipeda", "klaipeda-agency", CaseKind.BUILDING, "A tobacco factory becomes a culture factory",
     "A listed tobacco factory stood empty in the old town.", "The city bought the building and let studios "
     "and a black-box theatre move in while renovation went on floor by floor.", "3200000",
     "Around 60 creative firms and a busy stage."),
    ("tartu", "tartu-municipality", CaseKind.BUILDING, "Aparaaditehas: a secret factory opens up",
     "A Soviet-era factory complex was left half empty.", "Private owners renovated it in stages, keeping "
     "rents low for the first tenants.", "5000000", "A creative quarter with shops, studios and a museum."),
    ("cottbus", "cottbus-municipality", CaseKind.PILOT, "A diesel power station as art museum",
     "An industrial monument near the centre had no use.", "A pilot programme tested exhibitions before the "
     "full conversion.", "1500000", "A regional art museum with growing visitor numbers."),
    ("zielona-gora", "zielona-gora-municipality", CaseKind.CAMPAIGN, "Wine and design weekends",
     "Creative firms were invisible to visitors.", "The city ran a campaign of open studios during the wine "
     "festival.", "40000", "Thousands of visitors and new customers for the studios."),
    ("linkoping", "linkoping-municipality", CaseKind.CLUSTER, "A games and media cluster",
     "Small studios competed for the same few developers.", "The municipality and the university started a "
     "cluster with shared recruiting and events.", "120000", "Joint hiring days and two shared projects."),
    ("brandenburg", "brandenburg-municipality", CaseKind.PILOT, "Pop-up studios in empty shops",
     "Shops in the centre stood empty after the retail decline.", "Owners lent empty shops for six-month "
     "pop-up studios.", "25000", "Eight shops reopened, three studios stayed on with a lease."),
]


def _packages(context: DemoContext) -> list[TrainingPackage]:
    organisation = context.organisations["klaipeda-agency"]
    trainer = context.users["klaipeda.consultant"]
    out = []
    for title, fmt, group, outcomes, hours, modules in PACKAGES:
        package, created = ensure_row(TrainingPackage, {"organisation": organisation, "title": title, "version": 1}, {
            "format": fmt, "target_group": group, "learning_outcomes": outcomes, "duration_hours": Decimal(hours),
            "status": PackageStatus.PUBLISHED})
        if package.family_id is None:
            package.family = package
            package.save(update_fields=["family"])
        if created:
            package.trainers.set([trainer])
            PackageModule.objects.bulk_create([PackageModule(package=package, order=n, title=t, hours=Decimal(h))
                                               for n, (t, h) in enumerate(modules, start=1)])
        out.append(package)
    return out


def _sessions(context: DemoContext, packages: list[TrainingPackage], course_modules: list[CourseModule]) -> None:
    trainer = context.users["klaipeda.consultant"]
    learner = context.users["learner"]
    if TrainingSession.objects.filter(package__in=packages).exists():
        return
    sessions = []
    for n, slug in enumerate(SESSION_CITIES):
        for k in range(2):
            package = packages[(n + k) % len(packages)]
            sessions.append(TrainingSession(
                package=package, city=context.cities[slug], date=dt.date(2011, 3 + k * 4, 10 + n),
                duration_hours=Decimal(3 + k * 3), counted_participants=8 + n,
                course_module=course_modules[(n + k) % len(course_modules)] if k == 0 else None))
    TrainingSession.objects.bulk_create(sessions)
    through = TrainingSession.trainers.through
    through.objects.bulk_create([through(trainingsession_id=s.pk, user_id=trainer.pk) for s in sessions])
    Participant.objects.bulk_create(
        [Participant(session=s, name=f"Participant {i}", attended=i != 3) for s in sessions for i in range(1, 5)]
        + [Participant(session=sessions[0], name="Demo learner", user=learner, attended=True)])
    Feedback.objects.bulk_create([Feedback(session=s, rating=4 + (i % 2), comment="Useful and practical.")
                                  for s in sessions for i in range(2)])


def _course() -> list[CourseModule]:
    course, _ = ensure_row(Course, {"slug": "creative-poles"}, {
        "title": "Creative Poles: growing creative industries in vacant spaces",
        "summary": "A blended course for cities that want to repeat the programme's methods: online lessons "
                   "and quizzes, with in-person sessions in the partner cities.", "is_published": True})
    modules = []
    for m, (title, lessons, quiz_title, questions) in enumerate(LESSONS, start=1):
        module, _ = ensure_row(CourseModule, {"course": course, "order": m}, {"title": title})
        modules.append(module)
        for n, (lesson_title, body) in enumerate(lessons, start=1):
            ensure_row(Lesson, {"module": module, "order": n}, {"title": lesson_title, "body": body})
        quiz, created = ensure_row(Quiz, {"module": module, "order": len(lessons) + 1}, {"title": quiz_title})
        if created:
            for q, (text, kind, choices, feedback) in enumerate(questions, start=1):
                question = Question.objects.create(quiz=quiz, order=q, kind=kind, text=text, feedback=feedback)
                Choice.objects.bulk_create([Choice(question=question, order=c, text=t, correct=ok, feedback=f)
                                            for c, (t, ok, f) in enumerate(choices, start=1)])
    return modules


def _cases(context: DemoContext) -> None:
    site_ids = _first_sites(context)
    cases = []
    for slug, org, kind, title, situation, method, cost, results in CASES:
        cites = [{"kind": "spaces.site", "id": site_ids[slug]}] if slug in site_ids else []
        case, _ = ensure_row(Case, {"title": title}, {
            "city": context.cities[slug], "organisation": context.organisations[org], "kind": kind,
            "context": situation, "method": method, "cost": Decimal(cost), "results": results, "cites": cites,
            "is_published": True})
        cases.append(case)
    lessons = list(Lesson.objects.filter(module__course__slug="creative-poles", module__order=2))
    for lesson in lessons:
        lesson.cases.add(*[c for c in cases if c.kind in (CaseKind.BUILDING, CaseKind.PILOT)])


def _first_sites(context: DemoContext) -> dict[str, int]:
    """Each city's pilot-project site (placed by the spaces demo), by city slug: the record a case cites."""
    from creativepoles.programme.models import PilotProject

    rows = PilotProject.objects.filter(site_id__isnull=False).values_list("city__slug", "site_id")
    return {slug: site_id for slug, site_id in rows if site_id is not None}


def _enrol(learner: Any, modules: list[CourseModule]) -> None:
    """The demo learner is enrolled and has done the first module's lessons."""
    enrolment, _ = Enrolment.objects.get_or_create(course=modules[0].course, user=learner)
    for lesson in modules[0].lessons.all():
        LessonDone.objects.get_or_create(enrolment=enrolment, lesson=lesson)


@transaction.atomic
def load_learning_demo(context: DemoContext) -> None:
    """Packages, the course, sessions in every city, cases, and a learner without a role."""
    context.add_user("learner", LEARNER_EMAIL, description="learner (no role): the course and own results",
                     first_name="Dana", last_name="Learner")
    packages = _packages(context)
    modules = _course()
    _sessions(context, packages, modules)
    _cases(context)
    _enrol(context.users["learner"], modules)


DEMO = Demo(name="learning", depends_on=("core", "programme", "spaces"), load=load_learning_demo)
