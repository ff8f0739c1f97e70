"""The agenda's pages through their real addresses: /agenda/, /agenda/mois/, /agenda/archives/."""

import calendar
import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventStatus, Occurrence, OccurrenceChange
from events.templatetags.agenda_tags import day_heading, fr_date, fr_month
from events.views.agenda import OCCURRENCES_PER_DAY, OCCURRENCES_PER_PAGE
from tests.partners.factories import ThemeFactory

from .factories import EventPageFactory, OccurrenceChangeFactory, paris

pytestmark = pytest.mark.django_db

WEEKLY_ON_TUESDAY = "RRULE:FREQ=WEEKLY;BYDAY=TU"


def in_days(days, hour=18, minute=30):
    date = timezone.localdate() + datetime.timedelta(days=days)
    return paris(date.year, date.month, date.day, hour, minute)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(response):
    return " ".join(soup(response).get_text(" ").split())


def notices(response):
    return [" ".join(item.get_text(" ").split()) for item in soup(response).select(".notice")]


def listed_titles(response):
    return [link.get_text() for link in soup(response).select(".event-card .card__title a")]


def next_weekday(weekday, after_days=1):
    """The first date at least `after_days` from today falling on `weekday` (0 = Monday)."""
    date = timezone.localdate() + datetime.timedelta(days=after_days)
    return date + datetime.timedelta(days=(weekday - date.weekday()) % 7)


def month_ahead(months):
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


# The list ---------------------------------------------------------------------------------------


def test_list_shows_upcoming_dates_grouped_by_day_in_order(client, agenda):
    EventPageFactory(parent=agenda, title="Conférence du soir", start=in_days(5, 20))
    EventPageFactory(parent=agenda, title="Marche du matin", start=in_days(5, 9, 0))
    EventPageFactory(parent=agenda, title="Atelier cuisine", start=in_days(3, 14))
    EventPageFactory(parent=agenda, title="Déjà passé", start=in_days(-3))

    page = soup(client.get("/agenda/"))

    days = page.select("section.agenda-day")
    assert [day.h3.get_text() for day in days] == [
        day_heading(in_days(3).date()),
        day_heading(in_days(5).date()),
    ]
    assert [[a.get_text() for a in day.select(".card__title a")] for day in days] == [
        ["Atelier cuisine"],
        ["Marche du matin", "Conférence du soir"],
    ]
    assert days[1].time["datetime"] == in_days(5).date().isoformat()
    assert "De 9 h à 11 h" in days[1].get_text()
    assert page.select_one("#resultats").get_text(" ", strip=True) == "3 dates à venir"


def test_french_dates_say_first_of_the_month_and_weekday():
    assert fr_date(datetime.date(2026, 12, 1)) == "mardi 1er décembre 2026"
    assert fr_month(datetime.date(2027, 2, 1)) == "février 2027"
    assert day_heading(datetime.date(2100, 6, 1)) == "Mardi 1er juin 2100"
    assert fr_date(datetime.date(2027, 3, 28), "weekday") == "dimanche 28 mars"
    assert fr_date(paris(2027, 8, 15, 23, 30)) == "dimanche 15 août 2027"


def test_today_and_tomorrow_are_named(client, agenda):
    now = timezone.now()
    EventPageFactory(
        parent=agenda,
        title="Exposition",
        start=now - datetime.timedelta(days=2),
        end=now + datetime.timedelta(hours=1),
    )
    EventPageFactory(parent=agenda, title="Demain matin", start=in_days(1, 9))

    headings = [h3.get_text() for h3 in soup(client.get("/agenda/")).select(".agenda-day h3")]

    # An exhibition that began two days ago and still runs is listed under today.
    assert headings[0].startswith("Aujourd'hui, ")
    assert headings[1].startswith("Demain, ")


def test_list_shows_the_status_of_dates_not_held_as_planned(client, agenda):
    first = next_weekday(1, after_days=2)  # a Tuesday
    EventPageFactory(
        parent=agenda,
        title="Marche santé",
        start=paris(first.year, first.month, first.day, 18, 30),
        recurrence=WEEKLY_ON_TUESDAY,
        occurrence_changes=[
            OccurrenceChangeFactory.build(date=first, reason="Jour férié"),
            OccurrenceChangeFactory.build(
                date=first + datetime.timedelta(days=7),
                change=OccurrenceChange.Change.FULL,
                reason="",
            ),
            OccurrenceChangeFactory.build(
                date=first + datetime.timedelta(days=14),
                change=OccurrenceChange.Change.MOVED,
                new_start=paris(first.year, first.month, first.day, 10)
                + datetime.timedelta(days=15),
                reason="Salle indisponible",
            ),
        ],
    )
    EventPageFactory(
        parent=agenda,
        title="Forum reporté",
        start=in_days(4),
        status=EventStatus.POSTPONED,
        status_reason="Intempéries",
    )

    statuses = [
        " ".join(p.get_text(" ").split())
        for p in soup(client.get("/agenda/")).select(".occurrence-status")
    ]

    moved_from = fr_date(first + datetime.timedelta(days=14))
    assert "Annulé : Jour férié" in statuses
    assert "Complet" in statuses
    assert f"Déplacé : Salle indisponible (prévu initialement le {moved_from})" in statuses
    assert "Reporté : Intempéries (nouvelle date à venir)" in statuses


def test_list_is_paginated_and_a_bad_page_number_gives_a_page_and_a_message(client, agenda):
    EventPageFactory(parent=agenda, title="Marche santé", recurrence=WEEKLY_ON_TUESDAY)
    total = Occurrence.objects.upcoming().count()
    pages = -(-total // OCCURRENCES_PER_PAGE)
    assert pages >= 2

    first = client.get("/agenda/")
    second = client.get("/agenda/?page=2")
    not_a_number = client.get("/agenda/?page=abc")
    too_far = client.get("/agenda/?page=999")

    assert len(listed_titles(first)) == OCCURRENCES_PER_PAGE
    assert soup(first).select_one('a[rel="next"]')["href"] == "?page=2"
    assert f"(page 2 sur {pages})" in text(second)
    assert notices(not_a_number) == ["Cette page de la liste n'existe pas : voici la page 1."]
    assert listed_titles(not_a_number) == listed_titles(first)
    assert notices(too_far) == [f"Cette page de la liste n'existe pas : voici la page {pages}."]
    assert f"(page {pages} sur {pages})" in text(too_far)
    assert notices(client.get("/agenda/?page=")) == []
    assert notices(client.get("/agenda/?page=02")) == []


def test_pagination_links_keep_the_filters(client, agenda):
    theme = ThemeFactory(slug="nutrition")
    EventPageFactory(parent=agenda, title="Atelier", recurrence=WEEKLY_ON_TUESDAY, themes=[theme])

    link = soup(client.get("/agenda/?theme=nutrition")).select_one('a[rel="next"]')

    assert link["href"] == "?theme=nutrition&page=2"


def test_list_filters_through_the_address(client, agenda):
    theme = ThemeFactory(slug="nutrition")
    EventPageFactory(parent=agenda, title="Atelier cuisine", themes=[theme], start=in_days(3))
    EventPageFactory(parent=agenda, title="Concert payant", is_free=False, start=in_days(4))
    EventPageFactory(parent=agenda, title="Marche", start=in_days(5))

    assert listed_titles(client.get("/agenda/?theme=nutrition")) == ["Atelier cuisine"]
    assert listed_titles(client.get("/agenda/?gratuit=1")) == ["Atelier cuisine", "Marche"]
    response = client.get("/agenda/?theme=nutrition&gratuit=1")
    assert listed_titles(response) == ["Atelier cuisine"]
    page = soup(response)
    assert page.select_one("#id_theme option[selected]")["value"] == "nutrition"
    assert page.select_one("#id_gratuit").has_attr("checked")


@pytest.mark.parametrize(
    "query",
    [
        "du=2026-13-45",
        "theme=inexistant",
        "page=abc",
        "du=2027-05-01&au=2027-01-01",
        "du=1999-12-31",
        "au=2101-01-01",
        "du=2001-01-01&au=2099-01-01",
        "mois=2026-13",
        "du=%00&commune=%ff%fe",
        "semaine=peut-etre&gratuit=",
    ],
)
@pytest.mark.parametrize("view", ["", "mois/", "archives/"])
def test_bad_input_gives_the_page_and_a_french_message_never_an_error(client, agenda, view, query):
    EventPageFactory(parent=agenda, title="Marche")

    response = client.get(f"/agenda/{view}?{query}")

    assert response.status_code == 200
    if query.startswith("semaine") or (query.startswith("mois") and view != "mois/"):
        return  # understood (a checkbox is ticked by any value) or not read by this view
    if query == "page=abc" and view == "mois/":
        return  # the month view has no pages
    assert notices(response), f"no message for {query} on /agenda/{view}"


def test_an_empty_filtered_list_says_how_to_see_more(client, agenda):
    EventPageFactory(parent=agenda, title="Marche", is_free=False)

    page = soup(client.get("/agenda/?gratuit=1"))

    assert "Aucune date ne correspond à tous ces filtres" in page.select_one(".agenda-empty").text
    assert page.select_one(".agenda-empty a")["href"] == "/agenda/"


# Visibility -------------------------------------------------------------------------------------


@pytest.fixture
def hidden_events(agenda, structure):
    """A draft, a password-protected event, and an event under a private structure page."""
    EventPageFactory(parent=agenda, title="Brouillon", live=False)
    protected = EventPageFactory(parent=agenda, title="Réservé aux membres")
    PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    EventPageFactory(parent=structure, title="Réunion interne")
    PageViewRestriction.objects.create(page=structure, restriction_type=PageViewRestriction.LOGIN)
    past_protected = EventPageFactory(parent=agenda, title="Ancien privé", start=in_days(-5))
    PageViewRestriction.objects.create(
        page=past_protected, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/mois/", "/agenda/archives/"])
def test_drafts_and_private_events_are_never_listed(client, agenda, hidden_events, url):
    EventPageFactory(parent=agenda, title="Marche publique", start=in_days(1))
    EventPageFactory(parent=agenda, title="Ancienne marche", start=in_days(-5))

    content = text(client.get(url))

    for title in ("Brouillon", "Réservé aux membres", "Réunion interne", "Ancien privé"):
        assert title not in content
    assert "Marche publique" in content or "Ancienne marche" in content


# Month ------------------------------------------------------------------------------------------


def month_cells(response):
    """{date: [titles]} for the days of the month table."""
    table = soup(response).select_one("table.agenda-month")
    cells = {}
    for cell in table.select("td"):
        time = cell.select_one("time")
        if time:
            cells[datetime.date.fromisoformat(time["datetime"])] = [
                link.get_text() for link in cell.select("a")
            ]
    return cells


def test_month_table_is_accessible(client, agenda):
    month = month_ahead(2)

    table = soup(client.get(f"/agenda/mois/?mois={month:%Y-%m}")).select_one("table")

    assert table.caption.get_text(strip=True) == f"Agenda de {fr_month(month)}"
    headers = table.select("thead th")
    assert [th["scope"] for th in headers] == ["col"] * 7
    assert [th.abbr["title"] for th in headers] == [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
    ]
    assert len(month_cells_of(table)) == calendar.monthrange(month.year, month.month)[1]


def month_cells_of(table):
    return [cell for cell in table.select("td") if cell.select_one("time")]


def test_a_weekly_event_shows_on_each_of_its_weekdays_and_a_cancelled_date_is_marked(
    client, agenda
):
    month = month_ahead(2)
    tuesdays = [
        day
        for day in calendar.Calendar().itermonthdates(month.year, month.month)
        if day.month == month.month and day.weekday() == 1
    ]
    first = next_weekday(1, after_days=2)
    EventPageFactory(
        parent=agenda,
        title="Marche santé",
        start=paris(first.year, first.month, first.day, 18, 30),
        recurrence=WEEKLY_ON_TUESDAY,
        occurrence_changes=[OccurrenceChangeFactory.build(date=tuesdays[1], reason="Férié")],
    )

    response = client.get(f"/agenda/mois/?mois={month:%Y-%m}")
    cells = month_cells(response)

    assert {day for day, titles in cells.items() if titles} == set(tuesdays)
    assert all(cells[day] == ["Marche santé"] for day in tuesdays)
    table = soup(response).select_one("table.agenda-month")
    statuses = {
        datetime.date.fromisoformat(cell.time["datetime"]): cell.select_one(".agenda-month__status")
        for cell in month_cells_of(table)
        if cell.select_one("a")
    }
    assert statuses[tuesdays[1]].get_text() == "Annulé"
    assert all(statuses[day] is None for day in tuesdays if day != tuesdays[1])
    assert "18 h 30" in table.select_one(".agenda-month__time").get_text()


def test_an_event_over_several_days_shows_on_each_day(client, agenda):
    month = month_ahead(2)
    start = paris(month.year, month.month, 10, 9)
    EventPageFactory(
        parent=agenda,
        title="Semaine du goût",
        start=start,
        end=start + datetime.timedelta(days=2, hours=8),
    )

    cells = month_cells(client.get(f"/agenda/mois/?mois={month:%Y-%m}"))

    assert [day.day for day, titles in sorted(cells.items()) if titles] == [10, 11, 12]


def test_month_view_defaults_to_this_month_and_links_to_its_neighbours(client, agenda):
    today = timezone.localdate()
    page = soup(client.get("/agenda/mois/?theme=nutrition"))

    assert page.select_one("td[aria-current=date] time")["datetime"] == today.isoformat()
    previous, following = page.select_one('a[rel="prev"]'), page.select_one('a[rel="next"]')
    previous_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    next_month = (today.replace(day=28) + datetime.timedelta(days=5)).replace(day=1)
    assert previous["href"] == f"/agenda/mois/?mois={previous_month:%Y-%m}&theme=nutrition"
    assert following["href"] == f"/agenda/mois/?mois={next_month:%Y-%m}&theme=nutrition"


@pytest.mark.parametrize("value", ["2026-13", "abc", "1999-12", "2101-01", "2026-1-1", "-1"])
def test_a_month_not_understood_shows_this_month_with_a_message(client, agenda, value):
    response = client.get(f"/agenda/mois/?mois={value}")

    caption = soup(response).select_one("caption").get_text(strip=True)
    assert caption == f"Agenda de {fr_month(timezone.localdate())}"
    assert notices(response) == [
        f"Le mois « {value} » n'a pas été compris (attendu : aaaa-mm, entre 2000 et 2100) : "
        "voici le mois en cours."
    ]


def test_month_view_applies_the_filters(client, agenda):
    month = month_ahead(2)
    theme = ThemeFactory(slug="nutrition")
    EventPageFactory(
        parent=agenda, title="Atelier", themes=[theme], start=paris(month.year, month.month, 3)
    )
    EventPageFactory(parent=agenda, title="Concert", start=paris(month.year, month.month, 4))

    cells = month_cells(client.get(f"/agenda/mois/?mois={month:%Y-%m}&theme=nutrition"))

    assert [titles for titles in cells.values() if titles] == [["Atelier"]]


# Archive ----------------------------------------------------------------------------------------


def test_archive_lists_past_dates_most_recent_first(client, agenda):
    EventPageFactory(parent=agenda, title="Il y a dix jours", start=in_days(-10))
    EventPageFactory(parent=agenda, title="Il y a trois jours", start=in_days(-3))
    EventPageFactory(parent=agenda, title="À venir", start=in_days(3))

    response = client.get("/agenda/archives/")

    assert listed_titles(response) == ["Il y a trois jours", "Il y a dix jours"]
    assert soup(response).select_one("#resultats").get_text(" ", strip=True) == ("2 dates passées")
    assert listed_titles(client.get("/agenda/")) == ["À venir"]


# Feeds in the head and on the page -------------------------------------------------------------


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/mois/", "/agenda/archives/"])
def test_each_agenda_page_advertises_its_feeds_with_the_same_filters(client, agenda, url):
    ThemeFactory(slug="nutrition")

    page = soup(client.get(f"{url}?theme=nutrition&public=inexistant&gratuit=1&page=2"))

    calendar_link = page.head.select_one('link[rel="alternate"][type="text/calendar"]')
    rss_link = page.head.select_one('link[rel="alternate"][type="application/rss+xml"]')
    assert calendar_link["href"] == "/agenda/ics/?theme=nutrition&gratuit=1"
    assert calendar_link["title"]
    assert rss_link["href"] == "/agenda/rss/?theme=nutrition&gratuit=1"
    visible = {link.get_text(): link["href"] for link in page.select(".agenda-feeds a")}
    assert visible == {
        "S'abonner (iCal)": "/agenda/ics/?theme=nutrition&gratuit=1",
        "Flux RSS": "/agenda/rss/?theme=nutrition&gratuit=1",
    }


def test_without_filters_the_feeds_are_the_whole_agenda(client, agenda):
    page = soup(client.get("/agenda/"))

    assert page.head.select_one('link[type="text/calendar"]')["href"] == "/agenda/ics/"
    assert page.head.select_one('link[type="application/rss+xml"]')["href"] == "/agenda/rss/"


def test_views_navigation_marks_the_current_view_and_keeps_the_filters(client, agenda):
    page = soup(client.get("/agenda/mois/?gratuit=1"))

    links = {a.get_text(): a for a in page.select(".agenda__views a")}
    assert links["Par mois"]["aria-current"] == "page"
    assert links["À venir"]["href"] == "/agenda/?gratuit=1"
    assert links["Événements passés"]["href"] == "/agenda/archives/?gratuit=1"


def test_a_busy_day_lists_a_few_dates_then_links_to_the_whole_day(client, agenda):
    month = month_ahead(2)
    day = datetime.date(month.year, month.month, 12)
    hours = range(8, 8 + OCCURRENCES_PER_DAY + 2)
    for hour in hours:
        EventPageFactory(
            parent=agenda,
            title=f"Atelier de {hour} h",
            start=paris(day.year, day.month, day.day, hour),
        )
    EventPageFactory(parent=agenda, title="Le lendemain", start=paris(day.year, day.month, 13))

    response = client.get(f"/agenda/mois/?mois={month:%Y-%m}&gratuit=1")
    cell = next(
        td
        for td in soup(response).select("table.agenda-month td")
        if td.time and td.time["datetime"] == day.isoformat()
    )

    assert [a.get_text() for a in cell.select(".agenda-month__event a")] == [
        f"Atelier de {hour} h" for hour in hours[:OCCURRENCES_PER_DAY]
    ]
    more = cell.select_one(".agenda-month__more a")
    assert more.get_text(" ", strip=True).startswith("et 2 autres")
    assert more["href"] == f"/agenda/?gratuit=1&du={day.isoformat()}&au={day.isoformat()}"
    assert len(listed_titles(client.get(more["href"]))) == OCCURRENCES_PER_DAY + 2
    assert month_cells(response)[day + datetime.timedelta(days=1)] == ["Le lendemain"]
