"""Admin addresses Maillage answers before Wagtail's admin does (site/urls.py mounts them first).

- The page chooser's "browse from a page" and "chosen" screens, without other structures'
  drafts (partners/views/choosers.py).
- Wagtail's reports, kept to those who publish pages: the page types report names the last
  edited page of each type whoever edited it, and the workflow reports list every requester;
  a partner would read other structures' pending titles and accounts there.
"""

from functools import wraps

from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.urls import reports as wagtail_reports
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .permissions import can_publish_pages
from .views import choosers


def publishers_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_publish_pages(request.user):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return wrapped


# Wagtail's own report views at their own addresses, each behind the check above.
reports = [
    path(str(pattern.pattern), publishers_only(pattern.callback))
    for pattern in wagtail_reports.urlpatterns
]

urlpatterns = decorate_urlpatterns(
    [
        path("choose-page/<int:parent_page_id>/", choosers.BrowseView.as_view()),
        path("choose-page/chosen-multiple/", choosers.ChosenMultipleView.as_view()),
        path("reports/", include(reports)),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
