"""The site's chrome (main menu and site settings), read once and kept in the cache.

Header and footer appear on every page but change only when someone publishes, moves or
deletes a page, or edits the site settings; signal_handlers.py then clears these entries, so
visitors see the change at once. Per site, they cost one cache read instead of two queries.
"""

from dataclasses import dataclass

from django.core.cache import cache

from .models import SiteSettings

CACHE_TIMEOUT = 60 * 60 * 24
KINDS = ("menu", "settings")


def cache_key(kind, site_id):
    return f"maillage:chrome:{kind}:{site_id}"


@dataclass(frozen=True)
class MenuItem:
    path: str
    title: str
    url: str


def main_menu(site, request=None):
    """The home page, then its live children marked "show in menus", in tree order.

    Only public ones: the menu is cached once for every visitor, so a page restricted to
    logged-in users (the partners' wall) must never appear, even if "show in menus" is ticked.
    """
    key = cache_key("menu", site.pk)
    items = cache.get(key)
    if items is None:
        root = site.root_page
        pages = [root, *root.get_children().live().public().in_menu()]
        items = [MenuItem(page.path, page.title, page.get_url(request)) for page in pages]
        items[0] = MenuItem(root.path, "Accueil", items[0].url)
        cache.set(key, items, CACHE_TIMEOUT)
    return items


def site_settings(site):
    """The site's SiteSettings, with its logo and linked pages already fetched."""
    key = cache_key("settings", site.pk)
    settings = cache.get(key)
    if settings is None:
        settings = SiteSettings.for_site(site)
        cache.set(key, settings, CACHE_TIMEOUT)
    return settings


def forget(site_ids):
    cache.delete_many([cache_key(kind, site_id) for site_id in site_ids for kind in KINDS])
