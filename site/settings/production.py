"""Production settings: refuse to start without a secret key and allowed hosts.

`manage.py check --deploy --fail-level WARNING` passes with SECRET_KEY and ALLOWED_HOSTS set.
FORCE_HTTPS=false turns off the HTTPS redirect and secure cookies, for `make serve` on loopback.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, PAGE_CACHE_SECONDS, REDIS_URL, STORAGES, VAR_DIR
from .environment import env_bool, env_int, env_list, env_required, env_str

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: use at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "The environment variable ALLOWED_HOSTS is required with production settings "
        "(comma-separated host names, e.g. sante.mon-territoire.fr)."
    )

if not REDIS_URL:
    # Several gunicorn workers must share one cache, or a publication would clear the cached
    # navigation of one worker only: without Redis, the cache lives in files under var/.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        },
        # Anonymous pages (home/page_cache.py), apart: their number never evicts the rest.
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "page-cache"),
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

FORCE_HTTPS = env_bool("FORCE_HTTPS", True)
SECURE_SSL_REDIRECT = FORCE_HTTPS
SESSION_COOKIE_SECURE = FORCE_HTTPS
CSRF_COOKIE_SECURE = FORCE_HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000) if FORCE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The preload directive only matters once the domain is submitted to hstspreload.org.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# An http:// address left in a page (an image in old content) is fetched over HTTPS.
if FORCE_HTTPS:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
# Behind a reverse proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER=true and make sure
# the proxy overwrites X-Forwarded-Proto.
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # One line per background task run (search index, reference index) is noise.
        "django_tasks": {"level": "WARNING"},
    },
}
