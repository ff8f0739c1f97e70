"""The coordination's listing of every occurrence (menu Agenda → Dates à venir), and its exports."""

import csv
import datetime
import io
from unittest import mock

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from events.models import EventPage, EventStatus
from home.models import HomePage
from tests.conftest import create_user, read_from_module_world, rolled_back_after_module
from tests.partners.factories import (
    CommuneFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
)

from .factories import EventPageFactory, OccurrenceChangeFactory, paris

pytestmark = pytest.mark.django_db

NOW = paris(2027, 2, 15, 9)
WEEKLY = "RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=TU"


@pytest.fixture(autouse=True)
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


def build_events(agenda):
    """A weekly walk under a structure (one date cancelled), and a past event in the agenda."""
    directory = StructureIndexPageFactory(parent=HomePage.objects.get(depth=2))
    structure = StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas-clamecy")
    walk = EventPageFactory(
        parent=structure,
        title="Marche santé du mardi",
        start=paris(2027, 3, 2, 18, 30),
        end=paris(2027, 3, 2, 20),
        recurrence=WEEKLY,
        occurrence_changes=[
            OccurrenceChangeFactory.build(date=datetime.date(2027, 3, 9), reason="Jour férié")
        ],
    )
    past = EventPageFactory(
        parent=agenda,
        title="Conférence de janvier",
        start=paris(2027, 1, 12, 14),
        end=paris(2027, 1, 12, 16),
    )
    full = EventPageFactory(
        parent=agenda,
        title="Atelier cuisine",
        start=paris(2027, 2, 20, 10),
        end=paris(2027, 2, 20, 12),
        status=EventStatus.FULL,
        status_reason="Liste d'attente ouverte",
    )
    return {
        "coordinator": create_user("coordinatrice", "Coordination"),
        "events": (walk, past, full),
    }


@pytest.fixture(scope="module")
def module_world(module_agenda, django_db_blocker):
    """Built once for the module (pages with revisions are slow to create), at the frozen time,
    and rolled back after the module's last test."""
    with rolled_back_after_module(django_db_blocker):
        with mock.patch("django.utils.timezone.now", return_value=NOW):
            world = build_events(module_agenda)
        yield world


@pytest.fixture
def events(module_world, db):
    """The three events, read afresh: what a test changes is rolled back after it."""
    return tuple(EventPage.objects.get(pk=event.pk) for event in module_world["events"])


coordinator = read_from_module_world("coordinator")


def listing(client, **params):
    return client.get(reverse("occurrences:index"), params)


def rows(response):
    return [(row.event.title, row.local_start) for row in response.context["object_list"]]


def test_upcoming_occurrences_in_date_order_with_status_and_reason(client, coordinator, events):
    walk, _past, _full = events
    client.force_login(coordinator)

    response = listing(client)

    assert response.status_code == 200
    assert rows(response) == [
        ("Atelier cuisine", paris(2027, 2, 20, 10)),
        ("Marche santé du mardi", paris(2027, 3, 2, 18, 30)),
        ("Marche santé du mardi", paris(2027, 3, 9, 18, 30)),
        ("Marche santé du mardi", paris(2027, 3, 16, 18, 30)),
        ("Marche santé du mardi", paris(2027, 3, 23, 18, 30)),
    ]
    page = response.content.decode()
    assert "Conférence de janvier" not in page  # over
    assert "Annulée" in page and "Jour férié" in page
    assert "Complète" in page and "Liste d&#x27;attente ouverte" in page
    assert "CCAS de Clamecy" in page  # the organiser
    assert "Mar 02/03/2027 18:30 – 20:00" in page
    assert reverse("wagtailadmin_pages:edit", args=[walk.pk]) in page


def test_filter_by_status(client, coordinator, events):
    client.force_login(coordinator)

    response = listing(client, status="cancelled")

    assert rows(response) == [("Marche santé du mardi", paris(2027, 3, 9, 18, 30))]


def test_filter_by_organiser_and_by_commune(client, coordinator, events, agenda):
    clamecy = CommuneFactory(name="Clamecy")
    EventPageFactory(
        parent=agenda,
        title="Bus du cœur des femmes",
        commune=clamecy,
        start=paris(2027, 3, 4, 9),
        end=paris(2027, 3, 4, 17),
    )
    client.force_login(coordinator)

    by_organiser = listing(client, organiser=events[0].organiser_id)
    by_commune = listing(client, commune=clamecy.pk)

    assert {title for title, _start in rows(by_organiser)} == {"Marche santé du mardi"}
    assert rows(by_commune) == [("Bus du cœur des femmes", paris(2027, 3, 4, 9))]
    assert "Clamecy" in by_commune.content.decode()


def test_a_date_range_reaches_past_occurrences(client, coordinator, events):
    client.force_login(coordinator)

    response = listing(client, start_from="2027-01-01", start_to="2027-03-02")

    assert rows(response) == [
        ("Conférence de janvier", paris(2027, 1, 12, 14)),
        ("Atelier cuisine", paris(2027, 2, 20, 10)),
        ("Marche santé du mardi", paris(2027, 3, 2, 18, 30)),
    ]


def test_latest_first_on_request(client, coordinator, events):
    client.force_login(coordinator)

    response = listing(client, ordering="-start")

    assert rows(response)[0] == ("Marche santé du mardi", paris(2027, 3, 23, 18, 30))


@pytest.mark.parametrize(
    "params",
    [
        {"start_from": "abc"},
        {"start_from": "2027-13-45", "start_to": "20266-01-01"},
        {"status": "bogus"},
        {"organiser": "999999"},
        {"commune": "x"},
        {"ordering": "event__owner__password"},
        {"p": "abc"},
        {"p": "999"},
    ],
)
def test_bad_filters_give_a_page_not_a_server_error(client, coordinator, events, params):
    client.force_login(coordinator)

    assert listing(client, **params).status_code in (200, 404)


def test_the_csv_export_has_paris_times_and_french_words(client, coordinator, events):
    client.force_login(coordinator)

    response = listing(client, export="csv", status="cancelled")

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    [header, row] = list(csv.reader(io.StringIO(content)))
    assert header[:7] == ["Début", "Fin", "Événement", "Organisateur", "Commune", "Statut", "Motif"]
    assert row[:7] == [
        "09/03/2027 18:30",
        "09/03/2027 20:00",
        "Marche santé du mardi",
        "CCAS de Clamecy",
        "",
        "Annulée",
        "Jour férié",
    ]


def test_the_spreadsheet_export_keeps_paris_wall_clock_times(client, coordinator, events):
    client.force_login(coordinator)

    response = listing(client, export="xlsx", status="full")

    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    [header, row] = [[cell.value for cell in line] for line in sheet.iter_rows()]
    assert header[0] == "Début"
    assert row[0] == datetime.datetime(2027, 2, 20, 10, 0)  # not 09:00 UTC
    assert row[2] == "Atelier cuisine"
    assert row[5] == "Complète"
