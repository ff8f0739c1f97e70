"""Documents are handed out by Wagtail's serve view only, never straight from the media folder.

The serve view checks the document's collection (a private collection stays private), counts
the download and sends the file as a download that no browser runs (attachment, nosniff, a
Content-Security-Policy that allows nothing). So /media/documents/… answers 404 in every
configuration: the test settings, with SERVE_MEDIA_FILES on (development, `make serve`), and with
the production settings, where WhiteNoise serves the collected static files and nothing else. The
wall's files (reseau/) and the kits' zips (kits/) are kept out of /media/ the same way.
"""

import importlib.util
import json
import os
import secrets
import subprocess
import sys
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from tests.conftest import create_user
from tests.home.factories import DocumentFactory, ImageFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def document():
    return DocumentFactory(
        title="Compte rendu du comité", file__filename="compte-rendu.pdf", file__data=PDF
    )


def file_url(stored_file):
    return settings.MEDIA_URL + stored_file.name


def media_spellings(name):
    """The same file under /media/, spelt as an attacker might try to slip past a folder check."""
    folder, rest = name.split("/", 1)
    media = settings.MEDIA_URL
    return [
        f"{media}{folder}/{rest}",
        f"{media}/{folder}/{rest}",
        f"{media}./{folder}/{rest}",
        f"{media}original_images/../{folder}/{rest}",
        f"{media}{folder}//{rest}",
        f"{media}%2e/{folder}/{rest}",
    ]


def test_document_is_not_found_under_media(client, document):
    for url in media_spellings(document.file.name):
        assert client.get(url).status_code == 404, url


# With SERVE_MEDIA_FILES on, as in development and `make serve` ----------------------------------


@pytest.fixture
def media_served(settings):
    """The site's URLs built afresh with SERVE_MEDIA_FILES on (config.urls reads it on import)."""
    settings.SERVE_MEDIA_FILES = True
    name = "tests.security.urls_with_media"
    spec = importlib.util.find_spec("config.urls")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    settings.ROOT_URLCONF = name
    yield
    del sys.modules[name]


def test_with_media_served_images_are_served_but_documents_are_not(client, media_served, document):
    image = ImageFactory()
    image_response = client.get(file_url(image.file))
    assert image_response.status_code == 200  # the media route is really there
    with image.file.open("rb") as stored:
        assert b"".join(image_response.streaming_content) == stored.read()

    for url in media_spellings(document.file.name):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("folder", ["reseau", "kits"])
def test_with_media_served_the_walls_files_and_the_kits_are_not_either(
    client, media_served, folder
):
    name = default_storage.save(f"{folder}/2026/programme.pdf", ContentFile(PDF))
    try:
        for url in media_spellings(name):
            assert client.get(url).status_code == 404, url
    finally:
        default_storage.delete(name)


# With the production settings: WhiteNoise serves its collected static files, never media -----

PRODUCTION_PROBE = """
import importlib.util, json, sys
import django
django.setup()
from django.conf import settings
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import Resolver404, get_resolver
from whitenoise.middleware import WhiteNoiseMiddleware

factory = RequestFactory()
# What comes after WhiteNoise in the stack: a status no real view gives.
whitenoise = WhiteNoiseMiddleware(lambda request: HttpResponse(status=299))
probe = {
    "serve_media_by_default": settings.SERVE_MEDIA_FILES,
    "whitenoise": {url: whitenoise(factory.get(url)).status_code for url in sys.argv[1:]},
}
# The site's URLs as production builds them, then as `make serve` does (SERVE_MEDIA_FILES=true).
for serve_media in (False, True):
    settings.SERVE_MEDIA_FILES = serve_media
    name = f"urls_serving_media_{serve_media}"
    spec = importlib.util.find_spec("config.urls")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    answers = probe[f"urls, SERVE_MEDIA_FILES={serve_media}"] = {}
    for url in sys.argv[1:]:
        try:
            match = get_resolver(name).resolve(url)
        except Resolver404:
            answers[url] = {"view": None, "status": 404}
            continue
        view = f"{match.func.__module__}.{match.func.__name__}"
        status = None
        if view == "config.urls.serve_public_media":
            try:
                status = match.func(factory.get(url), **match.kwargs).status_code
            except Http404:
                status = 404
        answers[url] = {"view": view, "status": status}
print(json.dumps(probe))
"""

PRODUCTION_URLS = [
    "/static/robots.txt",
    "/media/original_images/logo.png",
    "/media/documents/compte-rendu.pdf",
    "/media//documents/compte-rendu.pdf",
    "/media/original_images/../documents/compte-rendu.pdf",
    "/static/../media/documents/compte-rendu.pdf",
]
DOCUMENT_URLS = [url for url in PRODUCTION_URLS if "documents" in url]


@pytest.fixture(scope="module")
def production_probe(tmp_path_factory):
    """The production settings in their own process (as gunicorn loads them), with a media
    folder holding a document and an image, and a static file as collectstatic writes it."""
    var = tmp_path_factory.mktemp("production") / "var"
    (var / "media/documents").mkdir(parents=True)
    (var / "media/documents/compte-rendu.pdf").write_bytes(PDF)
    (var / "media/original_images").mkdir()
    (var / "media/original_images/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (var / "static").mkdir()
    (var / "static/robots.txt").write_text("User-agent: *\n")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver",
        "FORCE_HTTPS": "false",
        "MAILLAGE_VAR_DIR": str(var),
    }
    for name in ("DATABASE_URL", "REDIS_URL", "SERVE_MEDIA_FILES"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE, *PRODUCTION_URLS],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_whitenoise_serves_static_files_and_never_media(production_probe):
    whitenoise = production_probe["whitenoise"]

    assert whitenoise["/static/robots.txt"] == 200
    # Everything else goes on to Django (299: the probe's stand-in for the rest of the stack).
    for url in PRODUCTION_URLS[1:]:
        assert whitenoise[url] == 299, url


def test_production_has_no_media_route_by_default(production_probe):
    answers = production_probe["urls, SERVE_MEDIA_FILES=False"]

    assert production_probe["serve_media_by_default"] is False
    # /media/… matches no route, or falls to the page tree, which has no such page: a 404.
    for url in PRODUCTION_URLS[1:]:
        assert answers[url]["view"] in (None, "wagtail.views.serve"), url


def test_production_with_make_serves_media_route_refuses_documents(production_probe):
    answers = production_probe["urls, SERVE_MEDIA_FILES=True"]

    assert answers["/media/original_images/logo.png"]["status"] == 200
    for url in DOCUMENT_URLS:
        assert answers[url]["status"] == 404, url


# The serve view: a download no browser runs ----------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("compte-rendu.pdf", PDF),
        ("notes.txt", b"Ordre du jour\n"),
        ("tableau.csv", b"structure;actions\nCCAS;3\n"),
    ],
)
def test_serve_view_sends_a_download_that_no_browser_runs(client, filename, data):
    document = DocumentFactory(file__filename=filename, file__data=data)

    response = client.get(document.url)

    assert document.url == reverse("wagtaildocs_serve", args=[document.pk, document.filename])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Disposition"].startswith("attachment;")
    assert document.filename in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


# A private collection stays private ------------------------------------------------------------


@pytest.fixture
def private_collection():
    root = Collection.get_first_root_node()
    return root.add_child(name="Comité de pilotage")


@pytest.mark.parametrize("restriction_type", ["login", "groups", "password"])
def test_document_of_a_private_collection_is_refused_to_anonymous_visitors(
    client, private_collection, restriction_type
):
    restriction = CollectionViewRestriction.objects.create(
        collection=private_collection,
        restriction_type=restriction_type,
        password="mot-de-passe-du-comite" if restriction_type == "password" else "",
    )
    if restriction_type == "groups":
        restriction.groups.set([Group.objects.get(name="Coordination")])
    document = DocumentFactory(
        collection=private_collection, file__filename="budget.pdf", file__data=PDF
    )

    response = client.get(document.url)

    if restriction_type == "password":
        assert response.status_code == 200
        assert "mot de passe" in response.content.decode().lower()
        assert not response.streaming
    else:
        assert response.status_code == 302
        # To Wagtail's front-end login, which brings the visitor back to the document.
        assert "login" in response["Location"]
        assert f"next={document.url}" in unquote(response["Location"])
    assert PDF not in getattr(response, "content", b"")
    assert client.get(file_url(document.file)).status_code == 404


def test_document_restricted_to_the_coordination_is_refused_to_a_partner_and_given_to_it(
    client, private_collection
):
    restriction = CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type="groups"
    )
    restriction.groups.set([Group.objects.get(name="Coordination")])
    document = DocumentFactory(
        collection=private_collection, file__filename="budget.pdf", file__data=PDF
    )

    client.force_login(create_user("partenaire-ccas", "Partenaires"))
    refused = client.get(document.url)
    client.force_login(create_user("coordinatrice", "Coordination"))
    served = client.get(document.url)

    assert refused.status_code in (302, 403)
    assert not refused.streaming
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
