"""Settings shared by every environment; values that vary come from the environment.

See README.md ("Configuration") for the list of variables. dev.py, test.py and
production.py import this module and adjust what differs.
"""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything the site writes at run time (SQLite file, media, search index, collected static)
# lives under var/, which git ignores.
VAR_DIR = Path(env_str("MAILLAGE_VAR_DIR") or BASE_DIR / "var")

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Maillage's own apps come first so that their templates win.
    "home",
    "partners",
    "events",
    "evaluation",
    "search",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "recurrence",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Login throttling (see AXES_* below).
    "axes",
    # Content-Security-Policy (see CONTENT_SECURITY_POLICY below): its checks of the settings.
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after Django's own headers, so that every response gets them, cached pages too.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A body announcing more than UPLOAD_MAX_REQUEST_SIZE is refused unread (413).
    "partners.uploads.RequestSizeLimitMiddleware",
    # Outside the page cache, so that pages served from it are counted too.
    "evaluation.audience.AudienceMiddleware",
    # Anonymous pages from the "pages" cache (home/page_cache.py): before the sessions and
    # every middleware whose headers a cached page must keep.
    "home.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its 429 page.
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_settings",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise,
# e.g. postgres://user:password@host:5432/maillage
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # A transaction takes the write lock when it starts: a second writer (Wagtail's autosave
        # and "Publier" at once) waits up to `timeout` seconds instead of failing "database is
        # locked" when it writes after reading. WAL lets pages be read while someone writes.
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: local memory unless REDIS_URL is set, then Redis holds both.
# The "pages" alias holds the anonymous page cache (home/page_cache.py): whole pages, kept
# PAGE_CACHE_SECONDS at most and forgotten as soon as any content changes. PAGE_CACHE=false
# turns it off.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "maillage"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        },
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "maillage") + "-pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        },
    }
    # Sessions are read from Redis and written through to the database, so a Redis restart
    # (this machine's Redis keeps nothing on disk) logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "maillage",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "maillage-pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }

# Passwords per the CNIL (délibération n° 2022-100, home/passwords.py): 12 characters at least,
# with upper and lower case letters, digits and special characters (about 80 bits of entropy).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "home.passwords.CharacterClassesValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one username from
# one address, that pair is refused (HTTP 429, templates/account/lockout.html) for
# AXES_COOLOFF_MINUTES, counted again from each attempt made meanwhile; a successful login
# clears the count. It covers every login through django.contrib.auth (Wagtail's admin login,
# the only login form of the site). `manage.py axes_reset` lifts every lockout at once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
# Failed attempts only, deleted once their cool-off is over: no log of successful logins.
AXES_DISABLE_ACCESS_LOG = True
# The client's address: by default the TCP peer (REMOTE_ADDR) alone, so that a client cannot
# choose its address with an X-Forwarded-For header. Behind reverse proxies, TRUSTED_PROXY_COUNT
# is their number (nginx alone: 1; a load balancer then nginx: 2), each appending the address it
# received the request from to X-Forwarded-For: the client is the TRUSTED_PROXY_COUNT-th address
# from the right of that header, whatever a client wrote to its left. django-ipware counts the
# proxies listed in the header, hence the minus one.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 (no proxy) or more.")
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    # The right-most addresses, even when a client put others before them.
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static files are served by WhiteNoise, in development as in production.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Map libraries, installed by npm (package.json) and served from here, never from a CDN.
    ("vendor/leaflet", BASE_DIR / "node_modules/leaflet/dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules/leaflet.markercluster/dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Let Django itself serve uploads: for development and `make serve` only.
SERVE_MEDIA_FILES = env_bool("SERVE_MEDIA_FILES", DEBUG)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# S3-compatible media storage (AWS, Scaleway, OVHcloud, MinIO…) when a bucket is named.
# django-storages reads the AWS_* settings below.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = env_str("AWS_LOCATION", "media")
    # Objects stay private to the bucket; the site hands out signed URLs.
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_S3_FILE_OVERWRITE = False

# E-mail: printed on the console unless an SMTP host is given.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Maillage <ne-pas-repondre@maillage.invalid>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Search: Maillage's Whoosh backend (French analysis, an index folder on disk) by default;
# Wagtail's database backend, Elasticsearch or OpenSearch by configuration.
#   SEARCH_BACKEND     whoosh (default), database, elasticsearch7/8/9 or opensearch2/3; any other
#                      name refuses to start, listing these.
#   SEARCH_INDEX_PATH  whoosh only: the index folder, VAR_DIR/search-index by default. Every
#                      process of the site (gunicorn workers, `manage.py update_index`) must
#                      see the same folder; `update_index` rebuilds it and swaps it in.
#   SEARCH_URL         cluster only: comma-separated node URLs (http://localhost:9200).
#   SEARCH_INDEX       cluster only: the index name prefix (maillage), one per site sharing a
#                      cluster.
#   SEARCH_TIMEOUT     cluster only: seconds per request to the cluster (5).
# A cluster needs its client library in the virtualenv (`pip install "elasticsearch>=8,<9"` or
# `opensearch-py`, of the backend's major version) and a first `manage.py update_index`.
# The database backend needs neither but does not stem French ("preventions" finds nothing):
# bench/search.py compares it with Whoosh.
SEARCH_BACKENDS = {
    "whoosh": "search.backends.whoosh",
    "database": "wagtail.search.backends.database",
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "whoosh")
if SEARCH_BACKEND not in SEARCH_BACKENDS:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND={SEARCH_BACKEND!r} is unknown; choose one of {', '.join(SEARCH_BACKENDS)}."
    )
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": SEARCH_BACKENDS[SEARCH_BACKEND]}}
if SEARCH_BACKEND == "whoosh":
    WAGTAILSEARCH_BACKENDS["default"]["PATH"] = env_str("SEARCH_INDEX_PATH") or str(
        VAR_DIR / "search-index"
    )
elif SEARCH_BACKEND != "database":
    WAGTAILSEARCH_BACKENDS["default"].update(
        {
            "URLS": env_list("SEARCH_URL", ["http://localhost:9200"]),
            "INDEX": env_str("SEARCH_INDEX", "maillage"),
            "TIMEOUT": env_int("SEARCH_TIMEOUT", 5),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    )

# Daily search counts (search promotions' query statistics) feed the evaluation's "recherches"
# figure: `searchpromotions_garbage_collect` must keep the contract's years, not Wagtail's 7 days.
WAGTAILSEARCH_HITS_MAX_AGE = env_int("SEARCH_HITS_MAX_AGE_DAYS", 3660)

# Maps (directory, structure pages, admin placement): the tile server the visitor's browser asks
# for map images; OpenStreetMap's by default. {s}, {z}, {x}, {y} are Leaflet's placeholders.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
if not MAP_TILE_URL.startswith(("https://", "http://")) or not all(
    placeholder in MAP_TILE_URL for placeholder in ("{z}", "{x}", "{y}")
):
    raise ImproperlyConfigured(
        "MAP_TILE_URL must be an http(s) URL with {z}, {x} and {y}, "
        f"e.g. https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png, not {MAP_TILE_URL!r}."
    )
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "les contributeurs d’OpenStreetMap</a>",
)

# Agenda: recurring events are materialised this many days ahead (the daily
# `update_occurrences` command moves the horizon), and no event may have more dates than this.
AGENDA_HORIZON_DAYS = env_int("AGENDA_HORIZON_DAYS", 548)  # 18 months
AGENDA_MAX_OCCURRENCES = env_int("AGENDA_MAX_OCCURRENCES", 1000)

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Maillage")
# The login members reach from the wall and private pages, in the site's own layout.
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "account/login.html"
# The shared-password forms of private pages and document collections, in the same layout
# (throttled by home/shared_passwords.py).
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "account/password_required.html"  # noqa: S105 (a path)
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "account/password_required.html"  # noqa: S105
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
# No third party hears from the admin: no update check, no Gravatar (it receives a hash of
# each user's e-mail address); Wagtail shows initials instead.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Pixels counted from the header before any decoding; corrupt files get a message, not a 500.
WAGTAILIMAGES_IMAGE_FORM_BASE = "partners.uploads.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Content checked against the extension (an HTML page renamed .pdf is refused).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "partners.uploads.DocumentForm"
# Documents always go through Wagtail's serve view (privacy of collections, download counts),
# never straight from the media folder.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document downloads (Content-Disposition: attachment), PDFs included: none is rendered
# by the browser at the site's address.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Wagtail's responsive wrapper sets an inline style; maillage.css sizes the player instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# Django's default 1000 fields can be exceeded by long StreamFields in the page editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploaded files above this are written to a temporary file as they arrive, never held in
# memory (Django's default, stated here as the upload checks count on it).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A request body announcing more than this is refused before Django reads it
# (partners.uploads.RequestSizeLimitMiddleware): the largest document, plus a wall card's
# 5 MB picture and the form around them. A web server in front should refuse the same.
UPLOAD_MAX_REQUEST_SIZE = WAGTAILDOCS_MAX_UPLOAD_SIZE + 8 * 1024 * 1024

# Partner accounts: "Devenir partenaire" submissions allowed per client and hour (the client's
# address is only kept as a keyed hash in the cache). Wagtail's moderation e-mails (submitted,
# approved, rejected) go to each user whose profile allows them, from DEFAULT_FROM_EMAIL.
PARTNER_REQUESTS_PER_HOUR = env_int("PARTNER_REQUESTS_PER_HOUR", 5)

# The anonymous audience counter (evaluation/audience.py): no cookie, only daily aggregates.
# Each process keeps its counts in memory and writes them every AUDIENCE_FLUSH_SECONDS.
AUDIENCE_COUNTER_ENABLED = env_bool("AUDIENCE_COUNTER_ENABLED", True)
AUDIENCE_FLUSH_SECONDS = env_int("AUDIENCE_FLUSH_SECONDS", 60)


# Security headers on every response. Content-Security-Policy (django-csp): pages load scripts,
# styles, fonts and data from the site alone, with no inline code ('unsafe-inline' nowhere: the
# templates keep their JavaScript and CSS in static files), images from the site, `data:` URLs
# and the map's tile server, and video players (after the visitor's click, home/embeds.py) from
# VIDEO_PLAYER_ORIGINS. Wagtail's admin needs inline scripts and styles of its own: its URLs (the
# editor's previews included) are left out of this policy. Its userbar on public pages loads
# from WAGTAILADMIN_BASE_URL, allowed as well.
def _origin(url):
    """scheme://host[:port] of a URL; a placeholder in the host name ({s}) becomes a wildcard."""
    parts = urlsplit(url)
    host = re.sub(r"\{[^}]*\}", "*", parts.netloc)
    return f"{parts.scheme}://{host}"


VIDEO_PLAYER_ORIGINS = env_list(
    "VIDEO_PLAYER_ORIGINS",
    [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://www.dailymotion.com",
        "https://geo.dailymotion.com",
    ],
)
_ADMIN_ORIGIN = _origin(WAGTAILADMIN_BASE_URL)
_MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    # Images are served from the bucket (or its custom domain), not from the site.
    _MEDIA_ORIGINS.append(
        f"https://{AWS_S3_CUSTOM_DOMAIN}"
        if AWS_S3_CUSTOM_DOMAIN
        else _origin(AWS_S3_ENDPOINT_URL or "https://*.amazonaws.com")
    )
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, _ADMIN_ORIGIN],
        "style-src": [SELF, _ADMIN_ORIGIN],
        "img-src": [SELF, "data:", _origin(MAP_TILE_URL), _ADMIN_ORIGIN, *_MEDIA_ORIGINS],
        "frame-src": VIDEO_PLAYER_ORIGINS or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page of the site uses (the map does not locate the visitor).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# Other sites learn the origin of a link's page, never its path (search terms, filters).
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
