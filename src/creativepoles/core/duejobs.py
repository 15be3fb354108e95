"""Due jobs: reminders and deadlines that `poles run-due-jobs` runs from a timer, each at most once per object and date.

Apps register their jobs in ``AppConfig.ready()``; core never imports them. A job gets a `DueJobContext` and
claims every (object, date) it acts on with ``context.once(key, due_on)`` before it sends anything: the claim
is a row under a unique constraint in the same transaction as the sending, so two runs at the same moment,
or a run repeated after a crash, never send the same reminder twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from creativepoles.core.models import DueJobRecord

__all__ = ["DueJob", "DueJobContext", "JobReport", "jobs", "register", "run_due_jobs"]


@dataclass
class JobReport:
    """What one job did in one run."""

    job: str
    done: int = 0
    already_done: int = 0
    lines: list[str] = field(default_factory=list)


@dataclass
class DueJobContext:
    """What a job sees: today's date and the claim that keeps it from acting twice."""

    job: str
    today: dt.date
    report: JobReport

    def once(self, key: str, due_on: dt.date) -> bool:
        """Claim (key, due_on) for this job; False when an earlier or parallel run already claimed it."""
        try:
            with transaction.atomic():
                DueJobRecord.objects.create(job=self.job, key=key[:200], due_on=due_on)
        except IntegrityError:
            self.report.already_done += 1
            return False
        self.report.done += 1
        return True


@dataclass(frozen=True)
class DueJob:
    """A registered job: a unique dotted name (app.job), what it does, and the function that does it."""

    name: str
    description: Any  # a lazy translation, rendered when listed
    run: Callable[[DueJobContext], None]


_JOBS: dict[str, DueJob] = {}


def register(name: str, description: Any, run: Callable[[DueJobContext], None]) -> DueJob:
    """Add a job; registering the same function again is harmless, another function under the name is an error."""
    job = DueJob(name, description, run)
    existing = _JOBS.get(name)
    if existing is not None and existing.run is not run:
        raise ValueError(f"a different due job is already registered as {name!r}")
    _JOBS[name] = job
    return job


def jobs() -> list[DueJob]:
    """The registered jobs in name order."""
    return [_JOBS[name] for name in sorted(_JOBS)]


def run_due_jobs(today: dt.date | None = None, only: Sequence[str] = ()) -> list[JobReport]:
    """Run every registered job (or the named ones) for `today`; each in its own transaction."""
    day = today or timezone.localdate()
    unknown = sorted(set(only) - set(_JOBS))
    if unknown:
        raise KeyError(", ".join(unknown))
    reports = []
    for job in jobs():
        if only and job.name not in only:
            continue
        report = JobReport(job.name)
        # One job failing half-way keeps nothing of its claims, so the next run retries it whole.
        with transaction.atomic():
            job.run(DueJobContext(job.name, day, report))
        reports.append(report)
    return reports
