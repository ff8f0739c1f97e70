"""Upload attacks, over HTTP, on every form of the site that takes a file.

The forms: the admin's image and document screens (single upload, the multiple upload the admin
offers, the chooser's upload), the partners' wall (a card's picture and attachment) and the
relay requests, as a partner and as the coordination. The attacks: an SVG carrying a script (as
.svg and renamed .png), an HTML page renamed .pdf, HTML behind a PDF header, an executable
renamed .docx, a decompression-bomb PNG and a 200 MB file. Each is refused with a French
message, never a server error, and leaves nothing behind (no row, no file in the media folder);
the other files of a multiple upload are kept. The bomb is refused without being decoded, and
the 200 MB body is refused from its Content-Length without a byte of it being read.
"""

import datetime
import html
import http.client
import os
import re
import secrets
import socket
import struct
import subprocess
import sys
import time
import tracemalloc
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import BaseForm
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from home.models import HomePage
from partners.accounts import add_member, open_partner_space
from partners.models import RelayRequest, WallCard
from tests.conftest import create_user, read_from_module_world, rolled_back_after_module
from tests.home.factories import png_bytes
from tests.partners.factories import StructureIndexPageFactory, StructurePageFactory
from tests.partners.relay_fixtures import pdf_bytes
from tests.partners.wall import WallPageFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()
MiB = 1024 * 1024


# Attacks ---------------------------------------------------------------------------------------


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def single_colour_png(width, height):
    """A valid PNG of width × height black pixels (grey scale), never held in memory.

    Its rows are all zeros: one deflate block of 1 MiB of rows, flushed to a byte boundary,
    repeats as is, so 30,000 × 30,000 pixels (900 MB once decoded) weigh under a megabyte and
    take milliseconds to write.
    """
    row = bytes(width + 1)  # the filter byte, then one byte per pixel
    rows_per_block = max(1, MiB // len(row))
    blocks, rest = divmod(height, rows_per_block)

    def deflate(rows):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(row * rows) + compressor.flush(zlib.Z_FULL_FLUSH)

    body = deflate(rows_per_block) * blocks + (deflate(rest) if rest else b"")
    last_block = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    adler32_of_zeros = ((len(row) * height) % 65521) << 16 | 1
    idat = b"\x78\xda" + body + last_block + struct.pack(">I", adler32_of_zeros)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


BOMB = single_colour_png(30_000, 30_000)
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    b'<rect width="40" height="40"/><script>fetch("/admin/users/")</script></svg>'
)
HTML_PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(48) + b"PE\x00\x00"

# What each attack is called, its content, and what the refusal must say: one message per kind
# of form (Wagtail's image form, the site's document checks, the wall's and relay's checks).
ATTACKS = {
    "svg with a script": ("logo.svg", SVG_WITH_SCRIPT),
    "svg renamed .png": ("logo.png", SVG_WITH_SCRIPT),
    "html renamed .pdf": ("affiche.pdf", HTML_PAGE),
    "html behind a pdf header": ("affiche.pdf", b"%PDF-1.7\n" + HTML_PAGE),
    "html with a pdf header in a comment": (
        "affiche.pdf",
        b"<html><!-- %PDF-1.7 --><script>alert(1)</script></html>",
    ),
    "exe renamed .docx": ("notice.docx", EXE),
    "decompression bomb 30000 x 30000": ("bombe.png", BOMB),
}


# Forms -----------------------------------------------------------------------------------------


def card_data(world):
    return {
        "kind": "resource",
        "title": "Le guide des ateliers",
        "text": "Tout le programme en pièce jointe.",
        "link": "",
        "image_alt": "Une affiche",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
    }


def relay_data(world):
    return {
        "subject": "Atelier mémoire à Clamecy le 12 mars",
        "message": "Un atelier gratuit pour les plus de 60 ans.",
        "audience": "habitants",
        "wanted_by": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "link": "",
    }


def admin_data(prefix=""):
    def data(world):
        return {f"{prefix}title": "Envoi", f"{prefix}collection": world.collection.pk}

    return data


@dataclass(frozen=True)
class Form:
    url: object  # world -> URL
    field: str
    data: object  # world -> the other fields
    kind: str  # which checks apply: a key of REFUSALS' entries
    json: bool = False  # the admin's multiple upload, which its script sends as XMLHttpRequest


FORMS = {
    "images: multiple upload": Form(
        lambda w: reverse("wagtailimages:add_multiple"), "files[]", admin_data(), "image", True
    ),
    "images: single upload": Form(
        lambda w: reverse("wagtailimages:add"), "file", admin_data(), "image"
    ),
    "images: chooser upload": Form(
        lambda w: reverse("wagtailimages_chooser:create"),
        "image-chooser-upload-file",
        admin_data("image-chooser-upload-"),
        "image",
    ),
    "documents: multiple upload": Form(
        lambda w: reverse("wagtaildocs:add_multiple"), "files[]", admin_data(), "document", True
    ),
    "documents: single upload": Form(
        lambda w: reverse("wagtaildocs:add"), "file", admin_data(), "document"
    ),
    "documents: chooser upload": Form(
        lambda w: reverse("wagtaildocs_chooser:create"),
        "document-chooser-upload-file",
        admin_data("document-chooser-upload-"),
        "document",
    ),
    "wall: card picture": Form(
        lambda w: w.wall.url + w.wall.reverse_subpage("post_card"), "image", card_data, "picture"
    ),
    "wall: card attachment": Form(
        lambda w: w.wall.url + w.wall.reverse_subpage("post_card"),
        "attachment",
        card_data,
        "wall attachment",
    ),
    "relay request": Form(
        lambda w: "/reseau/relais/", "attachment", relay_data, "relay attachment"
    ),
}

# The French refusal of each attack, by kind of form: Wagtail's image form (pixels counted from
# the header by partners/uploads.py), its document form (content checked against the extension
# by partners/uploads.py), and the site's own checks on the wall's picture and attachment and on
# a relay request's attachment (which may be a picture).
NOT_AN_IMAGE = "Le fichier que vous avez transféré n'est pas une image, ou il est corrompu"
PDF_REFUSALS = {
    "image": NOT_AN_IMAGE,
    "document": "Le contenu de ce fichier ne correspond pas à son extension « .pdf »",
    "picture": "Le format « .pdf » n'est pas accepté",
    "wall attachment": "Le contenu de ce fichier ne correspond pas à son extension « .pdf »",
    "relay attachment": "Le contenu de ce fichier ne correspond pas à son extension « .pdf »",
}
REFUSALS = {
    "svg with a script": {
        "image": "Format d'image non supporté",
        "document": "L'extension de fichier « svg » n'est pas autorisée",
        "picture": "Le format « .svg » n'est pas accepté",
        "wall attachment": "Le format « .svg » n'est pas accepté",
        "relay attachment": "Le format « .svg » n'est pas accepté",
    },
    "svg renamed .png": {
        "image": "L'extension de fichier ne correspond pas au format du fichier (svg)",
        "document": "L'extension de fichier « png » n'est pas autorisée",
        "picture": "Ce fichier n'est pas une image lisible",
        "wall attachment": "Le format « .png » n'est pas accepté",
        "relay attachment": "Ce fichier n'est pas une image lisible",
    },
    "html renamed .pdf": PDF_REFUSALS,
    "html behind a pdf header": PDF_REFUSALS,
    # Willow reads this one as a format it knows, but not an image format.
    "html with a pdf header in a comment": {**PDF_REFUSALS, "image": "Format d'image non supporté"},
    "exe renamed .docx": {
        "image": NOT_AN_IMAGE,
        "document": "Le contenu de ce fichier ne correspond pas à son extension « .docx »",
        "picture": "Le format « .docx » n'est pas accepté",
        "wall attachment": "Le contenu de ce fichier ne correspond pas à son extension « .docx »",
        "relay attachment": "Le contenu de ce fichier ne correspond pas à son extension « .docx »",
    },
    "decompression bomb 30000 x 30000": {
        "image": "Ce fichier a un trop grand nombre de pixels (900000000)",
        "document": "L'extension de fichier « png » n'est pas autorisée",
        "picture": "Cette image compte trop de pixels",
        "wall attachment": "Le format « .png » n'est pas accepté",
        "relay attachment": "Cette image compte trop de pixels",
    },
}


# The world: one structure with its partner, the coordination, the wall -------------------------


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        home = HomePage.objects.get(depth=2)
        directory = StructureIndexPageFactory(parent=home)
        structure = StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas")
        space = open_partner_space(structure)
        partner = create_user("partenaire-ccas", "Partenaires")
        add_member(space, partner)
        yield {
            "partner": partner,
            "coordinator": create_user("coordinatrice", "Coordination"),
            "partner_collection": space.collection,
            "wall": WallPageFactory(parent=home),
        }


partner = read_from_module_world("partner")
coordinator = read_from_module_world("coordinator")
partner_collection = read_from_module_world("partner_collection")
wall = read_from_module_world("wall")


@pytest.fixture(params=["partner", "coordination"])
def world(request, client, wall, partner, coordinator, partner_collection):
    """A logged-in client, as a partner (its structure's collection) or as the coordination."""
    user, collection = (
        (partner, partner_collection)
        if request.param == "partner"
        else (coordinator, Collection.get_first_root_node())
    )
    client.force_login(user)
    return SimpleNamespace(client=client, user=user, collection=collection, wall=wall)


@pytest.fixture
def partner_world(client, wall, partner, partner_collection):
    """The same as a partner only, for the slower tests whose path does not depend on the role."""
    client.force_login(partner)
    return SimpleNamespace(client=client, user=partner, collection=partner_collection, wall=wall)


# What a refusal looks like ---------------------------------------------------------------------


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


def stored_rows():
    return {
        model.__name__: model.objects.count()
        for model in (Image, Document, UploadedFile, WallCard, RelayRequest)
    }


@contextmanager
def nothing_stored():
    rows, files = stored_rows(), media_files()
    yield
    assert stored_rows() == rows
    assert media_files() == files


def refusal_text(response):
    """The refusal: the multiple upload's JSON message, or the errors of the form sent back."""
    if response["Content-Type"].startswith("application/json") and "error_message" in (
        data := response.json()
    ):
        return plain(data["error_message"])
    forms = {
        id(value): value
        for context in response.context or []
        for value in context.flatten().values()
        if isinstance(value, BaseForm) and value.is_bound
    }
    assert forms, f"no form in the answer ({response.status_code})"
    return plain(
        " ".join(
            str(message)
            for form in forms.values()
            for errors in form.errors.values()
            for message in errors
        )
    )


def plain(text):
    """Wagtail's French has typographic apostrophes and non-breaking spaces; the site's not."""
    return text.replace("\u2019", "'").replace("\xa0", " ").replace("\u202f", " ")


def upload(world, form, name, content):
    data = form.data(world)
    data[form.field] = SimpleUploadedFile(name, content)
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if form.json else {}
    return world.client.post(form.url(world), data, **headers)


# Every attack, on every form, by both roles ----------------------------------------------------


@pytest.mark.parametrize("form_name", FORMS)
@pytest.mark.parametrize("attack", ATTACKS)
def test_upload_attack_is_refused_with_a_french_message_and_leaves_nothing(
    world, form_name, attack
):
    form = FORMS[form_name]
    name, content = ATTACKS[attack]

    with nothing_stored():
        response = upload(world, form, name, content)

    assert response.status_code == 200
    text = refusal_text(response)
    assert REFUSALS[attack][form.kind] in text, text
    if form.json:
        assert response.json()["success"] is False


# The same forms take a real file: the refusals above are the content's, not the form's ---------


# Where each kind of form keeps what it accepts.
STORED_AS = {
    "image": "Image",
    "document": "Document",
    "picture": "WallCard",
    "wall attachment": "WallCard",
    "relay attachment": "RelayRequest",
}


@pytest.mark.parametrize("form_name", FORMS)
def test_each_form_accepts_a_genuine_file(world, form_name):
    form = FORMS[form_name]
    name, content = (
        ("logo.png", png_bytes())
        if form.kind in ("image", "picture")
        else ("affiche.pdf", pdf_bytes())
    )
    rows, files = stored_rows(), media_files()

    response = upload(world, form, name, content)

    assert response.status_code in (200, 302)
    assert stored_rows()[STORED_AS[form.kind]] == rows[STORED_AS[form.kind]] + 1
    # The file as sent (the chooser also writes the thumbnail it shows).
    assert [path.read_bytes() for path in media_files() - files].count(content) == 1


# Weight: a 200 MB body is refused unread; a file over its limit never sits in memory -----------


ZEROS = bytes(64 * 1024)


def zeros(size):
    for start in range(0, size, len(ZEROS)):
        yield ZEROS[: min(len(ZEROS), size - start)]


def heavy_png(size, width=4000, height=3000):
    """A PNG of about `size` bytes, 64 KiB IDAT chunk after 64 KiB IDAT chunk: (weight, pieces).

    Pillow checks each chunk's checksum (all the same here) without holding more than one."""
    head = b"\x89PNG\r\n\x1a\n" + png_chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    )
    idat = png_chunk(b"IDAT", ZEROS[: len(ZEROS) - 12])
    tail = png_chunk(b"IEND", b"")
    count = (size - len(head) - len(tail)) // len(idat)

    def pieces():
        yield head
        for _ in range(count):
            yield idat
        yield tail

    return len(head) + count * len(idat) + len(tail), pieces()


class StreamedUpload:
    """A multipart body holding one file, produced as it is read: never whole in memory.

    `bytes_read` says how much of it the server read."""

    boundary = "maillage-streamed-upload"

    def __init__(self, fields, file_field, filename, file_size, pieces):
        boundary = self.boundary.encode()
        head = b"".join(
            b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
            % (boundary, name.encode(), str(value).encode())
            for name, value in fields.items()
        )
        head += (
            b'--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
            b"Content-Type: application/octet-stream\r\n\r\n"
            % (boundary, file_field.encode(), filename.encode())
        )
        tail = b"\r\n--%s--\r\n" % boundary
        self.length = len(head) + file_size + len(tail)
        self.pieces = self._chain(head, pieces, tail)
        self.buffer = b""
        self.bytes_read = 0

    @staticmethod
    def _chain(head, pieces, tail):
        yield head
        yield from pieces
        yield tail

    def read(self, size=-1):
        while size < 0 or len(self.buffer) < size:
            piece = next(self.pieces, None)
            if piece is None:
                break
            self.buffer += piece
        if size < 0:
            size = len(self.buffer)
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        self.bytes_read += len(data)
        return data

    def readline(self, size=-1):
        # Django's LimitedStream wants one; its multipart parser only calls read().
        raise NotImplementedError


def post_streamed(world_or_client, form, name, file_size, pieces, world=None):
    client = getattr(world_or_client, "client", world_or_client)
    body = StreamedUpload(form.data(world or world_or_client), form.field, name, file_size, pieces)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": form.url(world or world_or_client),
        "CONTENT_TYPE": f"multipart/form-data; boundary={body.boundary}",
        "CONTENT_LENGTH": str(body.length),
        "wsgi.input": body,
    }
    if form.json:
        environ["HTTP_X_REQUESTED_WITH"] = "XMLHttpRequest"
    return client.request(**environ), body


def status_kib(field):
    return status_kib_of("self", field)


def status_kib_of(pid, field):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE).group(1))


@contextmanager
def peak_memory():
    """The peak, during the block, of Python's allocations (tracemalloc) and of the process's
    resident memory over what it held before (Linux's high-water mark, reset first: it also
    sees what Pillow allocates in C). `rss` is None where the mark cannot be reset."""
    measure = SimpleNamespace(rss=None)
    try:
        Path("/proc/self/clear_refs").write_text("5")
        rss_before = status_kib("VmRSS")
    except OSError:
        rss_before = None
    tracemalloc.start()
    try:
        yield measure
    finally:
        measure.python = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if rss_before is not None:
            measure.rss = (status_kib("VmHWM") - rss_before) * 1024


TWO_HUNDRED_MB = 200 * MiB


@pytest.mark.parametrize("form_name", FORMS)
def test_a_200_mb_upload_is_refused_unread_with_a_french_message(partner_world, form_name):
    world, form = partner_world, FORMS[form_name]

    with nothing_stored(), peak_memory() as memory:
        response, body = post_streamed(
            world, form, "rapport.pdf", TWO_HUNDRED_MB, zeros(TWO_HUNDRED_MB)
        )

    assert response.status_code == 413
    assert body.bytes_read == 0
    assert memory.python < 8 * MiB, f"{memory.python / MiB:.1f} MiB"
    message = plain(
        response.json()["error_message"]
        if form.json
        else html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    )
    assert (
        "Cet envoi est trop lourd (200,0 Mio) : les images font 10,0 Mio au plus, les documents "
        "20,0 Mio. Réduisez le fichier avant de l'envoyer." in message
    )
    if form.json:
        assert response.json()["success"] is False


def test_a_200_mb_upload_is_refused_before_logging_in_too(client):
    form = FORMS["documents: single upload"]
    world = SimpleNamespace(collection=Collection.get_first_root_node())

    response, body = post_streamed(
        client, form, "rapport.pdf", TWO_HUNDRED_MB, zeros(TWO_HUNDRED_MB), world=world
    )

    assert response.status_code == 413
    assert body.bytes_read == 0


def fake_pdf(size):
    return size, (b"%PDF-1.7\n", *zeros(size - 9))


@pytest.mark.parametrize(
    ("form_name", "name", "make", "message"),
    [
        (
            "images: multiple upload",
            "photo.png",
            heavy_png,
            "Ce fichier est trop gros (%s). La taille de fichier maximale est de 10,0 Mio.",
        ),
        (
            "documents: single upload",
            "rapport.pdf",
            fake_pdf,
            "Ce fichier est trop gros (%s). La taille de fichier maximale est de 8,0 Mio.",
        ),
        (
            "wall: card attachment",
            "rapport.pdf",
            fake_pdf,
            "Ce fichier est trop lourd (%s) : 8,0 Mio au plus.",
        ),
    ],
)
def test_a_file_over_its_limit_is_spooled_to_disk_memory_does_not_grow_with_it(
    partner_world, settings, form_name, name, make, message
):
    world = partner_world
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 8 * MiB  # read at each upload (images: 10 MiB)
    form = FORMS[form_name]
    peaks = {}

    # Both under the request limit, so read whole (the middleware lets them in), both refused.
    for size_mib in (11, 27):
        file_size, pieces = make(size_mib * MiB)
        assert file_size < settings.UPLOAD_MAX_REQUEST_SIZE
        with nothing_stored(), peak_memory() as memory:
            response, body = post_streamed(world, form, name, file_size, pieces)

        assert body.bytes_read == body.length
        assert response.status_code == 200
        weight = f"{file_size / MiB:.1f} Mio".replace(".", ",")
        assert message % weight in refusal_text(response)
        peaks[size_mib] = memory

    # Django writes a file over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file as it arrives:
    # 16 MiB more file, next to no more memory.
    growth = peaks[27].python - peaks[11].python
    assert growth < MiB / 2, f"{growth / MiB:.1f} MiB more for 16 MiB more file"
    assert peaks[27].python < 12 * MiB, f"{peaks[27].python / MiB:.1f} MiB"
    if peaks[27].rss is not None:
        assert peaks[27].rss < 16 * MiB, f"{peaks[27].rss / MiB:.1f} MiB for a 27 MiB file"


# The decompression bomb is refused from its header: its 900 MB are never allocated ------------


@pytest.mark.parametrize(
    "form_name", ["images: multiple upload", "wall: card picture", "relay request"]
)
def test_decompression_bomb_is_refused_without_allocating_its_pixels(partner_world, form_name):
    world, form = partner_world, FORMS[form_name]

    with nothing_stored(), peak_memory() as memory:
        response = upload(world, form, "bombe.png", BOMB)

    assert response.status_code == 200
    assert "pixels" in refusal_text(response)
    assert memory.python < 8 * MiB, f"{memory.python / MiB:.1f} MiB"
    if memory.rss is not None:
        assert memory.rss < 40 * MiB, f"{memory.rss / MiB:.0f} MiB (900 MB decoded)"


# A refused file does not cost the rest of a multiple upload ------------------------------------


def test_multiple_upload_keeps_the_good_images_around_the_refused_ones(world):
    form = FORMS["images: multiple upload"]
    answers = [
        upload(world, form, "affiche.png", png_bytes(colour=(200, 0, 0))).json(),
        upload(world, form, "logo.png", SVG_WITH_SCRIPT).json(),
        upload(world, form, "bombe.png", BOMB).json(),
        post_streamed(world, form, "immense.png", TWO_HUNDRED_MB, zeros(TWO_HUNDRED_MB))[0].json(),
        upload(world, form, "photo.png", png_bytes(colour=(0, 0, 200))).json(),
    ]

    assert [answer["success"] for answer in answers] == [True, False, False, False, True]
    kept = Image.objects.filter(pk__in=[answers[0]["image_id"], answers[4]["image_id"]])
    names = sorted(Path(image.file.name).name for image in kept)
    assert names[0].startswith("affiche") and names[1].startswith("photo")
    assert {image.collection for image in kept} == {world.collection}
    assert all(Path(image.file.path).is_file() for image in kept)


def test_multiple_upload_keeps_the_good_documents_around_the_refused_ones(world):
    form = FORMS["documents: multiple upload"]
    answers = [
        upload(world, form, "programme.pdf", pdf_bytes("Programme")).json(),
        upload(world, form, "affiche.pdf", HTML_PAGE).json(),
        upload(world, form, "notice.docx", EXE).json(),
        post_streamed(world, form, "rapport.pdf", TWO_HUNDRED_MB, zeros(TWO_HUNDRED_MB))[0].json(),
        upload(world, form, "bilan.pdf", pdf_bytes("Bilan")).json(),
    ]

    assert [answer["success"] for answer in answers] == [True, False, False, False, True]
    kept = Document.objects.filter(pk__in=[answers[0]["doc_id"], answers[4]["doc_id"]])
    names = sorted(Path(document.file.name).name for document in kept)
    assert names[0].startswith("bilan") and names[1].startswith("programme")
    assert all(Path(document.file.path).is_file() for document in kept)


# Over a real socket, to the server `make serve` runs: gunicorn, production settings ------------


def child_pids(parent):
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            children.append(int(stat.parent.name))
    return children


@pytest.fixture(scope="module")
def gunicorn_worker(tmp_path_factory):
    """gunicorn with the production settings on a free loopback port: (port, worker's pid)."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed in this virtualenv")
    if not Path("/proc/self/status").exists():
        pytest.skip("the worker's memory is read from Linux's /proc")
    var = tmp_path_factory.mktemp("gunicorn") / "var"
    (var / "static").mkdir(parents=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "FORCE_HTTPS": "false",
        "MAILLAGE_VAR_DIR": str(var),
    }
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    log = (var / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        # Ready once it answers: a body announced too large, and not sent, is refused at once.
        deadline = time.monotonic() + 90
        while True:
            try:
                status, _, _ = send_announced(port, TWO_HUNDRED_MB, send=0)
                assert status == 413
                break
            except OSError:
                assert server.poll() is None, (var / "gunicorn.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.5)
        (worker,) = child_pids(server.pid)
        yield port, worker
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def send_announced(port, file_size, send=None):
    """POST a document of `file_size` bytes (zeros) to the admin's upload, sending at most `send`
    bytes of it (all by default) until the server stops reading: (status, body, bytes sent)."""
    boundary = "maillage"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="rapport.pdf"'
        "\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("POST", reverse("wagtaildocs:add"))
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(len(head) + file_size - 9 + len(tail)))
        connection.endheaders()
        sent = 0
        try:
            connection.send(head)
            for piece in zeros(file_size - 9 if send is None else send):
                connection.send(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed: its answer is still there to read
        response = connection.getresponse()
        return response.status, response.read().decode(), sent
    finally:
        connection.close()


def test_gunicorn_refuses_a_200_mb_upload_before_reading_it(gunicorn_worker):
    port, worker = gunicorn_worker
    peak_before = status_kib_of(worker, "VmHWM")

    status, page, sent = send_announced(port, TWO_HUNDRED_MB)

    assert status == 413
    assert "Cet envoi est trop lourd (200,0" in html.unescape(page)
    # The server answered and closed the connection after what the sockets' buffers hold.
    assert sent < 16 * MiB, f"{sent / MiB:.0f} MiB sent"
    growth_mib = (status_kib_of(worker, "VmHWM") - peak_before) / 1024
    assert growth_mib < 8, f"the worker's peak memory grew by {growth_mib:.0f} MiB"
