"""`poles run-due-jobs`: draft-report and milestone reminders reach the right editors, once per object and date."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from creativepoles.core import duejobs
from creativepoles.core.models import DueJobRecord, Membership, Notification, Role
from creativepoles.programme.models import Milestone, PartnerReport, PilotProject
from creativepoles.programme.models.pilots import PilotStatus
from creativepoles.programme.models.reports import ReportStatus


def run(*args: str) -> str:
    """The command's output."""
    out = StringIO()
    call_command("run-due-jobs", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def drafts(project: dict[str, Any]) -> dict[str, Any]:
    """Klaipėda's period-1 report still a draft, Tartu's submitted, a draft for a period not yet over."""
    p1, p2 = project["periods"][0], project["periods"][1]
    late = PartnerReport.objects.create(partner=project["klaipeda_partner"], period=p1)
    PartnerReport.objects.create(partner=project["tartu_partner"], period=p1, status=ReportStatus.SUBMITTED)
    current = PartnerReport.objects.create(partner=project["klaipeda_partner"], period=p2)
    # A second editor of the same organisation, and a viewer there who must not be reminded.
    colleague = Membership.objects.create(user=project["outsider"], organisation=project["k_org"],
                                          role=Role.VIEWER).user
    return {**project, "late": late, "current": current, "p1": p1, "p2": p2, "viewer": colleague}


def test_it_registers_the_programme_jobs() -> None:
    names = [job.name for job in duejobs.jobs()]
    assert {"programme.report_reminders", "programme.milestone_reminders"} <= set(names)
    assert "programme.report_reminders:" in run("--list")


def test_it_reminds_the_partner_editors_once(drafts: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    day = drafts["p1"].end + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = duejobs.run_due_jobs(today=day, only=["programme.report_reminders"])
    assert (first[0].done, first[0].already_done) == (1, 0)
    notes = Notification.objects.filter(kind="programme.report_reminder")
    assert [n.recipient for n in notes] == [drafts["editor"]]
    assert notes[0].url == f"/programme/ucp/reports/partner/{drafts['late'].pk}/"
    assert [m.to for m in mail.outbox] == [["editor@klaipeda.test"]]
    # The same moment again, and a later run: nothing is sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        again = duejobs.run_due_jobs(today=day, only=["programme.report_reminders"])
        duejobs.run_due_jobs(today=day + dt.timedelta(days=3), only=["programme.report_reminders"])
    assert (again[0].done, again[0].already_done) == (0, 1)
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1
    assert DueJobRecord.objects.filter(job="programme.report_reminders").count() == 1


def test_it_waits_for_the_period_to_end(drafts: dict[str, Any]) -> None:
    duejobs.run_due_jobs(today=drafts["p1"].end, only=["programme.report_reminders"])
    assert Notification.objects.count() == 0


def test_it_reminds_again_when_the_next_period_ends(drafts: dict[str, Any]) -> None:
    duejobs.run_due_jobs(today=drafts["p2"].end + dt.timedelta(days=1), only=["programme.report_reminders"])
    subjects = sorted(Notification.objects.values_list("subject", flat=True))
    assert subjects == ["Report for period 1 is still a draft", "Report for period 2 is still a draft"]


def test_it_keeps_nothing_of_a_job_that_fails(drafts: dict[str, Any], monkeypatch: Any) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("mail server on fire")

    monkeypatch.setattr("creativepoles.programme.duejobs.notify", broken)
    with pytest.raises(RuntimeError):
        duejobs.run_due_jobs(today=drafts["p2"].end + dt.timedelta(days=1), only=["programme.report_reminders"])
    assert DueJobRecord.objects.count() == 0, "the next run retries what this one could not send"


def test_it_tells_the_pilot_city_about_overdue_milestones(project: dict[str, Any]) -> None:
    pilot = PilotProject.objects.create(project=project["project"], city=project["klaipeda"], title="Pilot",
                                        status=PilotStatus.RUNNING)
    done_pilot = PilotProject.objects.create(project=project["project"], city=project["tartu"], title="Done",
                                             status=PilotStatus.COMPLETED)
    late = Milestone.objects.create(pilot=pilot, title="Lease signed", due_on=dt.date(2024, 3, 1))
    Milestone.objects.create(pilot=pilot, title="Done already", due_on=dt.date(2024, 3, 1), done_on=dt.date(2024, 2, 1))
    Milestone.objects.create(pilot=done_pilot, title="Old", due_on=dt.date(2024, 3, 1))
    duejobs.run_due_jobs(today=dt.date(2024, 3, 2), only=["programme.milestone_reminders"])
    duejobs.run_due_jobs(today=dt.date(2024, 3, 9), only=["programme.milestone_reminders"])
    notes = Notification.objects.filter(kind="programme.milestone_overdue")
    assert [(n.recipient, n.subject) for n in notes] == [(project["editor"], "Milestone overdue: Lease signed")]
    # A new due date is a new deadline, reminded once more when it passes too.
    late.due_on = dt.date(2024, 4, 1)
    late.save()
    duejobs.run_due_jobs(today=dt.date(2024, 4, 2), only=["programme.milestone_reminders"])
    assert Notification.objects.filter(kind="programme.milestone_overdue").count() == 2


def test_it_runs_from_the_command_and_reports_what_it_did(drafts: dict[str, Any]) -> None:
    first = run("--job", "programme.report_reminders")
    assert "programme.report_reminders: 2 done, 0 already done before" in first
    assert "programme.report_reminders: 0 done, 2 already done before" in run("--job", "programme.report_reminders")
    with pytest.raises(CommandError, match="nope"):
        run("--job", "nope")


def test_it_refuses_a_second_job_under_a_taken_name() -> None:
    job = duejobs.jobs()[0]
    assert duejobs.register(job.name, job.description, job.run).name == job.name
    with pytest.raises(ValueError, match=job.name):
        duejobs.register(job.name, "other", lambda context: None)


def test_it_reminds_of_a_deadline_in_the_two_weeks_before_it_once(
        drafts: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    p1 = drafts["p1"]
    p1.deadline, p1.deadline_kind = p1.end + dt.timedelta(days=60), "finance"
    p1.save()
    early = p1.deadline - dt.timedelta(days=15)
    assert duejobs.run_due_jobs(today=early, only=["programme.deadline_reminders"])[0].done == 0
    with django_capture_on_commit_callbacks(execute=True):
        first = duejobs.run_due_jobs(today=p1.deadline - dt.timedelta(days=14), only=["programme.deadline_reminders"])
        duejobs.run_due_jobs(today=p1.deadline, only=["programme.deadline_reminders"])
    assert first[0].done == 1
    # Klaipėda's report is still a draft; Tartu's is submitted, so only Klaipėda's editor hears of it, once.
    notes = list(Notification.objects.filter(kind="programme.deadline_reminder"))
    assert [n.recipient for n in notes] == [drafts["editor"]]
    assert p1.deadline.isoformat() in notes[0].subject and "financial report" in notes[0].body
    assert [m.to for m in mail.outbox] == [["editor@klaipeda.test"]]
    assert duejobs.run_due_jobs(today=p1.deadline + dt.timedelta(days=1),
                                only=["programme.deadline_reminders"])[0].done == 0
