"""The anonymous audience counter: page views per day, per section and per audience.

Within the CNIL's exemption for audience measurement ("mesure d'audience exemptée de
consentement"): the counter sets no cookie, reads no cookie of its own, and keeps nothing about
the visitor (no IP address, no identifier, no user agent, no page address). What it keeps is a
number of views per day, per section of the site (a fixed list: the raw path is never stored)
and per audience: "pro" for a logged-in member of the network, "public" for everybody else.

Counted: GET requests answered 200 with an HTML page, outside the admin, static files, media,
documents and APIs, and not from an obvious robot. Not counted: anything else (HEAD, POST,
redirects, errors, feeds, files, robots).

Write cost: a page view adds nothing to the request's queries. Counts are kept in the process's
memory (one buffer per process, thread-safe) and added to the database with
`UPDATE … SET views = views + n` once the buffer is older than AUDIENCE_FLUSH_SECONDS, and when
the process exits (atexit). `flush()` and `manage.py flush_audience` write at once. Two processes
flushing the same row add up: the update is relative, and a missing row is created with a retry
if another process created it first. A database error is logged, never raised into a response.
"""

import atexit
import hashlib
import logging
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from partners.members import is_member

from .models import Audience, PageViewCount

logger = logging.getLogger(__name__)

# The site's sections, in display order: first path segment → (key, label).
SECTIONS = {
    "accueil": "Accueil",
    "annuaire": "Annuaire des structures",
    "agenda": "Agenda",
    "campagnes": "Campagnes",
    "actualites": "Actualités",
    "appels-a-projets": "Appels à projets",
    "evaluation": "Évaluation du contrat",
    "recherche": "Recherche",
    "reseau": "Réseau des partenaires",
    "autres": "Autres pages",
}
OTHER_SECTION = "autres"
# First path segment → section key; any other segment is "autres" (never the raw path).
SEGMENT_TO_SECTION = {
    "": "accueil",
    "structures": "annuaire",
    "agenda": "agenda",
    "campagnes": "campagnes",
    "actualites": "actualites",
    "appels-a-projets": "appels-a-projets",
    "evaluation": "evaluation",
    "recherche": "recherche",
    "reseau": "reseau",
}
# First path segments that are never pages for visitors.
EXCLUDED_SEGMENTS = frozenset(
    {
        "admin",
        "django-admin",
        "cms",
        "static",
        "media",
        "documents",
        "api",
        "_util",
        "favicon.ico",
        "robots.txt",
        "sitemap.xml",
        "jsi18n",
        "__debug__",
    }
)
ROBOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|curl|wget|python-requests|python-urllib|httpx|aiohttp"
    r"|go-http-client|java/|libwww|scrapy|headless|phantomjs|lighthouse|facebookexternalhit",
    re.IGNORECASE,
)
# How long the audience of a logged-in session is remembered (in the cache, never the database).
AUDIENCE_CACHE_SECONDS = 300


def section_of(path):
    """The section key of a URL path: from a fixed list, "autres" for anything else."""
    segment = path.lstrip("/").split("/", 1)[0].lower()
    return SEGMENT_TO_SECTION.get(segment, OTHER_SECTION)


def is_robot(user_agent):
    return not user_agent or bool(ROBOT_PATTERN.search(user_agent))


def is_counted(request, response):
    if request.method != "GET" or response.status_code != 200:
        return False
    if getattr(response, "streaming", False):
        return False
    content_type = response.get("Content-Type", "")
    if not content_type.startswith("text/html"):
        return False
    segment = request.path.lstrip("/").split("/", 1)[0].lower()
    if segment in EXCLUDED_SEGMENTS:
        return False
    return not is_robot(request.META.get("HTTP_USER_AGENT", ""))


def audience_of(request):
    """ "pro" for a logged-in member of the network, "public" for everybody else.

    Without a session cookie nobody is logged in: no query. With one, whether the session's
    user is a member costs a few queries (session, user, permissions): the answer is kept in
    the cache for a few minutes under a hash of the session key, so that a member's page views
    add no query either. Nothing of it reaches the database.
    """
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return Audience.HABITANT
    cache_key = "audience:" + hashlib.sha256(session_key.encode()).hexdigest()
    audience = cache.get(cache_key)
    if audience is None:
        user = getattr(request, "user", None)
        member = user is not None and user.is_authenticated and is_member(user)
        audience = Audience.PROFESSIONAL if member else Audience.HABITANT
        cache.set(cache_key, str(audience), AUDIENCE_CACHE_SECONDS)
    return audience


# The per-process buffer ---------------------------------------------------------------------


class ViewBuffer:
    """Counts kept in memory until flushed: {(day, section, audience): views}."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = Counter()
        self._since = time.monotonic()

    def add(self, day, section, audience, views=1):
        with self._lock:
            if not self._counts:
                self._since = time.monotonic()
            self._counts[(day, section, audience)] += views

    def is_due(self, max_age):
        with self._lock:
            return bool(self._counts) and time.monotonic() - self._since >= max_age

    def take(self):
        """Empty the buffer and return what it held."""
        with self._lock:
            counts, self._counts = self._counts, Counter()
            self._since = time.monotonic()
        return counts

    def give_back(self, counts):
        """Put counts that could not be written back in the buffer, for the next flush."""
        with self._lock:
            self._counts.update(counts)

    def __len__(self):
        with self._lock:
            return len(self._counts)

    def pending(self):
        with self._lock:
            return dict(self._counts)

    def flush(self):
        """Add the buffered counts to the database; returns the number of views written.

        A database error puts the counts back in the buffer, is logged, and is not raised.
        """
        counts = self.take()
        if not counts:
            return 0
        try:
            write_counts(counts)
        except Exception:  # a counter never breaks the site
            logger.exception("Audience counts could not be written; kept for the next flush.")
            self.give_back(counts)
            return 0
        return sum(counts.values())


def _add_to_row(day, section, audience, views):
    lookup = {"day": day, "section": section, "audience": audience}
    if PageViewCount.objects.filter(**lookup).update(views=F("views") + views):
        return
    try:
        with transaction.atomic():
            PageViewCount.objects.create(**lookup, views=views)
    except IntegrityError:
        # Another process created the row between our update and our insert.
        PageViewCount.objects.filter(**lookup).update(views=F("views") + views)


def write_counts(counts):
    """Add {(day, section, audience): views} to PageViewCount, in one transaction."""
    with transaction.atomic():
        for (day, section, audience), views in sorted(counts.items()):
            if views > 0:
                _add_to_row(day, section, audience, views)


buffer = ViewBuffer()


def flush():
    """Write this process's buffered page views now; returns the number of views written."""
    return buffer.flush()


def _flush_at_exit():
    try:
        flush()
    except Exception:  # the process is ending anyway
        logger.exception("Audience counts lost at exit.")


atexit.register(_flush_at_exit)


def flush_seconds():
    return getattr(settings, "AUDIENCE_FLUSH_SECONDS", 60)


def count_view(request, day=None):
    buffer.add(day or timezone.localdate(), section_of(request.path), audience_of(request))


class AudienceMiddleware:
    """Counts the page views of visitors (see the module's docstring); sets no cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(settings, "AUDIENCE_COUNTER_ENABLED", True):
            return response
        try:
            if is_counted(request, response):
                count_view(request)
            if buffer.is_due(flush_seconds()):
                buffer.flush()
        except Exception:  # a counter never breaks a response
            logger.exception("Audience counter failed on a page view.")
        return response
