"""`poles import-methods FILE.zip --city CITY`: import a method package into a city and print the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City
from creativepoles.replication.management.commands._package_actor import package_actor
from creativepoles.replication.package import import_package


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        """Translated when shown: argparse cannot format lazy strings."""
        return _("Import a method package into a receiving city; nothing existing is overwritten, and a faulty "
                 "package writes nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("the method package (.zip)"))
        parser.add_argument("--city", required=True, help=_("slug or name of the receiving city (add it first)"))
        parser.add_argument("--as", dest="actor", metavar="EMAIL",
                            help=_("a programme manager's e-mail address (default: the first superuser)"))

    def handle(self, *args: Any, **options: Any) -> None:
        actor = package_actor(options.get("actor"))
        key = options["city"]
        city = City.objects.filter(Q(slug=key) | Q(name=key) | Q(name_en=key)).first()
        if city is None:
            raise CommandError(_("No city %(city)s; add it first with poles add-city.") % {"city": key})
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No file %(file)s.") % {"file": path})
        try:
            report = import_package(actor, path, city)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for line in report.lines:
            mark = "+" if line.outcome == "imported" else "="
            self.stdout.write(f"{mark} [{line.part}] {line.text}")
        self.stdout.write(self.style.SUCCESS(_("%(imported)s imported, %(kept)s kept.")
                                             % {"imported": report.imported, "kept": report.kept}))
