"""Settings of Cimaise: every knob comes from the environment, with a default that runs on a laptop."""

import datetime
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR
from redis.asyncio.retry import Retry as RedisRetry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

# -- reading the environment ----------------------------------------------------------------
# An empty value means "the default": an env file may list every variable and leave some empty
# (.env.example does). A value that cannot be right stops the start with the variable's name.

# Every name the helpers were asked for: tests/test_settings_documented.py checks that each is
# documented in the README and both env examples.
_env_read: set[str] = set()
_yes, _no = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def env(name: str, default: str = "", *, choices: tuple[str, ...] = ()) -> str:
    _env_read.add(name)
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if choices and value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r}: expected one of {', '.join(choices)}.")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if not value:
        return default
    if value.lower() in _yes | _no:
        return value.lower() in _yes
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value: use 1 or 0.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = env(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} is below {minimum}.")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list."""
    value = env(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# -- mode and identity ----------------------------------------------------------------------
BASE_DIR = Path(__file__).resolve().parent.parent
# The SQLite file, local media, search index and caches of a laptop.
VAR_DIR = Path(env("CIMAISE_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
# Production mode: secrets are required, cookies secure, HSTS on; nothing falls back to an
# embedded secret.
PRODUCTION = env_bool("CIMAISE_PRODUCTION", False)

_dev_secret = "dev-only-insecure-secret-key-do-not-use-in-production-cimaise"
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else _dev_secret)
if PRODUCTION and (SECRET_KEY == _dev_secret or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be set (50+ characters) when CIMAISE_PRODUCTION=1.")

# "testserver" is the host of django.test.Client, which the benchmarks (bench/) use outside
# pytest too.
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when CIMAISE_PRODUCTION=1.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SITE_ID = 1
SITE_NAME = env("SITE_NAME", "Cimaise")
ASSOCIATION_NAME = env("ASSOCIATION_NAME", "Occitanie Musées")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# The association's contact address (accessibility statement) and the logo printed on the
# attendance certificates: a PNG or JPEG file on the server; empty, the certificate shows the name only.
ASSOCIATION_EMAIL = env("ASSOCIATION_EMAIL", "contact@cimaise.localhost")
ASSOCIATION_LOGO = env("ASSOCIATION_LOGO", "")

# -- applications, middleware, templates ----------------------------------------------------
# Our apps, in the order their URLs and access rules are collected.
CIMAISE_APPS = ["community", "notifications", "forum", "documents", "cvtheque", "trainings"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    *CIMAISE_APPS,
    # django-machina. forum.machina_apps holds the app configs that keep the AutoField ids of
    # machina's migrations (DEFAULT_AUTO_FIELD is BigAutoField) and two documented overrides:
    # attachment limits (forum_attachments) and permissions fed from community.roles
    # (forum_permission). machina's forum_search (django-haystack) is left out: the members'
    # search (community/search/) covers the forum; forum/machina_urls.py wires machina without it.
    "mptt",
    "widget_tweaks",
    "machina",
    "forum.machina_apps.forum.apps.Config",
    "forum.machina_apps.forum_conversation.apps.Config",
    "forum.machina_apps.forum_conversation.forum_attachments",
    "forum.machina_apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds",
    "machina.apps.forum_moderation",
    "forum.machina_apps.forum_tracking.apps.Config",
    "forum.machina_apps.forum_member.apps.Config",
    "forum.machina_apps.forum_permission",
]
# Our two overridden machina apps keep machina's own migrations.
MIGRATION_MODULES = {
    "forum_attachments": "machina.apps.forum_conversation.forum_attachments.migrations",
    "forum_permission": "machina.apps.forum_permission.migrations",
}

# A request goes down this list and its response comes back up.
MIDDLEWARE = [
    # First: the HTTPS redirect and security headers apply to everything, static files too.
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so that the files it answers itself carry the policy as well.
    "csp.middleware.CSPMiddleware",
    # Static files are answered here, before any session, locale or database work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (Django's documented order).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Remembers the language a signed-in person reads in, for their emails.
    "community.middleware.RememberLanguageMiddleware",
    # Everything below needs request.user. The members-only gate decides first who reaches a
    # view; the rest only ever sees requests it let through.
    "community.middleware.MembersOnlyGateMiddleware",
    # machina's permission middleware, minus the session it stores for each anonymous visitor.
    "forum.middleware.SessionlessForumPermissionMiddleware",
    "forum.middleware.MachinaAnswersMiddleware",
    # Staff pages ask for a TOTP authenticator; after the gate, which answers non-members.
    "community.hardening.StaffMFAMiddleware",
    # Last, so that the response it sees is the view's (or the gate's): it adds
    # `Cache-Control: private, no-store` only where the view set no Cache-Control of its own.
    "community.hardening.PrivatePagesMiddleware",
]

ROOT_URLCONF = "community.urls"
ASGI_APPLICATION = "community.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # community's templates come first so they can restyle allauth's (listed before us);
        # then our overrides of machina's templates, before machina's own.
        "DIRS": [
            BASE_DIR / "community" / "templates",
            BASE_DIR / "forum" / "machina_templates",
            MACHINA_MAIN_TEMPLATE_DIR,
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "community.context_processors.site",
                "notifications.context_processors.unread",
                "machina.core.context_processors.metadata",
            ],
        },
    },
]

# -- database -------------------------------------------------------------------------------
try:
    _database = dj_database_url.parse(env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"))
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {error}") from None
_on_sqlite = _database["ENGINE"] == "django.db.backends.sqlite3"
DATABASES = {
    "default": {
        **_database,
        # Connections close after each request by default (several ASGI workers, PostgreSQL
        # restarts); when kept (CONN_MAX_AGE > 0) they are checked before reuse.
        "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": not _on_sqlite,
        # SQLite: a writer waits up to 20 s for another one instead of failing at once.
        "OPTIONS": {**_database.get("OPTIONS", {}), **({"timeout": 20} if _on_sqlite else {})},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# -- accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "community.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "community:home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: the email is the login; sign-up asks for a verified address.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "community.membership.forms.SignupExtraForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# Rate limits (README, "Connexion, limites et sessions"). Per address ("ip") figures are sized
# for a museum office where ~30 colleagues share one public address and log in around 9 am,
# some mistyping; the per-account ("key") figures are what stops password guessing. Counters
# live in the cache: shared through Redis in production, per worker process without it.
ACCOUNT_RATE_LIMITS = {
    "login": "60/m/ip",  # every login form sent, right or wrong
    "login_failed": "30/m/ip,5/5m/key",  # wrong passwords (a success gives its try back)
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/h/key",  # key: the address the email is sent to
    "reset_password_from_key": "20/m/ip",
}
# Behind nginx (deploy/) the workers listen on a unix socket and see no client address: the
# limiter reads the one nginx writes in X-Real-IP (over whatever the client sent). Never
# X-Forwarded-For, whose leftmost entries the client writes itself.
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP" if PRODUCTION else None
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# -- languages and time ---------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / app / "locale" for app in CIMAISE_APPS]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# -- static files and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [MACHINA_MAIN_STATIC_DIR]
# On a laptop WhiteNoise serves from the finders; it still warns when STATIC_ROOT is missing.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))

# Files: a local folder by default, any S3-compatible store when S3_BUCKET is set.
S3_BUCKET = env("S3_BUCKET", "")
S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", "")
S3_ACCESS_KEY = env("S3_ACCESS_KEY", "")
S3_SECRET_KEY = env("S3_SECRET_KEY", "")
S3_REGION = env("S3_REGION", "us-east-1")
# The Content Security Policy below lists the bucket's origin for these two styles.
S3_ADDRESSING_STYLE = env("S3_ADDRESSING_STYLE", "path", choices=("path", "virtual"))
FILE_URL_EXPIRY = env_int("FILE_URL_EXPIRY", 300, minimum=1)
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", 200 * 1024 * 1024, minimum=1)
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "access_key": S3_ACCESS_KEY,
            "secret_key": S3_SECRET_KEY,
            "region_name": S3_REGION,
            "addressing_style": S3_ADDRESSING_STYLE,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": FILE_URL_EXPIRY,
            "file_overwrite": False,
            "signature_version": "s3v4",
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# -- live push and cache: in memory by default, Redis when REDIS_URL is set ----------------
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        # After a Redis restart a pooled connection is stale: retry once at
                        # once on a new one (no backoff, so pushes fail fast and are only
                        # logged while Redis is down).
                        "retry": RedisRetry(NoBackoff(), 1),
                        "retry_on_error": [RedisConnectionError],
                        "socket_connect_timeout": 2,
                        # channels-redis waits 5 s for a message (BZPOPMIN); redis-py's default
                        # 5 s read timeout would cut that wait and crash every idle websocket
                        # every few seconds.
                        "socket_timeout": 15,
                    }
                ]
            },
        }
    }
    _default_cache = {
        "BACKEND": "community.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    _default_cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
CACHES = {
    "default": _default_cache,
    # Template fragments ({% cache %}) keyed by everything they show (language, URLs, the
    # viewer's id): the same in every process, so each keeps its own, in memory.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template-fragments",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # machina keeps the files of a post being previewed here, between two requests.
    "machina_attachments": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "machina_attachments"),
    },
}

# -- email: EMAIL_URL is console:// (default), locmem://, smtp://user:pass@host:port?tls=1 or
# smtps://user:pass@host:port; user and password percent-encoded (%40 for @).
_email_url = urlparse(env("EMAIL_URL", "console://"))
_email_backends = {"console": "console", "locmem": "locmem", "smtp": "smtp", "smtps": "smtp"}
if _email_url.scheme not in _email_backends:
    raise ImproperlyConfigured(f"EMAIL_URL scheme not supported: {_email_url.scheme!r}.")
try:
    _email_port = _email_url.port
except ValueError:
    raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
_email_tls = parse_qs(_email_url.query).get("tls", ["1"])[0]
if _email_tls not in ("0", "1"):
    raise ImproperlyConfigured(f"EMAIL_URL: tls={_email_tls!r}, expected 1 or 0.")
EMAIL_BACKEND = f"django.core.mail.backends.{_email_backends[_email_url.scheme]}.EmailBackend"
EMAIL_HOST = _email_url.hostname or "localhost"
EMAIL_PORT = _email_port or {"smtp": 587, "smtps": 465}.get(_email_url.scheme, 25)
EMAIL_HOST_USER = unquote(_email_url.username or "")
EMAIL_HOST_PASSWORD = unquote(_email_url.password or "")
EMAIL_USE_SSL = _email_url.scheme == "smtps"
EMAIL_USE_TLS = _email_url.scheme == "smtp" and _email_tls == "1"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Cimaise <noreply@cimaise.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Emails wait in the outbox (notifications/mail.py) for `manage.py send_outbox`; on a laptop
# and in tests, where nothing goes out on the network, they also leave right after the commit.
OUTBOX_SEND_AT_ONCE = env_bool("OUTBOX_SEND_AT_ONCE", _email_url.scheme in ("console", "locmem"))

# -- security: strict in production, relaxed on a laptop ------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Staff-level pages ask for a TOTP authenticator (allauth.mfa). Off by default on a laptop so
# the demo staff of `make run` works; on by default in production.
CIMAISE_REQUIRE_STAFF_MFA = env_bool("CIMAISE_REQUIRE_STAFF_MFA", PRODUCTION)

# Content Security Policy (django-csp 4): no inline script or style anywhere in our templates.
# Enforced in production; report-only on a laptop so the browser console shows violations.
# The browser talks to the bucket itself: direct uploads (presigned POST) and downloads.
if S3_ENDPOINT_URL:
    _endpoint = urlparse(S3_ENDPOINT_URL)
    _bucket_origins = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
    if S3_ADDRESSING_STYLE == "virtual":
        # boto3 then addresses https://<bucket>.<endpoint host>/
        _bucket_origins.append(f"{_endpoint.scheme}://{S3_BUCKET}.{_endpoint.netloc}")
elif S3_BUCKET:
    _bucket_origins = [
        f"https://{S3_BUCKET}.s3.{S3_REGION}.amazonaws.com",
        f"https://s3.{S3_REGION}.amazonaws.com",
    ]
else:
    _bucket_origins = []
_csp = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_bucket_origins],
        "media-src": ["'self'", *_bucket_origins],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *_bucket_origins],
        "form-action": ["'self'", *_bucket_origins],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    CONTENT_SECURITY_POLICY = _csp
else:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env(
            "LOG_LEVEL", "WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
        ),
    },
}

# -- membership -----------------------------------------------------------------------------
MEMBERSHIP_GRACE_DAYS = env_int("MEMBERSHIP_GRACE_DAYS", 30)
MEMBERSHIP_REMINDER_DAYS = [30, 7]


def _month_day(name: str, default: str) -> tuple[int, int]:
    value = env(name, default)
    try:
        day = datetime.date.fromisoformat(f"2000-{value}")
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a month and day: use MM-DD.") from None
    return day.month, day.day


# An application accepted from this day of the year (MM-DD) counts for the next calendar year.
MEMBERSHIP_NEXT_YEAR_FROM = _month_day("MEMBERSHIP_NEXT_YEAR_FROM", "10-01")

# -- forum (django-machina) -----------------------------------------------------------------
MACHINA_FORUM_NAME = "Forum"
MACHINA_BASE_TEMPLATE_NAME = "base.html"
MACHINA_USER_DISPLAY_NAME_METHOD = "get_full_name"
# Markdown -> sanitized HTML, with @handle mentions linked to the directory.
MACHINA_MARKUP_LANGUAGE = ("forum.markup.render", {})
MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE = 20
MACHINA_ATTACHMENT_MAX_FILES_PER_POST = 5
MACHINA_PROFILE_AVATARS_ENABLED = False
FORUM_ATTACHMENT_MAX_SIZE = env_int("FORUM_ATTACHMENT_MAX_SIZE", 10 * 1024 * 1024, minimum=1)

# -- documents ------------------------------------------------------------------------------
# Text of PDFs and office files is extracted at upload (for search) up to this size.
DOCUMENTS_EXTRACT_MAX_SIZE = env_int("DOCUMENTS_EXTRACT_MAX_SIZE", 50 * 1024 * 1024)

# -- cvtheque -------------------------------------------------------------------------------
CV_MAX_SIZE = env_int("CV_MAX_SIZE", 5 * 1024 * 1024, minimum=1)  # bytes, PDF only
CV_RETENTION_MONTHS = env_int("CV_RETENTION_MONTHS", 24, minimum=1)  # a profile expires after
CV_REMINDER_DAYS = [30, 7]  # reminders before a profile expires
CV_SEARCH_PAGE_SIZE = env_int("CV_SEARCH_PAGE_SIZE", 20, minimum=1)
