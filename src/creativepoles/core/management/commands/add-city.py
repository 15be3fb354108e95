"""`poles add-city SLUG --name ... --country XX --lat .. --lon .. --time-zone ...`: add a non-partner city."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from creativepoles.core.errors import DomainError
from creativepoles.core.services import add_city


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        """Translated when shown: argparse cannot format lazy strings."""
        return _("Add a city outside the partner network, e.g. one replicating the method.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help=_("short identifier, e.g. helsinki"))
        parser.add_argument("--name", required=True, help=_("local name"))
        parser.add_argument("--name-en", required=True, help=_("English name"))
        parser.add_argument("--country", required=True, help=_("ISO 3166-1 alpha-2 code, e.g. FI"))
        parser.add_argument("--lat", required=True, help=_("latitude of the centre (degrees)"))
        parser.add_argument("--lon", required=True, help=_("longitude of the centre (degrees)"))
        parser.add_argument("--time-zone", required=True, help=_("IANA name, e.g. Europe/Helsinki"))
        parser.add_argument("--population", type=int, help=_("inhabitants"))
        parser.add_argument("--nuts3", default="", help=_("NUTS-3 code, e.g. FI1B1"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # Runs as the trusted system actor (None), like every management command.
            city = add_city(options["slug"], options["name"], options["name_en"], options["country"],
                            options["lat"], options["lon"], options["time_zone"],
                            population=options["population"], nuts3=options["nuts3"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(_("Added %(city)s (%(slug)s).") % {"city": city, "slug": city.slug}))
