"""The coordination moderates the wall's cards in the admin; communication only looks.

Everything goes through real HTTP requests to the admin.
"""

import pytest
from django.core import mail
from django.urls import reverse

from partners.models import WallCardStatus

from .wall import WallCardFactory

pytest_plugins = ["tests.partners.wall_fixtures"]

pytestmark = pytest.mark.django_db


def edit_url(card):
    return reverse("wall_cards:edit", args=[card.pk])


@pytest.fixture
def pending_card(partner, structure):
    return WallCardFactory(
        author=partner,
        structure=structure,
        title="Atelier mémoire : places libres",
        status=WallCardStatus.PENDING,
    )


def test_the_coordination_lists_and_filters_cards(client, coordinator, pending_card, wall):
    WallCardFactory(author=pending_card.author, title="Déjà publiée")
    client.force_login(coordinator)

    listing = client.get(reverse("wall_cards:index"), {"status": "pending"}).content.decode()
    searched = client.get(reverse("wall_cards:index"), {"q": "mémoire"}).content.decode()

    assert "Atelier mémoire" in listing
    assert "Déjà publiée" not in listing
    assert "Atelier mémoire" in searched
    assert "Déjà publiée" not in searched


def test_the_edit_form_changes_only_the_status_and_the_note(
    client, coordinator, pending_card, wall
):
    client.force_login(coordinator)

    form = client.get(edit_url(pending_card)).content.decode()
    client.post(
        edit_url(pending_card),
        {"status": "published", "moderation_note": "", "title": "Titre changé", "kind": "need"},
    )

    pending_card.refresh_from_db()
    assert "Un atelier ouvert à tous les partenaires." in form  # the text, shown
    assert 'name="title"' not in form
    assert pending_card.title == "Atelier mémoire : places libres"
    assert pending_card.kind == "news"
    assert pending_card.status == WallCardStatus.PUBLISHED


def test_approving_a_card_publishes_it_and_tells_its_author(
    client, coordinator, pending_card, partner, wall, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(pending_card), {"status": "published", "moderation_note": ""}
        )

    pending_card.refresh_from_db()
    assert response.status_code == 302
    assert pending_card.status == WallCardStatus.PUBLISHED
    assert pending_card.moderated_by == coordinator
    assert pending_card.published_at is not None
    [message] = mail.outbox
    assert message.to == [partner.email]
    assert "publiée" in message.subject
    assert "/reseau/" in message.body


def test_refusing_a_card_sends_the_note_to_its_author(
    client, coordinator, pending_card, partner, wall, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            edit_url(pending_card),
            {"status": "rejected", "moderation_note": "Merci de préciser la date."},
        )

    pending_card.refresh_from_db()
    assert pending_card.status == WallCardStatus.REJECTED
    [message] = mail.outbox
    assert message.to == [partner.email]
    assert "Merci de préciser la date." in message.body
    assert f"/reseau/cartes/{pending_card.pk}/modifier/" in message.body


def test_saving_without_changing_the_status_sends_nothing(
    client, coordinator, pending_card, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(pending_card), {"status": "pending", "moderation_note": "À voir"})

    assert mail.outbox == []


def test_communication_sees_the_cards_but_cannot_moderate(client, communicant, pending_card):
    client.force_login(communicant)

    listing = client.get(reverse("wall_cards:index"))
    inspect = client.get(reverse("wall_cards:inspect", args=[pending_card.pk]))
    edit = client.get(edit_url(pending_card))
    post = client.post(edit_url(pending_card), {"status": "published", "moderation_note": ""})

    assert listing.status_code == 200
    assert "Atelier mémoire" in listing.content.decode()
    assert inspect.status_code == 200
    assert edit.status_code in (302, 403)
    assert post.status_code in (302, 403)
    pending_card.refresh_from_db()
    assert pending_card.status == WallCardStatus.PENDING


def test_partners_cannot_reach_the_moderation_screens(client, other_partner, pending_card):
    client.force_login(other_partner)

    for url in (
        reverse("wall_cards:index"),
        reverse("wall_cards:inspect", args=[pending_card.pk]),
        edit_url(pending_card),
    ):
        assert client.get(url).status_code in (302, 403), url
    client.post(edit_url(pending_card), {"status": "published", "moderation_note": ""})

    pending_card.refresh_from_db()
    assert pending_card.status == WallCardStatus.PENDING


def test_the_reseau_menu_shows_the_cards_to_the_coordination_only(
    client, coordinator, other_partner, wall
):
    client.force_login(coordinator)
    coordination_menu = client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(other_partner)
    partner_menu = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Cartes du mur" in coordination_menu
    assert "Cartes du mur" not in partner_menu
    # Every member gets the way to the wall itself.
    for menu in (coordination_menu, partner_menu):
        assert '"mur-du-reseau"' in menu


def test_the_admin_link_leads_members_to_the_wall(client, partner, wall):
    client.force_login(partner)

    response = client.get(reverse("partners_wall"))

    assert response.status_code == 302
    assert response.url == wall.url
