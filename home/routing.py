"""Wagtail's routing, with one query for every page on the path instead of two per level.

Wagtail finds the page for /structures/<structure>/<event>/ by walking down the tree: at each
level, one query for the child with the next slug and one for its specific fields (seven queries
for an event). The home page routes instead with one query for all the pages on the path (by
slug and depth below the home page, then matched on `url_path`, which Wagtail keeps up to date
and builds every page URL from) and one for the last page's specific fields, under the same
rules as Wagtail's walk:
- a page class with a `route()` of its own answers for the rest of the path when it wants to:
  a routable page (RoutablePageMixin: the agenda's month view, the directory's map, an event's
  `.ics`) when one of its sub-routes matches and it is live, as in Wagtail; any other custom
  `route()` always, as Wagtail would call it;
- a missing child is a 404; the last page is served if live (its own `route()` decides, with
  no component left, as in Wagtail); pages along the way need not be live.
View restrictions are checked later, when the page is served, as before. Each page found knows
its parent (no query for `get_parent()`, which gives a plain Page here as it does anywhere but
after Wagtail's walk, where it is the specific parent) and the last one its ancestors, for the
breadcrumbs. Two corner cases differ: a page whose `url_path` is out of date (Wagtail rewrites
it on every move and slug change) and a page whose type's code is gone are 404s here, where
Wagtail's walk would serve them.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def has_sub_route(page_class, page, remaining):
    """Whether the routable `page` would answer for `remaining` with one of its sub-routes."""
    if not page.live:
        return False
    try:
        page_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
    except Resolver404:
        return False
    return True


def answers_itself(page_class, page, remaining):
    """Whether `page`, of `page_class`, would answer for the `remaining` path components itself
    rather than hand them to a child, as its `route()` would decide."""
    if page_class.route is Page.route:
        return False
    if page_class.route is RoutablePageMixin.route:
        return has_sub_route(page_class, page, remaining)
    return True


# Deeper paths than this go through Wagtail's own walk, which stops at the first missing level:
# a path of thousands of segments makes no query of thousands of conditions.
MAX_COMPONENTS = 32


class SinglePassRoutingMixin:
    """For the site's root page: see the module's docstring."""

    def route(self, request, path_components):
        if (
            not path_components
            or len(path_components) > MAX_COMPONENTS
            or (
                isinstance(self, RoutablePageMixin)
                and has_sub_route(type(self), self, path_components)
            )
        ):
            return super().route(request, path_components)
        url_paths = [
            self.url_path + "".join(f"{part}/" for part in path_components[:level])
            for level in range(1, len(path_components) + 1)
        ]
        # By slug and depth (both indexed), then matched on the whole url_path: a slug may
        # repeat in other branches at the same depth.
        levels = Q()
        for level, slug in enumerate(path_components, start=1):
            levels |= Q(depth=self.depth + level, slug=slug)
        found = {
            page.url_path: page for page in Page.objects.filter(levels, path__startswith=self.path)
        }
        ancestors = [self]
        for level, url_path in enumerate(url_paths, start=1):
            page = found.get(url_path)
            if page is None or page.depth != self.depth + level:
                raise Http404
            page_class = page.specific_class
            if page_class is None:  # a page type whose code is gone
                raise Http404
            page._cached_parent_obj = ancestors[-1]
            remaining = path_components[level:]
            if remaining and answers_itself(page_class, page, remaining):
                return self._hand_over(page, ancestors, request, remaining)
            ancestors.append(page)
        last = ancestors.pop()
        return self._hand_over(last, ancestors, request, [])

    @staticmethod
    def _hand_over(page, ancestors, request, remaining):
        specific = page.specific
        specific._route_ancestors = ancestors
        return specific.route(request, remaining)
