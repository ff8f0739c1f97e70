"""iCalendar out: one VEVENT per event, with its rule, for a calendar application to expand.

The calendar says exactly what the occurrence table holds (events/occurrences.py):

- DTSTART/DTEND carry TZID=Europe/Paris and the calendar a VTIMEZONE, so a weekly 18:30
  activity stays 18:30 on both sides of a DST change in every application;
- the rule's end date includes its whole last day (its last local day at 23:59:59, sent in UTC
  as RFC 5545 requires with a TZID start); an endless rule is sent without UNTIL;
- django-recurrence's widget stores extra and excluded dates as midnight UTC: they are sent at
  the series' own time of day, in the start's time zone (VALUE=DATE for an all-day event);
- exclusion rules (EXRULE, dropped by RFC 5545 and ignored by most applications) are sent as the
  excluded dates up to the horizon;
- cancelled, full and moved dates are override VEVENTs (RECURRENCE-ID), read from the occurrence
  table: nothing expands a rule to find them, and only dates the series really has are sent.
"""

import datetime
from functools import lru_cache

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone, vRecur
from recurrence import Rule

from .models import Occurrence, OccurrenceStatus
from .occurrences import EVENT_STATUS_TO_OCCURRENCE, at_series_time, horizon_end, local_date

PRODID = "-//Maillage//Agenda du contrat local de santé//FR"
TZID = "Europe/Paris"
# How often a subscribed application should fetch the agenda again.
REFRESH_INTERVAL = datetime.timedelta(hours=6)

STATUS = {
    OccurrenceStatus.SCHEDULED: "CONFIRMED",
    OccurrenceStatus.FULL: "CONFIRMED",
    OccurrenceStatus.MOVED: "CONFIRMED",
    # "Reporté, nouvelle date à venir": the date shown is not the one that will be held.
    OccurrenceStatus.POSTPONED: "TENTATIVE",
    OccurrenceStatus.CANCELLED: "CANCELLED",
}
STATUS_NOTE = {
    OccurrenceStatus.CANCELLED: "Annulé",
    OccurrenceStatus.POSTPONED: "Reporté, nouvelle date à venir",
    OccurrenceStatus.FULL: "Complet",
    OccurrenceStatus.MOVED: "Date déplacée",
}
# The by-parameters RFC 5545 knows (django-recurrence's "byeaster" is a dateutil extension).
BY_PARAMETERS = (
    "bysetpos",
    "bymonth",
    "bymonthday",
    "byyearday",
    "byweekno",
    "byhour",
    "byminute",
    "bysecond",
)


def changed_occurrences():
    """The rows an event's calendar needs beyond its rule: moved, cancelled, full… dates."""
    return Occurrence.objects.filter(
        Q(original_start__isnull=False) | ~Q(status=OccurrenceStatus.SCHEDULED)
    ).order_by("start", "pk")


def with_calendar_data(events):
    """`events` with what their VEVENTs read, in a constant number of queries."""
    return events.select_related("commune", "organiser").prefetch_related(
        "themes", Prefetch("occurrences", queryset=changed_occurrences(), to_attr="ical_changes")
    )


def uid(event, host):
    """Stable across edits, moves in the tree and renamings."""
    return f"event-{event.pk}@{host}"


# Calendar --------------------------------------------------------------------------------------


def build_calendar(events, *, name, host, url_for, description="", now=None):
    """The calendar as bytes: a VCALENDAR with one VEVENT per event, then its changed dates.

    `url_for(event)` gives the event page's full URL. Events should come through
    with_calendar_data(), so that the calendar costs the same queries for 1 or 2,000 events.
    """
    now = now or timezone.now()
    events = list(events)
    first_year = min(
        [timezone.localtime(now).year] + [timezone.localtime(event.start).year for event in events]
    )
    shell = calendar_shell(name, description, first_year, horizon_end(now).year + 2)
    body = b"".join(events_text(events, host=host, url_for=url_for, now=now))
    text = shell.to_ical()  # ends with END:VCALENDAR: the events go just before it
    return text[: -len(CALENDAR_END)] + body + CALENDAR_END


CALENDAR_END = b"END:VCALENDAR\r\n"


def calendar_shell(name, description, first_year, last_year):
    """The calendar's own properties and its VTIMEZONE: a calendar always holds a component."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    # Before the events, as some applications expect to read it first.
    calendar.add_component(paris_timezone(first_year, last_year))
    return calendar


def events_text(events, *, host, url_for, now):
    """Each event's VEVENTs as iCalendar text."""
    for event in events:
        components = event_components(event, host=host, url=url_for(event), now=now)
        yield b"".join(component.to_ical() for component in components)


@lru_cache(maxsize=16)
def _paris_timezone_ical(first_year, last_year):
    component = Timezone.from_tzid(
        TZID, first_date=datetime.date(first_year, 1, 1), last_date=datetime.date(last_year, 1, 1)
    )
    return component.to_ical()


def paris_timezone(first_year, last_year):
    """The VTIMEZONE of Europe/Paris from zoneinfo, over the years the calendar spans."""
    return Timezone.from_ical(_paris_timezone_ical(first_year, last_year))


# Events ----------------------------------------------------------------------------------------


def event_components(event, *, host, url, now=None):
    """The VEVENT of `event`, then one override VEVENT per changed date of its series."""
    series_start = timezone.localtime(event.start)
    base_status = EVENT_STATUS_TO_OCCURRENCE.get(event.status, OccurrenceStatus.SCHEDULED)
    rows = getattr(event, "ical_changes", None)
    if rows is None:
        rows = changed_occurrences().filter(event=event)
    changes = [
        occurrence
        for occurrence in rows
        if occurrence.original_start is not None or occurrence.status != base_status
    ]
    master = base_component(event, host=host, url=url, now=now)
    add_times(master, event.all_day, series_start, timezone.localtime(event.end))
    add_status(master, event, url, base_status, event.status_reason)
    recurring = event.is_recurring
    if recurring:
        add_recurrence(master, event, series_start, now=now)
    components = [master]
    for occurrence in changes:
        if not recurring:
            # A single date changed: the event itself says so, no override needed.
            apply_occurrence(master, event, url, occurrence)
            continue
        override = base_component(event, host=host, url=url, now=now)
        recurrence_id = occurrence.original_start or occurrence.start
        override.add("recurrence-id", ical_time(recurrence_id, event.all_day))
        add_occurrence_times(override, event, occurrence)
        add_status(override, event, url, occurrence.status, occurrence.reason)
        components.append(override)
    return components


def base_component(event, *, host, url, now=None):
    component = Event()
    component.add("uid", uid(event, host))
    stamp = event.last_published_at or event.latest_revision_created_at or now or timezone.now()
    component.add("dtstamp", stamp.astimezone(datetime.UTC))
    component.add("last-modified", stamp.astimezone(datetime.UTC))
    component.add("summary", event.title)
    component.add("url", url)
    location = location_text(event)
    if location:
        component.add("location", location)
    if event.has_location:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    categories = [theme.name for theme in event.themes.all()]
    if categories:
        component.add("categories", categories)
    component.add("description", description_text(event, url))
    component.add("class", "PUBLIC")
    return component


def location_text(event):
    place = ", ".join(
        part
        for part in (
            event.venue,
            event.street_address,
            " ".join(
                part
                for part in (event.postal_code, event.commune.name if event.commune else "")
                if part
            ),
        )
        if part
    )
    if place:
        return place
    return event.online_url


def description_text(event, url, note=""):
    lines = [note] if note else []
    lines.append(event.summary)
    if event.online_url:
        lines.append(f"En ligne : {event.online_url}")
    if event.organiser_id and event.organiser:
        lines.append(f"Organisé par {event.organiser.title}")
    if event.registration_required:
        lines.append("Inscription obligatoire.")
    lines.append(url)
    return "\n\n".join(strip_tags(line) for line in lines)


def ical_time(moment, all_day):
    """A local datetime (TZID=Europe/Paris), or its date for an all-day event."""
    moment = timezone.localtime(moment)
    return moment.date() if all_day else moment


def add_times(component, all_day, start, end):
    """The event's own dates; an all-day event's last day is the local date of its end."""
    if all_day:
        # DTEND is exclusive: the day after the last day.
        component.add("dtstart", start.date())
        component.add("dtend", max(local_date(end), start.date()) + datetime.timedelta(days=1))
    else:
        component.add("dtstart", start)
        component.add("dtend", end)


def add_occurrence_times(component, event, occurrence):
    """An occurrence row's dates: an all-day row already ends at the next day's midnight."""
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    if not event.all_day:
        component.add("dtstart", start)
        component.add("dtend", end)
        return
    last_day = end.date()
    if end.time() == datetime.time() and end > start:
        last_day -= datetime.timedelta(days=1)
    component.add("dtstart", start.date())
    component.add("dtend", max(last_day, start.date()) + datetime.timedelta(days=1))


def add_status(component, event, url, status, reason=""):
    component["status"] = STATUS.get(status, "CONFIRMED")
    note = STATUS_NOTE.get(status, "")
    if not note:
        return
    component["summary"] = f"{event.title} ({note.lower()})"
    if reason:
        note = f"{note} : {reason}"
    component["description"] = description_text(event, url, note=f"{note}.")


def apply_occurrence(component, event, url, occurrence):
    """A single-date event whose date was moved, cancelled or marked full."""
    if occurrence.original_start is not None:
        for name in ("dtstart", "dtend"):
            del component[name]
        add_occurrence_times(component, event, occurrence)
    add_status(component, event, url, occurrence.status, occurrence.reason)


# Recurrence -----------------------------------------------------------------------------------


def add_recurrence(component, event, series_start, now=None):
    source = event.recurrence
    for rule in source.rrules:
        component.add("rrule", rule_to_vrecur(rule, series_start, event.all_day))
    if source.rdates:
        component.add(
            "rdate", [series_date(value, series_start, event.all_day) for value in source.rdates]
        )
    exdates = [series_date(value, series_start, event.all_day) for value in source.exdates]
    exdates += excluded_by_rules(event, series_start, now)
    if exdates:
        component.add("exdate", sorted(set(exdates)))


def series_date(value, series_start, all_day):
    moment = at_series_time(value, series_start)
    return moment.date() if all_day else moment


def last_local_moment(until, series_start):
    """The rule's end date includes its whole last day, as events/occurrences.py reads it."""
    return datetime.datetime.combine(
        local_date(until), datetime.time(23, 59, 59), tzinfo=series_start.tzinfo
    )


def rule_to_vrecur(rule, series_start, all_day):
    """A django-recurrence Rule as an RFC 5545 RRULE; UNTIL in UTC (a date if all-day)."""
    values = {"freq": Rule.frequencies[rule.freq]}
    if rule.interval and rule.interval != 1:
        values["interval"] = int(rule.interval)
    if rule.wkst is not None:
        values["wkst"] = Rule.weekdays[getattr(rule.wkst, "number", rule.wkst)]
    if rule.count is not None:
        values["count"] = int(rule.count)
    elif rule.until is not None:
        if all_day:
            values["until"] = local_date(rule.until)
        else:
            values["until"] = last_local_moment(rule.until, series_start).astimezone(datetime.UTC)
    if rule.byday:
        values["byday"] = [weekday_text(day) for day in rule.byday]
    for name in BY_PARAMETERS:
        numbers = getattr(rule, name, None)
        if numbers:
            values[name] = [int(number) for number in numbers]
    return vRecur(values)


def weekday_text(day):
    number = getattr(day, "number", day)
    index = getattr(day, "index", None)
    return f"{index or ''}{Rule.weekdays[number]}"


def excluded_by_rules(event, series_start, now=None):
    """Dates an exclusion rule removes from the series, up to the horizon (EXRULE is gone)."""
    source = event.recurrence
    if not source.exrules:
        return []
    until = horizon_end(now)
    excluded = []
    for exrule in source.exrules:
        for moment in exrule.to_dateutil_rrule(dtstart=series_start, dtend=until):
            if moment > until:
                break
            excluded.append(moment.date() if event.all_day else moment)
    return excluded
