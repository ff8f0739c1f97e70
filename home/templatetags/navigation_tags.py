"""Navigation built from the page tree: main menu (cached) and breadcrumbs (one query)."""

from django import template
from wagtail.models import Site

from home import navigation

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_menu(context):
    """The menu, with the current page and the section it belongs to marked."""
    request = context.get("request")
    current = context.get("page")
    site = Site.find_for_request(request) if request else None
    items = navigation.main_menu(site, request) if site is not None else []
    current_path = current.path if current is not None else None
    return {
        "items": [
            {
                "item": item,
                "is_current": item.path == current_path,
                "is_section": index > 0
                and current_path is not None
                and item.path != current_path
                and current_path.startswith(item.path),
            }
            for index, item in enumerate(items)
        ]
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Ancestors from the home page down to the current page (nothing on the home page)."""
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    # Read while routing (home/routing.py), or from the database for a page served otherwise.
    routed = getattr(page, "_route_ancestors", None)
    if routed is not None:
        ancestors = [ancestor for ancestor in routed if ancestor.depth >= 2]
    else:
        ancestors = page.get_ancestors().filter(depth__gte=2)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
