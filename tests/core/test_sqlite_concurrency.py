"""SQLite as the embedded default: with the production options, concurrent writers wait for each other.

pytest-django's SQLite test database lives in memory, where locking never shows; these tests build a
file database in a temporary folder with `poles migrate` and write to it from separate Python
processes that load the production settings (creativepoles.settings), through the service layer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

THREADS = 8
WRITES = 30

# Runs in a child process with the production settings. "seed" adds a city and a superuser;
# "write TAG" starts THREADS threads that each create WRITES organisations at the same moment
# and prints the errors as JSON.
SCRIPT = r"""
import json, sys, threading
import django
django.setup()
from django.db import connection
from creativepoles.core import services
from creativepoles.core.models import City
from django.contrib.auth import get_user_model

mode = sys.argv[1]
if mode == "seed":
    City.objects.create(slug="klaipeda", name="Klaipeda", name_en="Klaipeda", country="LT",
                        latitude="55.7", longitude="21.1", time_zone="Europe/Vilnius")
    get_user_model().objects.create_superuser("admin", "admin@example.test", "x-Long-pass-42")
    sys.exit(0)

tag, threads, writes = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
admin = get_user_model().objects.get(username="admin")
city = City.objects.get(slug="klaipeda")
connection.close()
start = threading.Barrier(threads)
errors = []

def work(number):
    start.wait()
    try:
        for i in range(writes):
            try:
                services.create_organisation(admin, name=f"{tag}-{number}-{i}", kind="company", city=city)
            except Exception as error:
                errors.append(f"{type(error).__name__}: {error}")
    finally:
        connection.close()

pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
for thread in pool:
    thread.start()
for thread in pool:
    thread.join()
print(json.dumps(errors))
"""


def _env(folder: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "CACHE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="creativepoles.settings", VAR_DIR=str(folder),
               DATABASE_URL=f"sqlite:///{folder / 'poles.sqlite3'}", SECRET_KEY="concurrency-test-key")
    return env


def _run(folder: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", SCRIPT, *args], env=_env(folder), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _errors(process: subprocess.Popen[str]) -> list[str]:
    out, err = process.communicate(timeout=240)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def _count(folder: Path, sql: str, *params: Any) -> int:
    import sqlite3

    with sqlite3.connect(folder / "poles.sqlite3") as db:
        return int(db.execute(sql, params).fetchone()[0])


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sqlite-file")
    poles = Path(sys.executable).with_name("poles")
    subprocess.run([str(poles), "migrate", "--noinput", "-v0"], env=_env(folder), check=True, timeout=240)
    seeding = _run(folder, "seed")
    _out, err = seeding.communicate(timeout=120)
    assert seeding.returncode == 0, err[-3000:]
    return folder


def test_it_runs_the_file_database_in_wal_mode(database: Path) -> None:
    # WAL is a property of the file, set by the production options when the migrations connected.
    import sqlite3

    with sqlite3.connect(database / "poles.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_it_lets_eight_threads_write_at_once_without_errors(database: Path) -> None:
    errors = _errors(_run(database, "write", "threads", str(THREADS), str(WRITES)))
    assert errors == []
    assert _count(database, "SELECT COUNT(*) FROM core_organisation WHERE name LIKE 'threads-%'") == THREADS * WRITES
    assert _count(database, "SELECT COUNT(*) FROM core_auditentry WHERE summary LIKE 'threads-%'") == THREADS * WRITES


def test_it_lets_two_processes_write_at_once_without_errors(database: Path) -> None:
    processes = [_run(database, "write", f"process{n}", str(THREADS), str(WRITES)) for n in (1, 2)]
    errors = [error for process in processes for error in _errors(process)]
    assert errors == []
    for n in (1, 2):
        expected = THREADS * WRITES
        assert _count(database, f"SELECT COUNT(*) FROM core_organisation WHERE name LIKE 'process{n}-%'") == expected
        assert _count(database, f"SELECT COUNT(*) FROM core_auditentry WHERE summary LIKE 'process{n}-%'") == expected
