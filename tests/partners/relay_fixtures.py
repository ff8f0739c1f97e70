"""Fixtures of the relay request tests: the wall, a campaign, the staff who handle requests.

Imported by the test modules that need them (`from .relay_fixtures import *`), so that the
partners conftest stays shared by everyone. The pages and accounts are built once per module
(`module_world`), and override the partners conftest's `structure`, `partner`… in these modules.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF

from events.models import CampaignIndexPage, CampaignPage
from home.models import HomePage
from partners.accounts import add_member, open_partner_space
from partners.models import RelayRequest, WallPage
from tests.conftest import create_user, read_from_module_world, rolled_back_after_module
from tests.home.factories import png_bytes

from .factories import StructureIndexPageFactory, StructurePageFactory

__all__ = [
    "campaign",
    "campaign_index",
    "communicator",
    "coordinator",
    "directory",
    "make_relay",
    "module_world",
    "other_partner",
    "other_structure",
    "partner",
    "pdf_bytes",
    "png_bytes",
    "publish_child",
    "structure",
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


def new_partner(username, structure):
    user = create_user(username, "Partenaires")
    add_member(open_partner_space(structure), user)
    return user


def build_relay_world():
    """The wall, a live campaign, two structures with a partner each (as tests/partners/conftest
    makes them), the coordinator and the communication officer."""
    home = HomePage.objects.get(depth=2)
    directory = StructureIndexPageFactory(parent=home)
    structure = StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas-clamecy")
    other_structure = StructurePageFactory(
        parent=directory, title="CPTS du Morvan", slug="cpts-morvan"
    )
    # The wall's login restriction comes from the signal that follows its creation.
    wall = publish_child(home, WallPage(title="Le réseau", slug="reseau"))
    campaign_index = publish_child(home, CampaignIndexPage(title="Campagnes", slug="campagnes"))
    today = timezone.localdate()
    campaign = publish_child(
        campaign_index,
        CampaignPage(
            title="Mois sans tabac",
            slug="mois-sans-tabac",
            summary="Un mois pour arrêter, ensemble.",
            start_date=today - datetime.timedelta(days=3),
            end_date=today + datetime.timedelta(days=27),
        ),
    )
    return {
        "wall": wall,
        "campaign_index": campaign_index,
        "campaign": campaign,
        "directory": directory,
        "structure": structure,
        "other_structure": other_structure,
        "partner": new_partner("partenaire-ccas", structure),
        "other_partner": new_partner("partenaire-cpts", other_structure),
        "coordinator": create_user("coordinatrice", "Coordination", first_name="Claire"),
        "communicator": create_user("chargee-com", "Communication"),
    }


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """Built once per test module (pages with revisions are slow to create), rolled back after."""
    with rolled_back_after_module(django_db_blocker):
        yield build_relay_world()


# Each read afresh from the database by each test: what a test changes is rolled back after it.
wall = read_from_module_world("wall")
campaign_index = read_from_module_world("campaign_index")
campaign = read_from_module_world("campaign")
directory = read_from_module_world("directory")
structure = read_from_module_world("structure")
other_structure = read_from_module_world("other_structure")
partner = read_from_module_world("partner")
other_partner = read_from_module_world("other_partner")
coordinator = read_from_module_world("coordinator")
communicator = read_from_module_world("communicator")


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
