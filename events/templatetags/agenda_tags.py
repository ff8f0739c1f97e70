"""French dates and times for the agenda: « mardi 1er décembre 2026, de 18 h 30 à 20 h »."""

import datetime

from django import template
from django.utils import formats, timezone

from partners.templatetags.partners_tags import fr_time

from ..models import OccurrenceStatus

register = template.Library()

register.filter("fr_time", fr_time)

# An occurrence's status as its card says it (of the event on that date).
STATUS_LABELS = {
    OccurrenceStatus.CANCELLED: "Annulé",
    OccurrenceStatus.FULL: "Complet",
    OccurrenceStatus.MOVED: "Déplacé",
    OccurrenceStatus.POSTPONED: "Reporté",
}


def day_number(date):
    return "1er" if date.day == 1 else str(date.day)


@register.filter
def fr_date(value, parts="weekday year"):
    """date -> "mardi 1er décembre 2026"; parts: "weekday", "year", both or neither."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, datetime.date):
        return value
    words = []
    if "weekday" in parts:
        words.append(formats.date_format(value, "l"))
    words += [day_number(value), formats.date_format(value, "F")]
    if "year" in parts:
        words.append(str(value.year))
    return " ".join(words)


@register.filter
def fr_month(value):
    """date -> "décembre 2026"."""
    return f"{formats.date_format(value, 'F')} {value.year}"


@register.filter
def capfirst_fr(value):
    text = str(value)
    return text[:1].upper() + text[1:]


def date_range(first, last):
    """ "du 1er au 3 décembre 2026", "du 30 novembre au 2 décembre 2026"…"""
    if first.year != last.year:
        return f"du {fr_date(first, 'year')} au {fr_date(last, 'year')}"
    if first.month != last.month:
        return f"du {fr_date(first, '')} au {fr_date(last, 'year')}"
    return f"du {day_number(first)} au {fr_date(last, 'year')}"


def last_day(start, end):
    """The last local date an occurrence covers: an end at midnight belongs to the day before."""
    if end <= start:
        return start.date()
    return (end - datetime.timedelta(microseconds=1)).date()


@register.simple_tag
def occurrence_when(occurrence, with_date=False):
    """When an occurrence takes place, in words; with its date unless a heading gives it."""
    start, end = occurrence.local_start, occurrence.local_end
    last = last_day(start, end)
    if occurrence.all_day:
        if last != start.date():
            text = date_range(start.date(), last)
        elif with_date:
            text = f"{fr_date(start)}, toute la journée"
        else:
            text = "toute la journée"
    elif last != start.date():
        text = (
            f"du {fr_date(start, 'weekday')}, {fr_time(start.time())}, "
            f"au {fr_date(end)}, {fr_time(end.time())}"
        )
    else:
        hours = f"de {fr_time(start.time())} à {fr_time(end.time())}"
        if end == start:
            hours = f"à {fr_time(start.time())}"
        text = f"{fr_date(start)}, {hours}" if with_date else hours
    return capfirst_fr(text)


@register.filter
def status_label(occurrence):
    """ "Annulé", "Complet", "Déplacé", "Reporté"; "" for a date held as planned."""
    return STATUS_LABELS.get(occurrence.status, "")


@register.filter
def day_heading(date):
    """A list's day heading: "Aujourd'hui, mardi 1er décembre", "Demain, …", or the date."""
    today = timezone.localdate()
    words = fr_date(date, "weekday year" if date.year != today.year else "weekday")
    if date == today:
        return f"Aujourd'hui, {words}"
    if date == today + datetime.timedelta(days=1):
        return f"Demain, {words}"
    return capfirst_fr(words)
