"""From an event's dates and rule to occurrences (events/occurrences.py), in Paris wall-clock time.

The recurrence strings are those django-recurrence's widget writes in the page editor (checked in
a browser, Europe/Paris): the widget picks a date as midnight in the browser's time zone and
writes it in UTC, so "exclude Tuesday 30 March 2027" arrives as EXDATE:20270329T220000Z and
"until 27 April 2027" as UNTIL=20270426T220000Z.
"""

import datetime
import io
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from events.models import EventPage, EventStatus, Occurrence, OccurrenceChange, OccurrenceStatus
from events.occurrences import (
    RecurrenceTooDense,
    check_recurrence,
    horizon_end,
    planned_occurrences,
    regenerate,
    series_starts,
)

from .factories import EventPageFactory, OccurrenceChangeFactory, paris

# What the widget wrote for "every Tuesday until 27 April 2027, except Tuesday 30 March 2027".
WIDGET_WEEKLY = "RRULE:FREQ=WEEKLY;UNTIL=20270426T220000Z;BYDAY=TU\nEXDATE:20270329T220000Z"
# And for "every Tuesday, except Tuesday 15 December 2026" (winter: midnight is 23:00 UTC).
WIDGET_WINTER_EXDATE = "RRULE:FREQ=WEEKLY;BYDAY=TU\nEXDATE:20261214T230000Z"

FAR = paris(2030, 1, 1)  # an expansion limit beyond every series below


@pytest.fixture(autouse=True)
def event_content_type(django_db_setup, django_db_blocker):
    """An unsaved EventPage reads its content type: from the cache, which a test of another
    module (a flush, a restore) may have cleared; read once here, the tests without a database
    never query it."""
    with django_db_blocker.unblock():
        ContentType.objects.get_for_model(EventPage)


def event(start, end=None, recurrence="", **fields):
    """An unsaved event (no database): what the editor's form would build."""
    return EventPage(
        title="Marche santé",
        start=start,
        end=end or start + datetime.timedelta(hours=1, minutes=30),
        recurrence=recurrence,
        **fields,
    )


def local_starts(occurrences):
    return [timezone.localtime(item.start) for item in occurrences]


def change(date, kind, **fields):
    return OccurrenceChange(date=date, change=kind, reason=fields.pop("reason", "Motif"), **fields)


# Time zones -----------------------------------------------------------------------------------


def test_a_weekly_1830_event_stays_at_1830_across_both_dst_changes():
    # From winter (CET) through summer (CEST, from 28 March 2027) back to winter (31 October).
    series = event(paris(2027, 1, 5, 18, 30), recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU")

    starts = local_starts(planned_occurrences(series, paris(2027, 12, 31), changes=[]))

    assert len(starts) == 52
    assert {(start.hour, start.minute) for start in starts} == {(18, 30)}
    assert {start.weekday() for start in starts} == {1}  # every one a Tuesday
    utc_hours = {start.astimezone(datetime.UTC).hour for start in starts}
    assert utc_hours == {17, 16}  # 17:30 UTC in winter, 16:30 UTC in summer
    summer = [s for s in starts if s.date() == datetime.date(2027, 7, 6)]
    assert summer and summer[0].astimezone(datetime.UTC).hour == 16
    november = [s for s in starts if s.date() == datetime.date(2027, 11, 2)]
    assert november and november[0].astimezone(datetime.UTC).hour == 17


def test_an_excluded_date_written_by_the_widget_stays_excluded_after_the_spring_change():
    series = event(paris(2027, 3, 2, 18, 30), recurrence=WIDGET_WEEKLY)

    days = [start.date() for start in series_starts(series, FAR)]

    assert datetime.date(2027, 3, 30) not in days
    assert days == [
        datetime.date(2027, 3, 2),
        datetime.date(2027, 3, 9),
        datetime.date(2027, 3, 16),
        datetime.date(2027, 3, 23),
        datetime.date(2027, 4, 6),
        datetime.date(2027, 4, 13),
        datetime.date(2027, 4, 20),
        datetime.date(2027, 4, 27),
    ]


def test_an_excluded_winter_date_written_by_the_widget_stays_excluded():
    series = event(paris(2026, 12, 1, 18, 30), recurrence=WIDGET_WINTER_EXDATE)

    days = [start.date() for start in series_starts(series, paris(2027, 1, 1))]

    assert datetime.date(2026, 12, 15) not in days
    assert datetime.date(2026, 12, 8) in days
    assert datetime.date(2026, 12, 22) in days


def test_the_until_date_picked_in_the_widget_includes_its_last_day():
    # UNTIL=20270426T220000Z is midnight starting 27 April in Paris: the 18:30 session that
    # evening is part of the series.
    series = event(paris(2027, 3, 2, 18, 30), recurrence=WIDGET_WEEKLY)

    last = series_starts(series, FAR)[-1]

    assert last == paris(2027, 4, 27, 18, 30)


def test_an_extra_date_from_the_widget_takes_the_series_time_of_day():
    # "Add 11 March 2027" (winter midnight is 23:00 UTC the day before).
    series = event(paris(2027, 3, 2, 18, 30), recurrence="RDATE:20270310T230000Z")

    assert series_starts(series, FAR) == [paris(2027, 3, 2, 18, 30), paris(2027, 3, 11, 18, 30)]


# Bounds ---------------------------------------------------------------------------------------


def test_an_endless_rule_stops_at_the_horizon():
    now = paris(2027, 1, 4, 9)
    series = event(paris(2027, 1, 5, 18, 30), recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU")

    starts = series_starts(series, horizon_end(now))

    assert starts[-1] <= horizon_end(now)
    assert horizon_end(now) - starts[-1] < datetime.timedelta(days=7)
    assert len(starts) == 548 // 7 + 1


def test_count_gives_that_many_dates():
    series = event(paris(2027, 3, 2, 18, 30), recurrence="RRULE:FREQ=WEEKLY;COUNT=5;BYDAY=TU")

    starts = series_starts(series, FAR)

    assert [start.date() for start in starts] == [
        datetime.date(2027, 3, 2) + datetime.timedelta(weeks=n) for n in range(5)
    ]


def test_a_rule_denser_than_the_limit_is_refused_with_a_french_message(settings):
    settings.AGENDA_MAX_OCCURRENCES = 50
    series = event(paris(2027, 1, 5, 9), recurrence="RRULE:FREQ=DAILY;INTERVAL=1")

    with pytest.raises(RecurrenceTooDense, match="plus de 50 dates"):
        check_recurrence(series, now=paris(2027, 1, 1))


def test_a_single_date_event_has_one_occurrence():
    single = event(paris(2027, 5, 12, 14), paris(2027, 5, 12, 17))

    [occurrence] = planned_occurrences(single, FAR, changes=[])

    assert (occurrence.start, occurrence.end) == (paris(2027, 5, 12, 14), paris(2027, 5, 12, 17))
    assert occurrence.status == OccurrenceStatus.SCHEDULED


# Per-date changes and the event's status ------------------------------------------------------


def test_one_date_cancelled_one_full_one_moved_leave_the_rest_of_the_series():
    series = event(paris(2027, 3, 2, 18, 30), recurrence=WIDGET_WEEKLY)
    changes = [
        change(datetime.date(2027, 3, 9), OccurrenceChange.Change.CANCELLED, reason="Jour férié"),
        change(datetime.date(2027, 3, 16), OccurrenceChange.Change.FULL, reason="Complet"),
        change(
            datetime.date(2027, 3, 23),
            OccurrenceChange.Change.MOVED,
            new_start=paris(2027, 3, 25, 10),
            reason="Salle indisponible",
        ),
    ]

    planned = {
        timezone.localtime(item.original_start or item.start).date(): item
        for item in planned_occurrences(series, FAR, changes=changes)
    }

    assert len(planned) == 8
    cancelled = planned[datetime.date(2027, 3, 9)]
    assert (cancelled.status, cancelled.reason) == (OccurrenceStatus.CANCELLED, "Jour férié")
    assert planned[datetime.date(2027, 3, 16)].status == OccurrenceStatus.FULL
    moved = planned[datetime.date(2027, 3, 23)]
    assert moved.status == OccurrenceStatus.MOVED
    assert moved.original_start == paris(2027, 3, 23, 18, 30)
    assert (moved.start, moved.end) == (paris(2027, 3, 25, 10), paris(2027, 3, 25, 11, 30))
    assert moved.reason == "Salle indisponible"
    others = [item for day, item in planned.items() if day > datetime.date(2027, 3, 23)]
    assert {item.status for item in others} == {OccurrenceStatus.SCHEDULED}
    assert planned[datetime.date(2027, 3, 2)].status == OccurrenceStatus.SCHEDULED


def test_a_cancelled_event_cancels_every_date_with_its_reason():
    series = event(
        paris(2027, 3, 2, 18, 30),
        recurrence=WIDGET_WEEKLY,
        status=EventStatus.CANCELLED,
        status_reason="Animatrice absente",
    )
    changes = [change(datetime.date(2027, 3, 16), OccurrenceChange.Change.FULL)]

    planned = planned_occurrences(series, FAR, changes=changes)

    assert len(planned) == 8
    assert {item.status for item in planned} == {OccurrenceStatus.CANCELLED}
    assert {item.reason for item in planned} == {"Animatrice absente"}


def test_an_all_day_event_over_three_days_covers_whole_local_days():
    festival = event(paris(2027, 6, 10, 9), paris(2027, 6, 12, 18), all_day=True)

    [occurrence] = planned_occurrences(festival, FAR, changes=[])

    assert occurrence.all_day
    assert occurrence.start == paris(2027, 6, 10)
    assert occurrence.end == paris(2027, 6, 13)  # midnight after the last day, Paris time


def test_a_yearly_all_day_event_keeps_its_length_each_year():
    day = event(
        paris(2027, 10, 1), paris(2027, 10, 1, 23, 59), all_day=True, recurrence="RRULE:FREQ=YEARLY"
    )

    planned = planned_occurrences(day, paris(2029, 12, 31), changes=[])

    assert [(item.start, item.end) for item in planned] == [
        (paris(year, 10, 1), paris(year, 10, 2)) for year in (2027, 2028, 2029)
    ]


# The table ------------------------------------------------------------------------------------


def at(moment):
    """Freeze "now" for the signals and the command."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.mark.django_db
def test_publishing_writes_the_occurrences_and_unpublishing_deletes_them(agenda):
    published = EventPageFactory(
        parent=agenda,
        start=paris(2027, 3, 2, 18, 30),
        end=paris(2027, 3, 2, 20),
        recurrence=WIDGET_WEEKLY,
    )
    assert published.occurrences.count() == 8
    assert published.occurrences.first().start == paris(2027, 3, 2, 18, 30)

    published.unpublish()

    assert not Occurrence.objects.filter(event=published).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("through", ["page", "specific"])
def test_deleting_a_live_event_deletes_its_dates(agenda, through):
    # Wagtail unpublishes a live page from pre_delete and re-reads it, still live, to send
    # page_unpublished: dates written again then would outlive the page (a foreign key error
    # at commit).
    event = EventPageFactory(
        parent=agenda, start=paris(2027, 3, 2, 18, 30), recurrence=WIDGET_WEEKLY
    )
    assert event.occurrences.exists()
    page = event.page_ptr if through == "page" else event

    page.delete()

    assert not EventPage.objects.filter(pk=event.pk).exists()
    assert not Occurrence.objects.filter(event_id=event.pk).exists()


@pytest.mark.django_db
def test_republishing_keeps_ended_occurrences_and_rewrites_the_future(agenda):
    first_publication = paris(2027, 3, 1, 9)
    with at(first_publication):
        series = EventPageFactory(
            parent=agenda,
            start=paris(2027, 3, 2, 18, 30),
            end=paris(2027, 3, 2, 20),
            recurrence=WIDGET_WEEKLY,
        )
    ended = list(series.occurrences.filter(start__lt=paris(2027, 4, 1)).values_list("pk", "start"))
    assert len(ended) == 4

    # In April, the sessions move to 19:00 and the 20 April one is cancelled.
    series.start, series.end = paris(2027, 3, 2, 19), paris(2027, 3, 2, 20, 30)
    series.occurrence_changes = [
        OccurrenceChangeFactory.build(date=datetime.date(2027, 4, 20), reason="Pont")
    ]
    with at(paris(2027, 4, 1, 9)):
        series.save_revision().publish()

    rows = list(series.occurrences.order_by("start"))
    assert [(row.pk, row.start) for row in rows[:4]] == ended  # the past, untouched
    assert [timezone.localtime(row.start).hour for row in rows[4:]] == [19, 19, 19, 19]
    assert [row.status for row in rows[4:]] == [
        OccurrenceStatus.SCHEDULED,
        OccurrenceStatus.SCHEDULED,
        OccurrenceStatus.CANCELLED,
        OccurrenceStatus.SCHEDULED,
    ]
    assert rows[6].reason == "Pont"


@pytest.mark.django_db
def test_regenerating_a_draft_page_leaves_no_occurrence(agenda):
    draft = EventPageFactory(parent=agenda, live=False, recurrence="RRULE:FREQ=WEEKLY")

    assert regenerate(draft) == 0
    assert not Occurrence.objects.filter(event=draft).exists()


@pytest.mark.django_db
def test_the_daily_command_moves_the_horizon_forward(agenda):
    published_on = paris(2027, 1, 4, 9)
    with at(published_on):
        series = EventPageFactory(
            parent=agenda,
            start=paris(2027, 1, 5, 18, 30),
            end=paris(2027, 1, 5, 20),
            recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
        )
    last_before = series.occurrences.order_by("start").last().start
    assert last_before <= horizon_end(published_on)

    two_months_later = published_on + datetime.timedelta(days=61)
    output = io.StringIO()
    with at(two_months_later):
        call_command("update_occurrences", stdout=output)

    last_after = series.occurrences.order_by("start").last().start
    assert last_after > last_before + datetime.timedelta(days=55)
    assert horizon_end(two_months_later) - last_after < datetime.timedelta(days=7)
    assert timezone.localtime(last_after).hour == 18
    assert series.occurrences.filter(start__lt=two_months_later).count() == 9  # kept
    assert "date(s) écrite(s)" in output.getvalue()


@pytest.mark.django_db
def test_the_daily_command_drops_the_occurrences_of_unpublished_events(agenda):
    series = EventPageFactory(parent=agenda, recurrence="RRULE:FREQ=WEEKLY")
    # An unpublication whose signal was missed (a bulk update): the command catches up.
    EventPage.objects.filter(pk=series.pk).update(live=False)

    call_command("update_occurrences", stdout=io.StringIO())

    assert not Occurrence.objects.filter(event=series).exists()
