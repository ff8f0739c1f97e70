"""Upcoming events on the home page and on each structure page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.partners.factories import StructurePageFactory

from .factories import EventPageFactory, OccurrenceChangeFactory, paris

pytestmark = pytest.mark.django_db


def in_days(days, hour=18, minute=30):
    date = timezone.localdate() + datetime.timedelta(days=days)
    return paris(date.year, date.month, date.day, hour, minute)


def section(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return page.select_one("section.agenda-upcoming")


def card_titles(upcoming):
    return [link.get_text() for link in upcoming.select(".event-card .card__title a")]


def test_home_page_announces_the_next_date_of_the_next_four_events(client, agenda):
    # A weekly series: its next date only, not one card per week.
    EventPageFactory(
        parent=agenda,
        title="Marche de chaque jour",
        start=in_days(2),
        recurrence="RRULE:FREQ=DAILY",
    )
    for days in (4, 3, 6, 5):
        EventPageFactory(parent=agenda, title=f"Dans {days} jours", start=in_days(days))

    upcoming = section(client, "/")

    assert upcoming.h2.get_text() == "Prochains événements"
    assert card_titles(upcoming) == [
        "Marche de chaque jour",
        "Dans 3 jours",
        "Dans 4 jours",
        "Dans 5 jours",
    ]
    # No day heading here: each card gives its own date.
    first_date = upcoming.select_one(".event-card__when time")
    assert first_date["datetime"] == in_days(2).isoformat()
    assert "18 h 30" in first_date.get_text()
    assert upcoming.select_one(".agenda-upcoming__more a")["href"] == "/agenda/"


def test_home_page_skips_a_cancelled_date_for_the_next_one(client, agenda):
    first = timezone.localdate() + datetime.timedelta(days=2)
    EventPageFactory(
        parent=agenda,
        title="Marche quotidienne",
        start=in_days(2),
        recurrence="RRULE:FREQ=DAILY",
        occurrence_changes=[OccurrenceChangeFactory.build(date=first)],
    )

    upcoming = section(client, "/")

    assert card_titles(upcoming) == ["Marche quotidienne"]
    assert upcoming.select_one("time")["datetime"] == in_days(3).isoformat()


def test_home_page_never_announces_drafts_or_private_events(client, agenda, structure):
    EventPageFactory(parent=agenda, title="Brouillon", live=False, start=in_days(1))
    protected = EventPageFactory(parent=agenda, title="Réservé", start=in_days(1))
    PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    EventPageFactory(parent=agenda, title="Public", start=in_days(2))

    assert card_titles(section(client, "/")) == ["Public"]


def test_home_page_without_upcoming_events_has_no_empty_section(client, agenda):
    EventPageFactory(parent=agenda, title="Passé", start=in_days(-2))

    assert section(client, "/") is None


def test_structure_page_lists_the_events_it_organises_co_organises_or_publishes(
    client, agenda, structure, other_structure
):
    EventPageFactory(parent=structure, title="Permanence du CCAS", start=in_days(3))
    EventPageFactory(
        parent=agenda, title="Forum santé", start=in_days(1), co_organisers=[structure]
    )
    EventPageFactory(parent=agenda, title="Conférence", start=in_days(2), organiser=structure)
    EventPageFactory(parent=other_structure, title="Soirée CPTS", start=in_days(1))
    EventPageFactory(parent=structure, title="Brouillon du CCAS", live=False)

    upcoming = section(client, structure.url)

    assert card_titles(upcoming) == ["Forum santé", "Conférence", "Permanence du CCAS"]
    assert upcoming.select_one(".agenda-upcoming__more a")["href"] == (
        "/agenda/?organisateur=ccas-clamecy"
    )
    assert card_titles(section(client, other_structure.url)) == ["Soirée CPTS"]


def test_structure_page_without_upcoming_events_has_no_events_section(client, agenda, structure):
    EventPageFactory(parent=structure, title="Permanence passée", start=in_days(-3))

    assert section(client, structure.url) is None


def test_structure_page_lists_one_date_per_event_at_most_six(client, agenda, directory):
    structure = StructurePageFactory(parent=directory, title="Maison de santé", slug="msp")
    EventPageFactory(
        parent=structure, title="Atelier", start=in_days(1), recurrence="RRULE:FREQ=DAILY"
    )
    for number in range(7):
        EventPageFactory(parent=structure, title=f"Séance {number}", start=in_days(2 + number))

    titles = card_titles(section(client, structure.url))

    assert titles == ["Atelier"] + [f"Séance {number}" for number in range(5)]
