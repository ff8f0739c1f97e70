"""Keep the occurrence table in step with the live events, and open the agenda to Communication."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission
from wagtail.signals import page_published, page_unpublished

from .models import AgendaPage, EventPage
from .occurrences import regenerate

# Communication publishes in the agenda without moderation, as the coordination does.
COMMUNICATION = "Communication"
AGENDA_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def regenerate_occurrences(sender, instance, **kwargs):
    regenerate(instance)


def grant_agenda_to_communication(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    group = Group.objects.filter(name=COMMUNICATION).first()
    if group is None:
        return
    for codename in AGENDA_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=instance,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def register_signal_handlers():
    page_published.connect(
        regenerate_occurrences, sender=EventPage, dispatch_uid="events_published_occurrences"
    )
    page_unpublished.connect(
        regenerate_occurrences, sender=EventPage, dispatch_uid="events_unpublished_occurrences"
    )
    post_save.connect(
        grant_agenda_to_communication, sender=AgendaPage, dispatch_uid="events_agenda_rights"
    )
