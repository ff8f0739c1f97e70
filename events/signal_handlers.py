"""Keep the occurrence table and cached feeds in step with the live events; open the agenda and
the campaigns to Communication."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import Commune, Community, Public, SiteSettings, Theme
from home.roles import grant_section_rights

from .cache import agenda_changed
from .models import AgendaPage, CampaignIndexPage, EventPage, Occurrence
from .occurrences import regenerate


def regenerate_occurrences(sender, instance, **kwargs):
    regenerate(instance)


def delete_occurrences_of_deleted_event(sender, instance, **kwargs):
    # Wagtail unpublishes a live page from pre_delete, re-reading it still live to send
    # page_unpublished, so the dates were written again after the deletion collected them.
    Occurrence.objects.filter(event_id=instance.pk).delete()


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
    post_delete.connect(
        delete_occurrences_of_deleted_event,
        sender=EventPage,
        dispatch_uid="events_deleted_occurrences",
    )
    for section in (AgendaPage, CampaignIndexPage):
        post_save.connect(
            grant_section_rights, sender=section, dispatch_uid=f"events_rights_{section.__name__}"
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
