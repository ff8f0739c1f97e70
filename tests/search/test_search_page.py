"""The search page answers every query with results or a clear message, never an error."""

import pytest

from home.models import HomePage
from tests.conftest import rolled_back_after_module
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def module_pages(django_db_setup, django_db_blocker):
    """Built once for the module, rolled back after its last test."""
    with rolled_back_after_module(django_db_blocker):
        home_page = HomePage.objects.get(depth=2)
        yield [
            StandardPageFactory(
                parent=home_page, title="Dépistage du cancer du sein", intro="Mammographie."
            ),
            StandardPageFactory(
                parent=home_page, title="Aide aux aidants", intro="Répit et écoute."
            ),
            StandardPageFactory(parent=home_page, title="Dépistage brouillon", live=False),
        ]


@pytest.fixture
def pages(module_pages, db):
    """The module's pages; what a test changes is rolled back after it."""
    return module_pages


def test_search_finds_live_pages_only(client, pages):
    response = client.get("/recherche/", {"q": "dépistage"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dépistage du cancer du sein" in html
    assert "Dépistage brouillon" not in html
    assert "1 résultat pour « dépistage »" in html


def test_empty_search_invites_to_type_something(client, home_page):
    html = client.get("/recherche/").content.decode()

    assert "Saisissez un ou plusieurs mots" in html
    assert '<label class="search-form__label" for="recherche-q">Votre recherche</label>' in html


def test_no_result_suggests_what_to_do(client, pages):
    html = client.get("/recherche/", {"q": "zzzzzz"}).content.decode()

    assert "Aucun résultat pour « zzzzzz »" in html
    assert "Essayez un mot plus général" in html


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'santé "mentale',
        '""""',
        "NOT",
        "AND OR",
        "NEAR(",
        "*",
        "a:b",
        "(",
        "\\",
        "%",
        "l'eau",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "\x00",
        "é" * 50,
    ],
)
def test_malformed_search_syntax_never_breaks_the_page(client, pages, query):
    response = client.get("/recherche/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_very_long_query_is_cut_with_a_notice(client, pages):
    response = client.get("/recherche/", {"q": "dépistage " + "x" * 10_000})

    assert response.status_code == 200
    html = response.content.decode()
    assert "seuls ses 200 premiers caractères" in html


@pytest.mark.parametrize("page_number", ["abc", "-1", "0", "99999", "1.5", ""])
def test_odd_page_numbers_fall_back_to_a_real_page(client, pages, page_number):
    response = client.get("/recherche/", {"q": "dépistage", "page": page_number})

    assert response.status_code == 200
    assert "Dépistage du cancer du sein" in response.content.decode()


def test_unknown_parameters_are_ignored(client, pages):
    response = client.get("/recherche/", {"q": "aidants", "utm_source": "x", "tri": "%%%"})

    assert response.status_code == 200
    assert "Aide aux aidants" in response.content.decode()


def test_results_are_paginated_keeping_the_query(client, home_page):
    for number in range(12):
        StandardPageFactory(parent=home_page, title=f"Atelier nutrition {number}")

    first = client.get("/recherche/", {"q": "nutrition"}).content.decode()
    second = client.get("/recherche/", {"q": "nutrition", "page": 2}).content.decode()

    assert "12 résultats" in first
    assert 'href="?q=nutrition&amp;page=2"' in first
    assert "Page 2 sur 2" in second
