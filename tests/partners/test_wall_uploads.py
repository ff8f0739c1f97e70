"""Files on the wall: what a card may carry, and who may download it.

A card's image or attachment goes through the site's upload checks (allow-list, weight, content,
pixels read from the header); it is stored under reseau/, never served from /media/, and handed
out by the wall to members who may see the card, with a fixed type and a sandbox.
"""

import datetime
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from partners.models import WallCard, WallCardKind, WallCardStatus

from .wall import WallCardFactory, image_bytes, wall_url

pytest_plugins = ["tests.partners.wall_fixtures"]

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n" + b" " * 200


def card_data(**overrides):
    data = {
        "kind": WallCardKind.RESOURCE,
        "title": "Le guide des ateliers",
        "text": "Tout le programme en pièce jointe.",
        "link": "",
        "image_alt": "",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
    }
    data.update(overrides)
    return data


def bomb_png(width=30000, height=30000):
    """A tiny PNG whose header declares a huge picture (a decompression bomb)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def post(client, wall, **files_and_fields):
    return client.post(wall_url(wall, "post_card"), card_data(**files_and_fields))


def test_a_card_carries_an_image_and_a_pdf_stored_under_reseau(partner_client, wall):
    response = post(
        partner_client,
        wall,
        image=SimpleUploadedFile("affiche.png", image_bytes(), "image/png"),
        image_alt="L'affiche de l'atelier",
        attachment=SimpleUploadedFile("programme.pdf", PDF, "application/pdf"),
    )

    assert response.status_code == 302
    card = WallCard.objects.get()
    assert card.image.name.startswith("reseau/")
    assert card.attachment.name.startswith("reseau/")
    assert (card.image_width, card.image_height) == (40, 30)


@pytest.mark.parametrize(
    "field, upload, message",
    [
        (
            "attachment",
            SimpleUploadedFile("programme.pdf", b"<html><script>alert(1)</script></html>"),
            "ne correspond pas à son extension « .pdf »",
        ),
        (
            "attachment",
            SimpleUploadedFile("dessin.svg", b"<svg><script>alert(1)</script></svg>"),
            "Le format « .svg » n&#x27;est pas accepté",
        ),
        (
            "image",
            SimpleUploadedFile("dessin.svg", b"<svg><script>alert(1)</script></svg>"),
            "Le format « .svg » n&#x27;est pas accepté",
        ),
        (
            "attachment",
            SimpleUploadedFile("page.html", b"<html></html>"),
            "Le format « .html » n&#x27;est pas accepté",
        ),
        (
            "image",
            SimpleUploadedFile("bombe.png", bomb_png()),
            "Cette image compte trop de pixels",
        ),
        (
            "image",
            SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n not really"),
            "n&#x27;est pas une image lisible",
        ),
        (
            "image",
            SimpleUploadedFile("programme.png", PDF),
            "n&#x27;est pas une image lisible",
        ),
    ],
)
def test_a_disguised_or_dangerous_file_is_refused_with_the_card_kept(
    partner_client, wall, field, upload, message
):
    extra = {"image_alt": "Une image"} if field == "image" else {}

    response = post(partner_client, wall, **{field: upload}, **extra)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Le guide des ateliers"' in html
    assert "choisissez de nouveau" in html
    assert not WallCard.objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_a_file_over_the_size_limit_is_refused(partner_client, wall):
    response = post(
        partner_client,
        wall,
        attachment=SimpleUploadedFile("gros.pdf", PDF + b" " * 2048, "application/pdf"),
    )

    assert response.status_code == 200
    assert "Ce fichier est trop lourd" in response.content.decode()
    assert not WallCard.objects.exists()


def test_an_image_needs_its_alternative_text(partner_client, wall):
    response = post(
        partner_client, wall, image=SimpleUploadedFile("affiche.png", image_bytes(), "image/png")
    )

    assert response.status_code == 200
    assert "Décrivez l&#x27;image en quelques mots" in response.content.decode()
    assert not WallCard.objects.exists()


# Serving ---------------------------------------------------------------------------------------


@pytest.fixture
def card_with_files(partner_client, wall, partner):
    post(
        partner_client,
        wall,
        image=SimpleUploadedFile("affiche.png", image_bytes(), "image/png"),
        image_alt="L'affiche",
        attachment=SimpleUploadedFile("programme.pdf", PDF, "application/pdf"),
    )
    card = WallCard.objects.get()
    card.status = WallCardStatus.PUBLISHED
    card.save()
    return card


def test_members_download_a_cards_files_with_a_fixed_type_and_a_sandbox(
    client, wall, card_with_files, other_partner
):
    client.force_login(other_partner)

    image = client.get(wall_url(wall, "card_file", card_with_files.pk, "image"))
    attachment = client.get(wall_url(wall, "card_file", card_with_files.pk, "piece-jointe"))

    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert attachment["Content-Type"] == "application/pdf"
    assert attachment["Content-Disposition"].startswith("attachment;")
    for response in (image, attachment):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(attachment.streaming_content) == PDF


def test_the_files_of_a_card_others_may_not_see_are_a_404(
    client, wall, card_with_files, partner, other_partner, coordinator
):
    card_with_files.status = WallCardStatus.PENDING
    card_with_files.save()
    url = wall_url(wall, "card_file", card_with_files.pk, "piece-jointe")

    client.force_login(other_partner)
    assert client.get(url).status_code == 404
    client.force_login(partner)  # its author
    assert client.get(url).status_code == 200
    client.force_login(coordinator)  # who moderates it
    assert client.get(url).status_code == 200


def test_an_expired_or_withdrawn_cards_files_are_a_404_for_other_members(
    client, wall, card_with_files, other_partner
):
    client.force_login(other_partner)
    url = wall_url(wall, "card_file", card_with_files.pk, "image")
    WallCard.objects.update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    assert client.get(url).status_code == 404
    WallCard.objects.update(expires_on=timezone.localdate(), status=WallCardStatus.WITHDRAWN)
    assert client.get(url).status_code == 404


def test_unknown_file_kinds_and_missing_files_are_a_404(partner_client, wall, partner):
    card = WallCardFactory(author=partner)

    assert partner_client.get(wall_url(wall, "card_file", card.pk, "image")).status_code == 404
    assert partner_client.get(wall_url(wall, "card_file", card.pk, "autre")).status_code == 404


def test_wall_files_are_never_served_from_the_media_folder(rf, card_with_files):
    from django.http import Http404

    from config.urls import serve_public_media

    with pytest.raises(Http404):
        serve_public_media(rf.get("/media/"), card_with_files.attachment.name)
