"""gunicorn settings for production: `gunicorn -c python:creativepoles.gunicorn_conf creativepoles.wsgi`.

gunicorn puts "Server: gunicorn" on every response and has no setting to change it; naming the
server and its version only helps an attacker pick exploits, so the name is replaced here, in the
master before the workers fork (the response class reads the module's SERVER at each response).
Command-line options (--workers, --bind) still override the values below.
"""

from __future__ import annotations

import os

import gunicorn.http.wsgi

gunicorn.http.wsgi.SERVER = "creativepoles"  # type: ignore[attr-defined]

wsgi_app = "creativepoles.wsgi"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Only the local reverse proxy may set X-Forwarded-* headers (gunicorn's default too, said aloud).
forwarded_allow_ips = "127.0.0.1,::1"
