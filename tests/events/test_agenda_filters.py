"""The agenda's filter form: each filter alone, combined, and whatever the query string holds."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from events.filters import AgendaFilterForm, this_week
from events.models import Occurrence
from home.models import HomePage
from tests.conftest import rolled_back_after_module
from tests.partners.factories import (
    CommuneFactory,
    CommunityFactory,
    PublicFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
    ThemeFactory,
)

from .factories import EventPageFactory, paris

pytestmark = pytest.mark.django_db


def in_days(days, hour=18, minute=30):
    date = timezone.localdate() + datetime.timedelta(days=days)
    return paris(date.year, date.month, date.day, hour, minute)


def form_for(query):
    return AgendaFilterForm(QueryDict(query))


def titles(form, today=None):
    occurrences = form.filter(Occurrence.objects.visible().upcoming(), today=today)
    return [occurrence.event.title for occurrence in occurrences.select_related("event")]


# On an empty agenda. These tests come first: the shared events below, once built, stay until
# the module's last test (and their structures would clash with these tests' own).


def test_this_week_keeps_what_runs_now_and_drops_next_week(agenda):
    now = timezone.now()
    EventPageFactory(
        parent=agenda,
        title="Exposition en cours",
        start=now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=1),
    )
    EventPageFactory(parent=agenda, title="Dans huit jours", start=in_days(8))

    assert titles(form_for("semaine=1")) == ["Exposition en cours"]
    assert titles(form_for("")) == ["Exposition en cours", "Dans huit jours"]


def test_organiser_choices_are_the_live_structures_anyone_may_see(directory, structure):
    StructurePageFactory(parent=directory, title="Brouillon", slug="brouillon", live=False)
    private = StructurePageFactory(parent=directory, title="Réservée", slug="reservee")
    private.view_restrictions.create(restriction_type="password", password="secret")

    choices = dict(AgendaFilterForm().fields["organisateur"].choices)

    assert choices == {"": "Toutes les structures", "ccas-clamecy": "CCAS de Clamecy"}


# On the five shared events.


def build_taxonomy():
    community = CommunityFactory(name="Communauté du Haut-Morvan", slug="haut-morvan")
    return {
        "nutrition": ThemeFactory(name="Nutrition et alimentation", slug="nutrition"),
        "addictions": ThemeFactory(name="Addictions", slug="addictions"),
        "familles": PublicFactory(name="Familles et parents", slug="familles"),
        "clamecy": CommuneFactory(name="Clamecy", slug="clamecy"),
        "chateau": CommuneFactory(name="Château-Chinon", slug="chateau", community=community),
        "lormes": CommuneFactory(name="Lormes", slug="lormes", community=community),
    }


def build_events(agenda):
    """Five events, each picked out by one filter, on successive days (with their agenda and
    the structure organising two of them)."""
    directory = StructureIndexPageFactory(parent=HomePage.objects.get(depth=2))
    structure = StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas-clamecy")
    other_structure = StructurePageFactory(
        parent=directory, title="CPTS du Morvan", slug="cpts-morvan"
    )
    taxonomy = build_taxonomy()
    return {
        "agenda": agenda,
        "structure": structure,
        "atelier": EventPageFactory(
            parent=agenda,
            title="Atelier cuisine",
            start=in_days(10),
            themes=[taxonomy["nutrition"]],
            publics=[taxonomy["familles"]],
            commune=taxonomy["clamecy"],
        ),
        "tabac": EventPageFactory(
            parent=agenda,
            title="Stand Mois sans tabac",
            start=in_days(11),
            themes=[taxonomy["addictions"], taxonomy["nutrition"]],
            commune=taxonomy["chateau"],
            is_free=False,
            price_detail="2 €",
        ),
        "permanence": EventPageFactory(
            parent=structure,
            title="Permanence du CCAS",
            start=in_days(12),
            commune=taxonomy["lormes"],
        ),
        "forum": EventPageFactory(
            parent=agenda,
            title="Forum santé",
            start=in_days(13),
            co_organisers=[structure],
            is_free=False,
        ),
        "cpts": EventPageFactory(parent=other_structure, title="Soirée CPTS", start=in_days(14)),
    }


@pytest.fixture(scope="module")
def module_events(module_agenda, django_db_blocker):
    """Built once for the module (pages with revisions are slow to create), rolled back after."""
    with rolled_back_after_module(django_db_blocker):
        yield build_events(module_agenda)


@pytest.fixture
def events(module_events, db):
    """The module's events; what a test adds is rolled back after it."""
    return module_events


def test_without_filters_every_visible_upcoming_date_is_kept(events):
    form = form_for("")

    assert titles(form) == [
        "Atelier cuisine",
        "Stand Mois sans tabac",
        "Permanence du CCAS",
        "Forum santé",
        "Soirée CPTS",
    ]
    assert form.messages == []
    assert form.querystring() == ""
    assert not form.is_active


def test_theme_filter_keeps_events_of_that_theme_once_each(events):
    # "Stand Mois sans tabac" has two themes: it must not be listed twice.
    assert titles(form_for("theme=nutrition")) == ["Atelier cuisine", "Stand Mois sans tabac"]
    assert titles(form_for("theme=addictions")) == ["Stand Mois sans tabac"]


def test_public_filter_keeps_events_for_that_public(events):
    assert titles(form_for("public=familles")) == ["Atelier cuisine"]


def test_commune_filter_keeps_events_in_that_commune(events):
    assert titles(form_for("commune=chateau")) == ["Stand Mois sans tabac"]


def test_community_filter_keeps_events_in_any_of_its_communes(events):
    assert titles(form_for("commune=cc-haut-morvan")) == [
        "Stand Mois sans tabac",
        "Permanence du CCAS",
    ]


def test_organiser_filter_keeps_events_organised_co_organised_or_published_by_the_structure(
    events,
):
    EventPageFactory(
        parent=events["agenda"],
        title="Conférence du CCAS",
        start=in_days(15),
        organiser=events["structure"],
    )

    assert titles(form_for("organisateur=ccas-clamecy")) == [
        "Permanence du CCAS",
        "Forum santé",
        "Conférence du CCAS",
    ]
    assert titles(form_for("organisateur=cpts-morvan")) == ["Soirée CPTS"]


def test_free_filter_keeps_free_events(events):
    assert titles(form_for("gratuit=1")) == [
        "Atelier cuisine",
        "Permanence du CCAS",
        "Soirée CPTS",
    ]


def test_date_range_keeps_dates_on_those_days_both_included(events):
    start = (timezone.localdate() + datetime.timedelta(days=11)).isoformat()
    end = (timezone.localdate() + datetime.timedelta(days=13)).isoformat()

    assert titles(form_for(f"du={start}&au={end}")) == [
        "Stand Mois sans tabac",
        "Permanence du CCAS",
        "Forum santé",
    ]
    assert titles(form_for(f"du={start}")) == [
        "Stand Mois sans tabac",
        "Permanence du CCAS",
        "Forum santé",
        "Soirée CPTS",
    ]


def test_dates_typed_the_french_way_are_understood(events):
    day = timezone.localdate() + datetime.timedelta(days=12)
    form = form_for(f"du={day:%d/%m/%Y}&au={day:%d/%m/%Y}")

    assert titles(form) == ["Permanence du CCAS"]
    assert form.querystring() == f"du={day.isoformat()}&au={day.isoformat()}"


def test_filters_combine(events):
    form = form_for("theme=nutrition&gratuit=1&commune=clamecy")

    assert titles(form) == ["Atelier cuisine"]
    assert titles(form_for("theme=nutrition&commune=lormes")) == []
    assert form.is_active


def test_this_week_runs_from_today_to_the_end_of_sunday():
    wednesday = datetime.date(2026, 12, 2)

    first, after = this_week(wednesday)

    assert first == paris(2026, 12, 2)
    assert after == paris(2026, 12, 7)  # Monday's midnight: Sunday included
    sunday_first, sunday_after = this_week(datetime.date(2026, 12, 6))
    assert (sunday_first, sunday_after) == (paris(2026, 12, 6), paris(2026, 12, 7))


def test_this_week_is_computed_from_the_given_day(events):
    today = timezone.localdate() + datetime.timedelta(days=10)
    # From "today" to its Sunday: the first event, and those of the following days this week.
    first, after = this_week(today)
    expected = [
        title
        for title, days in [
            ("Atelier cuisine", 10),
            ("Stand Mois sans tabac", 11),
            ("Permanence du CCAS", 12),
            ("Forum santé", 13),
            ("Soirée CPTS", 14),
        ]
        if first <= in_days(days) < after
    ]

    assert titles(form_for("semaine=1"), today=today) == expected
    assert expected[0] == "Atelier cuisine"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("theme=inexistant", "La thématique « inexistant » n'existe pas : ce filtre a été ignoré."),
        ("public=martiens", "Le public « martiens » n'existe pas : ce filtre a été ignoré."),
        ("commune=atlantide", "Le lieu « atlantide » n'existe pas : ce filtre a été ignoré."),
        (
            "organisateur=inconnue",
            "La structure « inconnue » n'est pas dans l'annuaire : ce filtre a été ignoré.",
        ),
        (
            "du=2026-13-45",
            "La date de début « 2026-13-45 » n'a pas été comprise (attendu : jj/mm/aaaa) : "
            "elle a été ignorée.",
        ),
        (
            "au=demain",
            "La date de fin « demain » n'a pas été comprise (attendu : jj/mm/aaaa) : "
            "elle a été ignorée.",
        ),
        (
            "du=1850-01-01",
            "La date de début « 1850-01-01 » sort de la période couverte (2000–2100) : "
            "elle a été ignorée.",
        ),
        (
            "au=20266-01-01",
            "La date de fin « 20266-01-01 » n'a pas été comprise (attendu : jj/mm/aaaa) : "
            "elle a été ignorée.",
        ),
        (
            "au=2150-01-01",
            "La date de fin « 2150-01-01 » sort de la période couverte (2000–2100) : "
            "elle a été ignorée.",
        ),
    ],
)
def test_a_value_not_understood_is_ignored_and_told(events, query, message):
    form = form_for(query)

    assert form.messages == [message]
    assert len(titles(form)) == 5  # the filter changed nothing
    assert form.querystring() == ""


def test_a_bad_value_does_not_drop_the_good_ones(events):
    form = form_for("theme=nutrition&public=inexistant&du=2026-02-30&gratuit=1")

    assert titles(form) == ["Atelier cuisine"]
    assert form.querystring() == "theme=nutrition&gratuit=1"
    assert len(form.messages) == 2


def test_a_range_given_backwards_is_put_right_and_told(events):
    start = timezone.localdate() + datetime.timedelta(days=13)
    end = timezone.localdate() + datetime.timedelta(days=11)
    form = form_for(f"du={start.isoformat()}&au={end.isoformat()}")

    assert titles(form) == ["Stand Mois sans tabac", "Permanence du CCAS", "Forum santé"]
    assert form.querystring() == f"du={end.isoformat()}&au={start.isoformat()}"
    assert form.messages == [
        "La date de fin précédait la date de début : les deux dates ont été inversées "
        f"(du {end:%d/%m/%Y} au {start:%d/%m/%Y})."
    ]


def test_a_huge_range_is_cut_to_two_years_and_told(events):
    form = form_for("du=2001-01-01&au=2099-12-31")

    assert form.querystring() == "du=2001-01-01&au=2003-01-01"
    assert form.messages == [
        "La période demandée dépassait deux ans : elle a été ramenée du 01/01/2001 au 01/01/2003."
    ]


def test_querystring_gives_the_valid_filters_in_a_stable_order(events):
    form = form_for(
        "gratuit=on&semaine=1&theme=nutrition&commune=cc-haut-morvan&organisateur=ccas-clamecy"
        "&public=familles&du=01/03/2027&au=2027-03-31&page=3&inconnu=1"
    )

    assert form.querystring() == (
        "theme=nutrition&public=familles&commune=cc-haut-morvan&organisateur=ccas-clamecy"
        "&du=2027-03-01&au=2027-03-31&semaine=1&gratuit=1"
    )
    assert form.querystring(mois="2027-03") == form.querystring() + "&mois=2027-03"


def test_a_repeated_or_over_long_value_is_not_a_problem(events):
    form = AgendaFilterForm(QueryDict("theme=nutrition&theme=" + "x" * 5000))

    assert form.messages == [
        "La thématique « " + "x" * 39 + "… » n'existe pas : ce filtre a été ignoré."
    ]
    assert len(titles(form)) == 5
