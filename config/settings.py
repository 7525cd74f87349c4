"""One settings module, read from the environment (healthchecks' pattern).

Defaults are for development with SQLite; production sets SECRET_KEY, DEBUG=0,
ALLOWED_HOSTS and DATABASE_URL (README, "Running in production").
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# Without DEBUG the app refuses to start on a key everyone can read in this file.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG=0 set SECRET_KEY in the environment to a long random "
            "value (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# The origins (scheme://host) the browser posts from when a proxy terminates HTTPS, e.g.
# https://thidua.example.gov.vn; needed when Django sees the request as plain HTTP.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Addresses (or networks) of the reverse proxies whose X-Forwarded-For is believed; the login
# lockout keys on the client address found through them (thidua.core.net.client_ip).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1")
# Set to "HTTP_X_FORWARDED_PROTO" when the proxy terminates HTTPS and sends
# "X-Forwarded-Proto: https"; never when clients can reach the app without the proxy.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_htmx",
    "django_filters",
    "tree_queries",
    "thidua.core",
    "thidua.accounts",
    "thidua.units",
    "thidua.movements",
    "thidua.interchange",
    "thidua.works",
    "thidua.calendar_days",
    "thidua.award_catalogue",
    "thidua.criteria",
    "thidua.awards",
    "thidua.nominations",
    "thidua.councils",
    "thidua.desk",
    "thidua.demo",
    "thidua.reorganisations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.accounts.middleware.PasswordChangeRequiredMiddleware",
    # Axes must be last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.desk.context_processors.navigation",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (postgres://…) switches to PostgreSQL.
# busy_timeout and IMMEDIATE transactions keep concurrent writers from failing with
# "database is locked" under the development server and the test live server.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before anything else checks them.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock out a username from one address after repeated failures; IP alone would lock
# a whole commune office behind one NAT address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from the proxy; the real client is read from
# X-Forwarded-For, but only when the proxy is one of TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "thidua.core.net.client_ip"

# Comments on the public notice (no login): at most this many from one client address per
# notice per hour, and over all notices per day; counted in the database.
NOTICE_COMMENTS_PER_NOTICE_HOUR = int(os.environ.get("NOTICE_COMMENTS_PER_NOTICE_HOUR", "5"))
NOTICE_COMMENTS_PER_DAY = int(os.environ.get("NOTICE_COMMENTS_PER_DAY", "20"))

# Always Vietnamese, whatever language the browser asks for (no LocaleMiddleware).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["config.formats"]
# Django's vi locale has no input formats: without these, "03/04/2026" reads as 4 March.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded files are served only through views that check permissions; there is no MEDIA_URL route.
MEDIA_URL = "/media-not-served/"
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_MB", "10")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 15 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# What an upload may unpack to, checked from its zip directory before anything is parsed (an
# .xlsx or .docx is a zip): each part, all parts together, and how many times a part may be
# larger than its compressed bytes (ordinary Office XML packs 5 to 30 times; a bomb thousands).
ZIP_MAX_PART_BYTES = int(os.environ.get("ZIP_MAX_PART_MB", "50")) * 1024 * 1024
ZIP_MAX_TOTAL_BYTES = int(os.environ.get("ZIP_MAX_TOTAL_MB", "100")) * 1024 * 1024
ZIP_MAX_RATIO = int(os.environ.get("ZIP_MAX_RATIO", "100"))
# Photos are refused above this many pixels before they are decoded (a phone photo is < 20 MP).
UPLOAD_MAX_PIXELS = int(os.environ.get("UPLOAD_MAX_PIXELS", "40000000"))
# Excel imports: data rows per file, and how many empty rows in a row end a sheet (so a stray
# cell on row 1,048,576 costs nothing).
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "10000"))
IMPORT_MAX_EMPTY_RUN = int(os.environ.get("IMPORT_MAX_EMPTY_RUN", "1000"))
# The copy of a refused workbook with its errors marked is made only for worksheets up to this
# size (openpyxl loads the whole sheet to rewrite it).
IMPORT_ANNOTATE_MAX_BYTES = int(os.environ.get("IMPORT_ANNOTATE_MAX_MB", "20")) * 1024 * 1024
# Private keys of the council sessions whose voting is open (one file per session, deleted when
# the session is counted). Blank: "ballot-keys" beside MEDIA_ROOT. Keep it out of backups.
BALLOT_KEY_DIR = os.environ.get("BALLOT_KEY_DIR", "")

# E-mail: the console in development; EMAIL_HOST switches to SMTP. Every message is recorded
# with its real outcome (thidua.core.mail).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_AGE = 60 * 60 * 10
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Production security (manage.py check --deploy): cookies are secure unless DEBUG or told
# otherwise (SECURE_COOKIES=0 only for plain-HTTP demos); HSTS and the HTTPS redirect are opt-in
# because they need the site to be on HTTPS first.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", env_bool("SECURE_COOKIES", not DEBUG))
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", env_bool("SECURE_COOKIES", not DEBUG))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# The proxy checks /healthz over plain HTTP from inside; it must not be redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CSRF_FAILURE_VIEW = "thidua.core.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Commendation documents: the host printed in certificates' QR codes when the app sits behind a
# proxy (else the request's own host), where Liberation Serif lives if not in Debian's
# fonts-liberation2, and the LibreOffice executable that turns decisions into PDF.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")
# The initial passwords of an account import wait here (not in the database) for one showing
# and one download, an hour at most (thidua.accounts.credentials_store).
THIDUA_CREDENTIALS_DIR = os.environ.get(
    "CREDENTIALS_DIR", os.path.join(tempfile.gettempdir(), "thidua-credentials")
)
CERTIFICATE_FONT_DIR = os.environ.get("CERTIFICATE_FONT_DIR", "")
SOFFICE = os.environ.get("SOFFICE", "")
