"""Image uploads as a partner makes them: into its own collection, JPEG, PNG or WebP only.

Everything goes through Wagtail's upload screen over HTTP (the multiple upload the admin offers,
and the single-image form). A refused file gets a French message naming the problem and leaves
nothing behind; a decompression bomb is refused from its header, without being decoded.
"""

import io
import os
import resource
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from partners.accounts import add_member, open_partner_space

from .factories import StructurePageFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()
ADD_MULTIPLE = reverse("wagtailimages:add_multiple")


def picture(image_format, width=120, height=80):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (0, 97, 107)).save(buffer, format=image_format)
    return buffer.getvalue()


def noise(image_format, side):
    """A picture of random pixels, which no compression shrinks."""
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, image_format)
    return buffer.getvalue()


def noise_png(min_bytes):
    """A PNG of at least `min_bytes`."""
    return noise("PNG", int((min_bytes / 3) ** 0.5) + 64)


def cut_in_half(image_format):
    data = noise(image_format, 300)
    return data[: len(data) // 2]


def broken_checksum_png():
    data = picture("PNG")
    return data[:29] + bytes(4) + data[33:]  # the IHDR chunk's CRC


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def blank_png(width, height, rgba=False):
    """A valid PNG of black (or transparent) pixels, written without holding them in memory.

    Its rows are all zeros (filter byte included), so one deflate block of 1 MiB of rows,
    flushed to a byte boundary, repeats as is: 40,000 × 40,000 grey pixels (1.6 GB decoded) fit
    in 1.6 MB and take milliseconds to write.
    """
    channels, colour_type = (4, 6) if rgba else (1, 0)
    row = bytes(width * channels + 1)
    block_rows = max(1, (1 << 20) // len(row))
    blocks, rest = divmod(height, block_rows)

    def deflate(rows):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(row * rows) + compressor.flush(zlib.Z_FULL_FLUSH)

    body = deflate(block_rows) * blocks + (deflate(rest) if rest else b"")
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    adler32_of_zeros = ((len(row) * height) % 65521) << 16 | 1
    idat = b"\x78\xda" + body + end + struct.pack(">I", adler32_of_zeros)
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def upload(client, name, content, collection=None, url=ADD_MULTIPLE):
    """A file posted to the multiple upload (as the admin does) or to the single-image form."""
    file_field = "files[]" if url == ADD_MULTIPLE else "file"
    data = {file_field: SimpleUploadedFile(name, content), "title": name}
    if collection is not None:
        data["collection"] = collection.pk
    return client.post(url, data)


@pytest.fixture
def space(partner, structure):
    return open_partner_space(structure)


@pytest.mark.parametrize(
    ("name", "image_format", "mime"),
    [
        ("logo.jpg", "JPEG", "image/jpeg"),
        ("logo.jpeg", "JPEG", "image/jpeg"),
        ("logo.png", "PNG", "image/png"),
        ("logo.webp", "WEBP", "image/webp"),
    ],
)
def test_partner_uploads_jpeg_png_and_webp_into_its_own_collection(
    client, partner, space, name, image_format, mime
):
    client.force_login(partner)

    response = upload(client, name, picture(image_format), collection=space.collection)

    assert response.json()["success"] is True
    image = Image.objects.get(pk=response.json()["image_id"])
    assert image.collection == space.collection
    assert (image.width, image.height) == (120, 80)
    assert image.file_size == len(picture(image_format))
    assert image.uploaded_by_user == partner
    # Served as what it is, whatever it was called.
    assert PILImage.open(image.file).get_format_mimetype() == mime


REFUSED = {
    "SVG": (
        "logo.svg",
        lambda: (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
            b"<script>alert(1)</script></svg>"
        ),
        "Format d'image non supporté",
    ),
    "GIF": ("anime.gif", lambda: picture("GIF"), "Format d'image non supporté"),
    "PNG named .jpg": (
        "photo.jpg",
        lambda: picture("PNG"),
        "L'extension de fichier ne correspond pas au format du fichier (png)",
    ),
    "HTML named .png": (
        "page.png",
        lambda: b"<!doctype html><html><body><script>alert(1)</script></body></html>",
        "une image valide",
    ),
    "empty file": ("vide.png", lambda: b"", "Le fichier soumis est vide"),
    "PNG cut after its header": (
        "coupe.png",
        lambda: picture("PNG")[:40],
        "une image valide",
    ),
    "PNG cut in half": ("coupe.png", lambda: cut_in_half("PNG"), "une image valide"),
    "JPEG cut in half": ("coupe.jpg", lambda: cut_in_half("JPEG"), "une image valide"),
    "WebP cut in half": (
        "coupe.webp",
        lambda: cut_in_half("WEBP"),
        "une image valide",
    ),
    "PNG with a broken checksum": (
        "abimee.png",
        broken_checksum_png,
        "une image valide",
    ),
    "over 10 MB": (
        "lourde.png",
        lambda: noise_png(10 * 1024 * 1024 + 1),
        "Ce fichier est trop gros",
    ),
    "over 40 megapixels": (
        "immense.png",
        lambda: blank_png(8000, 6000),
        "Ce fichier a un trop grand nombre de pixels (48000000)",
    ),
    "decompression bomb under Pillow's own limit": (
        "bombe.png",
        lambda: blank_png(13_000, 13_000, rgba=True),
        "Ce fichier a un trop grand nombre de pixels (169000000)",
    ),
    "decompression bomb over Pillow's own limit": (
        "bombe.png",
        lambda: blank_png(40_000, 40_000),
        "Ce fichier a un trop grand nombre de pixels",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_partner_upload_is_refused_with_a_clear_message(client, partner, space, case):
    name, content, message = REFUSED[case]
    client.force_login(partner)

    response = upload(client, name, content(), collection=space.collection)

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert message in response.json()["error_message"]
    assert not Image.objects.exists()


def test_decompression_bomb_is_refused_without_being_decoded(client, partner, space):
    # 169 megapixels, under the 179 at which Pillow refuses by itself: 676 MB once decoded.
    bomb = blank_png(13_000, 13_000, rgba=True)
    client.force_login(partner)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    response = upload(client, "bombe.png", bomb, collection=space.collection)

    peak_growth_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert response.json()["success"] is False
    assert peak_growth_mib < 200, f"the upload took {peak_growth_mib:.0f} MiB"


def test_single_image_form_refuses_svg_too(client, partner, space):
    client.force_login(partner)

    response = upload(client, "logo.svg", b"<svg></svg>", url=reverse("wagtailimages:add"))

    assert response.status_code == 200
    assert "Format d'image non supporté" in " ".join(response.context["form"].errors["file"])
    assert not Image.objects.exists()


# Collections: a partner's uploads never land in another structure's ---------------------------


@pytest.mark.parametrize("url", [ADD_MULTIPLE, reverse("wagtailimages:add")])
def test_partner_upload_aimed_at_another_structures_collection_stays_its_own(
    client, partner, space, other_structure, url
):
    other_collection = open_partner_space(other_structure).collection
    client.force_login(partner)

    upload(client, "logo.png", picture("PNG"), collection=other_collection, url=url)

    # With a single collection of its own, Wagtail files the image there, whatever was posted.
    assert not Image.objects.filter(collection=other_collection).exists()
    assert Image.objects.get().collection == space.collection


def test_partner_of_two_structures_cannot_upload_into_a_third(
    client, partner, space, directory, other_structure
):
    second = StructurePageFactory(parent=directory, title="EHPAD des Vaux", slug="ehpad")
    second_space = open_partner_space(second)
    add_member(second_space, partner)
    other_collection = open_partner_space(other_structure).collection
    client.force_login(partner)

    refused = upload(
        client,
        "logo.png",
        picture("PNG"),
        collection=other_collection,
        url=reverse("wagtailimages:add"),
    )
    accepted = upload(client, "logo.png", picture("PNG"), collection=second_space.collection)

    assert refused.status_code == 200
    assert "collection" in refused.context["form"].errors
    assert not Image.objects.filter(collection=other_collection).exists()
    assert Image.objects.get(pk=accepted.json()["image_id"]).collection == second_space.collection


def test_partner_document_aimed_at_another_structures_collection_stays_its_own(
    client, partner, space, other_structure
):
    other_collection = open_partner_space(other_structure).collection
    client.force_login(partner)

    client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("plaquette.pdf", b"%PDF-1.4 plaquette"),
            "title": "Plaquette",
            "collection": other_collection.pk,
        },
    )

    document = get_document_model().objects.get()
    assert document.collection == space.collection
