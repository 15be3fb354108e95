"""Test settings: production settings with plain HTTP and a fast password hasher.

Set through the environment before the real settings load, because middleware such as
SecurityMiddleware reads them once at start-up (the live server for browser tests included).
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("EMAIL_URL", "locmem://")
# Per-process memory is enough for tests (conftest clears it per test); CI may set CACHE_URL=db://.
os.environ.setdefault("CACHE_URL", "locmem://")
# API tests (schemathesis among them) make thousands of calls in one test; the throttle's own
# test sets a low rate.
os.environ.setdefault("API_THROTTLE_RATE", "1000000/min")

from creativepoles.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploads made by tests go to a throwaway folder, never into var/.
_UPLOADS = Path(tempfile.mkdtemp(prefix="creativepoles-tests-"))
MEDIA_ROOT = _UPLOADS / "media"
PRIVATE_MEDIA_ROOT = _UPLOADS / "private"
# The atlas demo's synthetic register stays small so that load_demos() in tests is fast.
ATLAS_DEMO_FIRMS_PER_CITY = 80
