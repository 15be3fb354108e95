"""Project settings, read from environment variables (see README, Configuration)."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from creativepoles.env import (
    cache_settings,
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_rate,
    env_str,
    sqlite_options,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    # A per-instance key kept under var/ lets a fresh checkout start without configuration
    # while never shipping a shared default key; production sets SECRET_KEY explicitly.
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Django's test environment adds "testserver" itself; `check --deploy` refuses it in production.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "creativepoles.core",
    "creativepoles.programme",
    "creativepoles.spaces",
    "creativepoles.academy",
    "creativepoles.advisory",
    "creativepoles.atlas",
    "creativepoles.learning",
    "creativepoles.events",
    "creativepoles.clusters",
    "creativepoles.replication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "creativepoles.core.middleware.ContentSecurityPolicyMiddleware",
    "creativepoles.core.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "creativepoles.urls"
WSGI_APPLICATION = "creativepoles.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "creativepoles.core.context_processors.shell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'creativepoles.sqlite3'}"),
        # Reusing connections saves the per-request connect (and SQLite's pragmas): about 1 ms a request.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**sqlite_options(), **DATABASES["default"].get("OPTIONS", {})}

# Rate limits, throttles and cached pages must be seen by every worker: the database by default,
# Redis when CACHE_URL names it.
CACHES = cache_settings(env_str("CACHE_URL", ""))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts: e-mail is the login; verification is mandatory.
ACCOUNT_ADAPTER = "creativepoles.core.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
# Abuse limits (sliding windows in the shared cache). "key" of login_failed is (account, address)
# and login_failed_account only slows new addresses: see core/accounts.py. A password reset mails
# the account's owner, so its per-account limit is account-wide on purpose (it protects the mailbox
# and never blocks signing in); sign-ups have no account yet and are limited per address, and
# allauth's confirm_email cooldown limits the mails to one address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/5m/ip,5/5m/key",
    "login_failed_account": "20/15m/key",
    "reset_password": "20/m/ip,5/15m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "10/10m/ip",
}
# Behind a reverse proxy every client would share the proxy's address: the limits would become
# global. The proxy's X-Forwarded-For names the client (one proxy unless said otherwise).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_PROXY", False) else 0)
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Creative Poles"
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

LANGUAGE_CODE = "en"
# Every partner's language can be chosen; catalogues other than Lithuanian may be partial (English fallback).
LANGUAGES = [("en", _("English")), ("lt", _("Lithuanian")), ("de", _("German")), ("pl", _("Polish")),
             ("sv", _("Swedish")), ("et", _("Estonian"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Vilnius")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").exists() else []
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Invoices, evidence and private documents: never under MEDIA_ROOT, served only by scoped views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Without collectstatic (development, tests) whitenoise serves files straight from the finders.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)

globals().update(email_settings(env_str("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Creative Poles <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where e-mailed notifications link to: commands such as run-due-jobs have no request to take the host from.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A site is "near" a creative hotspot within this distance of one of the hotspot's firms: 500 m is about six
# minutes on foot, the inner ring of a site dossier's accessibility map, and several times DBSCAN's default reach
# (150 m), so a building across the street from a cluster's edge counts while one in the next district does not.
SITES_NEAR_HOTSPOT_M = 500.0
# Days after an event ends before its registrants' personal data is anonymised (events.retention).
EVENTS_ANONYMISE_AFTER_DAYS = env_int("EVENTS_ANONYMISE_AFTER_DAYS", 180)

# Security: strict by default outside development; each can be relaxed behind a proxy that does it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Map tiles are the one external resource a page may load (REFERENCE: OSM tiles with attribution).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; "
    "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'"
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "creativepoles.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "creativepoles.core.api.filters.FilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "creativepoles.core.api.errors.exception_handler",
    # Signed-in callers (token or session) are throttled per user at API_THROTTLE_RATE.
    "DEFAULT_THROTTLE_CLASSES": ["creativepoles.core.api.throttling.PerUserThrottle"],
}
API_THROTTLE_RATE = env_rate("API_THROTTLE_RATE", "600/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Creative Poles API",
    "DESCRIPTION": "Cities, organisations and the programme's modules. Scoped like the web interface.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets used by several fields get one name each.
    "ENUM_NAME_OVERRIDES": {
        "ClusterTagEnum": "creativepoles.clusters.taxonomy.TAGS",
        "CooperationEnum": "creativepoles.clusters.models.Cooperation",
    },
    # The 400/403/404 answers and their one error format, added to every operation.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "creativepoles.core.api.schema.document_errors",
    ],
}

# Background work: immediate in development and tests, the database queue in production.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Dossier PDFs, maps and public lists are cached by content in the default cache; off measures the baseline.
PAGE_CACHE = env_bool("PAGE_CACHE", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: bare domains become https://

# HSTS preload commits the whole domain to HTTPS in browsers' built-in lists and is hard to undo;
# that is the operator's decision (SECURE_HSTS_PRELOAD=1), so the reminder is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Finance alerts: spending (and certification) at or past WARN % of a budget is flagged, past ALERT % is over
# budget. A cost category may exceed its budget by up to FLEXIBILITY % while the partner's total stays within
# budget; beyond that it is flagged for the manager (never deducted). Per-category overrides in percent.
SPENDING_WARN_PERCENT = env_int("SPENDING_WARN_PERCENT", 90)
SPENDING_ALERT_PERCENT = env_int("SPENDING_ALERT_PERCENT", 100)
BUDGET_FLEXIBILITY_PERCENT = env_int("BUDGET_FLEXIBILITY_PERCENT", 10)
BUDGET_FLEXIBILITY_BY_CATEGORY: dict[str, int] = {}

# Atlas: public cells with fewer firms than the threshold are suppressed (statistical offices use 3); register rows
# located farther than ATLAS_MAX_DISTANCE_KM from the city centre are refused; the demo's synthetic register size.
ATLAS_SUPPRESSION_THRESHOLD = env_int("ATLAS_SUPPRESSION_THRESHOLD", 3)
ATLAS_MAX_DISTANCE_KM = env_int("ATLAS_MAX_DISTANCE_KM", 40)
ATLAS_DEMO_FIRMS_PER_CITY = env_int("ATLAS_DEMO_FIRMS_PER_CITY", 3000)
