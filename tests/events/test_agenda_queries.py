"""The agenda's pages, the home page and structure pages: queries do not grow with events."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.views.agenda import OCCURRENCES_PER_PAGE
from tests.partners.factories import CommuneFactory, PublicFactory, ThemeFactory

from .factories import EventPageFactory, paris

pytestmark = pytest.mark.django_db

# The goal for any public page (tests/home/test_query_counts.py); the agenda takes 11 to 13.
MAX_QUERIES = 15


def next_week(days=0):
    date = timezone.localdate() + datetime.timedelta(days=7 + days)
    return paris(date.year, date.month, date.day, 18, 30)


def last_week(days=0):
    date = timezone.localdate() - datetime.timedelta(days=7 + days)
    return paris(date.year, date.month, date.day, 10)


@pytest.fixture
def add_events(agenda, structure, other_structure):
    """add_events(n): n more events as the demo has them, upcoming and past, some recurring."""
    theme, other_theme = ThemeFactory(slug="nutrition"), ThemeFactory(slug="sport")
    public = PublicFactory(slug="familles")
    commune = CommuneFactory(slug="clamecy")

    def add(count):
        for number in range(count):
            common = {
                "themes": [theme, other_theme],
                "publics": [public],
                "commune": commune,
                "co_organisers": [other_structure],
            }
            parent = structure if number % 3 == 0 else agenda
            EventPageFactory(parent=parent, start=next_week(number % 3), **common)
            EventPageFactory(parent=parent, start=last_week(number % 3), **common)
            if number % 5 == 0:
                EventPageFactory(
                    parent=parent,
                    start=next_week(),
                    recurrence="RRULE:FREQ=WEEKLY;BYDAY=MO,TH",
                    **common,
                )

    return add


def count_queries(client, url):
    client.get(url)  # warm-up: site root paths and the menu are cached once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode().count('class="card event-card')


def agenda_urls():
    month = next_week().strftime("%Y-%m")
    return [
        "/agenda/",
        "/agenda/?theme=nutrition&public=familles&commune=clamecy&gratuit=1",
        "/agenda/?organisateur=cpts-morvan&semaine=1",
        "/agenda/?page=2",
        f"/agenda/mois/?mois={month}",
        f"/agenda/mois/?mois={month}&theme=nutrition&organisateur=ccas-clamecy",
        "/agenda/archives/",
        "/agenda/archives/?theme=nutrition&du=2000-01-01",
    ]


def test_agenda_queries_do_not_grow_with_events(client, add_events, django_assert_max_num_queries):
    add_events(5)
    with_5 = {url: count_queries(client, url) for url in agenda_urls()}
    add_events(20)
    with_25 = {url: count_queries(client, url) for url in agenda_urls()}

    assert {url: count for url, (count, _) in with_25.items()} == {
        url: count for url, (count, _) in with_5.items()
    }
    # The pages really list more: these are not the counts of empty pages.
    assert with_5["/agenda/"][1] == with_25["/agenda/"][1] == OCCURRENCES_PER_PAGE
    assert with_25["/agenda/archives/"][1] > with_5["/agenda/archives/"][1] > 0
    for url in agenda_urls():
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            client.get(url)


def test_month_view_lists_every_date_of_the_month_in_the_same_queries(client, add_events):
    url = f"/agenda/mois/?mois={next_week():%Y-%m}"
    add_events(5)
    few, _ = count_queries(client, url)
    few_links = client.get(url).content.decode().count('class="agenda-month__event')
    add_events(20)
    many, _ = count_queries(client, url)
    many_links = client.get(url).content.decode().count('class="agenda-month__event')

    assert many == few
    assert many_links > few_links > 0


def test_home_and_structure_pages_queries_do_not_grow_with_events(
    client, add_events, structure, django_assert_max_num_queries
):
    add_events(2)
    few = {url: count_queries(client, url) for url in ("/", structure.url)}
    add_events(12)
    many = {url: count_queries(client, url) for url in ("/", structure.url)}

    assert {url: count for url, (count, _) in many.items()} == {
        url: count for url, (count, _) in few.items()
    }
    assert many["/"][1] == 4
    assert many[structure.url][1] == 6
    # tests/home/test_query_counts.py: 15 for the home page; structure pages: 25.
    with django_assert_max_num_queries(15):
        client.get("/")
    with django_assert_max_num_queries(25):
        client.get(structure.url)
