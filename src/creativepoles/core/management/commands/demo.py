"""`poles demo`: load the demo data of every installed module in dependency order (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from creativepoles.core.demo import DEMO_PASSWORD, DemoError, load_demos


class Command(BaseCommand):
    help = "Load demo data for the seven partner cities; safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("names", nargs="*", help="load only these demos (and what they depend on)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            context = load_demos(options["names"] or None)
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        for name in context.loaded:
            self.stdout.write(f"  demo data: {name}")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins (password: %s):" % DEMO_PASSWORD))
        for login in context.logins:
            self.stdout.write(f"  {login.email:<42} {login.description}")
