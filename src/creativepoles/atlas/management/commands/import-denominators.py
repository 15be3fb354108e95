"""`poles import-denominators FILE`: each city's totals by year (CSV: city,year,firms,employment,population,source)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from creativepoles.atlas.services.data import import_denominators


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        """Translated when shown: argparse cannot format lazy strings."""
        return _("Import the cities' totals by year (all firms, employment, population): all rows or none.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("a CSV file with the columns city, year, firms, employment, population"))

    def handle(self, *args: Any, **options: Any) -> None:
        with Path(options["file"]).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        written, errors = import_denominators(None, rows)
        for line, field, reason in errors:
            self.stdout.write(_("line %(line)d, %(field)s: %(reason)s") % {"line": line, "field": field, "reason": reason})
        if errors:
            raise CommandError(_("Nothing was imported: %(count)d rows have errors.") % {"count": len(errors)})
        self.stdout.write(_("%(count)d rows of totals imported.") % {"count": written})
