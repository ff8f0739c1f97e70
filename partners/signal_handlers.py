"""Moderation side effects: a structure published by the coordination counts as verified."""

from django.utils import timezone
from wagtail.signals import page_published

from .models import StructurePage


def mark_structure_verified(sender, instance, **kwargs):
    """Set `last_verified` to today, on the page row only: no new revision, no new log entry.

    Publishing means the coordination approved the partner's submission (partners cannot
    publish), so the page's information was checked today.
    """
    today = timezone.localdate()
    StructurePage.objects.filter(pk=instance.pk).update(last_verified=today)
    instance.last_verified = today


def register_signal_handlers():
    page_published.connect(
        mark_structure_verified, sender=StructurePage, dispatch_uid="partners_structure_verified"
    )
