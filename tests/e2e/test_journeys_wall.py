"""The partners' wall in Chromium: a partner logs in from /reseau/, posts a card that members see at
once (post-moderation), and an anonymous visitor meets the login form instead, without a word of
the card, on the wall, on the card's own addresses and in the site's search."""

import pytest
from playwright.sync_api import expect

from partners.models import WallCard, WallModeration
from tests.e2e.journeys import PASSWORD, member
from tests.partners.factories import StructureIndexPageFactory, StructurePageFactory
from tests.partners.wall import WallPageFactory, set_moderation

TITLE = "Cherche salle pour atelier mémoire"
TEXT = "Le CCAS cherche une salle accessible à Tannay pour six séances de stimulation cognitive."


@pytest.fixture
def wall(home_page):
    """/reseau/, closed to the public, with cards published as soon as they are posted."""
    wall = WallPageFactory(parent=home_page)
    set_moderation(WallModeration.AFTER)
    return wall


@pytest.fixture
def partner(home_page):
    directory = StructureIndexPageFactory(parent=home_page)
    structure = StructurePageFactory(parent=directory, title="CCAS de Tannay", slug="ccas-tannay")
    return member("partenaire-tannay", "Partenaires", structure=structure)


def test_partner_posts_on_the_wall_and_an_anonymous_visitor_cannot_see_it(page, wall, partner):
    # The wall asks for a login first, then opens.
    page.goto("/reseau/")
    expect(page).to_have_url("/_util/login/?next=/reseau/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
    page.get_by_role("textbox", name="Nom d’utilisateur").fill(partner.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url("/reseau/")

    # The partner posts a card from the wall's menu.
    page.get_by_role("navigation", name="Mur des partenaires").get_by_role(
        "link", name="Publier une carte"
    ).click()
    form = page.get_by_role("main")
    form.get_by_role("group", name="Type de carte").get_by_label("Besoin").check()
    form.get_by_role("textbox", name="Titre", exact=True).fill(TITLE)
    form.get_by_role("textbox", name="Texte", exact=True).fill(TEXT)
    form.get_by_role("button", name="Publier la carte").click()
    expect(page).to_have_url("/reseau/mes-cartes/")
    saved = f"Votre carte « {TITLE} » est publiée sur le mur."
    expect(page.get_by_role("status")).to_have_text(saved)

    # Members see it on the wall at once.
    wall_menu = page.get_by_role("navigation", name="Mur des partenaires")
    wall_menu.get_by_role("link", name="Le mur").click()
    card = page.get_by_role("article", name=TITLE)
    expect(card).to_contain_text(TEXT)
    expect(card).to_contain_text("CCAS de Tannay")
    posted = WallCard.objects.get(title=TITLE)
    # A member's search finds it (the same search finds nothing for a visitor, below).
    page.goto("/recherche/?q=stimulation+cognitive")
    expect(page.get_by_role("main").get_by_role("link", name=TITLE)).to_be_visible()

    # An anonymous visitor is sent to the login form, from the wall and from the card's addresses,
    # and the site's search does not give the card away either.
    page.context.clear_cookies()
    for address in (
        "/reseau/",
        wall.url + wall.reverse_subpage("edit_card", args=[posted.pk]),
        wall.url + wall.reverse_subpage("my_cards"),
    ):
        page.goto(address)
        expect(page).to_have_url(f"/_util/login/?next={address}")
        expect(page.get_by_role("textbox", name="Nom d’utilisateur")).to_be_visible()
        assert TITLE not in page.content() and "salle accessible" not in page.content()
    page.goto("/recherche/?q=stimulation+cognitive")
    expect(page.get_by_role("main")).not_to_contain_text(TITLE)
    assert "salle accessible" not in page.content()
