"""The demo agenda: some sixty events over the next twelve months, placed from the loading day."""

import datetime
import io

import pytest
import recurrence
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Revision

from events.demo.dates import DemoCalendar
from events.demo.events import build
from events.models import (
    AgendaPage,
    EventPage,
    EventStatus,
    NationalCampaign,
    Occurrence,
    OccurrenceStatus,
)
from partners.models import StructurePage

# The demo is loaded once for the module (and rolled back after it); each test runs inside.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_territory")]


def live_events():
    return EventPage.objects.live()


def upcoming(event=None):
    occurrences = Occurrence.objects.visible().upcoming()
    return occurrences.filter(event=event) if event is not None else occurrences


def test_the_agenda_holds_sixty_live_events_with_their_occurrences(client):
    agenda = AgendaPage.objects.get()
    assert agenda.url_path.endswith("/agenda/") and agenda.title == "Agenda"
    assert agenda.intro and agenda.live

    events = live_events()
    assert events.count() >= 55
    # None was skipped for a slug already taken under its parent (an action's, say).
    assert events.count() == len(build(DemoCalendar(timezone.localdate())))
    assert not EventPage.objects.not_live().exists()
    # Every live event has its dates in the table, and nothing else does.
    assert set(Occurrence.objects.values_list("event", flat=True).distinct()) == set(
        events.values_list("pk", flat=True)
    )
    response = client.get("/agenda/")
    assert response.status_code == 200
    assert upcoming().for_listing().first().event.title in response.content.decode()


def test_events_are_spread_over_the_next_twelve_months():
    today = timezone.localdate()
    in_a_year = today + datetime.timedelta(days=366)
    one_offs = live_events().filter(recurrence="")
    starts = [timezone.localtime(event.start).date() for event in live_events()]
    assert max(starts) <= in_a_year + datetime.timedelta(days=31)
    months = {
        (start.year, start.month)
        for start in upcoming().values_list("start", flat=True)
        if timezone.localtime(start).date() <= in_a_year
    }
    assert len(months) >= 12
    assert one_offs.filter(start__gte=timezone.now()).count() >= 25
    # A few were held already: the archive has something to show.
    assert Occurrence.objects.visible().past().count() >= 3


def test_most_events_are_published_by_their_structure_some_by_the_coordination():
    agenda = AgendaPage.objects.get()
    under_agenda = live_events().child_of(agenda)
    under_structures = live_events().exclude(pk__in=under_agenda.values("pk"))
    assert under_structures.count() > under_agenda.count() >= 8
    for event in under_structures.select_related("organiser"):
        assert event.get_parent().specific == event.organiser, event
    assert under_agenda.filter(co_organisers__isnull=False).distinct().count() >= 5
    organisers = StructurePage.objects.filter(organised_events__isnull=False).distinct()
    assert organisers.count() >= 20


def test_at_least_twenty_events_repeat():
    recurring = [event for event in live_events() if event.is_recurring]
    assert len(recurring) >= 20
    frequencies = {rule.freq for event in recurring for rule in event.recurrence.rrules}
    assert {recurrence.WEEKLY, recurrence.MONTHLY} <= frequencies
    # One series is only a list of extra dates (RDATE), no rule.
    assert any(event.recurrence.rdates and not event.recurrence.rrules for event in recurring)


def test_a_weekly_walk_keeps_its_local_time_across_both_dst_changes():
    walk = live_events().get(slug="marche-sante-chaque-mardi-soir")
    occurrences = list(upcoming(walk))
    assert len(occurrences) > 52
    assert {occurrence.local_start.time() for occurrence in occurrences} == {datetime.time(18, 30)}
    assert {occurrence.local_start.weekday() for occurrence in occurrences} == {1}
    offsets = [occurrence.local_start.utcoffset() for occurrence in occurrences]
    changes = sum(1 for before, after in zip(offsets, offsets[1:], strict=False) if before != after)
    assert changes >= 2  # into summer time and back (or the reverse)


def test_series_have_a_cancelled_a_moved_and_a_full_date():
    cancelled = Occurrence.objects.filter(status=OccurrenceStatus.CANCELLED, reason__gt="")
    assert cancelled.filter(event__recurrence__gt="").exists()
    walk = live_events().get(slug="marche-sante-chaque-mardi-soir")
    assert upcoming(walk).filter(status=OccurrenceStatus.CANCELLED).count() == 1

    moved = Occurrence.objects.get(status=OccurrenceStatus.MOVED)
    assert moved.original_start is not None and moved.start != moved.original_start
    assert moved.local_start.time() == timezone.localtime(moved.original_start).time()

    assert Occurrence.objects.filter(
        status=OccurrenceStatus.FULL, event__status=EventStatus.SCHEDULED
    ).exists()


def test_one_event_is_full_and_one_is_postponed():
    full = live_events().get(status=EventStatus.FULL)
    assert full.status_reason and full.capacity
    assert not upcoming(full).exclude(status=OccurrenceStatus.FULL).exists()
    postponed = live_events().get(status=EventStatus.POSTPONED)
    assert postponed.status_reason


def test_online_all_day_paid_and_registration_events_are_there():
    events = live_events()
    online_only = events.filter(online_url__gt="", commune__isnull=True)
    assert online_only.count() >= 3
    assert events.filter(online_url__gt="", commune__isnull=False).exists()  # both
    all_day = events.filter(all_day=True)
    assert all_day.count() >= 2
    for occurrence in Occurrence.objects.filter(event__in=all_day):
        assert occurrence.all_day and occurrence.local_start.time() == datetime.time(0)
    paid = events.filter(is_free=False)
    assert paid.count() >= 5 and not paid.filter(price_detail="").exists()
    assert events.filter(registration_required=True, capacity__isnull=False).count() >= 10
    assert events.filter(age_min__isnull=False).count() >= 5
    assert events.exclude(accessibility="").count() >= 30


def test_events_take_place_in_the_territory_s_communes():
    located = live_events().filter(commune__isnull=False).select_related("commune")
    assert len({event.commune_id for event in located}) >= 15
    for event in located:
        assert event.postal_code == event.commune.postal_code
        assert event.has_location, event
    for event in live_events():
        assert event.themes.exists() and event.publics.exists(), event


def test_the_bus_du_coeur_des_femmes_tours_several_communes():
    stops = live_events().filter(title__startswith="Bus du cœur des femmes")
    assert len({stop.commune_id for stop in stops}) >= 4
    assert all(stop.get_parent().specific_class is AgendaPage for stop in stops)
    assert all(stop.co_organisers.exists() for stop in stops)


def test_national_campaigns_have_their_events_in_their_month():
    names = set(NationalCampaign.objects.values_list("name", flat=True))
    assert {
        "Mois sans tabac",
        "Octobre rose",
        "Semaines d'information sur la santé mentale",
        "Mars bleu",
        "Semaine européenne de la vaccination",
    } <= names
    months = {"mois-sans-tabac": 11, "octobre-rose": 10, "mars-bleu": 3}
    for slug, month in months.items():
        events = live_events().filter(national_campaign__slug=slug)
        assert events.count() >= 2, slug
        assert {timezone.localtime(event.start).month for event in events} == {month}


def test_communication_may_publish_in_the_demo_agenda():
    agenda = AgendaPage.objects.get()
    granted = GroupPagePermission.objects.filter(
        group=Group.objects.get(name="Communication"), page=agenda
    ).values_list("permission__codename", flat=True)
    assert {"add_page", "change_page", "publish_page"} <= set(granted)


def test_loading_the_demo_again_creates_no_event():
    def snapshot():
        return (
            EventPage.objects.count(),
            Occurrence.objects.count(),
            NationalCampaign.objects.count(),
            Revision.objects.count(),
        )

    before = snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "rien à créer" in out.getvalue()


# The data alone, for any loading day ----------------------------------------------------


@pytest.mark.parametrize(
    "today",
    [datetime.date(2026, month, day) for month in range(1, 13) for day in (1, 15, 28)]
    + [datetime.date(2028, 2, 29), datetime.date(2027, 3, 27), datetime.date(2027, 10, 30)],
)
def test_the_demo_dates_make_sense_whatever_the_loading_day(today):
    events = build(DemoCalendar(today))
    keys = [(event["parent"], event["slug"]) for event in events]
    assert len(keys) == len(set(keys)) >= 55
    horizon = today + datetime.timedelta(days=400)
    for event in events:
        start, end = timezone.localtime(event["start"]), timezone.localtime(event["end"])
        assert start < end <= start + datetime.timedelta(days=2), event["slug"]
        assert start.date() <= horizon, event["slug"]
        for date, _change, _reason, new_start, _new_end in event.get("changes", []):
            assert date > today and date.weekday() == start.weekday(), event["slug"]
            assert new_start is None or new_start.date() > date
        if "UNTIL=" in event.get("recurrence", ""):
            until = event["recurrence"].split("UNTIL=")[1][:8]
            assert until > f"{start:%Y%m%d}", event["slug"]


def test_demo_calendar_counts_from_the_day_after_today():
    calendar = DemoCalendar(datetime.date(2026, 11, 3))  # a Tuesday
    assert calendar.weekday("TU") == datetime.date(2026, 11, 10)
    assert calendar.weekday("WE") == datetime.date(2026, 11, 4)
    assert calendar.month_start(11) == datetime.date(2027, 11, 1)
    assert calendar.month_start(12) == datetime.date(2026, 12, 1)
    assert calendar.nth(3, 2, "TU") == datetime.date(2027, 3, 9)
    assert calendar.nth(4, -1, "MO") == datetime.date(2027, 4, 26)
    assert calendar.until(datetime.date(2027, 6, 30)) == "20270630T215959Z"
    assert calendar.at(datetime.date(2027, 1, 5), 18, 30).utcoffset() == datetime.timedelta(hours=1)
