"""Demo data: one typed interface every app implements, loaded in dependency order; core's own demo.

Each app that has demo data defines ``DEMO = Demo(name=..., depends_on=(...), load=...)`` in its ``demo``
module; `discover_demos` finds them among the installed project apps, `ordered` sorts them so each loads
after what it depends on (a cycle or an unknown dependency is an error naming it), and every ``load``
gets the same `DemoContext`: the cities, organisations and users made so far, by key. Loading twice
changes nothing: every loader looks its rows up by a natural key before creating them.
"""

from __future__ import annotations

import graphlib
import importlib
import importlib.util
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

from creativepoles.core.models import City, Membership, Organisation, OrganisationKind, Role, RoleRequest

DEMO_PASSWORD = "creative-poles-demo"

# Centre coordinates of each city hall area (WGS84); populations rounded, with the year they refer to
# (national statistics offices). Östsam is the regional council of Östergötland, so it is placed at
# the county's centre and carries the county population.
CITIES: list[dict[str, Any]] = [
    {"slug": "klaipeda", "name": "Klaipėda", "name_en": "Klaipėda", "country": "LT", "nuts3": "LT023",
     "latitude": "55.703300", "longitude": "21.144300", "population": 158000, "population_year": 2023,
     "time_zone": "Europe/Vilnius"},
    {"slug": "brandenburg", "name": "Brandenburg an der Havel", "name_en": "Brandenburg", "country": "DE",
     "nuts3": "DE402", "latitude": "52.412500", "longitude": "12.531600", "population": 72000,
     "population_year": 2022, "time_zone": "Europe/Berlin"},
    {"slug": "cottbus", "name": "Cottbus", "name_en": "Cottbus", "country": "DE", "nuts3": "DE401",
     "latitude": "51.756300", "longitude": "14.332900", "population": 98000, "population_year": 2022,
     "time_zone": "Europe/Berlin"},
    {"slug": "zielona-gora", "name": "Zielona Góra", "name_en": "Zielona Góra", "country": "PL", "nuts3": "PL432",
     "latitude": "51.935600", "longitude": "15.506200", "population": 136000, "population_year": 2023,
     "time_zone": "Europe/Warsaw"},
    {"slug": "linkoping", "name": "Linköping", "name_en": "Linköping", "country": "SE", "nuts3": "SE123",
     "latitude": "58.410800", "longitude": "15.621400", "population": 167000, "population_year": 2023,
     "time_zone": "Europe/Stockholm"},
    {"slug": "ostsam", "name": "Östsam (Östergötland)", "name_en": "Östsam (Östergötland)", "country": "SE",
     "nuts3": "SE123", "latitude": "58.350000", "longitude": "15.800000", "population": 470000,
     "population_year": 2023, "time_zone": "Europe/Stockholm"},
    {"slug": "tartu", "name": "Tartu", "name_en": "Tartu", "country": "EE", "nuts3": "EE008",
     "latitude": "58.378000", "longitude": "26.729000", "population": 97000, "population_year": 2023,
     "time_zone": "Europe/Tallinn"},
]

# City slug -> the region (also a partner) that contains it, so the network's inhabitants are counted once.
CITY_REGIONS: dict[str, str] = {"linkoping": "ostsam"}

ORGANISATIONS: list[dict[str, str]] = [
    {"key": "klaipeda-agency", "city": "klaipeda", "name": "VšĮ Klaipėdos ekonominės plėtros agentūra",
     "name_en": "Klaipėda Economic Development Agency", "kind": OrganisationKind.DEVELOPMENT_AGENCY},
    {"key": "klaipeda-municipality", "city": "klaipeda", "name": "Klaipėdos miesto savivaldybė",
     "name_en": "Klaipėda City Municipality", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "brandenburg-university", "city": "brandenburg", "name": "Fachhochschule Brandenburg",
     "name_en": "Brandenburg University (lead partner)", "kind": OrganisationKind.UNIVERSITY},
    {"key": "brandenburg-municipality", "city": "brandenburg", "name": "Stadt Brandenburg an der Havel",
     "name_en": "City of Brandenburg an der Havel", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "cottbus-municipality", "city": "cottbus", "name": "Stadt Cottbus",
     "name_en": "City of Cottbus", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "zielona-gora-municipality", "city": "zielona-gora", "name": "Urząd Miasta Zielona Góra",
     "name_en": "Zielona Góra City Office", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "linkoping-municipality", "city": "linkoping", "name": "Linköpings kommun",
     "name_en": "Linköping Municipality", "kind": OrganisationKind.MUNICIPALITY},
    {"key": "ostsam-council", "city": "ostsam", "name": "Regionförbundet Östsam",
     "name_en": "Östsam Regional Development Council", "kind": OrganisationKind.DEVELOPMENT_AGENCY},
    {"key": "tartu-municipality", "city": "tartu", "name": "Tartu Linnavalitsus",
     "name_en": "Tartu City Government", "kind": OrganisationKind.MUNICIPALITY},
]

# One demo login per role of core; two city editors so the scoping can be tried by hand. The programme
# manager is core's too: network-wide rights come from core's roles and the coordinating organisation.
USERS: list[dict[str, str]] = [
    {"key": "manager", "email": "manager@demo.creativepoles.eu", "org": "brandenburg-university",
     "role": Role.PROGRAMME_MANAGER},
    {"key": "klaipeda.editor", "email": "klaipeda.editor@demo.creativepoles.eu", "org": "klaipeda-agency",
     "role": Role.CITY_EDITOR},
    {"key": "tartu.editor", "email": "tartu.editor@demo.creativepoles.eu", "org": "tartu-municipality",
     "role": Role.CITY_EDITOR},
    {"key": "cottbus.editor", "email": "cottbus.editor@demo.creativepoles.eu", "org": "cottbus-municipality",
     "role": Role.CITY_EDITOR},
    {"key": "klaipeda.consultant", "email": "consultant@demo.creativepoles.eu", "org": "klaipeda-agency",
     "role": Role.CONSULTANT},
    {"key": "linkoping.viewer", "email": "viewer@demo.creativepoles.eu", "org": "linkoping-municipality", "role": Role.VIEWER},
]
ADMIN_EMAIL = "admin@demo.creativepoles.eu"
APPLICANT_EMAIL = "applicant@demo.creativepoles.eu"


class DemoError(Exception):
    """The demos cannot be ordered: a dependency cycle or a dependency on a demo that does not exist."""


@dataclass(frozen=True)
class DemoLogin:
    """A login printed after loading: who it is and what it may do."""

    email: str
    description: str


@dataclass
class DemoContext:
    """What the demos loaded so far made, by key, for the demos that depend on them."""

    cities: dict[str, City] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)

    def add_user(self, key: str, email: str, organisation: str | None = None, role: str | None = None,
                 description: str = "", **extra: Any) -> Any:
        """A verified demo user with the demo password and, if given, a role in an organisation (by key)."""
        user = ensure_user(email, **extra)
        if organisation is not None and role is not None:
            Membership.objects.get_or_create(user=user, organisation=self.organisations[organisation], role=role)
        self.users[key] = user
        if all(login.email != email for login in self.logins):
            self.logins.append(DemoLogin(email, description or str(Role(role).label if role else "")))
        return user


@dataclass(frozen=True)
class Demo:
    """One app's demo: its name, the demos it needs first, and the idempotent function that loads it."""

    name: str
    load: Callable[[DemoContext], None]
    depends_on: tuple[str, ...] = ()


def ensure_row(model: type[Any], lookup: dict[str, Any], values: dict[str, Any],
               initial: dict[str, Any] | None = None) -> tuple[Any, bool]:
    """Create a row or bring it to `values`, saving only on a real difference; returns (row, whether written).

    update_or_create saves every time, and each save of a model with history adds a history row: a demo
    loaded twice would grow its history and audit tables. `initial` holds values set on creation only,
    such as a status the app's own workflow moves on afterwards.
    """
    row, created = model.objects.get_or_create(**lookup, defaults={**(initial or {}), **values})
    if created:
        return row, True
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed:
        row.save()
    return row, bool(changed)


def ensure_user(email: str, password: str = DEMO_PASSWORD, **extra: Any) -> Any:
    """Create or refresh a user with a verified primary e-mail address."""
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=email, defaults={"email": email, **extra})
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def load_core(context: DemoContext) -> None:
    """The seven cities, their partner organisations, one user per role and the admin."""
    for row in CITIES:
        data = {**row, "latitude": Decimal(row["latitude"]), "longitude": Decimal(row["longitude"])}
        slug = data.pop("slug")
        context.cities[slug], _ = ensure_row(City, {"slug": slug}, data)
    # Set after every city exists: a region may come later in the list than the cities it contains.
    for slug, region in CITY_REGIONS.items():
        context.cities[slug], _ = ensure_row(City, {"slug": slug}, {"part_of": context.cities[region]})
    for row in ORGANISATIONS:
        context.organisations[row["key"]], _ = ensure_row(
            Organisation, {"city": context.cities[row["city"]], "name": row["name"]},
            {"name_en": row["name_en"], "kind": row["kind"], "deleted_at": None,
             "coordinates_network": row["key"] == "brandenburg-university"},
        )
    for row in USERS:
        context.add_user(row["key"], row["email"], row["org"], row["role"])
    context.add_user("admin", ADMIN_EMAIL, description="superuser (admin site)", is_staff=True, is_superuser=True)
    # A signed-up account without a role, waiting for Tartu's editor to approve its request.
    applicant = ensure_user(APPLICANT_EMAIL)
    RoleRequest.objects.get_or_create(
        user=applicant, organisation=context.organisations["tartu-municipality"], role=Role.CONSULTANT,
        defaults={"message": "Demo: a trainer of the Tartu business incubator asking to record sessions."})


DEMO = Demo(name="core", load=load_core)


def discover_demos(app_names: Iterable[str] | None = None) -> list[Demo]:
    """The DEMO of every installed project app that has a `demo` module defining one."""
    names = app_names if app_names is not None else [
        config.name for config in apps.get_app_configs() if config.name.startswith("creativepoles.")]
    found = []
    for name in names:
        if importlib.util.find_spec(f"{name}.demo") is None:
            continue
        demo = getattr(importlib.import_module(f"{name}.demo"), "DEMO", None)
        if isinstance(demo, Demo):
            found.append(demo)
    return found


def ordered(demos: Sequence[Demo]) -> list[Demo]:
    """The demos, each after every demo it depends on; ties keep the given order."""
    by_name = {demo.name: demo for demo in demos}
    if len(by_name) != len(demos):
        raise DemoError("two demos share a name")
    for demo in demos:
        missing = [name for name in demo.depends_on if name not in by_name]
        if missing:
            raise DemoError(f"demo {demo.name!r} depends on unknown demo(s): {', '.join(missing)}")
    sorter = graphlib.TopologicalSorter({demo.name: demo.depends_on for demo in demos})
    try:
        sorter.prepare()
    except graphlib.CycleError as exc:
        raise DemoError("demo dependency cycle: " + " -> ".join(exc.args[1])) from exc
    position = {demo.name: index for index, demo in enumerate(demos)}
    result: list[Demo] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.__getitem__)
        result += [by_name[name] for name in ready]
        sorter.done(*ready)
    return result


def with_dependencies(demos: Sequence[Demo], names: Iterable[str]) -> list[Demo]:
    """The named demos and everything they need, in loading order."""
    by_name = {demo.name: demo for demo in demos}
    wanted: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name not in by_name:
            raise DemoError(f"no demo named {name!r}")
        if name not in wanted:
            wanted.add(name)
            pending += by_name[name].depends_on
    return [demo for demo in ordered(demos) if demo.name in wanted]


@transaction.atomic
def load_demos(names: Iterable[str] | None = None, demos: Sequence[Demo] | None = None) -> DemoContext:
    """Load every discovered demo (or the named ones with their dependencies) in dependency order."""
    available = list(demos) if demos is not None else discover_demos()
    chosen = ordered(available) if names is None else with_dependencies(available, names)
    context = DemoContext()
    for demo in chosen:
        demo.load(context)
        context.loaded.append(demo.name)
    return context
