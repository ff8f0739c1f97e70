"""Whatever a visitor types or pastes, the free-text boxes answer 200 with results or a friendly
message, never echo markup, and never hand the backend more than MAX_QUERY_LENGTH characters
(how the time a search takes stays bounded); the backend itself takes every such text, uncut,
without an exception."""

import pytest
from wagtail.models import Page

from home.models import HomePage
from search.query import MAX_QUERY_LENGTH
from tests.conftest import rolled_back_after_module
from tests.home.factories import StandardPageFactory
from tests.partners.factories import StructureIndexPageFactory, StructurePageFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('maillage')</script>"
HOSTILE = {
    "unbalanced double quote": 'santé "mentale',
    "unbalanced single quote": "l'alimentation des bébés'",
    "only quotes": '""" \'\'',
    "unbalanced parentheses": "(prévention (alcool",
    "closing parentheses": "alcool))",
    "boolean operators alone": "AND OR NOT",
    "boolean expression": "santé AND NOT (alcool OR tabac)",
    "field syntax": "title:dépistage",
    "field syntax with a quote": 'title:"dépistage',
    "unknown field": "inexistant:valeur",
    "star wildcard": "dépist*",
    "lone star": "*",
    "question mark wildcard": "d?pistage",
    "lone question mark": "?",
    "fuzzy and boost syntax": "dépistage~2 santé^10",
    "range syntax": "[a TO z] {0 TO 9}",
    "10 kB query": ("dépistage " * 1100)[:10_240],
    "control characters": "santé\x00mentale\x07\x1b[31m\x7f\x0b",
    "lone NUL": "\x00",
    "emoji": "santé 🧠💊 mentale 👶🏽",
    "HTML": SCRIPT,
    "HTML attribute": '"><img src=x onerror=alert(1)>',
    "SQL": "' OR 1=1 --",
    "SQL statement": "'; DROP TABLE wagtailcore_page; --",
    "lone hyphen": "-",
    "negations only": "-santé -mentale",
    "only punctuation": "!?.,;:«»—…()[]{}<>/\\|@#$%^&*_+=~`",
    "very long single word": "anticonstitutionnellement" * 40,
    "RTL and invisible marks": "\u202esanté\u202c \u200fmentale\u200e \u200b\ufeff",
    "percent and underscore": "%_% _",
    "full stops and apostrophes": "l' d' qu' ' ’",
}
CASES = list(HOSTILE.values())
IDS = list(HOSTILE)


def build_world():
    home = HomePage.objects.get(depth=2)
    StandardPageFactory(parent=home, title="Santé mentale des jeunes", intro="Écoute.")
    StandardPageFactory(parent=home, title="Dépistage du cancer du sein", intro="Mammographie.")
    directory = StructureIndexPageFactory(parent=home)
    StructurePageFactory(parent=directory, title="Point écoute santé")


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(module_world, search_index):
    return search_index


def query_text(query):
    """The words of a query as handed to a backend: a string, or modelsearch's query objects
    (PlainText, Phrase, Fuzzy, Boost, And, Or, Not…)."""
    if query is None or isinstance(query, str):
        return query or ""
    if hasattr(query, "query_string"):
        return query.query_string
    parts = getattr(query, "subqueries", None) or [getattr(query, "subquery", None)]
    return " ".join(query_text(part) for part in parts if part is not None)


@pytest.fixture
def handed_to_backend(world, monkeypatch):
    """Every query text the default backend is asked to search, complete or correct."""
    handed = []
    backend_class = type(world)
    for name in ("search", "autocomplete", "suggest"):
        method = getattr(backend_class, name, None)
        if method is None:
            continue

        def recording(self, query, *args, _method=method, **kwargs):
            handed.append(query_text(query))
            return _method(self, query, *args, **kwargs)

        monkeypatch.setattr(backend_class, name, recording)
    return handed


def assert_friendly(response, query):
    assert response.status_code == 200
    html = response.content.decode()
    if "<" in query:
        assert query not in html
        assert query[:MAX_QUERY_LENGTH] not in html
    assert "<img src=x" not in html
    assert "<script>alert(" not in html
    return html


@pytest.mark.parametrize("query", CASES, ids=IDS)
def test_search_page_answers_any_query_and_hands_the_backend_at_most_max_query_length(
    client, handed_to_backend, query
):
    html = assert_friendly(client.get("/recherche/", {"q": query}), query)

    assert (
        "résultat" in html  # "3 résultats pour « … »" or "Aucun résultat pour « … »"
        or "Saisissez un ou plusieurs mots" in html  # nothing searchable was left
    )
    assert all(len(text) <= MAX_QUERY_LENGTH for text in handed_to_backend), [
        len(text) for text in handed_to_backend
    ]


def test_markup_in_the_query_is_shown_escaped(client, world):
    html = client.get("/recherche/", {"q": SCRIPT}).content.decode()

    assert "&lt;script&gt;" in html
    assert SCRIPT not in html


def test_a_10_kb_query_is_searched_cut_with_a_notice(client, handed_to_backend):
    response = client.get("/recherche/", {"q": HOSTILE["10 kB query"]})

    assert "seuls ses 200 premiers caractères" in response.content.decode()
    assert handed_to_backend, "the cut query was still searched"
    assert max(len(text) for text in handed_to_backend) <= MAX_QUERY_LENGTH


@pytest.mark.parametrize("query", CASES, ids=IDS)
def test_directory_text_box_answers_any_query(client, handed_to_backend, query):
    response = client.get("/structures/", {"q": query})

    assert_friendly(response, query)
    assert all(len(text) <= MAX_QUERY_LENGTH for text in handed_to_backend)


@pytest.mark.parametrize("query", CASES, ids=IDS)
def test_backend_searches_autocompletes_and_suggests_for_any_text_without_an_exception(
    world, query
):
    found = list(Page.objects.live().public().search(query)[:10])
    found += Page.objects.search(query, operator="and", order_by_relevance=False)
    found += Page.objects.live().public().autocomplete(query)[:10]
    suggest = getattr(world, "suggest", None)
    suggestion = suggest(query) if suggest else None

    assert all(isinstance(page, Page) for page in found)
    assert suggestion is None or isinstance(suggestion, str)
