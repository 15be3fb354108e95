"""`poles demo`: load the demo data of every installed module (idempotent)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from creativepoles.core.demo import DEMO_PASSWORD, USERS, load_core_demo


class Command(BaseCommand):
    help = "Load demo data for the seven partner cities; safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        context = load_core_demo()
        # Each module adds its own demo through its AppConfig, so core never imports a module.
        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo", None)
            if callable(loader):
                loader(context)
                self.stdout.write(f"  demo data: {config.label}")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins (password: %s):" % DEMO_PASSWORD))
        for row in USERS:
            self.stdout.write(f"  {row['email']:<42} {row['role']}")
        self.stdout.write(f"  {'admin@demo.creativepoles.eu':<42} superuser (admin site)")
