"""Production-like settings pass `check --deploy`; the demo loads twice without change;
background tasks run through Django's tasks framework."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from creativepoles.core.models import City, Membership, Organisation
from creativepoles.core.tasks import send_notification


@pytest.mark.django_db
def test_it_passes_the_deploy_check_with_production_settings() -> None:
    production = {
        "DEBUG": False, "SECRET_KEY": "k" * 20 + "Zq8#vL2@pW9!xR4$" * 4, "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "ALLOWED_HOSTS": ["poles.example.org"],
    }
    with override_settings(**production):
        call_command("check", deploy=True, fail_level="WARNING")


@pytest.mark.django_db
def test_it_loads_the_demo_idempotently(capsys: Any) -> None:
    call_command("demo")
    counts = (City.objects.count(), Organisation.objects.count(), Membership.objects.count())
    call_command("demo")
    assert (City.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts
    # The seven partner cities and Helsinki, the city outside the network that the demo onboards.
    assert counts[0] == 8
    assert {c.slug for c in City.objects.filter(is_partner=True)} == {
        "klaipeda", "brandenburg", "cottbus", "zielona-gora", "linkoping", "ostsam", "tartu"
    }
    assert {c.slug for c in City.objects.filter(is_partner=False)} == {"helsinki"}
    assert "manager@demo.creativepoles.eu" in capsys.readouterr().out


def test_it_runs_background_tasks_through_the_tasks_framework() -> None:
    result = send_notification.enqueue("Report submitted", "Period 1 is in control.", ["lead@example.org"])
    assert result.return_value == 1
    assert mail.outbox[-1].subject == "Report submitted"


@pytest.mark.django_db(transaction=True)
def test_it_queues_tasks_for_the_database_worker(settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = send_notification.enqueue("Queued", "For the worker.", ["lead@example.org"])
    assert DBTaskResult.objects.get(id=result.id).status == "READY"
    call_command("db_worker", batch=True, stdout=open("/dev/null", "w"))
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert mail.outbox[-1].subject == "Queued"
