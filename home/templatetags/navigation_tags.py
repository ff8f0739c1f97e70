"""Navigation built from the page tree: main menu and breadcrumbs, one query each."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_menu(context):
    """The site root and its live children marked "show in menus", in tree order."""
    request = context.get("request")
    current = context.get("page")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": [], "current": current}
    # On the home page itself, the root is already at hand: no query for it.
    on_root = current is not None and current.pk == site.root_page_id
    root = current if on_root else site.root_page
    items = list(root.get_children().live().in_menu())
    current_path = current.path if current is not None else ""
    for item in items:
        item.is_current = item.path == current_path
        item.is_section = not item.is_current and current_path.startswith(item.path)
    return {
        "root": root,
        "root_is_current": current is not None and current.pk == root.pk,
        "items": items,
        "request": request,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Ancestors from the home page down to the current page (nothing on the home page)."""
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = page.get_ancestors().filter(depth__gte=2)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
