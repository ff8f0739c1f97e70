"""The Whoosh backend on Maillage's own pages, as Wagtail uses a search backend: live and public
querysets, tree and type filters, ordering, fields, operators, autocomplete, facets, scores and
pages of results, and a subclass's field boost in a search on every page type."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from events.models import EventPage
from home.models import HomePage, StandardPage
from partners.models import ActionPage, StructurePage, Typology
from tests.conftest import read_from_module_world, rolled_back_after_module
from tests.events.factories import AgendaPageFactory, EventPageFactory
from tests.home.factories import StandardPageFactory
from tests.partners.factories import (
    ActionPageFactory,
    CommuneFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
)

pytestmark = pytest.mark.django_db


def build_world():
    home = HomePage.objects.get(depth=2)
    directory = StructureIndexPageFactory(parent=home)
    relay = StructurePageFactory(
        parent=directory,
        title="Relais petite enfance",
        short_description="Conseils bronchiolite pour les parents.",
    )
    section = StandardPageFactory(
        parent=home, title="Rubrique bronchiolite", intro="Tout savoir sur la bronchiolite."
    )
    login_only = StandardPageFactory(
        parent=home, title="Bronchiolite entre partenaires", intro="Réservé."
    )
    password = StandardPageFactory(parent=home, title="Bronchiolite protégée", intro="Réservé.")
    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    agenda = AgendaPageFactory(parent=home)
    last_month = timezone.now() - datetime.timedelta(days=30)
    clamecy = CommuneFactory(name="Clamecy")
    return {
        "forum": EventPageFactory(parent=agenda, title="Forum diabète"),
        "walk": EventPageFactory(
            parent=agenda,
            title="Marche diabète",
            start=last_month,
            end=last_month + datetime.timedelta(hours=2),
        ),
        "network": StructurePageFactory(
            parent=directory,
            title="Réseau diabète",
            typology=Typology.ASSOCIATION,
            commune=clamecy,
        ),
        "centre": StructurePageFactory(
            parent=directory, title="Centre de santé diabète", typology=Typology.CENTRE_SANTE
        ),
        "clamecy": clamecy,
        "directory": directory,
        "relay": relay,
        "workshop": ActionPageFactory(
            parent=relay,
            title="Atelier du mardi",
            summary="Prévenir la bronchiolite du nourrisson.",
        ),
        "section": section,
        "gestures": StandardPageFactory(
            parent=section, title="Bronchiolite : les gestes", intro="Laver le nez."
        ),
        "draft": StandardPageFactory(
            parent=section, title="Bronchiolite brouillon", intro="À relire.", live=False
        ),
        "login_only": login_only,
        "login_only_child": StandardPageFactory(
            parent=login_only, title="Bronchiolite sous-page", intro="Réservé."
        ),
        "password": password,
        # Same length, same words: only where "vaccination" is written differs.
        "boosted": StructurePageFactory(
            parent=directory,
            title="Maison des Aubiers",
            short_description="Vaccination et bilans de santé.",
        ),
        "plain": StandardPageFactory(
            parent=home, title="Maison des Tilleuls", intro="Vaccination et bilans de santé."
        ),
        "vaccination": StandardPageFactory(
            parent=home, title="Vaccination des adultes", intro="Les rappels."
        ),
    }


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(module_world, search_index):
    return module_world


section = read_from_module_world("section")
directory = read_from_module_world("directory")


def titles(results):
    return {page.title for page in results}


PUBLIC_BRONCHIOLITIS = {
    "Relais petite enfance",
    "Atelier du mardi",
    "Rubrique bronchiolite",
    "Bronchiolite : les gestes",
}


# Live and public ------------------------------------------------------------------------------


def test_live_public_search_leaves_out_drafts_and_restricted_pages(world):
    results = Page.objects.live().public().search("bronchiolite")

    assert titles(results) == PUBLIC_BRONCHIOLITIS
    assert results.count() == len(PUBLIC_BRONCHIOLITIS)  # counted in the index itself


def test_the_index_holds_drafts_and_private_pages_that_the_filters_leave_out(world):
    everything = titles(Page.objects.search("bronchiolite"))
    live = titles(Page.objects.live().search("bronchiolite"))

    assert "Bronchiolite brouillon" in everything - live
    assert {
        "Bronchiolite entre partenaires",
        "Bronchiolite sous-page",
        "Bronchiolite protégée",
    } <= (live - titles(Page.objects.live().public().search("bronchiolite")))


# Tree, type, locale filters -------------------------------------------------------------------


def test_descendant_of_finds_only_the_pages_below(world, section):
    below = Page.objects.live().descendant_of(section).search("bronchiolite")
    with_it = Page.objects.live().descendant_of(section, inclusive=True).search("bronchiolite")

    assert titles(below) == {"Bronchiolite : les gestes"}
    assert titles(with_it) == {"Rubrique bronchiolite", "Bronchiolite : les gestes"}
    assert below.count() == 1


def test_type_and_not_type_filter_on_the_page_type(world):
    public = Page.objects.live().public()

    assert titles(public.type(StructurePage).search("bronchiolite")) == {"Relais petite enfance"}
    assert titles(public.type(StructurePage, ActionPage).search("bronchiolite")) == {
        "Relais petite enfance",
        "Atelier du mardi",
    }
    assert titles(public.not_type(StructurePage).search("bronchiolite")) == (
        PUBLIC_BRONCHIOLITIS - {"Relais petite enfance"}
    )


def test_filters_combine_with_exclude(world, directory):
    relay = world["relay"]
    in_directory = Page.objects.live().descendant_of(directory)

    assert titles(in_directory.exclude(pk=relay.pk).search("bronchiolite")) == {"Atelier du mardi"}
    assert list(in_directory.not_type(ActionPage).exclude(pk=relay.pk).search("bronchiolite")) == []
    assert in_directory.exclude(pk=relay.pk).search("bronchiolite").count() == 1


def test_a_locale_filter_keeps_the_pages_of_that_locale(world):
    french = Locale.get_default()
    other, _ = Locale.objects.get_or_create(language_code="en")
    live = Page.objects.live().public()

    assert titles(live.filter(locale=french).search("bronchiolite")) == PUBLIC_BRONCHIOLITIS
    assert live.filter(locale=other).search("bronchiolite").count() == 0


def test_a_search_on_a_page_type_finds_only_that_type(world):
    structures = StructurePage.objects.live().search("bronchiolite")
    actions = ActionPage.objects.live().search("bronchiolite")

    assert [type(page) for page in structures] == [StructurePage]
    assert titles(actions) == {"Atelier du mardi"}
    assert titles(StandardPage.objects.live().public().search("bronchiolite")) == {
        "Rubrique bronchiolite",
        "Bronchiolite : les gestes",
    }


def test_date_filters_keep_upcoming_or_past_events(world):
    now = timezone.now()
    events = EventPage.objects.live()
    forum = world["forum"]

    assert titles(events.filter(start__gte=now).search("diabète")) == {"Forum diabète"}
    assert titles(events.filter(start__lt=now).search("diabète")) == {"Marche diabète"}
    # To the microsecond, whatever the time zone the date was written in.
    assert titles(events.filter(start__gte=forum.start).search("diabète")) == {"Forum diabète"}
    assert events.filter(start__gt=forum.start).search("diabète").count() == 0
    assert titles(
        events.filter(start__range=(now - datetime.timedelta(days=31), now)).search("diabète")
    ) == {"Marche diabète"}


def test_structures_filter_on_their_commune_and_typology(world):
    structures = StructurePage.objects.live()

    assert titles(structures.filter(commune=world["clamecy"]).search("diabète")) == {
        "Réseau diabète"
    }
    assert titles(structures.filter(commune__isnull=True).search("diabète")) == {
        "Centre de santé diabète"
    }
    assert titles(
        structures.filter(typology__in=[Typology.CENTRE_SANTE, Typology.CMP]).search("diabète")
    ) == {"Centre de santé diabète"}
    assert titles(structures.exclude(typology=Typology.ASSOCIATION).search("diabète")) == {
        "Centre de santé diabète"
    }


# Ordering, fields, operators ------------------------------------------------------------------


def test_without_relevance_the_queryset_order_is_kept(world):
    now = timezone.now()
    for days, key in enumerate(["gestures", "relay", "section", "workshop"]):
        Page.objects.filter(pk=world[key].pk).update(
            first_published_at=now - datetime.timedelta(days=days)
        )

    results = (
        Page.objects.live()
        .public()
        .order_by("-first_published_at")
        .search("bronchiolite", order_by_relevance=False)
    )

    assert [page.title for page in results] == [
        "Bronchiolite : les gestes",
        "Relais petite enfance",
        "Rubrique bronchiolite",
        "Atelier du mardi",
    ]


def test_fields_limits_the_search_to_those_fields(world):
    public = Page.objects.live().public()

    assert titles(public.search("nez")) == {"Bronchiolite : les gestes"}
    assert list(public.search("nez", fields=["title"])) == []
    assert titles(public.search("gestes", fields=["title"])) == {"Bronchiolite : les gestes"}


def test_operator_and_needs_every_word_or_any(world):
    public = Page.objects.live().public()

    assert titles(public.search("bronchiolite nez", operator="and")) == {
        "Bronchiolite : les gestes"
    }
    assert titles(public.search("bronchiolite nez", operator="or")) == PUBLIC_BRONCHIOLITIS


# Autocomplete, facets, scores, pages ----------------------------------------------------------


def test_autocomplete_finds_a_title_from_its_first_letters(world):
    results = Page.objects.live().public().autocomplete("vacc")

    assert "Vaccination des adultes" in titles(results)
    assert "Maison des Tilleuls" not in titles(results)  # vaccination only in its text


def test_content_type_facet_counts_the_results_of_each_type(world):
    facet = Page.objects.live().public().search("bronchiolite").facet("content_type_id")

    def type_id(model):
        return ContentType.objects.get_for_model(model).pk

    assert facet == {type_id(StandardPage): 2, type_id(StructurePage): 1, type_id(ActionPage): 1}


def test_scores_are_annotated_best_first(world):
    results = list(Page.objects.live().public().search("bronchiolite").annotate_score("_score"))

    scores = [page._score for page in results]
    assert len(scores) == 4 and all(score > 0 for score in scores)
    assert scores == sorted(scores, reverse=True)


def test_pages_of_results_follow_each_other_without_duplicates(world):
    results = Page.objects.live().public().search("bronchiolite vaccination")
    every = [page.pk for page in results]
    paginator = Paginator(results, 2)

    paged = [page.pk for number in paginator.page_range for page in paginator.page(number)]

    assert paginator.count == len(every) == 7
    assert paged == every
    assert [page.pk for page in results[2:4]] == every[2:4]


def test_a_subclass_boost_ranks_a_summary_match_above_a_text_match(world):
    results = [page.title for page in Page.objects.live().public().search("vaccination")]

    # StructurePage.short_description has boost=2, StandardPage.intro none.
    assert results.index("Maison des Aubiers") < results.index("Maison des Tilleuls")
