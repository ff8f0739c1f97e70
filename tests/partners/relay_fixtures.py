"""Fixtures of the relay request tests: the wall, a campaign, the staff who handle requests.

Imported by the test modules that need them (`from .relay_fixtures import *`), so that the
partners conftest stays shared by everyone.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF

from events.models import CampaignIndexPage, CampaignPage
from partners.models import RelayRequest, WallPage
from tests.home.factories import png_bytes

__all__ = [
    "campaign",
    "campaign_index",
    "communicator",
    "coordinator",
    "make_relay",
    "pdf_bytes",
    "png_bytes",
    "publish_child",
    "upload",
    "wall",
]


def publish_child(parent, page):
    """Add `page` under `parent` as editors do, and publish it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def pdf_bytes(text="Affiche"):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=text)
    return bytes(pdf.output())


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def wall(home_page):
    # The login restriction comes from the signal that follows its creation.
    return publish_child(home_page, WallPage(title="Le réseau", slug="reseau"))


@pytest.fixture
def campaign_index(home_page):
    return publish_child(home_page, CampaignIndexPage(title="Campagnes", slug="campagnes"))


@pytest.fixture
def campaign(campaign_index):
    today = timezone.localdate()
    return publish_child(
        campaign_index,
        CampaignPage(
            title="Mois sans tabac",
            slug="mois-sans-tabac",
            summary="Un mois pour arrêter, ensemble.",
            start_date=today - datetime.timedelta(days=3),
            end_date=today + datetime.timedelta(days=27),
        ),
    )


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination", first_name="Claire")


@pytest.fixture
def communicator(make_user):
    return make_user("chargee-com", "Communication")


@pytest.fixture
def make_relay():
    """make_relay(user, structure, subject=…, **fields) -> a saved request (a PDF if asked)."""

    def make(user, structure=None, subject="Atelier mémoire", attachment=None, **fields):
        relay = RelayRequest(
            subject=subject,
            message="<p>Un atelier pour garder la mémoire vive.</p>",
            requested_by=user,
            structure=structure,
            wanted_by=timezone.localdate() + datetime.timedelta(days=10),
            **fields,
        )
        if attachment is not None:
            name, content = attachment
            relay.attachment.save(name, ContentFile(content), save=False)
        relay.save()
        return relay

    return make
