"""Document uploads through Wagtail's add-document screen, checked by partners/uploads.py.

Wagtail checks a document's extension and weight, never its content: the site's form
(WAGTAILDOCS_DOCUMENT_FORM_BASE) refuses a file whose content is not what its extension says,
an archive that would unpack to far more than it weighs, and a text file holding markup. Each
refusal is a French message on the re-rendered form, and nothing is stored. Documents are never
served from the media folder: only through Wagtail's serve view.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from config.urls import serve_public_media
from tests.home.factories import DocumentFactory

pytestmark = pytest.mark.django_db

Document = get_document_model()
ADD = reverse("wagtaildocs:add")


def office_zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def real_docx():
    return office_zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "word/document.xml": "<w:document/>",
        }
    )


def real_odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )  # stored, first, as OpenDocument wants it
        archive.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def zip_bomb():
    """A .docx of a few hundred kilobytes that unpacks to 120 MB, written chunk by chunk."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = bytes(1024 * 1024)
            for _ in range(120):
                entry.write(chunk)
    return buffer.getvalue()


def upload(client, name, content, title="Affiche"):
    return client.post(
        ADD,
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.fixture
def communication(client, make_user):
    user = make_user("chargee-communication", "Communication")
    client.force_login(user)
    return user


def file_errors(response):
    assert response.status_code == 200, "the form should be shown again"
    return " ".join(response.context["form"].errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "affiche.pdf",
            b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
            "ne correspond pas à son extension « .pdf »",
        ),
        ("communique.docx", b"PK\x03\x04" + b"not a zip at all" * 10, "« .docx »"),
        (
            "communique.docx",
            office_zip({"word/document.xml": "<w:document/>"}),
            "Word (DOCX) attendu",
        ),
        (
            "depliant.odt",
            office_zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
            "texte OpenDocument (ODT) attendu",
        ),
        ("notes.txt", b"Bonjour\n<script>alert('x')</script>", "« .txt »"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "svg",
        ),
    ],
    ids=[
        "html-as-pdf",
        "docx-not-a-zip",
        "docx-not-ooxml",
        "odt-wrong-mimetype",
        "txt-script",
        "svg",
    ],
)
def test_disguised_or_unknown_documents_are_refused_with_a_message(
    client, communication, name, content, message
):
    response = upload(client, name, content)

    assert message in file_errors(response)
    assert "« »" not in file_errors(response)
    assert not Document.objects.exists()
    # Nothing lost: the title typed is still in the form.
    assert 'value="Affiche"' in response.content.decode()


def test_zip_bomb_is_refused_from_its_directory(client, communication):
    bomb = zip_bomb()
    assert len(bomb) < 2 * 1024 * 1024

    response = upload(client, "communique.docx", bomb)

    assert "se décompresse en bien plus que son poids" in file_errors(response)
    assert not Document.objects.exists()


def test_too_large_document_is_refused(client, communication, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024

    response = upload(client, "affiche.pdf", b"%PDF-1.4 " + b"x" * 4096)

    errors = file_errors(response)
    assert "Ce fichier est trop gros (4,0\xa0Kio)" in errors
    assert "extension" not in errors  # the one reason, not a second confusing one
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("affiche.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
        ("communique.docx", real_docx()),
        ("depliant.odt", real_odt()),
        ("notes.txt", "Rendez-vous le 12 novembre à 18 h.".encode()),
    ],
    # Named by file: the zips hold the time they were made, and xdist's workers must collect
    # the same ids.
    ids=["pdf", "docx", "odt", "txt"],
)
def test_real_documents_are_accepted(client, communication, name, content):
    response = upload(client, name, content, title=name)

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.title == name
    assert document.file_size == len(content)


def test_documents_are_never_served_from_the_media_folder(rf):
    document = DocumentFactory(file__filename="affiche.pdf")
    name = document.file.name
    assert name.startswith("documents/")

    for path in (name, f"./{name}", f"images/../{name}", f"/{name}", f"%64ocuments/{name[10:]}"):
        with pytest.raises(Http404):
            serve_public_media(rf.get("/media/" + path), path)


def test_wagtails_serve_view_hands_documents_out(client):
    document = DocumentFactory(file__filename="affiche.pdf")

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
