"""Admin registrations of the events app (registration only; screens live in viewsets.py and
views/admin.py)."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from recurrence.fields import RecurrenceField
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin_forms import AdminRecurrenceField, AdminRecurrenceWidget
from .models import KitDownload, Occurrence
from .views.admin import occurrence_preview
from .viewsets import AgendaViewSetGroup, ViewOnlyPermissionPolicy

# Occurrences are read in the admin, never written there (events/occurrences.py writes them).
register_permission_policy(Occurrence, ViewOnlyPermissionPolicy(Occurrence), exact_class=True)
# Kit download counts likewise: written by the kit's routes only (events/views/campaigns.py).
register_permission_policy(KitDownload, ViewOnlyPermissionPolicy(KitDownload), exact_class=True)

# The "Agenda" menu: the occurrence listing and the national campaigns (events/viewsets.py).
register_snippet(AgendaViewSetGroup)


# The recurrence widget in French -------------------------------------------------------------

# django-recurrence's own widget asks for Django admin's jQuery, which this site does not serve;
# its field answers in English and lets through rules that fail at publication.
register_form_field_override(
    RecurrenceField,
    override={"form_class": AdminRecurrenceField, "widget": AdminRecurrenceWidget},
)


@hooks.register("register_admin_urls")
def register_agenda_admin_urls():
    return [
        path(
            "agenda/apercu-des-dates/",
            occurrence_preview,
            name="events_occurrence_preview",
        ),
    ]


@hooks.register("insert_global_admin_js")
def recurrence_catalogue_js():
    # django-recurrence's own catalogue (its djangojs.po), served by site/urls.py without login
    # (the login screen loads it too). Loaded before the editor's form scripts, which read the
    # labels as they load.
    return format_html('<script src="{}"></script>', reverse("recurrence_jsi18n"))


# The next dates of an event, while it is edited ---------------------------------------------


@hooks.register("insert_editor_js")
def occurrence_preview_js():
    """The script that lists an event's next dates under its "Dates" panel.

    It does nothing on editors without that panel (class "maillage-event-dates").
    """
    return format_html(
        '<script src="{}" data-preview-url="{}" defer></script>',
        static("events/admin/occurrence-preview.js"),
        reverse("events_occurrence_preview"),
    )
