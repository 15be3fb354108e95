"""`poles export-methods CITY OUT.zip`: write a method package of a city's methods and the network's course."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.models import City
from creativepoles.replication.management.commands._package_actor import package_actor
from creativepoles.replication.package import export_package


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        """Translated when shown: argparse cannot format lazy strings."""
        return _("Export a method package: the city's assessment methods and pre-investment parameters, the "
                 "classification, business-plan templates, training packages and the course.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("city", help=_("slug or name of the source city"))
        parser.add_argument("out", help=_("the .zip file to write"))
        parser.add_argument("--as", dest="actor", metavar="EMAIL",
                            help=_("a programme manager's e-mail address (default: the first superuser)"))

    def handle(self, *args: Any, **options: Any) -> None:
        actor = package_actor(options.get("actor"))
        key = options["city"]
        city = City.objects.filter(Q(slug=key) | Q(name=key) | Q(name_en=key)).first()
        if city is None:
            raise CommandError(_("No city %(city)s.") % {"city": key})
        try:
            data = export_package(actor, city)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        Path(options["out"]).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(_("Wrote %(file)s (%(kb)s kB).")
                                             % {"file": options["out"], "kb": max(1, len(data) // 1024)}))
