"""Members post, edit and withdraw their own cards from the wall; the wall lists and filters them.

Everything goes through real HTTP requests, as a partner would.
"""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import HomePage
from partners.accounts import add_member, open_partner_space
from partners.models import WallCard, WallCardKind, WallCardStatus
from tests.conftest import create_user, read_from_module_world, rolled_back_after_module
from tests.home.factories import CallForProjectsIndexPageFactory, CallForProjectsPageFactory
from tests.html import PageStructure

from .factories import StructureIndexPageFactory, StructurePageFactory, ThemeFactory
from .wall import WallCardFactory, WallPageFactory, set_moderation, wall_url

pytest_plugins = ["tests.partners.wall_fixtures"]

pytestmark = pytest.mark.django_db


def card_data(**overrides):
    data = {
        "kind": WallCardKind.OFFER,
        "title": "Places libres à l'atelier cuisine",
        "text": "Il reste six places pour jeudi.\n\nInscription par téléphone.",
        "link": "",
        "image_alt": "",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
    }
    data.update(overrides)
    return data


def new_partner(username, structure):
    user = create_user(username, "Partenaires")
    add_member(open_partner_space(structure), user)
    return user


def build_world():
    """What wall_fixtures and tests/partners/conftest build for each test, built once here."""
    home = HomePage.objects.get(depth=2)
    directory = StructureIndexPageFactory(parent=home)
    structure = StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas-clamecy")
    other_structure = StructurePageFactory(
        parent=directory, title="CPTS du Morvan", slug="cpts-morvan"
    )
    return {
        "wall": WallPageFactory(parent=home),
        "directory": directory,
        "structure": structure,
        "other_structure": other_structure,
        "partner": new_partner("partenaire-ccas", structure),
        "other_partner": new_partner("partenaire-cpts", other_structure),
        "coordinator": create_user("coordinatrice", "Coordination"),
        "communicant": create_user("chargee-com", "Communication"),
    }


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """Built once for the module (pages with revisions are slow to create), rolled back after."""
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


wall = read_from_module_world("wall")
directory = read_from_module_world("directory")
structure = read_from_module_world("structure")
other_structure = read_from_module_world("other_structure")
partner = read_from_module_world("partner")
other_partner = read_from_module_world("other_partner")
coordinator = read_from_module_world("coordinator")
communicant = read_from_module_world("communicant")


# The wall ------------------------------------------------------------------------------------


def test_the_wall_lists_visible_cards_newest_first(partner_client, wall, other_partner):
    WallCardFactory(author=other_partner, title="Ancienne carte")
    WallCardFactory(author=other_partner, title="Nouvelle carte")
    WallCardFactory(
        author=other_partner,
        title="Carte expirée",
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    WallCardFactory(author=other_partner, title="Carte refusée", status=WallCardStatus.REJECTED)
    WallCardFactory(author=other_partner, title="Carte d'un autre en attente", status="pending")
    WallCardFactory(author=other_partner, title="Carte retirée", status=WallCardStatus.WITHDRAWN)

    html = partner_client.get(wall_url(wall)).content.decode()

    assert html.index("Nouvelle carte") < html.index("Ancienne carte")
    for hidden in ("Carte expirée", "Carte refusée", "en attente", "Carte retirée"):
        assert hidden not in html


def test_a_member_sees_their_own_pending_card_marked_as_such(partner_client, wall, partner):
    WallCardFactory(author=partner, title="Ma carte à valider", status=WallCardStatus.PENDING)

    html = partner_client.get(wall_url(wall)).content.decode()

    assert "Ma carte à valider" in html
    assert "En attente de validation" in html


def test_the_wall_filters_by_type_and_theme(partner_client, wall, other_partner):
    nutrition = ThemeFactory(name="Nutrition")
    WallCardFactory(author=other_partner, title="Offre nutrition", kind="offer", themes=[nutrition])
    WallCardFactory(author=other_partner, title="Besoin nutrition", kind="need", themes=[nutrition])
    WallCardFactory(author=other_partner, title="Offre sans thème", kind="offer")

    html = partner_client.get(wall_url(wall), {"type": "offer", "theme": "nutrition"}).content
    html = html.decode()

    assert "Offre nutrition" in html
    assert "Besoin nutrition" not in html
    assert "Offre sans thème" not in html
    assert '<label for="id_type">Type de carte</label>' in html


def test_unknown_filter_values_are_ignored_with_a_notice(partner_client, wall, other_partner):
    WallCardFactory(author=other_partner, title="Une carte")

    response = partner_client.get(wall_url(wall), {"type": "<script>", "theme": "inconnue"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Une carte" in html
    assert "ont été ignorés : Type de carte, Thématique" in html
    assert "<script>" not in html


def test_the_wall_shows_open_calls_for_projects_and_the_relay_link(partner_client, wall, home_page):
    index = CallForProjectsIndexPageFactory(parent=home_page)
    today = timezone.localdate()
    CallForProjectsPageFactory(
        parent=index, title="Appel ouvert", deadline=today + datetime.timedelta(days=10)
    )
    CallForProjectsPageFactory(
        parent=index, title="Appel clos", deadline=today - datetime.timedelta(days=1)
    )

    html = partner_client.get(wall_url(wall)).content.decode()

    assert "Appel ouvert" in html
    assert "Appel clos" not in html
    assert wall_url(wall, "relay_request") in html


def test_the_number_of_queries_does_not_grow_with_the_cards(partner_client, wall, other_partner):
    themes = [ThemeFactory(name="Nutrition"), ThemeFactory(name="Sommeil")]
    WallCardFactory(author=other_partner, themes=themes)
    partner_client.get(wall_url(wall))  # warm the caches (site, settings)
    with CaptureQueriesContext(connection) as few:
        partner_client.get(wall_url(wall))
    for _ in range(12):
        WallCardFactory(author=other_partner, themes=themes)
    # An image on every card (no file needed: the list only links to it).
    WallCard.objects.update(image="reseau/x.png", image_width=4, image_height=3, image_alt="x")
    with CaptureQueriesContext(connection) as many:
        response = partner_client.get(wall_url(wall))

    assert response.content.decode().count('class="wall-card ') == 13
    assert len(many) == len(few)


# Posting ---------------------------------------------------------------------------------------


def test_a_partner_posts_a_card_that_waits_for_the_coordination(
    partner_client, wall, partner, structure, coordinator, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(name="Nutrition")
    with django_capture_on_commit_callbacks(execute=True):
        response = partner_client.post(
            wall_url(wall, "post_card"),
            card_data(themes=[theme.pk], text='<p onclick="x()">Bonjour <script>x</script></p>'),
        )

    assert response.status_code == 302
    card = WallCard.objects.get()
    assert card.author == partner
    assert card.structure.pk == structure.pk
    assert card.status == WallCardStatus.PENDING
    assert card.text == "<p>Bonjour </p>"
    assert list(card.themes.all()) == [theme]
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert "Places libres" in message.subject
    followed = partner_client.get(response.url).content.decode()
    assert "dès que la coordination l&#x27;aura validée" in followed


def test_under_post_moderation_a_card_is_published_at_once(partner_client, wall):
    set_moderation("after")

    partner_client.post(wall_url(wall, "post_card"), card_data())

    card = WallCard.objects.get()
    assert card.status == WallCardStatus.PUBLISHED
    assert card.published_at is not None
    assert "Places libres" in partner_client.get(wall_url(wall)).content.decode()
    assert mail.outbox == []


def test_the_form_proposes_an_expiry_in_sixty_days(partner_client, wall):
    html = partner_client.get(wall_url(wall, "post_card")).content.decode()

    expected = timezone.localdate() + datetime.timedelta(days=60)
    assert f'value="{expected.isoformat()}"' in html


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"text": ""}, "text", "Écrivez le texte de votre carte."),
        ({"text": "<p> <script>alert(1)</script> </p>"}, "text", "Écrivez le texte"),
        ({"text": "a" * 3001}, "text", "Ce texte compte 3 001 caractères : 3 000 au plus."),
        ({"title": "   "}, "title", "Donnez un titre à votre carte."),
        ({"kind": "spam"}, "kind", "Sélectionnez un choix valide"),
        ({"expires_on": "2020-01-01"}, "expires_on", "Cette date est passée"),
        ({"expires_on": "9999-12-31"}, "expires_on", "Une carte reste au plus un an"),
        ({"expires_on": "31/02/2026"}, "expires_on", "Saisissez une date valide"),
        ({"expires_on": "20261-01-01"}, "expires_on", "Saisissez une date valide"),
        ({"link": "javascript:alert(1)"}, "link", "Saisissez une adresse web complète"),
    ],
)
def test_a_bad_card_is_refused_with_a_clear_message_and_nothing_lost(
    partner_client, wall, overrides, field, message
):
    data = card_data(**overrides)

    response = partner_client.post(wall_url(wall, "post_card"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Places libres à l&#x27;atelier cuisine" in html or field == "title"
    assert not WallCard.objects.exists()


def test_more_cards_than_the_daily_limit_are_refused_with_the_text_kept(
    partner_client, wall, partner
):
    set_moderation("before", cards_per_day=2)
    for _ in range(2):
        WallCardFactory(author=partner)

    response = partner_client.post(
        wall_url(wall, "post_card"), card_data(title="Une carte de trop", text="Mon long texte.")
    )

    html = response.content.decode()
    assert response.status_code == 429
    assert "Trop de cartes publiées aujourd'hui" in html
    assert 'value="Une carte de trop"' in html
    assert "Mon long texte." in html
    assert WallCard.objects.count() == 2


def test_the_daily_limit_counts_only_the_last_24_hours(partner_client, wall, partner):
    set_moderation("before", cards_per_day=1)
    old = WallCardFactory(author=partner)
    WallCard.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )

    response = partner_client.post(wall_url(wall, "post_card"), card_data())

    assert response.status_code == 302
    assert WallCard.objects.count() == 2


# Editing and withdrawing ------------------------------------------------------------------------


def test_the_author_edits_a_card_which_goes_back_to_moderation(partner_client, wall, partner):
    card = WallCardFactory(author=partner, title="Avant")

    response = partner_client.post(wall_url(wall, "edit_card", card.pk), card_data(title="Après"))

    card.refresh_from_db()
    assert response.status_code == 302
    assert card.title == "Après"
    assert card.status == WallCardStatus.PENDING


def test_under_post_moderation_an_edit_stays_published(partner_client, wall, partner):
    set_moderation("after")
    card = WallCardFactory(author=partner, title="Avant")

    partner_client.post(wall_url(wall, "edit_card", card.pk), card_data(title="Après"))

    card.refresh_from_db()
    assert (card.title, card.status) == ("Après", WallCardStatus.PUBLISHED)


def test_a_refused_card_corrected_goes_back_to_the_coordination_even_after_moderation(
    partner_client, wall, partner
):
    set_moderation("after")
    card = WallCardFactory(author=partner, status=WallCardStatus.REJECTED)

    partner_client.post(wall_url(wall, "edit_card", card.pk), card_data())

    card.refresh_from_db()
    assert card.status == WallCardStatus.PENDING


def test_partner_cannot_edit_or_withdraw_another_partners_card(partner_client, wall, other_partner):
    card = WallCardFactory(author=other_partner, title="La carte d'un autre")

    for route in ("edit_card", "withdraw_card"):
        url = wall_url(wall, route, card.pk)
        assert partner_client.get(url).status_code == 404
        assert partner_client.post(url, card_data(title="Piraté")).status_code == 404

    card.refresh_from_db()
    assert (card.title, card.status) == ("La carte d'un autre", WallCardStatus.PUBLISHED)


def test_a_tampered_card_id_that_does_not_exist_is_a_404(partner_client, wall):
    assert partner_client.get(wall_url(wall, "edit_card", 999999)).status_code == 404


def test_even_the_coordination_cannot_edit_a_partners_card_from_the_wall(
    client, wall, coordinator, partner
):
    card = WallCardFactory(author=partner)
    client.force_login(coordinator)

    assert client.post(wall_url(wall, "edit_card", card.pk), card_data()).status_code == 404


def test_the_author_withdraws_a_card_which_disappears(partner_client, wall, partner):
    card = WallCardFactory(author=partner, title="Carte à retirer")

    confirm = partner_client.get(wall_url(wall, "withdraw_card", card.pk))
    response = partner_client.post(wall_url(wall, "withdraw_card", card.pk))

    card.refresh_from_db()
    assert confirm.status_code == 200
    assert response.status_code == 302
    assert card.status == WallCardStatus.WITHDRAWN
    assert f'id="carte-{card.pk}"' not in partner_client.get(wall_url(wall)).content.decode()
    mine = partner_client.get(wall_url(wall, "my_cards")).content.decode()
    assert "Carte à retirer</h2>" not in mine
    assert partner_client.get(wall_url(wall, "edit_card", card.pk)).status_code == 404


# My cards ---------------------------------------------------------------------------------------


def test_my_cards_lists_each_status_and_the_moderation_note(partner_client, wall, partner):
    WallCardFactory(author=partner, title="Publiée")
    WallCardFactory(author=partner, title="En attente", status=WallCardStatus.PENDING)
    WallCardFactory(
        author=partner,
        title="Refusée",
        status=WallCardStatus.REJECTED,
        moderation_note="Hors du périmètre du contrat.",
    )
    WallCardFactory(
        author=partner, title="Expirée", expires_on=timezone.localdate() - datetime.timedelta(1)
    )

    html = partner_client.get(wall_url(wall, "my_cards")).content.decode()

    assert "Publiée" in html
    assert "En attente de validation" in html
    assert "Hors du périmètre du contrat." in html
    assert "Expirée</span>" in html
    assert "expirée le" in html


# Accessibility ----------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["cards", "post_card", "my_cards", "preferences"])
def test_wall_screens_have_labelled_fields_ordered_headings_and_no_inline_code(
    partner_client, wall, partner, route
):
    WallCardFactory(author=partner, themes=[ThemeFactory(name="Nutrition")])
    parser = PageStructure()

    parser.feed(partner_client.get(wall_url(wall, route)).content.decode())

    assert parser.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(parser.headings, parser.headings[1:], strict=False))
    assert not [field for field in parser.fields if field not in parser.labels]
    assert parser.inline_styles == []
    assert parser.images_without_alt == []


def test_the_error_summary_links_to_the_card_type_choices(partner_client, wall):
    response = partner_client.post(wall_url(wall, "post_card"), card_data(kind=""))

    assert 'href="#id_kind_0"' in response.content.decode()


def test_a_coordinators_card_is_published_without_waiting_for_review(client, wall, coordinator):
    client.force_login(coordinator)

    client.post(wall_url(wall, "post_card"), card_data())

    card = WallCard.objects.get()
    assert (card.author, card.structure, card.status) == (coordinator, None, "published")
    assert mail.outbox == []
