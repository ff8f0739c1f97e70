"""The search page's cost does not grow with what it finds: facets, events' next dates and the
page shown are read in a fixed number of SQL queries; the hits taken from the backend are capped,
and the page says so. And its <mark> is readable."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage
from partners.accounts import add_member, open_partner_space
from search import results as search_results
from tests.conftest import create_user, rolled_back_after_module
from tests.events.factories import AgendaPageFactory, EventPageFactory
from tests.home.factories import StandardPageFactory
from tests.partners.factories import (
    CommuneFactory,
    PublicFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
    ThemeFactory,
)
from tests.partners.wall import WallCardFactory, WallPageFactory

pytestmark = pytest.mark.django_db


def build_world():
    """Few results for "rare", many for "courant": the same page types in both."""
    home = HomePage.objects.get(depth=2)
    directory = StructureIndexPageFactory(parent=home)
    agenda = AgendaPageFactory(parent=home)
    themes = [ThemeFactory(name=f"Thème {n}", slug=f"theme-{n}") for n in range(3)]
    publics = [PublicFactory(name=f"Public {n}", slug=f"public-{n}") for n in range(3)]
    communes = [CommuneFactory(name=f"Commune {n}", slug=f"commune-{n}") for n in range(3)]
    structure = None
    for word, count in (("rare", 1), ("courant", 8)):
        for n in range(count):
            structure = StructurePageFactory(
                parent=directory,
                title=f"Structure {word} {n}",
                themes=themes[: n % 3 + 1],
                publics=publics[: n % 3 + 1],
                commune=communes[n % 3],
            )
            EventPageFactory(
                parent=agenda,
                title=f"Événement {word} {n}",
                themes=themes[:1],
                commune=communes[n % 3],
            )
            StandardPageFactory(parent=home, title=f"Page {word} {n}")
            WallCardFactory(title=f"Carte {word} {n}", themes=themes[:2])
    WallPageFactory(parent=home)
    member = create_user("partenaire", "Partenaires")
    add_member(open_partner_space(structure), member)
    return {"member": member}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(module_world, search_index):
    return module_world


def queries_for(client, **params):
    client.get("/recherche/", params)  # caches warmed (content types, site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/recherche/", params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("page_type", ["structure", "evenement", "page"])
def test_the_number_of_queries_does_not_grow_with_the_results(client, world, page_type):
    # Each page type shown costs one query (Wagtail's specific()): compare within a type.
    few, few_html = queries_for(client, q="rare", type=page_type)
    many, many_html = queries_for(client, q="courant", type=page_type)

    assert "1 résultat pour" in few_html
    assert "8 résultats pour" in many_html
    assert few == many


def test_without_filters_the_queries_grow_with_the_page_types_shown_only(client, world):
    few, few_html = queries_for(client, q="rare")
    many, many_html = queries_for(client, q="courant")

    assert "3 résultats" in few_html
    assert "24 résultats" in many_html
    assert many <= few  # "rare" shows the three page types on its one page


def test_with_filters_and_wall_cards_the_number_of_queries_stays_the_same(client, world):
    client.force_login(world["member"])

    few, few_html = queries_for(client, q="rare", type="mur", theme="theme-0")
    many, many_html = queries_for(client, q="courant", type="mur", theme="theme-0")

    assert "1 résultat pour" in few_html
    assert "8 résultats pour" in many_html
    assert few == many


def test_beyond_the_cap_the_page_asks_for_a_more_precise_search(client, world, monkeypatch):
    monkeypatch.setattr(search_results, "MAX_HITS", 5)

    html = client.get("/recherche/", {"q": "courant"}).content.decode()

    assert "Plus de 5 résultats : précisez votre recherche." in html
    assert "5 résultats pour « courant »" in html


def test_marked_words_are_dark_on_pale_yellow_with_enough_contrast():
    stylesheet = (Path(settings.BASE_DIR) / "static" / "css" / "maillage.css").read_text()
    rule = re.search(r"\.search mark \{([^}]*)\}", stylesheet).group(1)
    background = re.search(r"background: (#[0-9a-fA-F]{6})", rule).group(1)
    text = re.search(r"--color-text: (#[0-9a-fA-F]{6})", stylesheet).group(1)
    assert "color: var(--color-text)" in rule

    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(background), luminance(text)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 7
