"""Moderation side effects (a structure published by the coordination counts as verified), and the
wall closed to the public from the moment it exists."""

from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from .models import StructurePage, WallPage


def mark_structure_verified(sender, instance, **kwargs):
    """Set `last_verified` to today, on the page row only: no new revision, no new log entry.

    Publishing means the coordination approved the partner's submission (partners cannot
    publish), so the page's information was checked today.
    """
    today = timezone.localdate()
    StructurePage.objects.filter(pk=instance.pk).update(last_verified=today)
    instance.last_verified = today


def restrict_wall_to_members(sender, instance, created, raw=False, **kwargs):
    """A new wall is for logged-in users only: Wagtail then keeps it out of the sitemap, the API
    and public search, and asks anonymous visitors to log in."""
    if not created or raw:
        return
    PageViewRestriction.objects.get_or_create(
        page=instance, defaults={"restriction_type": PageViewRestriction.LOGIN}
    )


def register_signal_handlers():
    post_save.connect(restrict_wall_to_members, sender=WallPage, dispatch_uid="partners_wall_login")
    page_published.connect(
        mark_structure_verified, sender=StructurePage, dispatch_uid="partners_structure_verified"
    )
