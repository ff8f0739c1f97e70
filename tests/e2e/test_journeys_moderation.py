"""Partners and the coordination in Chromium: a partner edits its structure in Wagtail's admin and
submits it; the live page waits for the coordinator's approval on the dashboard; a partner is
refused another structure's editor and never sees its draft."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.e2e.journeys import PASSWORD, Editor, member
from tests.partners.factories import StructureIndexPageFactory, StructurePageFactory

LIVE_TEXT = "Accueil social et accès aux droits, sur rendez-vous."
NEW_TEXT = "Accueil social sans rendez-vous le mardi matin, aide alimentaire le jeudi."
DRAFT_TEXT = "Projet confidentiel : fusion avec le CCAS voisin en juin."


@pytest.fixture
def directory(home_page):
    return StructureIndexPageFactory(parent=home_page)


@pytest.fixture
def structure(directory):
    return StructurePageFactory(
        parent=directory, title="CCAS de Clamecy", slug="ccas-clamecy", short_description=LIVE_TEXT
    )


@pytest.fixture
def other_structure(directory):
    """Another structure, with a draft of unpublished changes."""
    page = StructurePageFactory(parent=directory, title="CPTS du Morvan", slug="cpts-morvan")
    page.short_description = DRAFT_TEXT
    page.save_revision()
    return page


@pytest.fixture
def partner(structure):
    return member("partenaire-ccas", "Partenaires", structure=structure)


@pytest.fixture
def coordinator(db):
    return member("coordinatrice", "Coordination")


def public_text(page, url):
    page.goto(url)
    return page.get_by_role("main").inner_text()


def test_partner_submits_its_structure_and_the_coordinator_approves_it(
    page, structure, partner, coordinator
):
    editor = Editor(page)
    # The partner edits the short description and submits it to the coordination.
    login(page, partner.username, PASSWORD)
    page.goto(f"/admin/pages/{structure.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(structure.title)
    expect(page.get_by_role("button", name="Publier")).to_have_count(0)
    page.get_by_role("textbox", name="Présentation courte").fill(NEW_TEXT)
    editor.settle()
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Soumettre à Validation par la coordination").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"La page « {structure.title} » a été soumise pour modération."
    )

    # Visitors still read the live page.
    page.context.clear_cookies()
    live = public_text(page, structure.url)
    assert LIVE_TEXT in live and NEW_TEXT not in live

    # The coordinator finds it on the dashboard and approves it.
    login(page, coordinator.username, PASSWORD)
    awaiting = page.get_by_role("region", name="En attente de votre vérification")
    row = awaiting.get_by_role("row").filter(has=page.get_by_role("link", name=structure.title))
    submitter = partner.get_full_name() or partner.username
    expect(row.get_by_role("cell", name=submitter)).to_be_visible()
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approuver", exact=True).click()
    expect(row).to_have_count(0)

    # The public page now shows the change.
    page.context.clear_cookies()
    live = public_text(page, structure.url)
    assert NEW_TEXT in live and LIVE_TEXT not in live


def test_partner_is_refused_another_structures_editor_and_draft(
    page, structure, other_structure, partner
):
    login(page, partner.username, PASSWORD)

    page.goto(f"/admin/pages/{other_structure.pk}/edit/")
    expect(page).to_have_url("/admin/")
    expect(page.get_by_role("status")).to_contain_text(
        "vous n'avez pas les autorisations pour accéder à cette zone"
    )
    expect(page.locator("form#page-edit-form")).to_have_count(0)
    expect(page.get_by_role("textbox", name="Présentation courte")).to_have_count(0)

    # Nor its draft, nor its history: Wagtail sends the partner back to the dashboard.
    for screen in ("view_draft", "history", "revisions/compare/live...latest"):
        response = page.goto(f"/admin/pages/{other_structure.pk}/{screen}/")
        assert DRAFT_TEXT not in page.content()
        assert page.url.endswith("/admin/") or response.status in (403, 404), screen

    # The public page shows the live version only, even to a logged-in partner.
    assert DRAFT_TEXT not in public_text(page, other_structure.url)
