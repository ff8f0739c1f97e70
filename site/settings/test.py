"""Test settings: fast hashing, in-memory cache, files in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR, WAGTAILSEARCH_BACKENDS

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The anonymous page cache (home/page_cache.py) is off: many tests count the queries of a page
# viewed twice. tests/home/test_page_cache.py turns it on; tests/conftest.py empties it.
PAGE_CACHE_ENABLED = False
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Page views stay in memory during tests (no query added to other tests' counts);
# tests/evaluation/test_audience*.py call evaluation.audience.flush() themselves.
AUDIENCE_FLUSH_SECONDS = 10**9

# Uploaded files never land in the developer's var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="maillage-test-media-"))

# A file (not in-memory) SQLite test database, so that `pytest --reuse-db` keeps it between runs.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# Each test process has its own search index in a temporary folder (tests/conftest.py removes it),
# rebuilt from the test's database on the test's first search (tests/search_backend.py).
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backends.whoosh":
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "tests.search_backend"
    WAGTAILSEARCH_BACKENDS["default"]["PATH"] = tempfile.mkdtemp(prefix="maillage-test-index-")
