"""Admin addresses Maillage answers before Wagtail's admin does (site/urls.py mounts them first).

- The page chooser's "browse from a page" and "chosen" screens, without other structures'
  drafts (partners/views/choosers.py).
- The explorer's pages (and their listings' results), kept to the pages its listings show:
  the user's branches and their ancestors; any other page sends the user to their own root.
- The page creation form's POSTs, one at a time under a parent: the editor's autosave and a
  click on "Publier" can both create the page at once, and the second one crashed on the
  first's slug (or tree path) with a server error. Under a lock on the parent, the second
  waits, then gets the form back with the slug's error.
- Wagtail's reports, kept to those who publish pages: the page types report names the last
  edited page of each type whoever edited it, and the workflow reports list every requester;
  a partner would read other structures' pending titles and accounts there.
"""

from functools import wraps

from django.db import transaction
from django.shortcuts import redirect
from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.urls import reports as wagtail_reports
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .permissions import can_publish_pages, explorable
from .views import choosers


def publishers_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_publish_pages(request.user):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return wrapped


def explorable_only(view):
    @wraps(view)
    def wrapped(request, parent_page_id, *args, **kwargs):
        if not explorable(request.user, parent_page_id):
            return redirect("wagtailadmin_explore_root")
        return view(request, *args, parent_page_id=parent_page_id, **kwargs)

    return wrapped


def one_creation_at_a_time(view):
    @wraps(view)
    def wrapped(request, *args, parent_page_id, **kwargs):
        if request.method != "POST":
            return view(request, *args, parent_page_id=parent_page_id, **kwargs)
        # PostgreSQL waits on the parent's row; SQLite's IMMEDIATE transactions (settings)
        # already hold the write lock from their start.
        with transaction.atomic():
            list(Page.objects.select_for_update().filter(pk=parent_page_id).values_list("pk"))
            return view(request, *args, parent_page_id=parent_page_id, **kwargs)

    return wrapped


create_page = page_viewset_registry.as_view(
    "add", app_label_kwarg="content_type_app_name", model_name_kwarg="content_type_model_name"
)

# Wagtail's own explorer views (wagtail/admin/urls/__init__.py), each behind the check above.
explore = page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id")
explore_results = page_viewset_registry.as_view(
    "index_results", parent_page_id_kwarg="parent_page_id"
)

# Wagtail's own report views at their own addresses, each behind the check above.
reports = [
    path(str(pattern.pattern), publishers_only(pattern.callback))
    for pattern in wagtail_reports.urlpatterns
]

urlpatterns = decorate_urlpatterns(
    [
        path("choose-page/<int:parent_page_id>/", choosers.BrowseView.as_view()),
        path("choose-page/chosen-multiple/", choosers.ChosenMultipleView.as_view()),
        path("pages/<int:parent_page_id>/", explorable_only(explore)),
        path("pages/<int:parent_page_id>/results/", explorable_only(explore_results)),
        path(
            "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/"
            "<int:parent_page_id>/",
            one_creation_at_a_time(create_page),
        ),
        path("reports/", include(reports)),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
