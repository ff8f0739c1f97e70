"""Wagtail's page chooser, minus the drafts of branches the user does not work on.

The `construct_page_chooser_queryset` hook (partners/wagtail_hooks.py) filters the pages the
chooser lists; two of its screens read pages by id without that hook: browsing from a parent
page (whose title heads the list) and "chosen" answers (which return titles). These versions
answer 404 for a page the user may not see, then hand over to Wagtail's own views.
partners/admin_urls.py mounts them in front of the admin's URLs, at the same addresses.
"""

from django.http import Http404
from wagtail.admin.views import chooser
from wagtail.models import Page

from partners.permissions import visible_in_choosers


def _all_visible(request, page_ids):
    if not all(page_id.isdigit() for page_id in page_ids):
        return False
    pages = visible_in_choosers(Page.objects.filter(pk__in=page_ids), request.user)
    return pages.count() == len(set(page_ids))


class BrowseView(chooser.BrowseView):
    def get(self, request, parent_page_id=None):
        if parent_page_id is not None and not _all_visible(request, [str(parent_page_id)]):
            raise Http404
        return super().get(request, parent_page_id)


class ChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        if not _all_visible(request, request.GET.getlist("id")):
            raise Http404
        return super().get(request)
