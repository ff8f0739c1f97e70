"""A communication officer in Chromium: adds a campaign in Wagtail's admin with a kit (a document
picked in the chooser, a text to copy), publishes it, and the public page's whole kit downloads
as a zip holding them."""

import datetime
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import create_user
from tests.e2e.conftest import login
from tests.events.factories import CampaignIndexPageFactory
from tests.home.factories import DocumentFactory

PASSWORD = "Maillage-2026!Test"  # a test account's, CNIL-compliant
TITLE = "Mois sans tabac en Morvan"
POST = "En novembre, on arrête ensemble : rendez-vous au CCAS."


@pytest.fixture
def editor_page(page):
    """The page, for Wagtail's page editor. Wagtail 8 autosaves the form while it is typed: as
    long as a required field is empty, the autosave's JSON answer is a 400, which Chromium logs
    as a console error. Those errors (one per such answer) are not the site's; any other is."""
    autosaves = []

    def on_response(response):
        if (
            response.request.method == "POST"
            and response.status == 400
            and response.headers.get("content-type") == "application/json"
            and "/admin/pages/" in response.url
        ):
            autosaves.append(response.url)

    page.on("response", on_response)
    yield page
    for url in autosaves:
        logged = f"status of 400 (Bad Request) ({url})"
        found = [error for error in page.errors if error.endswith(logged)]
        if found:
            page.errors.remove(found[0])


@pytest.fixture
def campaigns(home_page):
    """/campagnes/: creating it grants Communication its rights (home/roles.py)."""
    return CampaignIndexPageFactory(parent=home_page)


@pytest.fixture
def poster(db):
    return DocumentFactory(title="Affiche Mois sans tabac", file__filename="affiche.pdf")


@pytest.fixture
def officer(db):
    user = create_user("chargee-com", "Communication")
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def test_communication_publishes_a_campaign_whose_kit_downloads_as_a_zip(
    editor_page, campaigns, poster, officer
):
    page = editor_page
    today = timezone.localdate()
    login(page, officer.username, PASSWORD)

    # The campaigns' section in the admin, then a new campaign.
    page.goto(f"/admin/pages/{campaigns.pk}/")
    page.get_by_role("link", name="Ajouter une sous-page").click()
    page.get_by_role("textbox", name="Titre").first.fill(TITLE)
    page.get_by_role("textbox", name="Résumé").fill("Un mois pour arrêter de fumer, accompagné.")
    period = page.get_by_role("region", name="Période")
    period.get_by_role("textbox", name="Début").fill(today.isoformat())
    period.get_by_role("textbox", name="Fin").fill(
        (today + datetime.timedelta(days=30)).isoformat()
    )

    # Its kit: the poster chosen among the documents, and a text to copy.
    kit = page.get_by_role("region", name="Kit de communication")
    kit.get_by_role("button", name="Ajouter un(e) élément du kit").click()
    first = kit.get_by_role("region", name="Élément du kit 1")
    first.get_by_role("combobox", name="Type").select_option(
        label="Document (affiche, flyer, dépliant…)"
    )
    first.get_by_role("textbox", name="Titre").fill("Affiche A3")
    first.get_by_role("button", name="Choisir un document").first.click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("link", name=poster.title).click()
    expect(chooser).to_be_hidden()
    expect(first).to_contain_text(poster.title)

    kit.get_by_role("button", name="Ajouter un(e) élément du kit").click()
    second = kit.get_by_role("region", name="Élément du kit 2")
    second.get_by_role("combobox", name="Type").select_option(label="Texte prêt à copier")
    second.get_by_role("textbox", name="Titre").fill("Publication")
    second.get_by_role("textbox", name="Texte à copier").fill(POST)

    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text(f"Page « {TITLE} » créée et publiée.")

    # A visitor finds it among the campaigns; its page offers the whole kit as a zip.
    page.context.clear_cookies()
    page.goto("/campagnes/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger tout le kit").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.path()) as archive:
        names = sorted(archive.namelist())
        assert names == ["LISEZMOI.txt", "documents/affiche-a3.pdf", "textes/publication.txt"]
        assert archive.read("documents/affiche-a3.pdf").startswith(b"%PDF")
        assert archive.read("textes/publication.txt").decode("utf-8-sig") == POST
        assert TITLE in archive.read("LISEZMOI.txt").decode("utf-8-sig")
