"""Every write of the summer academy: applications, conflicts, review assignment and scores, the selection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from creativepoles.academy.models import ApplicantKind, Application, Conflict, Edition, Review, Status, Team
from creativepoles.analysis import selection as opt
from creativepoles.core.changes import apply_changes
from creativepoles.core.errors import DomainError, domain_error_from
from creativepoles.core.models import Membership, Role, record_audit
from creativepoles.core.notifications import notify
from creativepoles.core.permissions import ADD, CHANGE, CONTROL, can, require

APPLICATION_FIELDS = ("name", "kind", "field", "organisation_name", "country", "home_city", "birth_date",
                      "founded_year", "motivation", "portfolio_url", "portfolio_file")
IN_THE_RUNNING = (Status.SUBMITTED, Status.SELECTED, Status.WAITING, Status.REJECTED)
CENT = Decimal("0.01")


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _check_open(edition: Edition, now: dt.datetime) -> None:
    if not edition.is_open(now):
        local = edition.deadline
        raise DomainError(_("The call closed on %(date)s at %(time)s (%(zone)s time); applications can no longer "
                            "be made or changed.") % {"date": local.date().isoformat(),
                                                      "time": local.strftime("%H:%M"), "zone": edition.city.name})


def _check_eligible(edition: Edition, application: Application, now: dt.datetime) -> None:
    """Students up to the edition's age limit, entrepreneurs whose firm is young enough."""
    today = now.date()
    if application.kind == ApplicantKind.STUDENT:
        born = application.birth_date
        if born is None:
            raise DomainError(_("Students give their date of birth."), "birth_date")
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if age > edition.max_age or age < 0:
            raise DomainError(_("This academy is open to students up to %(age)s years old.")
                              % {"age": edition.max_age}, "birth_date")
    else:
        founded = application.founded_year
        if founded is None:
            raise DomainError(_("Entrepreneurs give the year their firm was founded."), "founded_year")
        if founded > today.year or today.year - founded > edition.max_years_since_founding:
            raise DomainError(_("This academy is open to firms founded at most %(years)s years ago.")
                              % {"years": edition.max_years_since_founding}, "founded_year")


def _full_clean(obj: Any) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        raise domain_error_from(error) from None


@transaction.atomic
def apply(actor: Any, edition: Edition, now: dt.datetime | None = None, **data: Any) -> Application:
    """Apply to an open call; the applicant gets a confirmation by e-mail."""
    moment = _now(now)
    application = Application(edition=edition, applicant=actor,
                              **{k: v for k, v in data.items() if k in APPLICATION_FIELDS})
    require(actor, ADD, application)
    if not edition.is_published:
        raise DomainError(_("This call is not open."))
    _check_open(edition, moment)
    if Application.objects.filter(edition=edition, applicant=actor).exists():
        raise DomainError(_("You have already applied to this academy; change your application instead."))
    _check_eligible(edition, application, moment)
    _full_clean(application)
    application.save()
    record_audit(actor, "apply_academy", application, {"edition": edition.pk})
    notify([actor], _("Your application to %(edition)s") % {"edition": edition.title},
           _("We received your application. You can change it until the deadline: %(deadline)s (%(city)s time).")
           % {"deadline": edition.deadline.strftime("%Y-%m-%d %H:%M"), "city": edition.city.name},
           url=application.get_absolute_url(), kind="academy")
    return application


@transaction.atomic
def update_application(actor: Any, application: Application, now: dt.datetime | None = None,
                       **data: Any) -> Application:
    """Change an application until the deadline; afterwards it is locked for everyone."""
    require(actor, CHANGE, application)
    moment = _now(now)
    _check_open(application.edition, moment)
    if application.status != Status.SUBMITTED:
        raise DomainError(_("Only a submitted application can be changed."))
    changes = apply_changes(application, data, APPLICATION_FIELDS)
    _check_eligible(application.edition, application, moment)
    _full_clean(application)
    application.save()
    if changes:
        record_audit(actor, "update_academy_application", application, changes)
    return application


@transaction.atomic
def withdraw(actor: Any, application: Application) -> Application:
    """Withdraw an application; a place it held goes to the next on the waiting list."""
    require(actor, CHANGE, application)
    if application.status in (Status.WITHDRAWN, Status.DECLINED):
        raise DomainError(_("This application is already withdrawn."))
    held = application.status == Status.SELECTED
    application.status = Status.WITHDRAWN
    application.waiting_rank = None
    application.save(update_fields=["status", "waiting_rank", "updated_at"])
    record_audit(actor, "withdraw_academy_application", application)
    if held:
        promote_next(application.edition)
    return application


@transaction.atomic
def decline(actor: Any, application: Application) -> Application | None:
    """Decline a place; returns the application promoted from the waiting list (if anyone can take it)."""
    require(actor, CHANGE, application)
    if application.status != Status.SELECTED:
        raise DomainError(_("Only a selected applicant can decline a place."))
    application.status = Status.DECLINED
    application.save(update_fields=["status", "updated_at"])
    record_audit(actor, "decline_academy_place", application)
    return promote_next(application.edition)


def _rules(edition: Edition) -> list[opt.CountryRule]:
    return [opt.CountryRule(r["country"], int(r.get("minimum", 0)),
                            None if r.get("maximum") is None else int(r["maximum"])) for r in edition.country_rules]


def promote_next(edition: Edition) -> Application | None:
    """Give a free place to the first on the waiting list who keeps the country rules satisfied."""
    selected = list(edition.applications.filter(status=Status.SELECTED).values_list("country", flat=True))
    if len(selected) >= edition.capacity:
        return None
    waiting = list(edition.applications.filter(status=Status.WAITING).order_by("waiting_rank", "pk"))
    key = opt.promote(selected, [(a.pk, a.country) for a in waiting], _rules(edition))
    if key is None:
        return None
    chosen = next(a for a in waiting if a.pk == key)
    chosen.status, chosen.waiting_rank, chosen.reason = Status.SELECTED, None, "promoted"
    chosen.save(update_fields=["status", "waiting_rank", "reason", "updated_at"])
    _renumber_waiting(edition)
    record_audit(None, "promote_academy_applicant", chosen)
    _tell(chosen)
    return chosen


def _renumber_waiting(edition: Edition) -> None:
    rows = list(edition.applications.filter(status=Status.WAITING).order_by("waiting_rank", "-score", "pk"))
    for rank, row in enumerate(rows, start=1):
        if row.waiting_rank != rank:
            row.waiting_rank = rank
            row.save(update_fields=["waiting_rank"])


# --- review ------------------------------------------------------------------------------------------


def reviewer_pool() -> list[Any]:
    """Accounts holding the reviewer role anywhere, with the organisations (and cities) they belong to."""
    rows = Membership.objects.filter(role=Role.REVIEWER, organisation__deleted_at__isnull=True).select_related(
        "user", "organisation")
    pool: dict[int, Any] = {}
    for m in rows:
        user = pool.setdefault(m.user_id, m.user)
        user.academy_homes = getattr(user, "academy_homes", set()) | {
            ("org", m.organisation.name.casefold()), ("city", m.organisation.city_id)}
    return list(pool.values())


def _homes(user: Any) -> set[tuple[str, Any]]:
    homes = getattr(user, "academy_homes", None)
    if homes is None:
        homes = set()
        for m in Membership.objects.filter(user=user).select_related("organisation"):
            homes |= {("org", m.organisation.name.casefold()), ("city", m.organisation.city_id)}
    return homes  # type: ignore[no-any-return]


def in_conflict(reviewer: Any, application: Application, declared: Iterable[Conflict] | None = None) -> bool:
    """Same university or firm, same city, or a declared conflict (named application, organisation or city)."""
    homes = _homes(reviewer)
    if ("org", application.organisation_name.casefold()) in homes or \
            (application.home_city_id is not None and ("city", application.home_city_id) in homes):
        return True
    if reviewer.pk == application.applicant_id:
        return True
    rows = declared if declared is not None else Conflict.objects.filter(edition_id=application.edition_id,
                                                                        reviewer=reviewer)
    for c in rows:
        if c.reviewer_id != reviewer.pk:
            continue
        if c.application_id == application.pk or (c.city_id and c.city_id == application.home_city_id) or (
                c.organisation_name and c.organisation_name.casefold() == application.organisation_name.casefold()):
            return True
    return False


@transaction.atomic
def declare_conflict(actor: Any, edition: Edition, application: Application | None = None,
                     organisation_name: str = "", city: Any = None, note: str = "") -> Conflict:
    """Declare a conflict of interest; any assignment it touches is withdrawn at once (scores included)."""
    conflict = Conflict(edition=edition, reviewer=actor, application=application,
                        organisation_name=organisation_name.strip(), city=city, note=note)
    require(actor, ADD, conflict)
    if application is None and not conflict.organisation_name and city is None:
        raise DomainError(_("Name an application, a university or firm, or a city."))
    _full_clean(conflict)
    conflict.save()
    mine = Review.objects.filter(reviewer=actor, application__edition=edition).select_related("application")
    dropped = [r.pk for r in mine if in_conflict(actor, r.application, [conflict])]
    Review.objects.filter(pk__in=dropped).delete()
    for app in Application.objects.filter(edition=edition, reviews__isnull=True).distinct():
        _rescore(app)
    record_audit(actor, "declare_academy_conflict", edition, {"withdrawn_assignments": len(dropped)})
    return conflict


@transaction.atomic
def assign_reviewers(actor: Any, edition: Edition, per_application: int = 2) -> dict[str, int]:
    """Give every application at least `per_application` reviewers without a conflict, keeping loads balanced."""
    require(actor, CONTROL, edition)
    pool = reviewer_pool()
    declared = list(Conflict.objects.filter(edition=edition))
    load = dict(Review.objects.filter(application__edition=edition).values("reviewer_id").annotate(
        n=Count("pk")).values_list("reviewer_id", "n"))
    created, short = 0, 0
    applications = edition.applications.filter(status__in=IN_THE_RUNNING).annotate(n=Count("reviews")).order_by(
        "n", "pk")
    for application in applications:
        have = set(application.reviews.values_list("reviewer_id", flat=True))
        free = [u for u in pool if u.pk not in have and not in_conflict(u, application, declared)]
        free.sort(key=lambda u: (load.get(u.pk, 0), u.pk))
        wanted = max(0, per_application - len(have))
        for user in free[:wanted]:
            Review.objects.create(application=application, reviewer=user)
            load[user.pk] = load.get(user.pk, 0) + 1
            created += 1
        short += max(0, wanted - len(free))
    record_audit(actor, "assign_academy_reviewers", edition, {"assigned": created, "missing": short})
    return {"assigned": created, "missing": short}


def weighted_total(rubric: list[dict[str, Any]], scores: Mapping[str, Any]) -> Decimal:
    """The rubric score on 0–100: each criterion's score over its scale, weighted."""
    weights = sum(Decimal(str(c["weight"])) for c in rubric)
    if not rubric or weights <= 0:
        return Decimal(0)
    total = sum(Decimal(str(c["weight"])) * Decimal(int(scores[c["code"]])) / Decimal(int(c["scale"]))
                for c in rubric)
    return (Decimal(100) * total / weights).quantize(CENT, ROUND_HALF_UP)


@transaction.atomic
def score_review(actor: Any, review: Review, scores: Mapping[str, Any], comment: str = "") -> Review:
    """Score an assigned application by the rubric; the application's score is the reviewers' mean."""
    require(actor, CHANGE, review)
    rubric = review.application.edition.criteria()
    clean: dict[str, int] = {}
    for criterion in rubric:
        value = scores.get(criterion["code"])
        try:
            number = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise DomainError(_("Give every criterion a score."), criterion["code"]) from None
        if not 0 <= number <= int(criterion["scale"]):
            raise DomainError(_("Scores run from 0 to %(top)s.") % {"top": criterion["scale"]}, criterion["code"])
        clean[criterion["code"]] = number
    review.scores, review.comment = clean, comment
    review.total = weighted_total(rubric, clean)
    review.submitted_at = timezone.now()
    review.save()
    _rescore(review.application)
    record_audit(actor, "score_academy_application", review.application, {"total": str(review.total)})
    return review


def _rescore(application: Application) -> None:
    totals = [r.total for r in application.reviews.all() if r.total is not None]
    application.score = (sum(totals, Decimal(0)) / len(totals)).quantize(CENT, ROUND_HALF_UP) if totals else None
    application.save(update_fields=["score", "updated_at"])


def disagreement(application: Application, reviews: Iterable[Review] | None = None) -> Decimal | None:
    """The spread of the reviewers' scores when it exceeds the edition's threshold, else None."""
    totals = [r.total for r in (reviews if reviews is not None else application.reviews.all()) if r.total is not None]
    if len(totals) < 2:
        return None
    spread = max(totals) - min(totals)
    return spread if spread > application.edition.disagreement_threshold else None


# --- selection ---------------------------------------------------------------------------------------


@transaction.atomic
def run_selection(actor: Any, edition: Edition, now: dt.datetime | None = None) -> opt.Selection:
    """Select the highest total score within capacity and the country rules (relaxed, with the failing rules)."""
    require(actor, CONTROL, edition)
    if edition.is_open(_now(now)):
        raise DomainError(_("The selection runs after the deadline."))
    rows = list(edition.applications.filter(status__in=IN_THE_RUNNING))
    candidates = [opt.Candidate(a.pk, float(a.score or 0), a.country) for a in rows]
    try:
        result = opt.select(candidates, edition.capacity, _rules(edition))
    except ValueError as error:
        raise DomainError(str(error), "country_rules") from None
    ranks = {key: i for i, key in enumerate(result.waiting, start=1)}
    for a in rows:
        a.reason = result.reasons[a.pk]
        a.override_reason = ""
        if a.pk in result.selected:
            a.status, a.waiting_rank = Status.SELECTED, None
        else:
            a.status, a.waiting_rank = Status.WAITING, ranks[a.pk]
    Application.objects.bulk_update(rows, ["status", "waiting_rank", "reason", "override_reason"])
    edition.selection_run_at = timezone.now()
    edition.shortfalls = [{"country": s.country, "minimum": s.minimum, "available": s.available,
                           "missing": s.missing, "cause": s.cause} for s in result.shortfalls]
    edition.relaxation_reason = ""
    edition.save(update_fields=["selection_run_at", "shortfalls", "relaxation_reason"])
    record_audit(actor, "run_academy_selection", edition,
                 {"selected": len(result.selected), "total": round(result.total, 2),
                  "shortfall": sum(s.missing for s in result.shortfalls)})
    return result


@transaction.atomic
def override(actor: Any, application: Application, status: str, reason: str) -> Application:
    """Move one applicant in or out of the selection, with the reason recorded."""
    require(actor, CONTROL, application)
    if status not in (Status.SELECTED, Status.WAITING, Status.REJECTED):
        raise DomainError(_("Choose selected, waiting list or not selected."), "status")
    if not reason.strip():
        raise DomainError(_("Say why you override the selection."), "reason")
    if application.status not in IN_THE_RUNNING:
        raise DomainError(_("This application is no longer in the running."))
    edition = application.edition
    if status == Status.SELECTED and application.status != Status.SELECTED and \
            edition.applications.filter(status=Status.SELECTED).count() >= edition.capacity:
        raise DomainError(_("All places are taken: move someone out first."), "status")
    before = application.status
    application.status, application.override_reason, application.reason = status, reason.strip(), "override"
    if status == Status.WAITING:
        application.waiting_rank = (edition.applications.filter(status=Status.WAITING).count() or 0) + 1
    else:
        application.waiting_rank = None
    application.save()
    _renumber_waiting(edition)
    record_audit(actor, "override_academy_selection", application,
                 {"status": [before, status], "reason": application.override_reason})
    return application


@transaction.atomic
def announce_selection(actor: Any, edition: Edition, relaxation_reason: str = "") -> int:
    """Send the acceptance, waiting-list and rejection e-mails; a relaxed selection needs a recorded reason."""
    require(actor, CONTROL, edition)
    if edition.selection_run_at is None:
        raise DomainError(_("Run the selection first."))
    if edition.shortfalls:
        if not relaxation_reason.strip():
            raise DomainError(_("The country rules cannot all be met: say why you accept the relaxed selection."),
                              "relaxation_reason")
        edition.relaxation_reason = relaxation_reason.strip()
        edition.save(update_fields=["relaxation_reason"])
    rows = list(edition.applications.filter(status__in=(Status.SELECTED, Status.WAITING, Status.REJECTED))
                .select_related("applicant", "edition"))
    for a in rows:
        _tell(a)
    record_audit(actor, "announce_academy_selection", edition,
                 {"told": len(rows), "relaxation_reason": edition.relaxation_reason})
    return len(rows)


def _tell(application: Application) -> None:
    """The e-mail of an applicant's outcome (sent by the tasks worker through notify)."""
    title = application.edition.title
    if application.status == Status.SELECTED:
        subject = _("You have a place at %(edition)s") % {"edition": title}
        body = _("Congratulations: you were selected. If you cannot come, decline the place on your application "
                 "page so that it goes to the next on the waiting list.")
    elif application.status == Status.WAITING:
        subject = _("You are on the waiting list of %(edition)s") % {"edition": title}
        body = _("You are number %(rank)s on the waiting list. We will write if a place becomes free.") % {
            "rank": application.waiting_rank}
    else:
        subject = _("Your application to %(edition)s") % {"edition": title}
        body = _("Thank you for applying. This time we could not offer you a place.")
    notify([application.applicant], subject, body, url=application.get_absolute_url(), kind="academy")


# --- teams -------------------------------------------------------------------------------------------


@transaction.atomic
def form_teams(actor: Any, edition: Edition, size: int = 4) -> list[Team]:
    """Form teams of about `size` from the participants, spreading each country over the teams."""
    require(actor, CONTROL, edition)
    if size < 2:
        raise DomainError(_("A team has at least two members."), "size")
    participants = list(edition.applications.filter(status=Status.SELECTED).order_by("country", "-score", "pk"))
    if not participants:
        raise DomainError(_("There are no participants yet."))
    count = max(1, -(-len(participants) // size))
    edition.teams.all().delete()
    teams = [Team.objects.create(edition=edition, name=_("Team %(n)s") % {"n": i + 1}) for i in range(count)]
    # Dealt in turn after sorting by country: members of one country land in different teams.
    for i, person in enumerate(participants):
        teams[i % count].members.add(person)
    record_audit(actor, "form_academy_teams", edition, {"teams": count})
    return teams


@transaction.atomic
def update_team(actor: Any, team: Team, **data: Any) -> Team:
    """Record a team's project: title, brief, outcome and feedback."""
    require(actor, CHANGE, team)
    changes = apply_changes(team, data, ("name", "project_title", "brief", "outcome", "feedback"))
    _full_clean(team)
    team.save()
    if changes:
        record_audit(actor, "update_academy_team", team, changes)
    return team


def can_manage(user: Any, edition: Edition) -> bool:
    """Whether the user runs this edition (assignment, selection, teams)."""
    return can(user, CONTROL, edition)




def venue_link(edition: Edition, user: Any) -> tuple[str, str] | None:
    """The venue's site (name, page) from the spaces inventory, through core's links, if the user may see it."""
    from creativepoles.core import links

    return links.link("spaces.site", edition.venue_site_id, user) if edition.venue_site_id else None


EDITION_FIELDS = ("year", "title", "city", "venue_site_id", "venue", "starts_on", "ends_on", "capacity",
                  "call_texts", "deadline_date", "deadline_time", "max_age", "max_years_since_founding", "rubric",
                  "country_rules", "disagreement_threshold", "is_published")


def _check_venue(actor: Any, edition: Edition) -> None:
    """A venue from the spaces inventory must be a site of the host city that the actor may see."""
    if edition.venue_site_id is None:
        return
    from creativepoles.spaces.services.venues import venue_choices

    if edition.venue_site_id not in {pk for pk, _name in venue_choices(actor, edition.city_id)}:
        raise DomainError(_("Choose a site of the host city."), "venue_site_id")


@transaction.atomic
def create_edition(actor: Any, **data: Any) -> Edition:
    """Open a new edition in a city the actor runs."""
    edition = Edition(**{k: v for k, v in data.items() if k in EDITION_FIELDS})
    require(actor, ADD, edition, _("You cannot run an academy in this city."), "city")
    _check_venue(actor, edition)
    _full_clean(edition)
    edition.save()
    record_audit(actor, "create_academy_edition", edition, {"city": edition.city_id, "year": edition.year})
    return edition


@transaction.atomic
def update_edition(actor: Any, edition: Edition, **data: Any) -> Edition:
    """Change an edition; a move to another host city needs rights there too."""
    require(actor, CHANGE, edition)
    changes = apply_changes(edition, data, EDITION_FIELDS)
    require(actor, CHANGE, edition, _("You cannot run an academy in this city."), "city")
    _check_venue(actor, edition)
    _full_clean(edition)
    edition.save()
    if changes:
        record_audit(actor, "update_academy_edition", edition, changes)
    return edition
