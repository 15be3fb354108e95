"""Deployment checks run by `poles check --deploy`: settings that are fine on a laptop but not in production."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


def _generated_secret_key() -> str | None:
    path = Path(settings.VAR_DIR) / "secret_key"
    try:
        return path.read_text().strip()
    except OSError:
        return None


@register(Tags.security, deploy=True)
def check_production_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Refuse the key generated under var/ and the test client's host name when DEBUG is off."""
    if settings.DEBUG:
        return []
    errors = []
    generated = _generated_secret_key()
    if generated and settings.SECRET_KEY == generated:
        # The generated key lives beside the data, is not backed up with the configuration, and
        # changes with a fresh var/: sessions, password-reset links and signed values break.
        errors.append(Error(
            "SECRET_KEY is not set: the key generated into var/secret_key is in use.",
            hint="Set the SECRET_KEY environment variable to a long random value kept with the configuration.",
            id="creativepoles.E001",
        ))
    if "testserver" in settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        errors.append(Error(
            "ALLOWED_HOSTS contains 'testserver' (the test client's host) or '*' (any host): links in "
            "e-mails, such as password resets, could be built for a host an attacker names.",
            hint="Set ALLOWED_HOSTS to the site's own host names, e.g. ALLOWED_HOSTS=poles.example.org.",
            id="creativepoles.E002",
        ))
    return errors
