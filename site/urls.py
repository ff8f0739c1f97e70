"""Root URLs: the admin, a few fixed views, then Wagtail's page tree for everything else."""

import posixpath
from urllib.parse import unquote

from django.conf import settings
from django.http import Http404
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api_router
from home import shared_passwords
from home.views import robots_txt
from partners import admin_urls as partners_admin_urls
from partners.views import wall as wall_views
from search import views as search_views

# Media folders whose files are only handed out by a view.
PRIVATE_MEDIA = {"documents", "kits", "reseau"}


def serve_public_media(request, path):
    folder = posixpath.normpath(unquote(path)).lstrip("/").split("/", 1)[0]
    if folder in PRIVATE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    # Stricter versions of a few admin screens (partners/admin_urls.py): before the admin's own.
    path("admin/", include(partners_admin_urls)),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's shared-password forms, throttled (home/shared_passwords.py): before its own.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        shared_passwords.document_password,
    ),
    path("documents/", include(wagtaildocs_urls)),
    # The recurrence widget's French labels in the admin (events/wagtail_hooks.py).
    path(
        "jsi18n/recurrence/",
        JavaScriptCatalog.as_view(packages=["recurrence"]),
        name="recurrence_jsi18n",
    ),
    path("recherche/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/v2/", api_router.urls),
    # The weekly digest's unsubscribe link: outside /reseau/, as it works without logging in.
    path(
        "lettre-du-reseau/desinscription/<str:token>/",
        wall_views.unsubscribe,
        name="wall_digest_unsubscribe",
    ),
]

if settings.SERVE_MEDIA_FILES:
    # Local serving of uploads (development, `make serve`); a real deployment serves media from
    # its web server or object storage. Documents and the wall's files are never served from
    # here: they go through their views (Wagtail's document view, the wall's), which check who
    # may read them and count downloads. A web server in front must refuse them as well (README).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve_public_media),
    ]

urlpatterns += [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        shared_passwords.page_password,
    ),
    # Anything not matched above is a page of the tree: this must come last.
    path("", include(wagtail_urls)),
]
