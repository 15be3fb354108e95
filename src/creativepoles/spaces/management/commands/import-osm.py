"""`poles import-osm FILE --city SLUG [--bbox ...]`: import an OSM extract, then compute accessibility."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from creativepoles.analysis.osm import ATTRIBUTION
from creativepoles.core.errors import DomainError
from creativepoles.core.models import City
from creativepoles.spaces.services.accessibility import compute_accessibility
from creativepoles.spaces.services.osm_import import SKIP_LABELS, ImportSummary, import_osm


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse MINLON,MINLAT,MAXLON,MAXLAT; the service checks the order and ranges."""
    parts = [p.strip() for p in text.split(",")]
    try:
        if len(parts) != 4:
            raise ValueError(text)
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise CommandError(
            _("--bbox must be four comma-separated numbers MINLON,MINLAT,MAXLON,MAXLAT "
              "(e.g. 24.93,60.16,24.96,60.18), got %(value)r.") % {"value": text}
        ) from None
    return min_lon, min_lat, max_lon, max_lat


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        """Translated when shown: argparse cannot format lazy strings."""
        return _("Import candidate sites and points of interest for a city from an OpenStreetMap extract "
                 "(.osm or .osm.pbf), then compute the accessibility of its sites. Safe to run again.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("an .osm or .osm.pbf file"))
        parser.add_argument("--city", required=True, metavar="SLUG", help=_("slug of the city (see poles add-city)"))
        parser.add_argument("--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT", help=_("only objects whose centre lies in this box (degrees)"))

    def handle(self, *args: Any, **options: Any) -> None:
        bbox = parse_bbox(options["bbox"]) if options.get("bbox") else None
        city = City.objects.filter(slug=options["city"]).first()
        if city is None:
            raise CommandError(_("No city with slug %(slug)s; add it first with poles add-city.")
                               % {"slug": options["city"]})
        # Progress goes to stderr so stdout carries only the summary.
        console = Console(file=getattr(self.stderr, "_out", sys.stderr))
        # The number of objects in a file is unknown until it is read, so the bar pulses.
        columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   TextColumn(_("{task.completed} OSM objects read, {task.fields[found]} features")),
                   TimeElapsedColumn())
        with Progress(*columns, console=console) as bar:
            task = bar.add_task(_("Reading %(file)s") % {"file": Path(options["file"]).name}, total=None, found=0)
            try:
                # The command runs as the trusted system actor (None): see the service's docstring.
                summary = import_osm(None, options["file"], city, bbox=bbox,
                                     progress=lambda seen, found: bar.update(task, completed=seen, found=found))
            except DomainError as exc:
                raise CommandError(exc.message) from exc
        self._report(summary)
        with console.status(_("Computing accessibility…")):
            count = compute_accessibility(city)
        self.stdout.write(_("Accessibility computed for %(count)d sites of %(city)s.")
                          % {"count": count, "city": city})
        self.stdout.write(_("Map data %(attribution)s.") % {"attribution": ATTRIBUTION})

    def _report(self, summary: ImportSummary) -> None:
        """Print counts per kind and category."""
        labels = {"site": _("Sites"), "poi": _("Points of interest")}
        self.stdout.write(_("%(examined)d tagged OSM objects read, %(features)d features found.")
                          % {"examined": summary.examined, "features": summary.features})
        row = _("  %(category)-20s created %(created)6d   updated %(updated)6d   unchanged %(unchanged)6d")
        for kind in ("site", "poi"):
            self.stdout.write(f"{labels[kind]}:")
            for category, counts in sorted(summary.counts[kind].items()):
                self.stdout.write(row % {"category": category, "created": counts.created,
                                         "updated": counts.updated, "unchanged": counts.unchanged})
            total = summary.total(kind)
            self.stdout.write(row % {"category": _("total"), "created": total.created,
                                     "updated": total.updated, "unchanged": total.unchanged})
        if summary.cut:
            self.stdout.write(_("%(count)d outlines cross the extract's edge: imported from the nodes present, "
                                "their area is a lower bound.") % {"count": summary.cut})
        for reason, count in summary.skipped_by_reason().items():
            self.stdout.write(_("Skipped %(count)d: %(reason)s (%(code)s).")
                              % {"count": count, "reason": SKIP_LABELS.get(reason, reason), "code": reason})
        if any(summary.not_seen.values()):
            self.stdout.write(_("Kept, though not in this file: %(sites)d sites, %(pois)d points of interest.")
                              % {"sites": summary.not_seen["site"], "pois": summary.not_seen["poi"]})
        self.stdout.write(self.style.SUCCESS(_("Import done.")))
