"""The one settings file: everything a deployment changes comes from the environment.

See docs/settings.md for each variable.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hromada.web.env import env_bool, env_int, env_list, env_secret, env_str

# Lets the code write ModelAdmin[Community], QuerySet[Community]... at run time.
django_stubs_ext.monkeypatch()

WEB_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("HROMADA_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)  # safe production default; `make run` sets DEBUG=True
_secret = env_secret("SECRET_KEY")
if _secret is None and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY is required when DEBUG is off")
# A fixed key is only acceptable for a local DEBUG server.
SECRET_KEY = _secret or "django-insecure-hromada-local-development-only"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "hromada.web.accounts",
    "hromada.web.communities",
    "hromada.web.audit",
    "hromada.web.stakeholders",
    "hromada.web.dialogues",
    "hromada.web.surveys",
    "hromada.web.evidence",
    "hromada.web.analysis",
    "hromada.web.risks",
    "hromada.web.admin_apps.HromadaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hromada.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "hromada.web.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "hromada.web.surveys.middleware.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hromada.web.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hromada.web.urls"
WSGI_APPLICATION = "hromada.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

SQLITE_URL = f"sqlite:///{DATA_DIR / 'hromada.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", SQLITE_URL), conn_max_age=env_int("CONN_MAX_AGE", 0)
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis}
        if _redis
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address are refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "communities:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hromada.web.accounts.lockout.lockout_response"
AXES_VERBOSE = False

LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", _("Ukrainian")), ("en", _("English"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Kyiv"
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [WEB_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "uploads"

# Security: the production defaults hold unless DEBUG is on (see docs/settings.md).
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("HROMADA_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

HROMADA_REGISTRY_FILE = WEB_DIR / "communities" / "data" / "registry.csv"
HROMADA_DEMO_PASSWORD = env_str("HROMADA_DEMO_PASSWORD", "hromada-demo")
HROMADA_API_MAX_PAGE_SIZE = 500
# Wrong session codes one address may try in 10 minutes (a meeting hall shares one).
HROMADA_CODE_FAILURE_LIMIT = env_int("HROMADA_CODE_FAILURE_LIMIT", 30)
# Survey exports and statistics files: refused above these, before they are read.
HROMADA_IMPORT_MAX_BYTES = env_int("HROMADA_IMPORT_MAX_BYTES", 50_000_000)
HROMADA_IMPORT_MAX_ROWS = env_int("HROMADA_IMPORT_MAX_ROWS", 200_000)
# Rounds with at most this many responses are analysed in the request; larger
# ones wait for `hromada manage worker`.
HROMADA_ANALYSIS_INLINE_MAX = env_int("HROMADA_ANALYSIS_INLINE_MAX", 600)
# Respondent pseudonyms are keyed hashes of submission ids: changing the key
# makes re-imports of old submissions look new. Derived from SECRET_KEY unless set.
HROMADA_PSEUDONYM_KEY = (
    env_secret("HROMADA_PSEUDONYM_KEY")
    or hmac.new(
        SECRET_KEY.encode(), b"hromada respondent pseudonyms", hashlib.sha256
    ).hexdigest()
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
