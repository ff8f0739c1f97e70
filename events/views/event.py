"""The event page: its next dates, its status, where and how to take part, how to share it."""

import datetime
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as format_date

from ..jsonld import event_jsonld
from ..models import EventStatus, Occurrence, OccurrenceStatus
from ..occurrences import (
    RecurrenceTooDense,
    horizon_end,
    local_date,
    local_midnight,
    planned_occurrences,
)

# Dates shown before "Voir toutes les dates".
FIRST_DATES = 10
SHOW_ALL = "toutes"


# Dates in words --------------------------------------------------------------------------------


def fr_time(moment):
    """18:30 -> "18 h 30", 9:00 -> "9 h"."""
    return f"{moment.hour} h" if not moment.minute else f"{moment.hour} h {moment.minute:02d}"


def fr_day(date):
    text = format_date(date, "l j F Y")
    return text.replace(" 1 ", " 1er ", 1)


def date_range_text(start, end, all_day):
    """ "mardi 13 octobre 2026, 18 h 30 – 20 h 30", "du lundi 2 au mercredi 4 novembre 2026"…

    `end` is exclusive for an all-day date (midnight of the next day), as in the table.
    """
    start, end = timezone.localtime(start), timezone.localtime(end)
    if all_day:
        last_day = end.date()
        if end.time() == datetime.time() and end > start:
            last_day -= datetime.timedelta(days=1)
        if last_day <= start.date():
            return fr_day(start.date())
        return f"du {fr_day(start.date())} au {fr_day(last_day)}"
    if start.date() == end.date():
        return f"{fr_day(start.date())}, {fr_time(start)} – {fr_time(end)}"
    return f"du {fr_day(start.date())}, {fr_time(start)}, au {fr_day(end.date())}, {fr_time(end)}"


@dataclass
class DateLine:
    """One date of the event as the page lists it."""

    occurrence: Occurrence
    text: str
    original_text: str = ""

    @property
    def status(self):
        return self.occurrence.status

    @property
    def is_cancelled(self):
        return self.occurrence.status == OccurrenceStatus.CANCELLED

    @property
    def status_label(self):
        if self.occurrence.status == OccurrenceStatus.SCHEDULED:
            return ""
        return self.occurrence.get_status_display()


def date_line(occurrence):
    original = ""
    if occurrence.original_start is not None:
        original = date_range_text(
            occurrence.original_start,
            occurrence.original_start + (occurrence.end - occurrence.start),
            occurrence.all_day,
        )
    return DateLine(
        occurrence=occurrence,
        text=date_range_text(occurrence.start, occurrence.end, occurrence.all_day),
        original_text=original,
    )


# Which dates ------------------------------------------------------------------------------------


def upcoming_dates(page, request, show_all):
    """(occurrences to list, how many more there are, a message for the editor or "")."""
    limit = settings.AGENDA_MAX_OCCURRENCES if show_all else FIRST_DATES
    if getattr(request, "is_preview", False):
        # A draft has no rows yet: its dates are computed, as they will be once published.
        if page.start is None or page.end is None:
            return [], 0, ""
        now = timezone.now()
        try:
            planned = planned_occurrences(page, horizon_end(now))
        except RecurrenceTooDense as error:
            return [], 0, str(error)
        rows = [item.as_row(page) for item in planned if item.end >= now]
        return rows[:limit], max(len(rows) - limit, 0), ""
    rows = list(page.upcoming_occurrences()[: limit + 1])
    more = 0
    if len(rows) > limit:
        more = page.upcoming_occurrences().count() - limit
    return rows[:limit], more, ""


def own_dates_text(page):
    """The event's first date, as the editor gave it (an all-day event's end is its last day)."""
    if page.start is None or page.end is None:
        return ""
    end = page.end
    if page.all_day:
        end = local_midnight(local_date(end) + datetime.timedelta(days=1))
    return date_range_text(page.start, end, page.all_day)


def share_links(title, url):
    """Plain links to share the page: no script from those sites is ever loaded."""
    return [
        ("Courriel", "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
    ]


def event_organisers(page):
    """(the organiser, the co-organisers): published structures only, each named once."""
    organiser = page.organiser if page.organiser_id else None
    organisers = [organiser] if organiser is not None and organiser.live else []
    co_organisers = [
        structure
        for structure in page.co_organisers.all()
        if structure.live and structure.pk != page.organiser_id
    ]
    return organisers, co_organisers


def detail_view(request, page):
    show_all = request.GET.get(SHOW_ALL) == "1"
    occurrences, more, preview_message = upcoming_dates(page, request, show_all)
    dates = [date_line(occurrence) for occurrence in occurrences]
    next_date = next((line for line in dates if not line.is_cancelled), None)
    first_date = dates[0] if dates else None
    url = page.get_full_url(request) or request.build_absolute_uri()
    rendition = page.image.get_rendition("width-960") if page.image_id and page.image else None
    image_url = request.build_absolute_uri(rendition.url) if rendition else ""
    organisers, co_organisers = event_organisers(page)
    return page.render(
        request,
        context_overrides={
            "dates": dates,
            "next_date": next_date,
            # The date a banner speaks of: the next one, when it is not held as planned.
            "first_date_notice": (
                first_date
                if first_date
                and first_date.status != OccurrenceStatus.SCHEDULED
                and page.status == EventStatus.SCHEDULED
                else None
            ),
            "more_dates": more,
            "show_all": show_all,
            "show_all_param": SHOW_ALL,
            "own_dates": own_dates_text(page),
            "preview_message": preview_message,
            "page_url": url,
            "share_links": share_links(page.title, url),
            "rendition": rendition,
            "organisers": organisers,
            "co_organisers": co_organisers,
            "themes": list(page.themes.all()),
            "publics": list(page.publics.all()),
            "event_jsonld": event_jsonld(
                page, occurrences[:FIRST_DATES], request, image_url, organisers + co_organisers
            ),
        },
    )
