"""Wall cards in the site's search: never for anonymous visitors, and for members of the network
(partners, coordination) only the cards the wall itself shows them."""

import datetime

import pytest
from django.utils import timezone

from home.models import HomePage
from partners.accounts import add_member, open_partner_space
from partners.models import WallCardStatus
from tests.conftest import create_user, rolled_back_after_module
from tests.partners.factories import StructureIndexPageFactory, StructurePageFactory
from tests.partners.wall import WallCardFactory, WallPageFactory

pytestmark = pytest.mark.django_db


def new_partner(username, structure):
    user = create_user(username, "Partenaires")
    add_member(open_partner_space(structure), user)
    return user


def build_world():
    home = HomePage.objects.get(depth=2)
    directory = StructureIndexPageFactory(parent=home)
    structure = StructurePageFactory(parent=directory, title="CCAS de Clamecy")
    other = StructurePageFactory(parent=directory, title="CPTS du Morvan")
    partner = new_partner("partenaire-ccas", structure)
    other_partner = new_partner("partenaire-cpts", other)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return {
        "wall": WallPageFactory(parent=home),
        "partner": partner,
        "coordinator": create_user("coordinatrice", "Coordination"),
        "visitor": create_user("habitant"),  # an account without admin access: no member
        "published": WallCardFactory(
            title="Formation premiers secours", author=other_partner, structure=other
        ),
        "own_pending": WallCardFactory(
            title="Secours : places libres", author=partner, status=WallCardStatus.PENDING
        ),
        "others_pending": WallCardFactory(
            title="Secours en attente", author=other_partner, status=WallCardStatus.PENDING
        ),
        "rejected": WallCardFactory(
            title="Secours refusé", author=other_partner, status=WallCardStatus.REJECTED
        ),
        "expired": WallCardFactory(
            title="Secours expiré", author=other_partner, expires_on=yesterday
        ),
        "page": StructurePageFactory(
            parent=directory, title="Secouristes du Morvan", short_description="Secours."
        ),
    }


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(module_world, search_index):
    return module_world


def search(client, user=None, **params):
    if user is not None:
        client.force_login(user)
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_never_find_wall_cards(client, world):
    html = search(client, q="secours")

    assert "Secouristes du Morvan" in html
    assert "Formation premiers secours" not in html
    assert "Carte du mur" not in html


def test_an_account_outside_the_network_finds_no_wall_card(client, world):
    html = search(client, world["visitor"], q="secours")

    assert "Formation premiers secours" not in html


def test_a_partner_finds_the_published_cards_and_their_own_pending_one(client, world):
    html = search(client, world["partner"], q="secours")

    assert "Formation premiers secours" in html
    assert '<span class="results__type">Carte du mur</span>' in html
    assert f'href="/reseau/#carte-{world["published"].pk}"' in html
    assert "places libres" in html
    assert "En attente de validation" in html
    for hidden in ("Secours en attente", "Secours refusé", "Secours expiré"):
        assert hidden not in html


def test_the_coordination_finds_wall_cards_too(client, world):
    html = search(client, world["coordinator"], q="secours")

    assert "Formation premiers secours" in html
    assert "Secours refusé" not in html


def test_members_can_narrow_the_results_to_wall_cards(client, world):
    html = search(client, world["partner"], q="secours", type="mur")

    assert "Formation premiers secours" in html
    assert "Secouristes du Morvan" not in html
    assert "Carte du mur <span" in html
