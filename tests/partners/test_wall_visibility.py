"""The wall is never public: not in the sitemap, search, the API, the agenda's feeds, the menu.

The wall's page carries a "logged-in users only" restriction from its creation; its cards are
models shown only by the wall's own views. Each public channel is read as an anonymous visitor.
"""

import pytest

from home.navigation import main_menu
from partners.models import WallPage
from tests.events.factories import AgendaPageFactory, EventPageFactory

from .wall import WallCardFactory, wall_url

pytest_plugins = ["tests.partners.wall_fixtures"]

pytestmark = pytest.mark.django_db

CARD_TITLE = "Recherche bénévoles pour le forum"


@pytest.fixture
def wall_with_card(wall, partner):
    # Ticked "show in menus" by mistake: the wall must stay out of the public menu anyway.
    WallPage.objects.filter(pk=wall.pk).update(show_in_menus=True)
    WallCardFactory(author=partner, title=CARD_TITLE)
    return wall


def test_the_wall_is_restricted_to_logged_in_users_from_its_creation(wall):
    assert wall.get_view_restrictions().filter(restriction_type="login").exists()


def test_the_wall_is_not_in_the_sitemap(client, wall_with_card):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "/reseau/" not in sitemap
    assert CARD_TITLE not in sitemap


@pytest.mark.parametrize("query", ["Réseau des partenaires", CARD_TITLE, "reseau"])
def test_the_wall_and_its_cards_are_not_in_search_results(client, wall_with_card, query):
    html = client.get("/recherche/", {"q": query}).content.decode()

    assert 'href="/reseau/' not in html
    assert CARD_TITLE not in html.replace(f"« {CARD_TITLE} »", "").replace(
        f'value="{CARD_TITLE}"', ""
    )


def test_the_wall_is_not_in_the_api(client, wall_with_card):
    listing = client.get("/api/v2/pages/", {"limit": 100}).content.decode()
    detail = client.get(f"/api/v2/pages/{wall_with_card.pk}/")

    assert "Réseau des partenaires" not in listing
    assert "reseau" not in listing
    assert detail.status_code == 404


def test_the_cards_are_not_in_the_agendas_feeds(client, home_page, wall_with_card):
    agenda = AgendaPageFactory(parent=home_page)
    EventPageFactory(parent=agenda, title="Forum santé")

    for route in ("rss", "ics"):
        response = client.get(agenda.url + agenda.reverse_subpage(route))
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode()
        assert response.status_code == 200
        assert "Forum" in text
        assert CARD_TITLE not in text
        assert "/reseau/" not in text


def test_the_wall_is_not_in_the_main_menu_even_if_marked_for_menus(client, site, wall_with_card):
    html = client.get("/").content.decode()

    assert [item.title for item in main_menu(site)] == ["Accueil"]
    assert 'href="/reseau/"' not in html


def test_a_logged_in_partner_sees_the_wall_and_its_cards(partner_client, wall_with_card):
    response = partner_client.get(wall_url(wall_with_card))

    assert response.status_code == 200
    assert CARD_TITLE in response.content.decode()


def test_the_wall_tells_search_engines_not_to_index_it(partner_client, wall_with_card):
    html = partner_client.get(wall_url(wall_with_card)).content.decode()

    assert '<meta name="robots" content="noindex, nofollow">' in html
