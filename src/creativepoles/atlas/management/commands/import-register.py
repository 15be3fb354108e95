"""`poles import-register FILE --city SLUG [--layout lt-jar --activity CODES.csv]`: import a business register."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from creativepoles.atlas.services.register import LAYOUTS, import_register
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        """Translated when shown: argparse cannot format lazy strings."""
        return _("Import a city's business register (CSV or XLSX): all rows or none, every bad row reported; "
                 "importing the same file again changes nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("a CSV or XLSX file"))
        parser.add_argument("--city", required=True, metavar="SLUG", help=_("slug of the city"))
        parser.add_argument("--layout", default="generic", choices=sorted(LAYOUTS), help=_("the file's column layout"))
        parser.add_argument("--activity", metavar="FILE", help=_("activity codes by registry id, when the register has none"))

    def handle(self, *args: Any, **options: Any) -> None:
        city = City.objects.filter(slug=options["city"]).first()
        if city is None:
            raise CommandError(_("No city with slug %(slug)s.") % {"slug": options["city"]})
        console = Console(file=getattr(self.stderr, "_out", sys.stderr))
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console) as bar:
            task = bar.add_task(_("Reading %(file)s") % {"file": Path(options["file"]).name}, total=None)
            try:
                report = import_register(None, city, options["file"], options["layout"], options.get("activity"),
                                         progress=lambda done, total: bar.update(task, completed=done, total=total))
            except DomainError as exc:
                raise CommandError(exc.message) from exc
        for line, field, reason in report.errors:
            self.stdout.write(_("line %(line)d, %(field)s: %(reason)s") % {"line": line, "field": field, "reason": reason})
        if not report.ok:
            raise CommandError(_("Nothing was imported: %(count)d rows have errors.") % {"count": len(report.errors)})
        self.stdout.write(_("%(rows)d rows: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                          % {"rows": report.rows, "created": report.created, "updated": report.updated,
                             "unchanged": report.unchanged})
        if report.without_code:
            self.stdout.write(_("%(count)d firms have no activity code: %(ids)s")
                              % {"count": len(report.without_code), "ids": ", ".join(report.without_code[:20])})
        if report.unmapped:
            self.stdout.write(_("%(count)d firms carry NACE Rev. 2.1 codes without a loaded correspondence.")
                              % {"count": len(report.unmapped)})
