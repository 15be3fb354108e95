"""`poles check --deploy` refuses a production without its own SECRET_KEY or with the test host
allowed; gunicorn, as configured for production, does not name itself in the Server header."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

PRODUCTION = {
    "DEBUG": False, "SECRET_KEY": "k" * 20 + "Zq8#vL2@pW9!xR4$" * 4, "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "ALLOWED_HOSTS": ["poles.example.org"],
}


def clean_env() -> dict[str, str]:
    """The environment of a fresh shell: tests/settings.py relaxes HTTPS settings through os.environ."""
    return {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}


def deploy_check(**changes: Any) -> None:
    with override_settings(**{**PRODUCTION, **changes}):
        call_command("check", deploy=True, fail_level="WARNING")


@pytest.mark.django_db
def test_it_refuses_the_generated_secret_key(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("generated-" + "x9#Lq" * 10 + "\n")
    with pytest.raises(SystemCheckError, match="creativepoles.E001"):
        deploy_check(VAR_DIR=tmp_path, SECRET_KEY="generated-" + "x9#Lq" * 10)
    deploy_check(VAR_DIR=tmp_path)  # an explicit key passes


@pytest.mark.django_db
@pytest.mark.parametrize("hosts", [["poles.example.org", "testserver"], ["*"]])
def test_it_refuses_the_test_host_in_production(hosts: list[str]) -> None:
    with pytest.raises(SystemCheckError, match="creativepoles.E002"):
        deploy_check(ALLOWED_HOSTS=hosts)


@pytest.mark.django_db
def test_it_allows_both_while_debugging(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("generated-key")
    with override_settings(DEBUG=True, VAR_DIR=tmp_path, SECRET_KEY="generated-key", ALLOWED_HOSTS=["testserver"]):
        call_command("check")


def test_it_fails_the_command_line_check_without_secret_key(tmp_path: Path) -> None:
    env = clean_env()
    env.update(DEBUG="0", VAR_DIR=str(tmp_path), ALLOWED_HOSTS="poles.example.org")
    poles = str(Path(sys.executable).with_name("poles"))
    result = subprocess.run([poles, "check", "--deploy", "--fail-level", "WARNING"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "creativepoles.E001" in result.stderr
    env["SECRET_KEY"] = "ci-" + os.urandom(32).hex()
    result = subprocess.run([poles, "check", "--deploy", "--fail-level", "WARNING"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_it_hides_gunicorn_in_the_server_header(tmp_path: Path) -> None:
    env = clean_env()
    env.update(DEBUG="0", VAR_DIR=str(tmp_path), SECRET_KEY="gunicorn-" + os.urandom(16).hex(),
               ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    bindir = Path(sys.executable).parent
    subprocess.run([str(bindir / "poles"), "migrate", "--noinput", "-v0"], env=env, check=True, timeout=240)
    port = _free_port()
    server = subprocess.Popen(
        [str(bindir / "gunicorn"), "-c", "python:creativepoles.gunicorn_conf", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "creativepoles.wsgi"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                    status, server_header = response.status, response.headers.get("Server", "")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.3)
        assert status == 200
        assert server_header and "gunicorn" not in server_header.lower()
    finally:
        server.terminate()
        server.wait(timeout=30)

