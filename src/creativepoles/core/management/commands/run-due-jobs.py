"""`poles run-due-jobs`: send the reminders and deadline notices that are due; safe to run every few minutes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from creativepoles.core.duejobs import jobs, run_due_jobs


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        """Translated when shown: argparse cannot format lazy strings."""
        return _("Run the due jobs (reminders, deadlines) of every module; nothing is sent twice.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--job", action="append", default=[], help=_("run only this job (repeatable)"))
        parser.add_argument("--list", action="store_true", help=_("list the registered jobs and stop"))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in jobs():
                self.stdout.write(f"{job.name}: {job.description!s}")
            return
        try:
            reports = run_due_jobs(only=options["job"])
        except KeyError as exc:
            raise CommandError(_("Unknown job: %(names)s") % {"names": exc.args[0]}) from exc
        for report in reports:
            self.stdout.write(_("%(job)s: %(done)d done, %(already)d already done before") % {
                "job": report.job, "done": report.done, "already": report.already_done})
            for line in report.lines:
                self.stdout.write(f"  {line}")
