"""From an event's dates and recurrence rule to rows of the Occurrence table.

Expansion happens here only, when an event is published (signal_handlers.py) or when the daily
`update_occurrences` command moves the horizon forward; serving a page never expands a rule.

Time zones: every date is computed in Europe/Paris wall-clock time. django-recurrence is given
`dtstart=timezone.localtime(start)`, so a weekly 18:30 activity stays 18:30 on both sides of a
DST change (with a UTC dtstart it would move to 19:30 in winter). Its widget stores extra and
excluded dates, and a rule's end date, as the browser's midnight written in UTC (30 March 2027
excluded from Paris is EXDATE:20270329T220000Z; "until 27 April" is UNTIL=20270426T220000Z):
their Paris date is taken and brought to the series' own time of day here, so an excluded date
really excludes the occurrence of that day and the end date includes its last day.

History: occurrences that have ended are kept as they were held (the archive and the
evaluation count them); republishing an event rewrites only those not yet ended.
"""

import copy
import datetime
from dataclasses import dataclass

import recurrence
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .cache import agenda_changed
from .models import EventPage, EventStatus, Occurrence, OccurrenceChange, OccurrenceStatus

# How far back the first publication of a long-running series writes its past occurrences.
HISTORY = datetime.timedelta(days=366)

EVENT_STATUS_TO_OCCURRENCE = {
    EventStatus.SCHEDULED: OccurrenceStatus.SCHEDULED,
    EventStatus.CANCELLED: OccurrenceStatus.CANCELLED,
    EventStatus.POSTPONED: OccurrenceStatus.POSTPONED,
    EventStatus.FULL: OccurrenceStatus.FULL,
}


class RecurrenceTooDense(ValueError):
    """A rule that would produce more occurrences than settings.AGENDA_MAX_OCCURRENCES."""


def max_occurrences():
    return settings.AGENDA_MAX_OCCURRENCES


def horizon_end(now=None):
    now = now or timezone.now()
    return now + datetime.timedelta(days=settings.AGENDA_HORIZON_DAYS)


@dataclass
class PlannedOccurrence:
    """An occurrence as the event's live version defines it (not yet a row)."""

    start: datetime.datetime
    end: datetime.datetime
    all_day: bool
    status: str
    reason: str = ""
    original_start: datetime.datetime | None = None

    def as_row(self, event):
        return Occurrence(
            event=event,
            start=self.start,
            end=self.end,
            all_day=self.all_day,
            status=self.status,
            reason=self.reason,
            original_start=self.original_start,
        )


# Dates ----------------------------------------------------------------------------------------


def local_date(value):
    """The Europe/Paris calendar date of a date, a naive (local) or an aware datetime."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def at_series_time(value, series_start):
    """`value`'s local date at the time of day of `series_start` (aware, Europe/Paris)."""
    return datetime.datetime.combine(
        local_date(value), series_start.time(), tzinfo=series_start.tzinfo
    )


def local_midnight(date):
    return datetime.datetime.combine(date, datetime.time(), tzinfo=timezone.get_current_timezone())


def series_recurrence(event, until):
    """The event's recurrence, ready for expansion in local time up to `until`.

    None for a single-date event. Extra and excluded dates take the series' time of day; a
    rule's end date includes its whole last day; an endless rule stops at `until`.
    """
    source = event.recurrence
    if not source or not (source.rrules or source.rdates):
        return None
    series_start = timezone.localtime(event.start)
    rules = []
    for rule in source.rrules:
        rule = copy.copy(rule)
        if rule.until is not None:
            last_day = datetime.datetime.combine(
                local_date(rule.until), datetime.time(23, 59, 59), tzinfo=series_start.tzinfo
            )
            rule.until = min(last_day, until)
        elif rule.count is None:
            rule.until = until  # endless: bounded by the horizon, so expansion always ends
        rules.append(rule)
    return recurrence.Recurrence(
        rrules=rules,
        exrules=list(source.exrules),
        rdates=[at_series_time(value, series_start) for value in source.rdates],
        exdates=[at_series_time(value, series_start) for value in source.exdates],
        include_dtstart=True,
    )


def series_starts(event, until, limit=None):
    """The local start of each date of the series, in order, up to `until`.

    Raises RecurrenceTooDense past `limit` dates (settings.AGENDA_MAX_OCCURRENCES by default).
    """
    limit = max_occurrences() if limit is None else limit
    series_start = timezone.localtime(event.start)
    rule = series_recurrence(event, until)
    if rule is None:
        return [series_start]
    starts = []
    for start in rule.to_dateutil_rruleset(dtstart=series_start):
        if start > until:
            break
        starts.append(start)
        if len(starts) > limit:
            raise RecurrenceTooDense(
                f"Cette répétition produit plus de {limit} dates d'ici "
                f"{settings.AGENDA_HORIZON_DAYS // 30} mois : espacez les séances ou fixez "
                "une date de fin."
            )
    return starts


def planned_occurrences(event, until, changes=None, limit=None):
    """Every occurrence of `event` up to `until`, with per-date changes and status applied."""
    if changes is None:
        changes = list(event.occurrence_changes.all())
    by_date = {change.date: change for change in changes}
    duration = event.end - event.start
    days = (local_date(event.end) - local_date(event.start)).days
    base_status = EVENT_STATUS_TO_OCCURRENCE.get(event.status, OccurrenceStatus.SCHEDULED)
    planned = []
    for start in series_starts(event, until, limit):
        if event.all_day:
            start = local_midnight(start.date())
            end = local_midnight(start.date() + datetime.timedelta(days=days + 1))
        else:
            end = start + duration
        occurrence = PlannedOccurrence(
            start=start,
            end=end,
            all_day=event.all_day,
            status=base_status,
            reason=event.status_reason if base_status != OccurrenceStatus.SCHEDULED else "",
        )
        change = by_date.get(start.date())
        if change is not None and base_status != OccurrenceStatus.CANCELLED:
            apply_change(occurrence, change, duration)
        planned.append(occurrence)
    return planned


def apply_change(occurrence, change, duration):
    occurrence.reason = change.reason
    if change.change == OccurrenceChange.Change.CANCELLED:
        occurrence.status = OccurrenceStatus.CANCELLED
    elif change.change == OccurrenceChange.Change.FULL:
        occurrence.status = OccurrenceStatus.FULL
    elif change.change == OccurrenceChange.Change.MOVED and change.new_start is not None:
        occurrence.original_start = occurrence.start
        occurrence.start = timezone.localtime(change.new_start)
        occurrence.end = (
            timezone.localtime(change.new_end) if change.new_end else occurrence.start + duration
        )
        occurrence.status = OccurrenceStatus.MOVED


def check_recurrence(event, now=None):
    """Raise RecurrenceTooDense if publishing `event` would write too many occurrences."""
    now = now or timezone.now()
    series_starts(event, horizon_end(now))


# The table ------------------------------------------------------------------------------------


@transaction.atomic
def regenerate(event, now=None):
    """Rewrite the occurrences of `event` that have not ended; returns how many were written.

    A page that is not live has none. Past occurrences stay as they were held, except on the
    first publication, which writes up to a year of them.
    """
    now = now or timezone.now()
    existing = Occurrence.objects.filter(event_id=event.pk)
    if not event.live:
        existing.delete()
        return 0
    if existing.exists():
        existing.filter(end__gte=now).delete()
        keep_from = now
    else:
        keep_from = now - HISTORY
    try:
        planned = planned_occurrences(event, horizon_end(now))
    except RecurrenceTooDense:
        # Validation refuses such rules; one that got in anyway (an import, an old revision)
        # is cut at the limit rather than filling the table.
        planned = planned_occurrences(event, horizon_end(now), limit=10**9)
        planned = planned[: max_occurrences()]
    rows = [item.as_row(event) for item in planned if item.end >= keep_from]
    Occurrence.objects.bulk_create(rows)
    return len(rows)


def regenerate_all(now=None, events=None):
    """Regenerate every live event (the daily command); drop occurrences of the others."""
    now = now or timezone.now()
    Occurrence.objects.exclude(event__live=True).delete()
    events = events if events is not None else EventPage.objects.live()
    total = 0
    for event in events.prefetch_related("occurrence_changes").iterator(chunk_size=200):
        total += regenerate(event, now)
    agenda_changed()
    return total
