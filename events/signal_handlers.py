"""Keep the occurrence table and cached feeds in step with the live events; open the agenda to
Communication."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save
from wagtail.models import GroupPagePermission, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import Commune, Community, Public, SiteSettings, Theme

from .cache import agenda_changed
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


def agenda_changed_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        agenda_changed()


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
    # Whatever a feed shows: any page (events, their organisers, the agenda), the taxonomies,
    # the site's name. After the occurrences are rewritten.
    page_published.connect(agenda_changed, dispatch_uid="events_feeds_published")
    page_unpublished.connect(agenda_changed, dispatch_uid="events_feeds_unpublished")
    post_page_move.connect(agenda_changed, dispatch_uid="events_feeds_moved")
    post_delete.connect(agenda_changed_on_page_delete, dispatch_uid="events_feeds_page_deleted")
    for model in (Commune, Community, Theme, Public, SiteSettings, Site):
        post_save.connect(
            agenda_changed, sender=model, dispatch_uid=f"events_feeds_saved_{model._meta.label}"
        )
        post_delete.connect(
            agenda_changed, sender=model, dispatch_uid=f"events_feeds_deleted_{model._meta.label}"
        )
