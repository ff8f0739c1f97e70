"""Keep cached navigation fresh: what can change the menu or the footer clears it. Open the news
to Communication."""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import navigation, page_cache
from .models import NewsIndexPage, SiteSettings
from .roles import grant_section_rights


def forget_navigation(**kwargs):
    navigation.forget(Site.objects.values_list("pk", flat=True))


def forget_navigation_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_navigation()


def register_signal_handlers():
    # Titles, slugs, "show in menus" and the tree itself only reach visitors through these.
    page_published.connect(forget_navigation, dispatch_uid="maillage_nav_published")
    page_unpublished.connect(forget_navigation, dispatch_uid="maillage_nav_unpublished")
    post_page_move.connect(forget_navigation, dispatch_uid="maillage_nav_moved")
    post_delete.connect(forget_navigation_on_page_delete, dispatch_uid="maillage_nav_deleted")
    # Settings, the sites (hostnames, root pages) and images (the logo can be replaced).
    for model in (SiteSettings, Site, get_image_model()):
        post_save.connect(forget_navigation, sender=model, dispatch_uid=f"maillage_nav_{model}")
        post_delete.connect(
            forget_navigation, sender=model, dispatch_uid=f"maillage_nav_del_{model}"
        )
    post_save.connect(grant_section_rights, sender=NewsIndexPage, dispatch_uid="home_news_rights")
    # Any content change forgets the anonymous page cache.
    page_cache.register_signal_handlers()
