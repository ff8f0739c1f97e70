"""The iCalendar feeds, expanded by a calendar library, give exactly the occurrence table.

Each feed is parsed with `icalendar`, expanded over a year with `recurring_ical_events` (as a
calendar application would), and compared with the Occurrence table for the same window:
same events, same local start times, cancelled dates absent or marked cancelled.
"""

import datetime
import re

import icalendar
import pytest
import recurring_ical_events
from django.utils import timezone

from events.models import EventStatus, Occurrence, OccurrenceChange, OccurrenceStatus

from .factories import EventPageFactory, OccurrenceChangeFactory, paris

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
UID = re.compile(r"^event-(\d+)@")


# Dates relative to today, so that the table (written from "now") covers the whole window ----


def next_weekday(weekday, after_days=1):
    """The first date after today + after_days falling on `weekday` (0 = Monday)."""
    date = timezone.localdate() + datetime.timedelta(days=after_days)
    return date + datetime.timedelta(days=(weekday - date.weekday()) % 7)


def first_monday_of_next_month():
    today = timezone.localdate()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return first + datetime.timedelta(days=(0 - first.weekday()) % 7)


def at(date, hour=0, minute=0):
    return paris(date.year, date.month, date.day, hour, minute)


def widget_date(date):
    """How django-recurrence's widget stores a date: its local midnight, in UTC."""
    return at(date).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def window():
    start = at(timezone.localdate() + datetime.timedelta(days=1))
    return start, start + datetime.timedelta(days=365)


# Reading both sides ---------------------------------------------------------------------------


def parse(response):
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def as_local(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value)
    return at(value)  # an all-day date: its local midnight


def feed_instances(calendar, start, end):
    """(event pk, local start) of every date the feed gives, cancelled ones left out."""
    found = set()
    for component in recurring_ical_events.of(calendar).between(start, end):
        if str(component.get("STATUS", "")) == "CANCELLED":
            continue
        moment = as_local(component["DTSTART"].dt)
        if start <= moment < end:
            found.add((int(UID.match(str(component["UID"])).group(1)), moment))
    return found


def table_instances(start, end, events=None):
    rows = Occurrence.objects.filter(start__gte=start, start__lt=end).exclude(
        status=OccurrenceStatus.CANCELLED
    )
    if events is not None:
        rows = rows.filter(event__in=events)
    return {(row.event_id, timezone.localtime(row.start)) for row in rows}


def assert_round_trip(client, event):
    """The event's own .ics and the agenda feed both give its rows of the table."""
    start, end = window()
    expected = table_instances(start, end, [event])
    assert expected, "the table has dates for this event in the window"
    own = feed_instances(parse(client.get(event.url + "ics/")), start, end)
    assert own == expected
    agenda_feed = feed_instances(parse(client.get("/agenda/ics/")), start, end)
    assert {item for item in agenda_feed if item[0] == event.pk} == expected
    return expected


def vevents(calendar, event):
    return [
        component
        for component in calendar.walk("VEVENT")
        if str(component["UID"]).startswith(f"event-{event.pk}@")
    ]


# The cases ------------------------------------------------------------------------------------


def test_weekly_evening_event_stays_at_half_past_six_across_both_dst_changes(client, agenda):
    tuesday = next_weekday(1)
    event = EventPageFactory(
        parent=agenda,
        title="Marche santé du mardi",
        start=at(tuesday, 18, 30),
        end=at(tuesday, 20, 0),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
    )

    dates = assert_round_trip(client, event)

    assert {moment.strftime("%H:%M") for _, moment in dates} == {"18:30"}
    offsets = {moment.utcoffset() for _, moment in dates}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    assert len(dates) in (52, 53)


def test_an_endless_series_is_sent_without_until_and_starts_in_paris_time(client, agenda):
    tuesday = next_weekday(1)
    event = EventPageFactory(
        parent=agenda,
        start=at(tuesday, 18, 30),
        end=at(tuesday, 20, 0),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
    )

    text = client.get(event.url + "ics/").content.decode()

    assert "RRULE:FREQ=WEEKLY;BYDAY=TU\r\n" in text
    assert f"DTSTART;TZID=Europe/Paris:{tuesday:%Y%m%d}T183000\r\n" in text
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n" in text
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")


def test_excluded_dates_from_the_widget_stay_excluded(client, agenda):
    monday = next_weekday(0)
    excluded = [monday + datetime.timedelta(weeks=2), monday + datetime.timedelta(weeks=30)]
    event = EventPageFactory(
        parent=agenda,
        title="Atelier mémoire",
        start=at(monday, 10, 0),
        end=at(monday, 11, 30),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=MO\n"
        + "\n".join(f"EXDATE:{widget_date(date)}" for date in excluded),
    )

    dates = assert_round_trip(client, event)

    held = {moment.date() for _, moment in dates}
    assert not held & set(excluded)
    assert monday + datetime.timedelta(weeks=1) in held
    (vevent,) = vevents(parse(client.get(event.url + "ics/")), event)
    text = vevent.to_ical().decode()
    assert f"EXDATE;TZID=Europe/Paris:{excluded[0]:%Y%m%d}T100000" in text


def test_extra_dates_come_at_the_series_time_of_day(client, agenda):
    wednesday = next_weekday(2)
    extra = [wednesday + datetime.timedelta(days=2), wednesday + datetime.timedelta(days=200)]
    event = EventPageFactory(
        parent=agenda,
        title="Permanence addictologie",
        start=at(wednesday, 14, 0),
        end=at(wednesday, 17, 0),
        recurrence="RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE\n"
        + "\n".join(f"RDATE:{widget_date(date)}" for date in extra),
    )

    dates = assert_round_trip(client, event)

    assert {(at(date, 14, 0)) for date in extra} <= {moment for _, moment in dates}


def test_extra_dates_alone_make_a_series(client, agenda):
    day = next_weekday(4)
    extra = [day + datetime.timedelta(days=10), day + datetime.timedelta(days=100)]
    event = EventPageFactory(
        parent=agenda,
        title="Bus du cœur des femmes",
        start=at(day, 9, 0),
        end=at(day, 17, 0),
        recurrence="\n".join(f"RDATE:{widget_date(date)}" for date in extra),
    )

    dates = assert_round_trip(client, event)

    assert {moment for _, moment in dates} == {at(day, 9), *(at(date, 9) for date in extra)}


def test_monthly_first_monday(client, agenda):
    monday = first_monday_of_next_month()
    event = EventPageFactory(
        parent=agenda,
        title="Café des aidants",
        start=at(monday, 14, 0),
        end=at(monday, 16, 0),
        recurrence="RRULE:FREQ=MONTHLY;BYDAY=1MO",
    )

    dates = assert_round_trip(client, event)

    assert all(moment.weekday() == 0 and moment.day <= 7 for _, moment in dates)
    assert len(dates) in (11, 12)


def test_all_day_multi_day_event(client, agenda):
    first = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=10)
    event = EventPageFactory(
        parent=agenda,
        title="Exposition « Bien vieillir »",
        all_day=True,
        start=at(first),
        end=at(first + datetime.timedelta(days=2), 18, 0),
        recurrence="RRULE:FREQ=MONTHLY;COUNT=4",
    )

    dates = assert_round_trip(client, event)

    assert len(dates) == 4
    calendar = parse(client.get(event.url + "ics/"))
    (vevent,) = vevents(calendar, event)
    assert vevent["DTSTART"].dt == first
    # DTEND is exclusive: a three-day exhibition ends the day after its last day.
    assert vevent["DTEND"].dt == first + datetime.timedelta(days=3)
    assert "VALUE=DATE" in vevent.to_ical().decode()
    for component in recurring_ical_events.of(calendar).between(*window()):
        assert component["DTEND"].dt - component["DTSTART"].dt == datetime.timedelta(days=3)


def test_an_all_day_weekly_series_with_excluded_dates_and_an_end(client, agenda):
    saturday = next_weekday(5)
    excluded = saturday + datetime.timedelta(weeks=2)
    last = saturday + datetime.timedelta(weeks=30)
    event = EventPageFactory(
        parent=agenda,
        title="Marché bio et santé",
        all_day=True,
        start=at(saturday, 8, 0),
        end=at(saturday, 13, 0),
        recurrence=(f"RRULE:FREQ=WEEKLY;UNTIL={widget_date(last)}\nEXDATE:{widget_date(excluded)}"),
    )

    dates = assert_round_trip(client, event)

    held = sorted(moment.date() for _, moment in dates)
    assert excluded not in held
    assert held[-1] == last and len(held) == 30
    text = client.get(event.url + "ics/").content.decode()
    assert f"RRULE:FREQ=WEEKLY;UNTIL={last:%Y%m%d}\r\n" in text
    assert f"EXDATE;VALUE=DATE:{excluded:%Y%m%d}\r\n" in text


def test_a_cancelled_date_is_sent_cancelled_and_a_full_one_stays(client, agenda):
    thursday = next_weekday(3)
    cancelled, full = thursday + datetime.timedelta(weeks=1), thursday + datetime.timedelta(weeks=2)
    event = EventPageFactory(
        parent=agenda,
        title="Gym douce",
        start=at(thursday, 9, 30),
        end=at(thursday, 10, 30),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TH",
        occurrence_changes=[
            OccurrenceChangeFactory.build(date=cancelled, reason="Salle indisponible"),
            OccurrenceChangeFactory.build(
                date=full, change=OccurrenceChange.Change.FULL, reason=""
            ),
        ],
    )

    dates = assert_round_trip(client, event)

    held = {moment.date() for _, moment in dates}
    assert cancelled not in held and full in held
    calendar = parse(client.get(event.url + "ics/"))
    overrides = {
        component["RECURRENCE-ID"].dt: component
        for component in vevents(calendar, event)
        if "RECURRENCE-ID" in component
    }
    assert str(overrides[at(cancelled, 9, 30)]["STATUS"]) == "CANCELLED"
    assert "Salle indisponible" in str(overrides[at(cancelled, 9, 30)]["DESCRIPTION"])
    assert "complet" in str(overrides[at(full, 9, 30)]["SUMMARY"])


def test_a_moved_date_is_an_override_with_its_new_time(client, agenda):
    thursday = next_weekday(3)
    moved = thursday + datetime.timedelta(weeks=3)
    new_start = at(moved + datetime.timedelta(days=1), 15, 0)
    event = EventPageFactory(
        parent=agenda,
        title="Dépistage itinérant",
        start=at(thursday, 9, 30),
        end=at(thursday, 12, 0),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TH",
        occurrence_changes=[
            OccurrenceChangeFactory.build(
                date=moved,
                change=OccurrenceChange.Change.MOVED,
                new_start=new_start,
                new_end=new_start + datetime.timedelta(hours=2),
                reason="Jour férié",
            )
        ],
    )

    dates = assert_round_trip(client, event)

    assert (event.pk, new_start) in dates
    assert (event.pk, at(moved, 9, 30)) not in dates
    (override,) = [
        c for c in vevents(parse(client.get(event.url + "ics/")), event) if "RECURRENCE-ID" in c
    ]
    assert override["RECURRENCE-ID"].dt == at(moved, 9, 30)
    assert override["DTEND"].dt - override["DTSTART"].dt == datetime.timedelta(hours=2)


def test_until_includes_the_whole_last_day_and_is_sent_in_utc(client, agenda):
    thursday = next_weekday(3)
    last = thursday + datetime.timedelta(weeks=20)
    event = EventPageFactory(
        parent=agenda,
        title="Cycle sommeil",
        start=at(thursday, 19, 0),
        end=at(thursday, 21, 0),
        recurrence=f"RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL={widget_date(last)}",
    )

    dates = assert_round_trip(client, event)

    assert max(moment for _, moment in dates) == at(last, 19, 0)
    assert len(dates) == 21
    text = client.get(event.url + "ics/").content.decode()
    until = at(last, 23, 59).replace(second=59).astimezone(UTC)
    assert f"UNTIL={until:%Y%m%dT%H%M%S}Z" in text


def test_a_count_rule_starting_off_the_rule_counts_as_django_recurrence_does(client, agenda):
    monday = next_weekday(0)
    event = EventPageFactory(
        parent=agenda,
        start=at(monday, 18, 0),
        end=at(monday, 19, 0),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3",
    )

    dates = assert_round_trip(client, event)

    assert len(dates) == 4  # the first date, then three Tuesdays


def test_an_exclusion_rule_is_sent_as_excluded_dates(client, agenda):
    tuesday = next_weekday(1)
    event = EventPageFactory(
        parent=agenda,
        start=at(tuesday, 18, 30),
        end=at(tuesday, 20, 0),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU\nEXRULE:FREQ=MONTHLY;BYDAY=1TU",
    )

    dates = assert_round_trip(client, event)

    assert all(moment.day > 7 for _, moment in dates)


def test_a_single_moved_event_is_sent_at_its_new_date(client, agenda):
    day = next_weekday(5)
    new_start = at(day + datetime.timedelta(days=7), 10, 0)
    event = EventPageFactory(
        parent=agenda,
        start=at(day, 10, 0),
        end=at(day, 12, 0),
        occurrence_changes=[
            OccurrenceChangeFactory.build(
                date=day, change=OccurrenceChange.Change.MOVED, new_start=new_start
            )
        ],
    )

    dates = assert_round_trip(client, event)

    assert dates == {(event.pk, new_start)}


def test_a_cancelled_event_is_sent_cancelled(client, agenda):
    tuesday = next_weekday(1)
    event = EventPageFactory(
        parent=agenda,
        start=at(tuesday, 18, 30),
        end=at(tuesday, 20, 0),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
        status=EventStatus.CANCELLED,
        status_reason="Intervenant indisponible",
    )

    calendar = parse(client.get(event.url + "ics/"))

    (vevent,) = vevents(calendar, event)
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert feed_instances(calendar, *window()) == set()
    assert table_instances(*window(), [event]) == set()


def test_the_agenda_feed_holds_every_live_event_once_and_their_dates(client, agenda, structure):
    tuesday = next_weekday(1)
    weekly = EventPageFactory(
        parent=agenda,
        start=at(tuesday, 18, 30),
        end=at(tuesday, 20, 0),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
    )
    single = EventPageFactory(parent=structure, start=at(tuesday, 9), end=at(tuesday, 10))
    EventPageFactory(parent=agenda, live=False, title="Brouillon")

    calendar = parse(client.get("/agenda/ics/"))

    masters = [c for c in calendar.walk("VEVENT") if "RECURRENCE-ID" not in c]
    assert sorted(int(UID.match(str(c["UID"])).group(1)) for c in masters) == sorted(
        [weekly.pk, single.pk]
    )
    assert feed_instances(calendar, *window()) == table_instances(*window())
