"""Facets of the search page: type, thème, public and commune with their counts; a click filters,
filters combine, each active one can be removed, an unknown value is named and ignored;
pagination keeps the query and the filters."""

import re

import pytest

from home.models import HomePage
from tests.conftest import rolled_back_after_module
from tests.evaluation.factories import (
    ActionSheetPageFactory,
    AxisPageFactory,
    ContractPageFactory,
)
from tests.events.factories import AgendaPageFactory, EventPageFactory
from tests.home.factories import StandardPageFactory
from tests.partners.factories import (
    CommuneFactory,
    PublicFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def build_world():
    home = HomePage.objects.get(depth=2)
    mental = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    addictions = ThemeFactory(name="Addictions", slug="addictions")
    youth = PublicFactory(name="Jeunes", slug="jeunes")
    parents = PublicFactory(name="Parents", slug="parents")
    clamecy = CommuneFactory(name="Clamecy", slug="clamecy", insee_code="58079")
    varzy = CommuneFactory(name="Varzy", slug="varzy", insee_code="58304")
    directory = StructureIndexPageFactory(parent=home)
    agenda = AgendaPageFactory(parent=home)
    contract = ContractPageFactory(parent=home)
    axis = AxisPageFactory(parent=contract)
    return {
        "cmp": StructurePageFactory(
            parent=directory,
            title="Centre médico-psychologique",
            short_description="Écoute et soins pour les jeunes.",
            themes=[mental],
            publics=[youth],
            commune=clamecy,
        ),
        "csapa": StructurePageFactory(
            parent=directory,
            title="CSAPA du Morvan",
            short_description="Écoute des jeunes et des parents sur les addictions.",
            themes=[addictions, mental],
            publics=[youth, parents],
            commune=varzy,
        ),
        "group": EventPageFactory(
            parent=agenda,
            title="Groupe de parole",
            summary="Un temps d'écoute pour les parents.",
            themes=[mental],
            publics=[parents],
            commune=clamecy,
        ),
        "sheet": ActionSheetPageFactory(
            parent=axis,
            title="Points écoute jeunes",
            summary="Des lieux d'écoute dans les communes.",
            themes=[mental],
            publics=[youth],
            communes=[clamecy, varzy],
        ),
        "page": StandardPageFactory(parent=home, title="Lignes d'écoute", intro="Écoute."),
    }


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(module_world, search_index):
    return module_world


def search(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response.content.decode()


def facet_counts(html, legend):
    """{label: count} of one facet, read from its fieldset."""
    block = re.search(rf"<legend>{legend}</legend>(.*?)</fieldset>", html, re.S)
    assert block, legend
    return {
        label.strip(): int(count)
        for label, count in re.findall(
            r'class="search-facet__link[^"]*">([^<]+)<span class="search-facet__count">\((\d+)',
            block.group(1),
        )
    }


def titles(html):
    return re.findall(r'<h3 class="results__title"><a href="[^"]*">([^<]*)</a>', html)


def test_facets_count_the_results_by_type_theme_public_and_commune(client, world):
    html = search(client, q="écoute")

    assert "5 résultats" in html
    assert facet_counts(html, "Type") == {
        "Structure": 2,
        "Événement": 1,
        "Fiche action": 1,
        "Page": 1,
    }
    assert facet_counts(html, "Thème") == {"Santé mentale": 4, "Addictions": 1}
    assert facet_counts(html, "Public") == {"Jeunes": 3, "Parents": 2}
    assert facet_counts(html, "Commune") == {"Clamecy": 3, "Varzy": 2}


def test_counts_are_said_in_words_to_screen_readers(client, world):
    html = search(client, q="écoute")

    assert '(2<span class="visually-hidden"> résultats</span>)' in html
    assert "<fieldset" in html and "<legend>Thème</legend>" in html


def test_clicking_a_facet_filters_the_results(client, world):
    html = search(client, q="écoute", theme="addictions")

    assert titles(html) == ["CSAPA du Morvan"]
    assert "1 résultat pour « écoute »" in html


def test_filters_combine_across_dimensions(client, world):
    html = search(client, q="écoute", public="parents", commune="clamecy")

    assert titles(html) == ["Groupe de parole"]


def test_the_type_facet_keeps_counting_the_other_types_when_one_is_chosen(client, world):
    html = search(client, q="écoute", type="structure")

    assert sorted(titles(html)) == ["CSAPA du Morvan", "Centre médico-psychologique"]
    counts = facet_counts(html, "Type")
    assert counts["Événement"] == 1
    assert counts["Structure"] == 2
    # The other dimensions count the structures only.
    assert facet_counts(html, "Public") == {"Jeunes": 2, "Parents": 1}


def test_active_filters_are_listed_and_each_can_be_removed(client, world):
    html = search(client, q="écoute", theme="sante-mentale", public="jeunes")

    assert "Filtres actifs" in html
    assert "Thème : Santé mentale" in html
    assert "Public : Jeunes" in html
    remove_theme = re.search(r'<a href="([^"]+)">Thème : Santé mentale', html).group(1)
    assert "theme=" not in remove_theme
    assert "public=jeunes" in remove_theme
    assert "q=%C3%A9coute" in remove_theme
    assert 'aria-current="true"' in html
    assert "Retirer tous les filtres" in html


def test_an_unknown_facet_value_is_named_and_ignored(client, world):
    html = search(client, q="écoute", theme="n-existe-pas", type="soucoupe", commune="<b>x</b>")

    assert "5 résultats" in html
    assert "Ces filtres n'existent pas et n'ont pas été appliqués" in html
    assert "Thème : « n-existe-pas »" in html
    assert "Type : « soucoupe »" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<b>x</b>" not in html
    assert "n-existe-pas" not in re.search(r"<nav class=\"search-facets\".*?</nav>", html, re.S)[0]


def test_wall_cards_cannot_be_asked_for_by_anonymous_visitors(client, world):
    html = search(client, q="écoute", type="mur")

    assert "Type : « mur »" in html
    assert "5 résultats" in html


def test_pagination_keeps_the_query_and_the_filters(client, home_page, search_index):
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"Atelier cuisine {number}")

    first = search(client, q="cuisine", type="page")
    second = search(client, q="cuisine", type="page", page=2)

    assert "12 résultats" in first
    assert 'href="?q=cuisine&amp;type=page&amp;page=2"' in first
    assert "Page 2 sur 2" in second
    assert '<span aria-current="page">Page 2 sur 2</span>' in second
    assert len(titles(second)) == 2


def test_a_page_number_past_the_end_shows_the_last_page(client, home_page, search_index):
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"Atelier cuisine {number}")

    html = search(client, q="cuisine", page=99)

    assert "Page 2 sur 2" in html
    assert len(titles(html)) == 2
