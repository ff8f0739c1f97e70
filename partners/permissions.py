"""Refusals Wagtail's admin leaves out, for a site where partners must not see each other's work.

Wagtail checks page permissions in every screen that changes a page, but two of its screens show
pages to any admin user: the page chooser lists every page of the tree, drafts included, and the
"confirm move" screen opens (with the page's draft title) before the move itself is checked.
tests/partners/test_isolation.py proves both refusals over HTTP; partners/wagtail_hooks.py
registers them.
"""

from django.db.models import Q
from wagtail.admin.auth import permission_denied
from wagtail.permission_policies.pages import PagePermissionPolicy


def editable_subtrees(user):
    """The pages at the top of each branch `user` may add to, edit, publish or lock."""
    return PagePermissionPolicy().instances_with_direct_explore_permission(user)


def visible_in_choosers(pages, user):
    """Live pages, and drafts only in the branches `user` works on.

    Kept to the `live` and `path` filters that every search backend accepts, since the chooser's
    search runs on this queryset.
    """
    condition = Q(live=True)
    for page in editable_subtrees(user):
        condition |= Q(path__startswith=page.path)
    return pages.filter(condition)


def refuse_move_without_permission(request, page, destination):
    """A "permission denied" answer unless `request.user` may move `page` to `destination`."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None
