"""50 people register for 10 seats at the same moment: exactly 10 get a seat and 40 wait, with real concurrent
connections, on the suite's database (PostgreSQL in CI's PostgreSQL run: the event row is locked FOR UPDATE)
and on a file-backed SQLite database opened with the production options (BEGIN IMMEDIATE), from threads of a
separate process as in tests/core/test_sqlite_concurrency.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from creativepoles.events.models import Registration, RegistrationStatus
from creativepoles.events.services import registrations as services
from tests.conftest import make_city
from tests.events.conftest import make_event

PEOPLE = 50
SEATS = 10


def register_at_once(event_id: int) -> list[str]:
    """PEOPLE threads, each on its own connection, register at the same moment; returns their errors."""
    from creativepoles.events.models import Event

    start = threading.Barrier(PEOPLE)
    errors: list[str] = []

    def work(number: int) -> None:
        try:
            event = Event.objects.get(pk=event_id)
            start.wait()
            services.register(None, event, f"Person {number}", f"person{number}@example.test")
        except Exception as error:  # noqa: BLE001 - every failure is reported by the test
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    pool = [threading.Thread(target=work, args=(n,)) for n in range(PEOPLE)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_it_never_overbooks_with_concurrent_connections_on_the_suite_database(sqlite_file: dict[str, Any]) -> None:
    if connection.vendor == "sqlite":
        # The suite's SQLite database lives in memory with a shared cache, whose table locks fail at once
        # instead of waiting: no deployment runs that way. The production-like SQLite is the file database.
        assert sqlite_file == {"errors": [], "confirmed": SEATS, "waiting": PEOPLE - SEATS}
        return
    event = make_event(make_city("klaipeda", "Klaipėda"), capacity=SEATS)
    errors = register_at_once(event.pk)
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == SEATS
    assert statuses.count(RegistrationStatus.WAITING) == PEOPLE - SEATS
    # A cancellation promotes the first in line, by registration order.
    first_waiting = Registration.objects.filter(event=event, status="waiting").order_by("created_at", "pk").first()
    seat = Registration.objects.filter(event=event, status="confirmed").first()
    assert first_waiting is not None and seat is not None
    assert services.cancel_registration(None, seat, by_code=True) == first_waiting


SCRIPT = r"""
import json, sys
import django
django.setup()
from creativepoles.core.models import City
from creativepoles.events.models import Registration
from tests.events.conftest import make_event
from tests.events.test_concurrency import register_at_once

if sys.argv[1] == "seed":
    city = City.objects.create(slug="tartu", name="Tartu", name_en="Tartu", country="EE", latitude="58.37",
                               longitude="26.72", time_zone="Europe/Tallinn")
    print(make_event(city, capacity=int(sys.argv[2])).pk)
else:
    errors = register_at_once(int(sys.argv[2]))
    statuses = list(Registration.objects.values_list("status", flat=True))
    print(json.dumps({"errors": errors, "confirmed": statuses.count("confirmed"),
                      "waiting": statuses.count("waiting")}))
"""


def _env(folder: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "CACHE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="creativepoles.settings", VAR_DIR=str(folder),
               DATABASE_URL=f"sqlite:///{folder / 'poles.sqlite3'}", SECRET_KEY="concurrency-test-key",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return env


def _python(folder: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], env=_env(folder), text=True, capture_output=True,
                          timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The outcome of 50 threads registering at once in a migrated SQLite file (production options)."""
    folder = tmp_path_factory.mktemp("events-sqlite")
    poles = Path(sys.executable).with_name("poles")
    subprocess.run([str(poles), "migrate", "--noinput", "-v0"], env=_env(folder), check=True, timeout=240)
    event_id = _python(folder, "seed", str(SEATS))
    result: dict[str, Any] = json.loads(_python(folder, "register", event_id))
    return result


def test_it_never_overbooks_with_concurrent_connections_on_a_sqlite_file(sqlite_file: dict[str, Any]) -> None:
    assert sqlite_file == {"errors": [], "confirmed": SEATS, "waiting": PEOPLE - SEATS}
