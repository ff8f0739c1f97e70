"""Refusals Wagtail's admin leaves out, for a site where partners must not see each other's work.

Wagtail checks page permissions in every screen that changes a page, but some of its screens show
pages to any admin user: the page chooser lists every page of the tree, drafts included; the
"confirm move" screen opens (with the page's draft title) before the move itself is checked; the
page types report names the last edited page of each type, whoever may edit it; the bulk
actions' confirmation names every page, image or document whose id is in the address; the
explorer opens, by its address, any page under the user's explorable root, with its draft title
in the header, although its listings only show the pages the user works on and their ancestors.
tests/partners/test_isolation.py proves each refusal over HTTP; partners/wagtail_hooks.py and
partners/admin_urls.py put them in place.
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


def explorable(user, page_id):
    """Whether `user` may open page `page_id` in the explorer: the pages its listings show."""
    policy = PagePermissionPolicy()
    return policy.explorable_instances(user).filter(pk=page_id).exists()


def refuse_move_without_permission(request, page, destination):
    """A "permission denied" answer unless `request.user` may move `page` to `destination`."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


# The names of Wagtail's own report menu items (wagtail/admin/wagtail_hooks.py).
WAGTAIL_REPORTS = {
    "locked-pages",
    "workflows",
    "workflow-tasks",
    "site-history",
    "aging-pages",
    "page-types-usage",
}


def can_publish_pages(user):
    """Whether `user` may publish some page: the coordination, not the partners."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


def reports_menu_for(user, menu_items):
    """Wagtail's reports menu, emptied for those who may not open the reports."""
    if not can_publish_pages(user):
        menu_items[:] = [item for item in menu_items if item.name not in WAGTAIL_REPORTS]


class ListsOnlyActionableItems:
    """A bulk action whose confirmation names only the items the user may act on.

    Wagtail's names the others too ("you don't have permission to…"), with their draft titles,
    for any ids in the address: a partner could read other structures' pending titles, images
    and documents by trying ids.
    """

    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        return objects, {**context, "items_with_no_access": []}


def bulk_actions_listing_only_actionable_items():
    """Wagtail's bulk actions on pages, images and documents, each with the mixin above."""
    from wagtail.admin.views.pages import bulk_actions as pages
    from wagtail.documents.views import bulk_actions as documents
    from wagtail.images.views import bulk_actions as images

    originals = [
        pages.DeleteBulkAction,
        pages.MoveBulkAction,
        pages.PublishBulkAction,
        pages.UnpublishBulkAction,
        images.DeleteBulkAction,
        images.AddTagsBulkAction,
        images.AddToCollectionBulkAction,
        documents.DeleteBulkAction,
        documents.AddTagsBulkAction,
        documents.AddToCollectionBulkAction,
    ]
    return [
        type(action.__name__, (ListsOnlyActionableItems, action), {"__module__": __name__})
        for action in originals
    ]


def publish_becomes_submission(request, page, may_publish):
    """A "publish" request from someone who may not publish submits `page` for moderation.

    Wagtail shows such users no publish button and, if one is forged, saves a draft silently;
    here the same request starts the page's workflow instead, as the partner meant it to.
    `page` is the edited page, or the parent of a page being created (whose workflow it gets).
    Pages without a workflow keep Wagtail's behaviour (a draft).
    """
    if request.method != "POST" or "action-publish" not in request.POST:
        return
    if may_publish or page.get_workflow() is None:
        return
    data = request.POST.copy()
    del data["action-publish"]
    data["action-submit"] = "action-submit"
    request.POST = data
