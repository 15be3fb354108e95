"""Reviewer assignment without conflicts, rubric scores and disagreement, the selection, overrides, declines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from creativepoles.academy import services
from creativepoles.academy.models import Application, Review, Status
from creativepoles.core.errors import DomainError, NotInScope
from creativepoles.core.models import AuditEntry
from tests.academy.conftest import make_application

pytestmark = pytest.mark.django_db


def closed(academy: dict[str, Any]) -> Any:
    edition = academy["edition"]
    edition.deadline_date = dt.date(2020, 1, 1)
    edition.save()
    return edition


def test_it_assigns_two_balanced_reviewers_and_never_a_conflicted_one(academy: dict[str, Any]) -> None:
    edition = academy["edition"]
    apps = [make_application(edition, f"lt{i}@example.test", "LT", academy["klaipeda"]) for i in range(5)]
    tartu = make_application(edition, "ee@example.test", "EE", academy["tartu"])
    # Same university as the Tartu reviewer, though from Klaipėda.
    same_uni = make_application(edition, "uni@example.test", "LT", academy["klaipeda"],
                                organisation_name="university of tartu")
    with pytest.raises(NotInScope):
        services.assign_reviewers(academy["outsider"], edition)
    result = services.assign_reviewers(academy["manager"], edition)
    assert result == {"assigned": 14, "missing": 0}
    for application in [*apps, tartu, same_uni]:
        assert application.reviews.count() == 2
    for conflicted in (tartu, same_uni):
        assert not conflicted.reviews.filter(reviewer=academy["rev_tartu"]).exists()
    loads = [Review.objects.filter(reviewer=r).count() for r in (academy["rev_tartu"], academy["rev_lead"],
                                                                academy["rev_third"])]
    assert max(loads) - min(loads) <= 1
    assert services.assign_reviewers(academy["manager"], edition) == {"assigned": 0, "missing": 0}


def test_it_reports_applications_short_of_reviewers(academy: dict[str, Any]) -> None:
    edition = academy["edition"]
    make_application(edition, "a@example.test", "EE", academy["tartu"], organisation_name="Lead university")
    # Tartu's reviewer conflicts by city, both lead reviewers by organisation.
    assert services.assign_reviewers(academy["manager"], edition) == {"assigned": 0, "missing": 2}


def test_a_declared_conflict_withdraws_the_assignment(academy: dict[str, Any]) -> None:
    edition = academy["edition"]
    application = make_application(edition, "a@example.test", "LT", academy["klaipeda"])
    services.assign_reviewers(academy["manager"], edition)
    reviewer = application.reviews.order_by("reviewer_id").first().reviewer
    with pytest.raises(DomainError):
        services.declare_conflict(reviewer, edition)
    services.declare_conflict(reviewer, edition, application=application, note="My cousin")
    assert not application.reviews.filter(reviewer=reviewer).exists()
    assert services.in_conflict(reviewer, application)
    # A new round never gives it back to them.
    services.assign_reviewers(academy["manager"], edition)
    assert not application.reviews.filter(reviewer=reviewer).exists()


def test_it_scores_by_the_weighted_rubric_and_flags_disagreement(academy: dict[str, Any]) -> None:
    edition = academy["edition"]
    application = make_application(edition, "a@example.test", "LT", academy["klaipeda"])
    services.assign_reviewers(academy["manager"], edition)
    first, second = application.reviews.order_by("pk")
    with pytest.raises(NotInScope):
        services.score_review(second.reviewer, first, {"idea": 5, "portfolio": 5})
    with pytest.raises(DomainError) as refused:
        services.score_review(first.reviewer, first, {"idea": 11, "portfolio": 5})
    assert refused.value.field == "idea"
    with pytest.raises(DomainError):
        services.score_review(first.reviewer, first, {"idea": 5})
    # (3 × 8/10 + 1 × 5/5) / 4 × 100 = 85
    services.score_review(first.reviewer, first, {"idea": 8, "portfolio": 5}, "Strong")
    assert Review.objects.get(pk=first.pk).total == Decimal("85.00")
    # (3 × 4/10 + 1 × 2/5) / 4 × 100 = 40
    services.score_review(second.reviewer, second, {"idea": 4, "portfolio": 2})
    application.refresh_from_db()
    assert application.score == Decimal("62.50")
    assert services.disagreement(application) == Decimal("45.00")
    edition.disagreement_threshold = Decimal("50")
    edition.save()
    application.refresh_from_db()
    assert services.disagreement(application) is None


def test_the_selection_honours_capacity_and_rules_and_explains_itself(academy: dict[str, Any]) -> None:
    edition = academy["edition"]
    with pytest.raises(DomainError, match="after the deadline"):
        services.run_selection(academy["manager"], edition)
    closed(academy)
    lt = [make_application(edition, f"lt{i}@example.test", "LT", score=Decimal(90 - i)) for i in range(4)]
    ee = make_application(edition, "ee@example.test", "EE", score=Decimal(10))
    withdrawn = make_application(edition, "w@example.test", "EE", score=Decimal(99), status=Status.WITHDRAWN)
    with pytest.raises(NotInScope):
        services.run_selection(academy["other"], edition)  # another city's editor
    result = services.run_selection(academy["editor"], edition)  # the host city's editor runs it
    assert result.feasible
    status = {a.pk: (a.status, a.waiting_rank, a.reason) for a in Application.objects.all()}
    assert status[lt[0].pk] == (Status.SELECTED, None, "score")
    assert status[lt[1].pk] == (Status.SELECTED, None, "score")
    assert status[ee.pk] == (Status.SELECTED, None, "country_minimum")
    assert status[lt[2].pk] == (Status.WAITING, 1, "capacity")
    assert status[lt[3].pk] == (Status.WAITING, 2, "capacity")
    assert status[withdrawn.pk][0] == Status.WITHDRAWN
    assert AuditEntry.objects.filter(verb="run_academy_selection").exists()


def test_it_diagnoses_failing_rules_and_needs_a_reason_to_accept_the_relaxed_selection(
        academy: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    edition = closed(academy)
    edition.country_rules = [{"country": "EE", "minimum": 2}]
    edition.save()
    for i in range(3):
        make_application(edition, f"lt{i}@example.test", "LT", score=Decimal(50 + i))
    make_application(edition, "ee@example.test", "EE", score=Decimal(10))
    result = services.run_selection(academy["manager"], edition)
    edition.refresh_from_db()
    assert edition.shortfalls == [{"country": "EE", "minimum": 2, "available": 1, "missing": 1,
                                   "cause": "applications"}]
    assert len(result.selected) == 3
    with pytest.raises(DomainError) as refused:
        services.announce_selection(academy["manager"], edition)
    assert refused.value.field == "relaxation_reason"
    with django_capture_on_commit_callbacks(execute=True):
        told = services.announce_selection(academy["manager"], edition, "Only one Estonian applied.")
    assert told == 4
    edition.refresh_from_db()
    assert edition.relaxation_reason == "Only one Estonian applied."
    subjects = sorted(m.subject for m in mail.outbox)
    assert sum("You have a place" in s for s in subjects) == 3
    assert sum("waiting list" in s for s in subjects) == 1


def test_an_override_needs_a_reason_and_respects_capacity(academy: dict[str, Any]) -> None:
    edition = closed(academy)
    apps = [make_application(edition, f"lt{i}@example.test", "LT", score=Decimal(90 - i)) for i in range(3)]
    apps.append(make_application(edition, "ee@example.test", "EE", score=Decimal(5)))
    services.run_selection(academy["manager"], edition)
    last = Application.objects.get(pk=apps[2].pk)
    assert last.status == Status.WAITING
    with pytest.raises(DomainError) as refused:
        services.override(academy["manager"], last, Status.SELECTED, "  ")
    assert refused.value.field == "reason"
    with pytest.raises(DomainError, match="All places are taken"):
        services.override(academy["manager"], last, Status.SELECTED, "Exceptional portfolio")
    first = Application.objects.get(pk=apps[0].pk)
    services.override(academy["manager"], first, Status.REJECTED, "Cannot attend the dates")
    services.override(academy["manager"], last, Status.SELECTED, "Exceptional portfolio")
    last.refresh_from_db()
    assert (last.status, last.reason, last.override_reason) == (Status.SELECTED, "override", "Exceptional portfolio")
    with pytest.raises(NotInScope):
        services.override(last.applicant, last, Status.SELECTED, "me")


def test_a_decline_promotes_the_next_applicant_who_keeps_the_rules(academy: dict[str, Any],
                                                                  django_capture_on_commit_callbacks: Any) -> None:
    edition = closed(academy)
    lt = [make_application(edition, f"lt{i}@example.test", "LT", score=Decimal(90 - i)) for i in range(3)]
    ee = [make_application(edition, f"ee{i}@example.test", "EE", score=Decimal(20 - i)) for i in range(2)]
    services.run_selection(academy["manager"], edition)
    assert Application.objects.get(pk=ee[0].pk).status == Status.SELECTED
    # Waiting: LT (88), then EE (19). The Estonian declines: the Lithuanian next in line would leave EE below its
    # minimum of one, so the place goes to the next Estonian.
    assert [a.pk for a in Application.objects.filter(status=Status.WAITING).order_by("waiting_rank")] == \
        [lt[2].pk, ee[1].pk]
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.decline(ee[0].applicant, Application.objects.get(pk=ee[0].pk))
    assert promoted is not None and promoted.pk == ee[1].pk
    assert Application.objects.get(pk=ee[1].pk).status == Status.SELECTED
    assert Application.objects.get(pk=lt[2].pk).waiting_rank == 1
    assert [m.to for m in mail.outbox] == [["ee1@example.test"]]
    # A Lithuanian declines: the Lithuanian first on the waiting list takes it.
    promoted = services.decline(lt[0].applicant, Application.objects.get(pk=lt[0].pk))
    assert promoted is not None and promoted.pk == lt[2].pk
    assert Application.objects.filter(status=Status.SELECTED).count() == 3
    with pytest.raises(DomainError):
        services.decline(lt[0].applicant, Application.objects.get(pk=lt[0].pk))


def test_teams_spread_countries(academy: dict[str, Any]) -> None:
    edition = closed(academy)
    edition.capacity = 6
    edition.country_rules = []
    edition.save()
    for i in range(3):
        make_application(edition, f"lt{i}@example.test", "LT", score=Decimal(50))
        make_application(edition, f"ee{i}@example.test", "EE", score=Decimal(50))
    services.run_selection(academy["manager"], edition)
    teams = services.form_teams(academy["manager"], edition, size=2)
    assert len(teams) == 3
    for team in teams:
        assert sorted(team.members.values_list("country", flat=True)) == ["EE", "LT"]
    services.update_team(academy["manager"], teams[0], project_title="Mill lab", outcome="A plan")
    teams[0].refresh_from_db()
    assert teams[0].project_title == "Mill lab"
    with pytest.raises(DomainError):
        services.form_teams(academy["manager"], edition, size=1)
