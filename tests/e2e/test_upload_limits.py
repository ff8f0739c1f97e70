"""A file over its limit, picked in Wagtail's admin, is refused at once with a French message.

The server refuses it anyway (tests/security/test_uploads.py), but a chooser posts its upload
form from a modal window that shows nothing of a refusal: static/js/admin-upload-limits.js
takes the file off its field before anything is sent and says why under it.
"""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.e2e.journeys import PASSWORD, member
from tests.events.factories import CampaignIndexPageFactory
from tests.home.factories import png_bytes

MEGABYTE = 1024 * 1024


def heavy(name, mime, size):
    return {"name": name, "mimeType": mime, "buffer": b"\0" * size}


@pytest.fixture(autouse=True)
def small_limits(settings):
    """Limits of 1 and 2 MiB: the files sent to the browser stay small (the live server runs in
    this process and reads the same settings)."""
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = MEGABYTE
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 2 * MEGABYTE


@pytest.fixture
def coordinator(db):
    return member("coordinatrice", "Coordination")


def test_an_image_over_its_limit_is_refused_as_soon_as_it_is_picked(page, coordinator):
    login(page, coordinator.username, PASSWORD)
    page.goto("/admin/images/add/")
    field = page.locator("input[type=file][name=file]")
    size = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + MEGABYTE

    field.set_input_files(heavy("affiche-geante.png", "image/png", size))

    message = page.get_by_role("alert").filter(has_text="affiche-geante.png")
    expect(message).to_contain_text(re.compile(r"pèse 2,0\sMio : les images font 1,0\sMio au plus"))
    expect(field).to_have_attribute("aria-invalid", "true")
    assert field.evaluate("input => input.files.length") == 0
    assert message.get_attribute("id") in field.get_attribute("aria-describedby")

    # A file within the limit: the message goes, the file stays.
    field.set_input_files({"name": "logo.png", "mimeType": "image/png", "buffer": png_bytes()})
    expect(message).to_have_count(0)
    assert field.evaluate("input => input.files.length") == 1
    expect(field).not_to_have_attribute("aria-invalid", "true")


def test_a_document_over_its_limit_is_refused_in_the_choosers_modal(page, home_page, coordinator):
    campaigns = CampaignIndexPageFactory(parent=home_page)
    login(page, coordinator.username, PASSWORD)
    page.goto(f"/admin/pages/add/events/campaignpage/{campaigns.pk}/")
    kit = page.get_by_role("region", name="Kit de communication")
    kit.get_by_role("button", name="Ajouter un(e) élément du kit").click()
    item = kit.get_by_role("region", name="Élément du kit 1")
    item.get_by_role("combobox", name="Type").select_option(
        label="Document (affiche, flyer, dépliant…)"
    )
    item.get_by_role("button", name="Choisir un document").first.click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name="Transférer").click()
    field = chooser.locator("input[type=file]")
    size = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + MEGABYTE

    field.set_input_files(heavy("rapport-complet.pdf", "application/pdf", size))

    message = chooser.get_by_role("alert").filter(has_text="rapport-complet.pdf")
    expect(message).to_contain_text(
        re.compile(r"pèse 3,0\sMio : les documents font 2,0\sMio au plus")
    )
    assert field.evaluate("input => input.files.length") == 0
    # Wagtail fills the title from the file's name: not from a refused file.
    expect(chooser.get_by_role("textbox", name="Titre")).to_have_value("")
