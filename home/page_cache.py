"""The anonymous page cache: whole HTML pages kept for visitors who carry no cookie.

Most visitors of a territory's health site are anonymous and read the same pages: the home
page, the directory, the agenda, a structure, the report. Their requests are answered from the
"pages" cache alias (Redis or, without it, files under var/ in production: every gunicorn worker
shares it) without touching Wagtail or the database; everybody else goes through as before.

What is cached (PageCacheMiddleware):
- GET and HEAD requests without any cookie and without an Authorization header, outside the
  admin, the documents and the search page (each search is counted for the evaluation);
- answered 200 with an HTML page, setting no cookie, without Cache-Control private, no-cache,
  no-store or max-age=0 (Django's `never_cache`), and varying on nothing but Cookie.
So a logged-in member (session cookie), a visitor who filled in a form (CSRF cookie) or has a
message waiting (messages cookie) never reads a cached page and never writes one; a page with a
view restriction answers an anonymous visitor with a redirect (login) or a form that sets a CSRF
cookie (password), neither of which is kept; previews live in the admin.

Freshness: a page is kept under a version that changes the moment any content changes (see
`content_changed`): a save or a deletion of a model of the site's apps, of Wagtail's pages,
sites, collections, view restrictions, images, documents, redirects, search promotions and
tags, a move or a publication, but not what only records a draft or a lock (a revision, the
editor's autosave, a submission for moderation); and under the agenda's version (events/cache.py,
which `update_occurrences` changes when the horizon moves) and the day (dates such as
"aujourd'hui" change at midnight). Counters written while pages are viewed (audience, kit
downloads, search statistics, renditions, embeds, logs and the reference index) change nothing.
PAGE_CACHE_SECONDS (300) bounds what depends on the clock only, such as "ouvert maintenant".

The audience counter sits outside this middleware (settings.MIDDLEWARE), so cached page views
are counted as before. Responses carry `X-Cache: hit` or `X-Cache: miss` when the request could
be served from the cache, nothing when it could not.
"""

import hashlib
import uuid
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age
from wagtail.models import RevisionMixin
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import page_published, page_unpublished, post_page_move

from events.cache import VERSION_KEY as AGENDA_VERSION_KEY

CACHE_ALIAS = "pages"
VERSION_KEY = "pages:version"
HEADER = "X-Cache"

# Apps whose models visitors see, directly or through what a page shows.
CONTENT_APPS = (
    "home",
    "partners",
    "events",
    "evaluation",
    "search",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "taggit",
)
# Models written while visitors read pages, or bookkeeping no page shows.
BOOKKEEPING_MODELS = frozenset(
    {
        "evaluation.pageviewcount",  # the audience counter
        "events.kitdownload",  # kit downloads
        "events.occurrence",  # derived from events: their saves and the agenda version cover it
        "wagtailsearchpromotions.query",  # search statistics
        "wagtailsearchpromotions.querydailyhits",
        "wagtailimages.rendition",  # made on a page's first rendering
        "wagtailcore.referenceindex",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        # Drafts, autosaves and moderation: a publication sends page_published (below).
        "wagtailcore.revision",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.pagesubscription",
        "wagtailcore.uploadedfile",
    }
)
# What the save of a page (or a snippet with revisions) writes when it only records a draft
# (save_revision, the editor's autosave) or a lock: nothing a visitor sees.
DRAFT_ONLY_FIELDS = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
    }
)
# Paths never served from the cache (besides what the rules above leave out).
EXCLUDED_URL_NAMES = ("wagtailadmin_home", "search")
EXCLUDED_PREFIXES = ("/documents/", "/django-admin/")


def enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def timeout():
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def pages_cache():
    return caches[CACHE_ALIAS]


# The version -------------------------------------------------------------------------------


def _new_version(**kwargs):
    default_cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def forget_all():
    """Every cached page is obsolete from now on (a new version; old entries expire)."""
    _new_version()


def content_changed(sender=None, update_fields=None, **kwargs):
    """Signal receiver: forget every cached page, now and again once the change is committed.

    Within a transaction the first change matters for the tests and the admin's own requests;
    the second one forgets what another request may have cached between the two from the
    database as it was before the commit. Outside a transaction `on_commit` runs at once.
    A page or snippet saved for its draft or lock fields only changes nothing: the cache stays.
    """
    if (
        update_fields
        and isinstance(sender, type)
        and issubclass(sender, RevisionMixin)
        and set(update_fields) <= DRAFT_ONLY_FIELDS
    ):
        return
    if connection.in_atomic_block:
        _new_version()
    transaction.on_commit(_new_version)


def content_models():
    """The models whose saves and deletions change what visitors see."""
    for app_label in CONTENT_APPS:
        try:
            app = apps.get_app_config(app_label)
        except LookupError:
            continue
        for model in app.get_models():
            if model._meta.label_lower not in BOOKKEEPING_MODELS:
                yield model


def register_signal_handlers():
    # Receivers per model, never for every sender: a receiver for all models would make Django
    # fetch each row of every bulk deletion (sessions, occurrences) to send it a signal.
    for model in content_models():
        uid = f"maillage_page_cache_{model._meta.label_lower}"
        post_save.connect(content_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through is not None and not isinstance(through, str):
                m2m_changed.connect(
                    content_changed, sender=through, dispatch_uid=f"{uid}_{field.name}"
                )
    # A move rewrites the subtree's paths with bulk updates (no post_save for the descendants).
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"maillage_page_cache_{id(signal)}")


# Which requests and responses ---------------------------------------------------------------


@cache
def excluded_prefixes():
    return (*EXCLUDED_PREFIXES, *(reverse(name) for name in EXCLUDED_URL_NAMES))


def is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(excluded_prefixes())
    )


def is_storable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    if get_max_age(response) == 0:
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    return vary <= {"", "cookie"}


def page_key(request):
    """The cache key of a request, or None when its host is not allowed."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    versions = default_cache.get_many([VERSION_KEY, AGENDA_VERSION_KEY])
    version = versions.get(VERSION_KEY)
    if version is None:
        default_cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = default_cache.get(VERSION_KEY)
    url = f"{request.scheme}://{host}{request.get_full_path()}"
    parts = (version, versions.get(AGENDA_VERSION_KEY), timezone.localdate().isoformat(), url)
    return "page:" + hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()


class PageCacheMiddleware:
    """Serves and keeps anonymous pages (see the module's docstring).

    Place it after SecurityMiddleware and WhiteNoise and after the audience counter, before the
    session middleware and everything that writes headers a page must keep (CSP nonces).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request) if enabled() and is_cacheable_request(request) else None
        if key is None:
            return self.get_response(request)
        response = pages_cache().get(key)
        if response is not None:
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if is_storable(response):
            pages_cache().set(key, response, timeout())
        response[HEADER] = "miss"
        return response
