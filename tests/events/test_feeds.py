"""The agenda's RSS feed: the next date of each upcoming public event, with the agenda's filters."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from events.cache import agenda_changed
from events.views.event import date_range_text
from tests.partners.factories import ThemeFactory

from .factories import EventPageFactory, OccurrenceChangeFactory
from .test_ical_roundtrip import at, next_weekday

pytestmark = pytest.mark.django_db


def rss(client, path="/agenda/rss/"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    # Well-formed XML, or this raises (our own response: no untrusted input).
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def test_rss_lists_each_upcoming_event_once_by_its_next_date(client, agenda, structure):
    tuesday = next_weekday(1)
    later = tuesday + datetime.timedelta(days=3)
    EventPageFactory(
        parent=agenda,
        title="Marche santé",
        start=at(tuesday, 18, 30),
        end=at(tuesday, 20),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
        themes=[ThemeFactory(name="Activité physique adaptée", slug="apa")],
    )
    EventPageFactory(
        parent=structure, title="Stand prévention", start=at(later, 9), end=at(later, 12)
    )
    past = next_weekday(1, after_days=-30)
    EventPageFactory(parent=agenda, title="Passé", start=at(past, 10), end=at(past, 11))
    EventPageFactory(parent=agenda, title="Brouillon", live=False)

    channel = rss(client)

    assert channel.findtext("title").startswith("Agenda")
    assert channel.findtext("language") == "fr"
    assert channel.findtext("link").endswith("/agenda/")
    assert [title.split(" – ")[0] for title in titles(channel)] == [
        "Marche santé",
        "Stand prévention",
    ]
    first = channel.find("item")
    assert "18 h 30" in first.findtext("title")
    assert first.findtext("link").endswith("/agenda/marche-sante/")
    assert first.findtext("guid") == first.findtext("link")
    assert "Salle des fêtes" in first.findtext("description")
    assert [category.text for category in first.findall("category")] == [
        "Activité physique adaptée"
    ]
    assert parsedate_to_datetime(first.findtext("pubDate")).tzinfo is not None


def test_rss_skips_a_cancelled_next_date_and_restricted_events(client, agenda):
    tuesday = next_weekday(1)
    EventPageFactory(
        parent=agenda,
        title="Atelier",
        start=at(tuesday, 14),
        end=at(tuesday, 16),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
        occurrence_changes=[OccurrenceChangeFactory.build(date=tuesday)],
    )
    restricted = EventPageFactory(parent=agenda, title="Réunion interne")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    channel = rss(client)

    next_week = tuesday + datetime.timedelta(weeks=1)
    held = date_range_text(at(next_week, 14), at(next_week, 16), all_day=False)
    assert titles(channel) == [f"Atelier – {held}"]
    assert "Réunion interne" not in ET.tostring(channel, encoding="unicode")


def test_rss_escapes_titles_and_honours_the_filters(client, agenda):
    theme = ThemeFactory(name="Sommeil réparateur", slug="sommeil-reparateur")
    EventPageFactory(parent=agenda, title="Dormir & rêver <mieux>", themes=[theme])
    EventPageFactory(parent=agenda, title="Autre sujet", is_free=False)

    by_theme = rss(client, "/agenda/rss/?theme=sommeil-reparateur")
    free = rss(client, "/agenda/rss/?gratuit=1")

    assert [title.split(" – ")[0] for title in titles(by_theme)] == ["Dormir & rêver <mieux>"]
    assert [title.split(" – ")[0] for title in titles(free)] == ["Dormir & rêver <mieux>"]


@pytest.mark.parametrize("query", ["?du=2026-02-31", "?theme=%00", "?au=99999-01-01", "?page=abc"])
def test_rss_answers_malformed_filters(client, agenda, query):
    EventPageFactory(parent=agenda)

    channel = rss(client, "/agenda/rss/" + query)

    assert len(channel.findall("item")) == 1


def test_rss_costs_the_same_queries_for_many_events(client, agenda):
    theme = ThemeFactory()

    def add_events(count):
        for _ in range(count):
            EventPageFactory(parent=agenda, themes=[theme], recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU")

    def queries():
        """The queries of building the feed (not of reading it back from the cache)."""
        rss(client)
        agenda_changed()
        with CaptureQueriesContext(connection) as captured:
            rss(client)
        return len(captured)

    add_events(2)
    few = queries()
    add_events(8)

    assert queries() == few


def test_rss_is_served_from_the_cache_until_an_event_is_published(client, agenda):
    EventPageFactory(parent=agenda, title="Marche santé")
    first = titles(rss(client))

    with CaptureQueriesContext(connection) as captured:
        again = titles(rss(client))
    cached_queries = len(captured)
    assert again == first
    late = EventPageFactory(parent=agenda, title="Atelier sommeil", start=at(next_weekday(0), 9))
    late.save_revision().publish()

    assert any(title.startswith("Atelier sommeil") for title in titles(rss(client)))
    assert cached_queries < 10  # session, site and menus: no occurrence is read


def test_rss_self_link_is_the_sites_address_whatever_host_filled_the_cache(client, agenda, site):
    ATOM = "{http://www.w3.org/2005/Atom}link"
    first = client.get("/agenda/rss/?theme=inconnu&gratuit=1", HTTP_HOST="localhost")
    again = client.get("/agenda/rss/?theme=inconnu&gratuit=1", HTTP_HOST="127.0.0.1")

    for response in (first, again):
        self_link = ET.fromstring(response.content).find("channel").find(ATOM)  # noqa: S314
        assert self_link.get("href") == f"{agenda.get_full_url()}rss/?gratuit=1"
