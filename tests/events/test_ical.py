"""What an event's .ics and the agenda's iCalendar feed contain, and who may download them."""

import datetime
from unittest import mock

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from events import ical
from events.cache import agenda_changed
from tests.partners.factories import CommuneFactory, ThemeFactory

from .factories import EventPageFactory, OccurrenceChangeFactory, paris
from .test_ical_roundtrip import at, next_weekday

pytestmark = pytest.mark.django_db

ACCENTED_TITLE = "Journée « Santé des aînés » à Château-Chinon : éè àù ç œ 😀🎉 " * 3


def ics(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response


def test_event_ics_is_a_calendar_download_named_after_the_page(client, agenda):
    event = EventPageFactory(parent=agenda, title="Marche santé", slug="marche-sante")

    response = ics(client, "/agenda/marche-sante/ics/")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="marche-sante.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Maillage" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Marche santé"
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]).startswith(f"event-{event.pk}@")
    assert str(vevent["SUMMARY"]) == "Marche santé"
    assert str(vevent["URL"]).endswith("/agenda/marche-sante/")
    assert str(vevent["URL"]) in str(vevent["DESCRIPTION"])
    assert event.summary in str(vevent["DESCRIPTION"])
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent["DTSTAMP"].dt == event.last_published_at.replace(microsecond=0)
    assert vevent["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_uid_stays_the_same_when_the_event_is_edited_and_renamed(client, agenda):
    event = EventPageFactory(parent=agenda, title="Avant", slug="avant")
    first = icalendar.Calendar.from_ical(ics(client, "/agenda/avant/ics/").content)

    event.title, event.slug = "Après", "apres"
    event.save_revision().publish()
    second = icalendar.Calendar.from_ical(ics(client, "/agenda/apres/ics/").content)

    assert first.walk("VEVENT")[0]["UID"] == second.walk("VEVENT")[0]["UID"]
    event.refresh_from_db()
    stamp = event.last_published_at.replace(microsecond=0)
    assert second.walk("VEVENT")[0]["DTSTAMP"].dt == stamp


def test_place_coordinates_and_themes_are_sent(client, agenda):
    theme = ThemeFactory(name="Cuisine du quotidien", slug="cuisine-du-quotidien")
    commune = CommuneFactory(name="Clamecy", insee_code="58079")
    EventPageFactory(
        parent=agenda,
        slug="atelier",
        venue="Maison de santé",
        street_address="2 rue de la Paix",
        postal_code="58500",
        commune=commune,
        latitude="47.457800",
        longitude="3.517200",
        themes=[theme],
    )

    (vevent,) = icalendar.Calendar.from_ical(ics(client, "/agenda/atelier/ics/").content).walk(
        "VEVENT"
    )

    assert str(vevent["LOCATION"]) == "Maison de santé, 2 rue de la Paix, 58500 Clamecy"
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (47.4578, 3.5172)
    assert [str(category) for category in vevent["CATEGORIES"].cats] == ["Cuisine du quotidien"]


def test_an_online_event_gives_its_link_as_location(client, agenda):
    EventPageFactory(
        parent=agenda, slug="webinaire", venue="", online_url="https://visio.example/s"
    )

    (vevent,) = icalendar.Calendar.from_ical(ics(client, "/agenda/webinaire/ics/").content).walk(
        "VEVENT"
    )

    assert str(vevent["LOCATION"]) == "https://visio.example/s"
    assert "En ligne : https://visio.example/s" in str(vevent["DESCRIPTION"])


def test_folded_lines_never_split_a_utf8_character(client, agenda):
    EventPageFactory(
        parent=agenda,
        slug="aines",
        title=ACCENTED_TITLE[:255],
        summary=("Prévention des chutes, nutrition, mémoire : ateliers gratuits 🧠💪 " * 4)[:280],
        venue="Salle « Les Épinettes » – rez-de-chaussée, accès fauteuil ♿",
    )

    content = ics(client, "/agenda/aines/ics/").content

    lines = content.split(b"\r\n")
    assert any(line.startswith(b" ") for line in lines), "long lines are folded"
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a fold cut a character in two
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == ACCENTED_TITLE[:255]


def test_a_draft_event_has_no_ics_nor_page_for_visitors(client, agenda):
    EventPageFactory(parent=agenda, slug="brouillon", live=False)

    assert client.get("/agenda/brouillon/ics/").status_code == 404
    assert client.get("/agenda/brouillon/").status_code == 404
    assert b"brouillon" not in ics(client, "/agenda/ics/").content


def test_a_restricted_event_is_neither_downloadable_nor_in_the_feed(client, agenda):
    event = EventPageFactory(parent=agenda, slug="reserve", title="Réunion réservée")
    PageViewRestriction.objects.create(page=event, restriction_type="login")

    response = client.get("/agenda/reserve/ics/")

    assert response.status_code in (302, 404)
    assert "text/calendar" not in response.get("Content-Type", "")
    assert "Réunion réservée" not in ics(client, "/agenda/ics/").content.decode()


def test_agenda_feed_lists_only_events_still_to_come(client, agenda):
    today = next_weekday(1, after_days=-400)
    EventPageFactory(parent=agenda, title="Ancien", start=at(today, 10), end=at(today, 11))
    EventPageFactory(parent=agenda, title="À venir")

    calendar = icalendar.Calendar.from_ical(ics(client, "/agenda/ics/").content)

    assert [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")] == ["À venir"]
    assert str(calendar["X-WR-CALNAME"]).startswith("Agenda")
    assert "REFRESH-INTERVAL" in calendar


def test_agenda_feed_honours_the_agenda_filters(client, agenda):
    nutrition = ThemeFactory(name="Cuisine du quotidien", slug="cuisine-du-quotidien")
    sleep = ThemeFactory(name="Sommeil réparateur", slug="sommeil-reparateur")
    EventPageFactory(parent=agenda, title="Atelier cuisine", themes=[nutrition])
    EventPageFactory(parent=agenda, title="Bien dormir", themes=[sleep], is_free=False)

    by_theme = icalendar.Calendar.from_ical(
        ics(client, "/agenda/ics/?theme=cuisine-du-quotidien").content
    )
    free = icalendar.Calendar.from_ical(ics(client, "/agenda/ics/?gratuit=1").content)
    unknown = icalendar.Calendar.from_ical(ics(client, "/agenda/ics/?theme=inconnue").content)

    assert [str(v["SUMMARY"]) for v in by_theme.walk("VEVENT")] == ["Atelier cuisine"]
    assert [str(v["SUMMARY"]) for v in free.walk("VEVENT")] == ["Atelier cuisine"]
    assert sorted(str(v["SUMMARY"]) for v in unknown.walk("VEVENT")) == [
        "Atelier cuisine",
        "Bien dormir",
    ]


@pytest.mark.parametrize(
    "query", ["?du=2026-13-45", "?du=20266-01-01&au=abc", "?au=2026-01-01&du=2027-01-01", "?page=x"]
)
def test_agenda_feed_answers_malformed_filters(client, agenda, query):
    EventPageFactory(parent=agenda)

    response = client.get("/agenda/ics/" + query)

    assert response.status_code == 200
    icalendar.Calendar.from_ical(response.content)


def feed_queries(client):
    """The queries of building the agenda feed (not of reading it back from the cache)."""
    ics(client, "/agenda/ics/")  # caches filled (site, settings, taxonomies)
    agenda_changed()
    with CaptureQueriesContext(connection) as queries:
        ics(client, "/agenda/ics/")
    return len(queries)


def test_agenda_feed_costs_the_same_queries_for_many_events(client, agenda, structure):
    theme = ThemeFactory()
    tuesday = next_weekday(1)

    def add_events(count):
        for index in range(count):
            EventPageFactory(
                parent=agenda if index % 2 else structure,
                themes=[theme],
                start=at(tuesday, 18, 30),
                end=at(tuesday, 20),
                recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU" if index % 3 else "",
                latitude="47.1",
                longitude="3.5",
                organiser=structure,
            )

    add_events(2)
    few = feed_queries(client)
    add_events(8)
    many = feed_queries(client)

    assert many == few


def test_event_ics_dtstart_keeps_its_paris_time(client, agenda):
    EventPageFactory(
        parent=agenda, slug="ete", start=paris(2027, 7, 6, 18, 30), end=paris(2027, 7, 6, 20)
    )

    text = ics(client, "/agenda/ete/ics/").content.decode()

    assert "DTSTART;TZID=Europe/Paris:20270706T183000\r\n" in text
    assert "DTEND;TZID=Europe/Paris:20270706T200000\r\n" in text


def test_agenda_feed_is_served_from_the_cache_until_something_changes(client, agenda):
    theme = ThemeFactory(name="Sommeil réparateur", slug="sommeil-reparateur")
    tuesday = next_weekday(1)
    event = EventPageFactory(
        parent=agenda,
        title="Bien dormir",
        start=at(tuesday, 18, 30),
        end=at(tuesday, 20),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
        themes=[theme],
    )
    EventPageFactory(parent=agenda, title="Autre")

    with mock.patch("events.ical.event_components", wraps=ical.event_components) as render:
        first = ics(client, "/agenda/ics/").content
        again = ics(client, "/agenda/ics/").content
        assert (render.call_count, again) == (2, first)
        # Another set of filters is another feed.
        ics(client, "/agenda/ics/?gratuit=1")
        assert render.call_count == 4

        theme.name = "Sommeil"
        theme.save()
        renamed = icalendar.Calendar.from_ical(ics(client, "/agenda/ics/").content)
        assert render.call_count == 6
        (vevent,) = [v for v in renamed.walk("VEVENT") if str(v["SUMMARY"]) == "Bien dormir"]
        assert [str(category) for category in vevent["CATEGORIES"].cats] == ["Sommeil"]

        event.occurrence_changes = [OccurrenceChangeFactory.build(date=tuesday, reason="Grève")]
        event.save_revision().publish()
        changed = icalendar.Calendar.from_ical(ics(client, "/agenda/ics/").content)
        assert render.call_count == 8

    cancelled = [v for v in changed.walk("VEVENT") if "RECURRENCE-ID" in v]
    assert [str(v["STATUS"]) for v in cancelled] == ["CANCELLED"]
