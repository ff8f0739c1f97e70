"""The agenda's admin screens (menu "Agenda"): every occurrence with its status, and the
national campaigns events can take part in.

Who sees them follows model permissions (events/migrations/0002_roles_permissions.py gives
Coordination and Communication `view_occurrence` and the campaign rights; partners get neither).
The occurrence listing is read-only whoever looks at it: occurrences are written by
events/occurrences.py from the live events, and a date is changed in its event.
"""

import datetime

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import Commune
from partners.models import StructurePage

from .models import CampaignPage, KitDownload, NationalCampaign, Occurrence, OccurrenceStatus

# Occurrences ----------------------------------------------------------------------------------


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Viewing follows `view_occurrence`; nobody adds, changes or deletes from the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class OccurrenceFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label="Statut", choices=OccurrenceStatus.choices)
    organiser = django_filters.ModelChoiceFilter(
        label="Organisateur",
        field_name="event__organiser",
        queryset=lambda request: StructurePage.objects.live().order_by("title"),
    )
    commune = django_filters.ModelChoiceFilter(
        label="Commune",
        field_name="event__commune",
        queryset=lambda request: (
            Commune.objects.filter(events__isnull=False).distinct().order_by("name")
        ),
    )
    start = django_filters.DateFromToRangeFilter(
        label="Dates",
        widget=DateRangePickerWidget,
        help_text="Sans date de début, seules les dates à venir sont listées.",
    )

    class Meta:
        model = Occurrence
        fields = ["status", "organiser", "commune", "start"]


def local(value):
    return timezone.localtime(value) if value else value


def event_edit_url(occurrence):
    return reverse("wagtailadmin_pages:edit", args=[occurrence.event_id])


class OccurrenceIndexView(IndexView):
    """Upcoming occurrences (or those of the date range asked for), oldest first."""

    def get_base_queryset(self):
        queryset = (
            super()
            .get_base_queryset()
            .select_related("event", "event__organiser", "event__commune")
        )
        if not self.request.GET.get("start_from"):
            queryset = queryset.filter(end__gte=timezone.now())
        return queryset

    def to_row_dict(self, item):
        """One spreadsheet row: local times, words rather than codes."""
        event = item.event
        return {
            "start": local(item.start),
            "end": local(item.end),
            "event": event.title,
            "organiser": event.organiser.title if event.organiser else "",
            "commune": event.commune.name if event.commune else "",
            "status": item.get_status_display(),
            "reason": item.reason,
            "original_start": local(item.original_start),
            "url": self.request.build_absolute_uri(event_edit_url(item)),
        }

    def get_preprocess_function(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            if export_format == self.FORMAT_XLSX:
                # A spreadsheet's dates carry no time zone: write Paris wall-clock time.
                return lambda value: timezone.make_naive(value)
            return lambda value: date_format(value, "d/m/Y H:i")
        if value is None:
            return lambda value: ""
        return super().get_preprocess_function(field, value, export_format)


class OccurrenceViewSet(ModelViewSet):
    model = Occurrence
    name = "occurrences"
    url_prefix = "agenda/dates"
    icon = "date"
    menu_label = "Dates à venir"
    menu_order = 100
    add_to_admin_menu = False
    index_view_class = OccurrenceIndexView
    filterset_class = OccurrenceFilterSet
    ordering = ["start", "pk"]
    list_per_page = 50
    list_display = [
        Column(
            "start",
            label="Date",
            accessor=lambda occurrence: describe_dates(occurrence),
            sort_key="start",
        ),
        TitleColumn(
            "event",
            label="Événement",
            accessor="event.title",
            get_url=event_edit_url,
        ),
        Column("organiser", label="Organisateur", accessor="event.organiser.title"),
        Column("commune", label="Commune", accessor="event.commune.name"),
        StatusTagColumn(
            "status",
            label="Statut",
            accessor="get_status_display",
            primary=lambda occurrence: occurrence.status == OccurrenceStatus.SCHEDULED,
        ),
        Column("reason", label="Motif", accessor="reason"),
    ]
    list_export = [
        "start",
        "end",
        "event",
        "organiser",
        "commune",
        "status",
        "reason",
        "original_start",
        "url",
    ]
    export_headings = {
        "start": "Début",
        "end": "Fin",
        "event": "Événement",
        "organiser": "Organisateur",
        "commune": "Commune",
        "status": "Statut",
        "reason": "Motif",
        "original_start": "Date d'origine (date déplacée)",
        "url": "Modifier l'événement",
    }
    export_filename = "dates-agenda"
    search_fields = None
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        # Only the listing (and its results for filtering): no add, edit, delete or history.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


def describe_dates(occurrence):
    """As "Mar 15/12/2026 18:30 – 20:30" (or the days of an all-day occurrence)."""
    start, end = local(occurrence.start), local(occurrence.end)
    day = date_format(start, "D d/m/Y")
    if occurrence.all_day:
        last_day = end - datetime.timedelta(days=1)
        if last_day.date() > start.date():
            return f"{day} – {date_format(last_day, 'D d/m/Y')}, toute la journée"
        return f"{day}, toute la journée"
    if end.date() == start.date():
        return f"{day} {start:%H:%M} – {end:%H:%M}"
    return f"{day} {start:%H:%M} – {date_format(end, 'D d/m/Y')} {end:%H:%M}"


# National campaigns ---------------------------------------------------------------------------


class NationalCampaignViewSet(SnippetViewSet):
    model = NationalCampaign
    url_prefix = "agenda/campagnes-nationales"
    icon = "globe"
    menu_label = "Campagnes nationales"
    menu_order = 200
    list_display = ["name", "organiser", "period", "website"]
    search_fields = ["name", "organiser", "period"]
    search_backend_name = None  # plain database lookups: a handful of rows
    ordering = ["name"]
    copy_view_enabled = False


# Kit downloads ----------------------------------------------------------------------------------


class KitDownloadFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label="Campagne",
        queryset=lambda request: CampaignPage.objects.order_by("title"),
    )
    month = django_filters.DateFromToRangeFilter(label="Mois", widget=DateRangePickerWidget)
    variant = django_filters.CharFilter(label="Variante", lookup_expr="exact")

    class Meta:
        model = KitDownload
        fields = ["campaign", "month", "variant"]


class KitDownloadIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign")


class KitDownloadViewSet(ModelViewSet):
    """How many times each kit item was downloaded, per month: read-only, for the evaluation.

    Viewing follows `view_kitdownload` (Coordination and Communication,
    events/migrations/0005_kit_download_counts.py); counts are written only by the kit's routes.
    """

    model = KitDownload
    name = "kit_downloads"
    url_prefix = "agenda/telechargements-kits"
    icon = "download"
    menu_label = "Téléchargements des kits"
    menu_order = 300
    add_to_admin_menu = False
    index_view_class = KitDownloadIndexView
    filterset_class = KitDownloadFilterSet
    ordering = ["-month", "campaign__title", "item_title", "variant"]
    list_per_page = 50
    list_display = [
        Column("month", label="Mois", accessor=lambda row: date_format(row.month, "F Y")),
        Column("campaign", label="Campagne", accessor="campaign.title"),
        Column("item_title", label="Élément"),
        Column("variant", label="Variante"),
        Column("count", label="Téléchargements"),
    ]
    list_export = ["month", "campaign", "item_key", "item_title", "variant", "count"]
    export_headings = {
        "month": "Mois",
        "campaign": "Campagne",
        "item_key": "Identifiant de l'élément",
        "item_title": "Élément",
        "variant": "Variante",
        "count": "Téléchargements",
    }
    export_filename = "telechargements-kits"
    search_fields = None
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_urlpatterns(self):
        # Only the listing (and its results for filtering): counts are never edited by hand.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


class AgendaViewSetGroup(ViewSetGroup):
    menu_label = "Agenda"
    menu_icon = "calendar"
    menu_order = 250
    items = (OccurrenceViewSet, NationalCampaignViewSet, KitDownloadViewSet)
