"""The demo wall: /reseau/ for the demo accounts, fifteen cards of every type and state."""

import pytest
from django.contrib.auth import get_user_model

from partners.models import WallCard, WallCardKind, WallCardStatus, WallPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_territory")]


def test_the_demo_wall_is_closed_and_out_of_the_menus():
    wall = WallPage.objects.get(slug="reseau")

    assert wall.title == "Réseau des partenaires"
    assert not wall.show_in_menus
    assert wall.get_view_restrictions().filter(restriction_type="login").exists()
    assert wall.intro and wall.charter


def test_the_demo_has_fifteen_cards_of_every_type_and_state():
    cards = WallCard.objects.all()
    today_visible = WallCard.objects.visible()

    assert cards.count() == 15
    assert set(cards.values_list("kind", flat=True)) == set(WallCardKind.values)
    assert cards.filter(status=WallCardStatus.PENDING).count() >= 2
    assert cards.filter(status=WallCardStatus.REJECTED).exclude(moderation_note="").count() == 1
    assert cards.filter(status=WallCardStatus.PUBLISHED).count() - today_visible.count() == 1
    assert set(cards.values_list("author__username", flat=True)) == {
        "partenaire1",
        "partenaire2",
        "coordination",
        "communication",
    }
    assert cards.exclude(image="").count() == 1
    assert cards.exclude(attachment="").count() == 1
    assert cards.filter(themes__isnull=False).distinct().count() >= 10


def test_partenaire1_reads_the_demo_wall_and_its_files(client):
    client.force_login(get_user_model().objects.get(username="partenaire1"))
    wall = WallPage.objects.get(slug="reseau")
    with_image = WallCard.objects.exclude(image="").get()
    with_pdf = WallCard.objects.exclude(attachment="").get()

    html = client.get(wall.url).content.decode()
    image = client.get(wall.url + wall.reverse_subpage("card_file", args=[with_image.pk, "image"]))
    pdf = client.get(
        wall.url + wall.reverse_subpage("card_file", args=[with_pdf.pk, "piece-jointe"])
    )

    assert "La CPTS accueille deux nouveaux médecins" in html
    assert "Cherche interprète" in html
    assert image["Content-Type"] == "image/png"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
