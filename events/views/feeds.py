"""Feeds: an event's .ics, the agenda's iCalendar feed and its RSS feed.

The agenda's feeds honour the same GET filters as the agenda (events/filters.py), so a filtered
agenda can be subscribed to as it is. Only live events without a view restriction are sent,
and a feed costs the same number of queries for ten events or two thousand.
"""

import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Min, Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Site

from home import navigation

from .. import ical
from ..cache import agenda_version
from ..filters import AgendaFilterForm
from ..models import EventPage, Occurrence, OccurrenceStatus
from .event import date_range_text

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
# A cached agenda feed is dropped as soon as something published changes; this is a backstop.
FEED_CACHE_TIMEOUT = 6 * 60 * 60
# The RSS feed lists the next date of this many events.
RSS_ITEMS = 50


def calendar_host(request):
    """The host in UIDs: the site's own name, whatever name the request came by."""
    site = Site.find_for_request(request)
    if site is not None and site.hostname:
        return site.hostname
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "maillage.invalid"


def territory_name(request):
    site = Site.find_for_request(request)
    settings_ = navigation.site_settings(site) if site is not None else None
    return getattr(settings_, "territory_name", "") or ""


def ics_response(content, filename):
    response = HttpResponse(content, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def is_public(page):
    return page.live and not page.get_view_restrictions().exists()


def event_ics_view(request, page):
    """One event, its whole series and its changed dates, for "Ajouter à mon agenda"."""
    if not is_public(page):
        raise Http404("Cet événement n'est pas publié.")
    events = ical.with_calendar_data(EventPage.objects.filter(pk=page.pk))
    content = ical.build_calendar(
        events,
        name=page.title,
        host=calendar_host(request),
        url_for=lambda event: event.get_full_url(request),
    )
    return ics_response(content, page.slug)


def upcoming_filtered(form, now=None):
    """Upcoming visible occurrences that match the agenda's filters."""
    return form.filter(Occurrence.objects.visible()).filter(end__gte=now or timezone.now())


def agenda_ics_view(request, agenda):
    """Every event with an upcoming date matching the filters, as one calendar to subscribe to.

    Kept in the cache until something published changes (events/cache.py).
    """
    form = AgendaFilterForm(request.GET)
    host = calendar_host(request)
    territory = territory_name(request)  # first, as it may create the site's settings
    content = cache.get_or_set(
        feed_cache_key("ics", request, agenda, form, host),
        lambda: agenda_calendar(request, agenda, form, host, territory),
        timeout=FEED_CACHE_TIMEOUT,
    )
    return ics_response(content, agenda.slug)


def feed_cache_key(kind, request, agenda, form, host):
    """One cached feed per kind, agenda, host and filters, for today's published version."""
    digest = hashlib.sha256(f"{host}?{form.querystring()}".encode()).hexdigest()[:32]
    day = timezone.localdate().isoformat()
    return f"events:{kind}:{agenda_version()}:{day}:{agenda.pk}:{digest}"


def agenda_calendar(request, agenda, form, host, territory):
    occurrences = upcoming_filtered(form)
    events = ical.with_calendar_data(
        EventPage.objects.live()
        .public()
        .filter(pk__in=occurrences.values("event_id"))
        .order_by("start", "pk")
    )
    return ical.build_calendar(
        events,
        name=f"{agenda.title} – {territory}" if territory else agenda.title,
        description=agenda.intro,
        host=host,
        url_for=lambda event: event.get_full_url(request),
    )


class AgendaFeed(Feed):
    """RSS 2.0: the next date of each upcoming event, soonest first."""

    feed_type = Rss201rev2Feed
    language = "fr"

    def __init__(self, agenda, form):
        super().__init__()
        self.agenda = agenda
        self.form = form

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.agenda

    def title(self, agenda):
        territory = territory_name(self.request)
        return f"{agenda.title} – {territory}" if territory else agenda.title

    def link(self, agenda):
        return agenda.get_full_url(self.request)

    def feed_url(self, agenda):
        # The site's own address, as every other link has: the cached feed serves any host name.
        query = self.form.querystring()
        url = agenda.get_full_url(self.request) + agenda.reverse_subpage("rss")
        return f"{url}?{query}" if query else url

    def description(self, agenda):
        return agenda.intro or "Les prochains événements de prévention et de promotion de la santé."

    def items(self, agenda):
        now = timezone.now()
        occurrences = upcoming_filtered(self.form, now).exclude(status=OccurrenceStatus.CANCELLED)
        # Each event's next date among the matching ones: one grouped query for the first
        # RSS_ITEMS (event, start) pairs, then one for those occurrences themselves.
        firsts = (
            occurrences.order_by()
            .values("event_id")
            .annotate(first=Min("start"))
            .order_by("first", "event_id")[:RSS_ITEMS]
        )
        wanted = Q(pk__in=[])
        for row in firsts:
            wanted |= Q(event_id=row["event_id"], start=row["first"])
        items, seen = [], set()
        for occurrence in (
            occurrences.filter(wanted)
            .select_related("event", "event__commune")
            .prefetch_related("event__themes")
            .order_by("start", "pk")
        ):
            if occurrence.event_id not in seen:  # two dates of one event at the same time
                seen.add(occurrence.event_id)
                items.append(occurrence)
        return items

    def item_title(self, occurrence):
        text = date_range_text(occurrence.start, occurrence.end, occurrence.all_day)
        title = f"{occurrence.event.title} – {text}"
        if occurrence.status != OccurrenceStatus.SCHEDULED:
            title += f" ({occurrence.get_status_display().lower()})"
        return title

    def item_description(self, occurrence):
        event = occurrence.event
        parts = [event.summary]
        place = ical.location_text(event)
        if place:
            parts.append(f"Lieu : {place}")
        if occurrence.reason:
            parts.append(f"{occurrence.get_status_display()} : {occurrence.reason}")
        return "\n".join(parts)

    def item_link(self, occurrence):
        return occurrence.event.get_full_url(self.request)

    def item_guid(self, occurrence):
        return occurrence.event.get_full_url(self.request)

    def item_pubdate(self, occurrence):
        return occurrence.event.first_published_at

    def item_updateddate(self, occurrence):
        return occurrence.event.last_published_at

    def item_categories(self, occurrence):
        return [theme.name for theme in occurrence.event.themes.all()]


def agenda_rss_view(request, agenda):
    """The RSS feed, kept in the cache like the iCalendar feed until something changes."""
    form = AgendaFilterForm(request.GET)
    host = calendar_host(request)
    territory_name(request)  # first, as it may create the site's settings
    key = feed_cache_key("rss", request, agenda, form, host)
    cached = cache.get(key)
    if cached is not None:
        content, content_type = cached
        return HttpResponse(content, content_type=content_type)
    response = AgendaFeed(agenda, form)(request)
    cache.set(key, (response.content, response["Content-Type"]), timeout=FEED_CACHE_TIMEOUT)
    return response
