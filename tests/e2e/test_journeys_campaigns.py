"""A communication officer in Chromium: adds a campaign in Wagtail's admin with a kit (a document
picked in the chooser, a text to copy), publishes it, and the public page's whole kit downloads
as a zip holding them."""

import datetime
import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.e2e.journeys import PASSWORD, Editor, member
from tests.events.factories import CampaignIndexPageFactory
from tests.home.factories import DocumentFactory

TITLE = "Mois sans tabac en Morvan"
POST = "En novembre, on arrête ensemble : rendez-vous au CCAS."


@pytest.fixture(autouse=True)
def no_autosave(settings):
    """Without the editor's autosave: on a new page, an autosave that fires as "Publier" is
    clicked creates the page at the same moment (tests/home/test_creation_at_once.py: the second
    request then gets the form back with its slug's error, and the journey would stop there)."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def editor(page):
    editor = Editor(page)
    yield editor
    editor.forget_autosave_refusals()


@pytest.fixture
def campaigns(home_page):
    """/campagnes/: creating it grants Communication its rights (home/roles.py)."""
    return CampaignIndexPageFactory(parent=home_page)


@pytest.fixture
def poster(db):
    return DocumentFactory(title="Affiche Mois sans tabac", file__filename="affiche.pdf")


@pytest.fixture
def officer(db):
    return member("chargee-com", "Communication")


def test_communication_publishes_a_campaign_whose_kit_downloads_as_a_zip(
    page, editor, campaigns, poster, officer
):
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

    editor.settle()
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    # "Page « … » créée et publiée." or, when an autosave has already created it as a draft,
    # "La page « … » a été publiée."
    expect(page.get_by_role("status")).to_contain_text(re.compile(rf"«\s*{TITLE}\s*».*publiée"))

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
