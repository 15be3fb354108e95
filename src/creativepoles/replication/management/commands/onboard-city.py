"""`poles onboard-city SLUG --name ... --extract FILE [--register FILE] --method-from PARTNER --user EMAIL`.

A thin wrapper over replication's onboarding services: each step runs in order with a progress bar and prints
its report; `--resume RUN_ID` continues a run whose step failed or was interrupted (done steps are not redone).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from creativepoles.core.errors import DomainError
from creativepoles.replication.models import Onboarding, OnboardingStep, StepStatus
from creativepoles.replication.reports import describe
from creativepoles.replication.services import PackageMethod, continue_onboarding, partner_method, start_onboarding


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        """Translated when shown: argparse cannot format lazy strings."""
        return _("Onboard a city outside the network from its open data: city facts, an OpenStreetMap extract, "
                 "an optional business register, a partner city's method, the first ranking and its public pages.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help=_("short name of the new city (not with --resume)"))
        parser.add_argument("--name", help=_("local name"))
        parser.add_argument("--name-en", help=_("English name"))
        parser.add_argument("--country", help=_("two-letter country code"))
        parser.add_argument("--lat", help=_("latitude of the centre"))
        parser.add_argument("--lon", help=_("longitude of the centre"))
        parser.add_argument("--time-zone", default="Europe/Helsinki", help=_("e.g. Europe/Helsinki"))
        parser.add_argument("--population", type=int, default=None)
        parser.add_argument("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT", help=_("the area to import"))
        parser.add_argument("--extract", help=_("an .osm or .osm.pbf file"))
        parser.add_argument("--register", help=_("a business-register file (CSV or XLSX); skipped when absent"))
        parser.add_argument("--layout", default="generic", help=_("the register's layout"))
        parser.add_argument("--method-from", metavar="PARTNER", help=_("slug of the partner city whose method to copy"))
        parser.add_argument("--method-package", metavar="FILE",
                            help=_("a method package (.zip) to take the method from instead of a partner city"))
        parser.add_argument("--method", default="", help=_("name of that city's method (its first when absent)"))
        parser.add_argument("--weight", action="append", default=[], metavar="CODE=WEIGHT",
                            help=_("adjust a criterion's weight (repeatable)"))
        parser.add_argument("--publish", type=int, default=10, help=_("how many first-ranked sites to publish"))
        parser.add_argument("--resume", type=int, metavar="RUN_ID", help=_("continue this onboarding run"))
        parser.add_argument("--user", required=True, metavar="EMAIL",
                            help=_("the programme manager doing the onboarding (recorded as its author)"))

    def handle(self, *args: Any, **options: Any) -> None:
        actor = get_user_model().objects.filter(email__iexact=options["user"]).first()
        if actor is None:
            raise CommandError(_("No account %(email)s.") % {"email": options["user"]})
        weights: dict[str, str] = {}
        for item in options["weight"]:
            code, sep, value = item.partition("=")
            if not sep:
                raise CommandError(_("--weight takes CODE=WEIGHT, got %(value)r.") % {"value": item})
            weights[code.strip()] = value.strip()
        try:
            # The method source is checked before the run starts, so a wrong option leaves no half-made city.
            source: Any = None
            if options.get("method_package"):
                if options.get("method_from"):
                    raise CommandError(_("Give either --method-from or --method-package, not both."))
                try:
                    data = Path(options["method_package"]).read_bytes()
                except OSError as exc:
                    raise CommandError(_("Cannot read %(file)s: %(error)s")
                                       % {"file": options["method_package"], "error": exc.strerror}) from exc
                source = PackageMethod(data, options["method"])
            elif options.get("method_from"):
                source = partner_method(options["method_from"], options["method"])
            run = self._run(actor, options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(_("Onboarding run %(id)d: %(city)s") % {"id": run.pk, "city": run.city})
        console = Console(file=getattr(self.stderr, "_out", sys.stderr))
        columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   TextColumn("{task.completed}"), TimeElapsedColumn())
        tasks: dict[str, Any] = {}
        started = time.perf_counter()
        with Progress(*columns, console=console) as bar:
            def progress(key: str, done: int, total: int) -> None:
                if key not in tasks:
                    tasks[key] = bar.add_task(key, total=None)
                bar.update(tasks[key], completed=done, total=total or None)
            try:
                continue_onboarding(actor, run, extract=options.get("extract"), register=options.get("register"),
                                    layout=options["layout"], source=source, weights=weights,
                                    publish=options["publish"], progress=progress)
            except DomainError as exc:
                raise CommandError(exc.message) from exc
        failed = self._report(run)
        self.stdout.write(_("Total: %(seconds).1f s.") % {"seconds": time.perf_counter() - started})
        if failed:
            raise CommandError(_("A step failed; fix its input and run again with --resume %(id)d.") % {"id": run.pk})

    def _run(self, actor: Any, options: dict[str, Any]) -> Onboarding:
        if options.get("resume"):
            run = Onboarding.objects.for_user(actor, "change").filter(pk=options["resume"]).first()
            if run is None:
                raise CommandError(_("No onboarding run %(id)d that you may continue.") % {"id": options["resume"]})
            return run
        missing = [f"--{name.replace('_', '-')}" for name in ("name", "name_en", "country", "lat", "lon")
                   if not options.get(name)]
        if not options.get("slug") or missing:
            raise CommandError(_("Give the city's slug and %(options)s, or --resume RUN_ID.")
                               % {"options": ", ".join(missing) or "--name"})
        return start_onboarding(actor, slug=options["slug"], name=options["name"], name_en=options["name_en"],
                                country=options["country"], lat=options["lat"], lon=options["lon"],
                                time_zone=options["time_zone"], bbox=options.get("bbox"),
                                population=options.get("population"))

    def _report(self, run: Onboarding) -> bool:
        """Print each step's status and report; whether a step failed."""
        failed = False
        for step in OnboardingStep.objects.filter(onboarding=run).order_by("pk"):
            seconds = ((step.finished_at - step.started_at).total_seconds()
                       if step.finished_at and step.started_at else None)
            took = _(" (%(seconds).1f s)") % {"seconds": seconds} if seconds is not None else ""
            self.stdout.write(f"== {step.get_key_display()}: {step.get_status_display()}{took}")
            if step.status == StepStatus.FAILED:
                failed = True
                self.stdout.write(self.style.ERROR(step.error))
            described = describe(run, step)
            for label, value in described.imported:
                self.stdout.write(f"   {label}: {value}")
            for label, value in described.skipped:
                self.stdout.write(f"   - {label}" + (f": {value}" if value != "" else ""))
            for line, field, reason in described.errors[:50]:
                self.stdout.write(f"   ! {line} {field}: {reason}")
            for label, url in described.next:
                self.stdout.write(f"   -> {label}: {url}")
        return failed
