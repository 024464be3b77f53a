"""Settings of Cimaise: every knob comes from the environment, with a default that runs on a laptop."""

import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CIMAISE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Production mode: any sign that real services are configured. In that mode nothing falls back
# to an embedded secret.
PRODUCTION = env_bool("CIMAISE_PRODUCTION", False)

_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production-cimaise"
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("SECRET_KEY must be set (50+ characters) when CIMAISE_PRODUCTION=1.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when CIMAISE_PRODUCTION=1.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

SITE_ID = 1
SITE_NAME = env("SITE_NAME", "Cimaise")
ASSOCIATION_NAME = env("ASSOCIATION_NAME", "Occitanie Musées")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

# Our apps, in the order their URLs and access rules are collected.
CIMAISE_APPS = ["community", "notifications", "forum", "documents", "cvtheque", "trainings"]

INSTALLED_APPS = [
    "daphne",
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
    # -- forum (django-machina) apps are appended in the forum section below --
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.middleware.MembersOnlyGateMiddleware",
]

ROOT_URLCONF = "community.urls"
ASGI_APPLICATION = "community.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # community's templates come first so they can restyle allauth's (listed before us).
        "DIRS": [BASE_DIR / "community" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "community.context_processors.site",
                "notifications.context_processors.unread",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"), conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # A file, not memory, so that live servers in other threads see the test data.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupExtraForm"
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

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / app / "locale" for app in CIMAISE_APPS]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", VAR_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))

# Files: a local folder by default, any S3-compatible store when S3_BUCKET is set.
S3_BUCKET = env("S3_BUCKET", "")
S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", "")
S3_ACCESS_KEY = env("S3_ACCESS_KEY", "")
S3_SECRET_KEY = env("S3_SECRET_KEY", "")
S3_REGION = env("S3_REGION", "us-east-1")
S3_ADDRESSING_STYLE = env("S3_ADDRESSING_STYLE", "path")
FILE_URL_EXPIRY = int(env("FILE_URL_EXPIRY", "300"))
MAX_UPLOAD_SIZE = int(env("MAX_UPLOAD_SIZE", str(200 * 1024 * 1024)))
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
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Live push: in-memory by default, Redis when REDIS_URL is set.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "community.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def _email_settings(url):
    """EMAIL_URL: console:// (default), locmem://, smtp://user:pass@host:port?tls=1."""
    parsed = urlparse(url)
    if parsed.scheme in ("", "console"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parsed.scheme in ("smtp", "smtps"):
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 587),
            "EMAIL_HOST_USER": parsed.username or "",
            "EMAIL_HOST_PASSWORD": parsed.password or "",
            "EMAIL_USE_SSL": parsed.scheme == "smtps",
            "EMAIL_USE_TLS": parsed.scheme == "smtp" and query.get("tls", ["1"])[0] == "1",
        }
    raise ImproperlyConfigured(f"EMAIL_URL scheme not supported: {parsed.scheme}")


globals().update(_email_settings(env("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Cimaise <noreply@cimaise.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Membership rules.
MEMBERSHIP_GRACE_DAYS = int(env("MEMBERSHIP_GRACE_DAYS", "30"))
MEMBERSHIP_REMINDER_DAYS = [30, 7]

# Security: strict in production, relaxed on a laptop.
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
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# -- forum (django-machina) -------------------------------------------------------------
from machina import MACHINA_MAIN_STATIC_DIR, MACHINA_MAIN_TEMPLATE_DIR  # noqa: E402

# machina's apps; forum.machina_apps holds their app configs with the AutoField ids of machina's
# migrations (DEFAULT_AUTO_FIELD is BigAutoField) and two documented overrides: attachment limits
# (forum_attachments) and permissions fed from community.roles (forum_permission).
INSTALLED_APPS += [
    "mptt",
    "haystack",
    "widget_tweaks",
    "machina",
    "forum.machina_apps.forum.apps.Config",
    "forum.machina_apps.forum_conversation.apps.Config",
    "forum.machina_apps.forum_conversation.forum_attachments",
    "forum.machina_apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds",
    "machina.apps.forum_moderation",
    "machina.apps.forum_search",
    "forum.machina_apps.forum_tracking.apps.Config",
    "forum.machina_apps.forum_member.apps.Config",
    "forum.machina_apps.forum_permission",
]
MIGRATION_MODULES = {
    **globals().get("MIGRATION_MODULES", {}),
    "forum_attachments": "machina.apps.forum_conversation.forum_attachments.migrations",
    "forum_permission": "machina.apps.forum_permission.migrations",
}
# machina's permission middleware, minus the session it stores for each anonymous visitor.
MIDDLEWARE.append("community.middleware.SessionlessForumPermissionMiddleware")
MIDDLEWARE.append("forum.middleware.MachinaAnswersMiddleware")
# Our overrides of machina templates (forum/machina_templates) come before machina's own.
TEMPLATES[0]["DIRS"] += [BASE_DIR / "forum" / "machina_templates", MACHINA_MAIN_TEMPLATE_DIR]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("machina.core.context_processors.metadata")
STATICFILES_DIRS = [*globals().get("STATICFILES_DIRS", []), MACHINA_MAIN_STATIC_DIR]
CACHES["machina_attachments"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(VAR_DIR / "machina_attachments"),
}
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": env("WHOOSH_INDEX_PATH", str(VAR_DIR / "whoosh_index")),
    }
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.RealtimeSignalProcessor"
MACHINA_FORUM_NAME = "Forum"
MACHINA_BASE_TEMPLATE_NAME = "base.html"
MACHINA_USER_DISPLAY_NAME_METHOD = "get_full_name"
# Markdown -> sanitized HTML, with @handle mentions linked to the directory.
MACHINA_MARKUP_LANGUAGE = ("forum.markup.render", {})
MACHINA_TOPIC_POSTS_NUMBER_PER_PAGE = 20
MACHINA_ATTACHMENT_MAX_FILES_PER_POST = 5
MACHINA_PROFILE_AVATARS_ENABLED = False
FORUM_ATTACHMENT_MAX_SIZE = int(env("FORUM_ATTACHMENT_MAX_SIZE", str(10 * 1024 * 1024)))

# -- documents ---------------------------------------------------------------------------
# Text of PDFs and office files is extracted at upload (for search) up to this size.
DOCUMENTS_EXTRACT_MAX_SIZE = int(env("DOCUMENTS_EXTRACT_MAX_SIZE", str(50 * 1024 * 1024)))

# -- cvtheque ----------------------------------------------------------------------------
CV_MAX_SIZE = int(env("CV_MAX_SIZE", str(5 * 1024 * 1024)))  # bytes, PDF only
CV_RETENTION_MONTHS = int(env("CV_RETENTION_MONTHS", "24"))  # a profile expires after this
CV_REMINDER_DAYS = [30, 7]  # reminders before a profile expires
CV_SEARCH_PAGE_SIZE = int(env("CV_SEARCH_PAGE_SIZE", "20"))

# -- trainings ---------------------------------------------------------------------------

# -- notifications -----------------------------------------------------------------------

# -- production hardening ----------------------------------------------------------------
# Staff-level pages ask for a TOTP authenticator (allauth.mfa). Off by default on a laptop so
# the demo staff of `make run` works; on by default in production.
CIMAISE_REQUIRE_STAFF_MFA = env_bool("CIMAISE_REQUIRE_STAFF_MFA", PRODUCTION)
MIDDLEWARE.append("community.hardening.StaffMFAMiddleware")
# Pages behind the login, and the login forms, are never kept by a browser or proxy cache.
MIDDLEWARE.append("community.hardening.PrivatePagesMiddleware")
# Connections close after each request by default (several ASGI workers, PostgreSQL restarts);
# when kept (CONN_MAX_AGE > 0) they are checked before reuse (CONN_HEALTH_CHECKS above).
DATABASES["default"]["CONN_MAX_AGE"] = int(env("CONN_MAX_AGE", "0"))
if REDIS_URL:
    # After a Redis restart a pooled connection is stale: retry once at once on a new one
    # (no backoff, so pushes fail fast and are only logged while Redis is down).
    from redis.asyncio.retry import Retry as _RedisRetry
    from redis.backoff import NoBackoff as _NoBackoff
    from redis.exceptions import ConnectionError as _RedisConnectionError

    CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [
        {
            "address": REDIS_URL,
            "retry": _RedisRetry(_NoBackoff(), 1),
            "retry_on_error": [_RedisConnectionError],
            "socket_connect_timeout": 2,
            # channels-redis waits 5 s for a message (BZPOPMIN); redis-py's default 5 s read
            # timeout would cut that wait and crash every idle websocket every few seconds.
            "socket_timeout": 15,
        }
    ]
# Content Security Policy (django-csp 4): no inline script or style anywhere in our templates.
# Enforced in production; report-only on a laptop so the browser console shows violations.
# The browser talks to the bucket itself: direct uploads (presigned POST) and downloads.
if S3_ENDPOINT_URL:
    _endpoint = urlparse(S3_ENDPOINT_URL)
    _csp_media = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
    if S3_ADDRESSING_STYLE == "virtual":
        # boto3 then addresses https://<bucket>.<endpoint host>/
        _csp_media.append(f"{_endpoint.scheme}://{S3_BUCKET}.{_endpoint.netloc}")
elif S3_BUCKET:
    _csp_media = [
        f"https://{S3_BUCKET}.s3.{S3_REGION}.amazonaws.com",
        f"https://s3.{S3_REGION}.amazonaws.com",
    ]
else:
    _csp_media = []
_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_csp_media],
        "media-src": ["'self'", *_csp_media],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *_csp_media],
        "form-action": ["'self'", *_csp_media],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    CONTENT_SECURITY_POLICY = _CSP
else:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
