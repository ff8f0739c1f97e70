"""Admin addresses Maillage answers before Wagtail's admin does (site/urls.py mounts them first).

- The page chooser's "browse from a page" and "chosen" screens, without other structures'
  drafts (partners/views/choosers.py).
- The explorer's pages (and their listings' results), kept to the pages its listings show:
  the user's branches and their ancestors; any other page sends the user to their own root.
- Wagtail's reports, kept to those who publish pages: the page types report names the last
  edited page of each type whoever edited it, and the workflow reports list every requester;
  a partner would read other structures' pending titles and accounts there.
"""

from functools import wraps

from django.shortcuts import redirect
from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.urls import reports as wagtail_reports
from wagtail.admin.viewsets.pages import page_viewset_registry
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
        path("reports/", include(reports)),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
