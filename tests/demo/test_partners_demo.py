"""The demo directory: thirty-odd structures spread over the territory, two partner accounts."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision

from home.demo.territory import all_communes, bounding_box
from home.models import Commune, Community
from partners.accounts import spaces_of
from partners.demo.structures import STRUCTURES
from partners.importer import import_structures
from partners.models import ActionPage, StructureIndexPage, StructurePage

# The demo is loaded once for the module (and rolled back after it); each test runs inside.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_territory")]


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_home_demo_creates_the_territory_with_real_insee_codes():
    assert Community.objects.count() == 4
    assert Commune.objects.count() == 20
    codes = dict(Commune.objects.values_list("name", "insee_code"))
    assert codes["Clamecy"] == "58079"
    assert codes["Decize"] == "58095"
    assert codes["Château-Chinon (Ville)"] == "58062"
    assert all(code.startswith("58") for code in codes.values())
    assert Commune.objects.filter(community__isnull=True).count() == 0


def test_thirty_structures_are_published_in_the_directory(client):
    directory = StructureIndexPage.objects.get()
    assert directory.url_path.endswith("/structures/") and directory.show_in_menus
    structures = StructurePage.objects.child_of(directory)

    assert structures.count() == len(STRUCTURES) >= 30
    assert not structures.not_live().exists()
    assert ActionPage.objects.live().count() >= len(STRUCTURES)
    assert client.get("/structures/ccas-clamecy/").status_code == 200


def test_every_structure_is_complete():
    structures = StructurePage.objects.prefetch_related(
        "themes", "publics", "contacts", "opening_hours"
    ).select_related("logo", "commune")
    for structure in structures:
        assert structure.logo is not None, structure
        assert structure.commune is not None, structure
        assert structure.themes.all() and structure.publics.all(), structure
        assert any(contact.is_public for contact in structure.contacts.all()), structure
        assert structure.opening_hours.all(), structure
        for contact in structure.contacts.all():
            assert not contact.email or contact.email.endswith(".example"), contact.email
            assert contact.phone.startswith("01 99 00"), contact.phone
    assert StructurePage.objects.filter(contacts__visibility="pro").distinct().count() >= 5
    assert StructurePage.objects.filter(closures__isnull=False).distinct().count() >= 3


def test_structures_stand_inside_the_territory_near_their_commune():
    south, west, north, east = bounding_box()
    centres = {c.insee_code: (c.latitude, c.longitude) for c in all_communes()}
    communes_used = set()
    for structure in StructurePage.objects.select_related("commune"):
        latitude, longitude = float(structure.latitude), float(structure.longitude)
        assert south <= latitude <= north and west <= longitude <= east, structure
        centre = centres[structure.commune.insee_code]
        assert abs(latitude - centre[0]) < 0.01 and abs(longitude - centre[1]) < 0.01
        communes_used.add(structure.commune.insee_code)
    assert len(communes_used) >= 15  # spread over the territory


def test_partner_accounts_own_two_different_structures():
    User = get_user_model()
    first = [s.structure.slug for s in spaces_of(User.objects.get(username="partenaire1"))]
    second = [s.structure.slug for s in spaces_of(User.objects.get(username="partenaire2"))]

    assert len(first) == len(second) == 1
    assert first != second


def test_logos_are_generated_images():
    logo = StructurePage.objects.get(slug="ccas-clamecy").logo
    assert logo.file.name.endswith(".png")
    assert (logo.width, logo.height) == (256, 256)


def test_loading_twice_creates_nothing():
    def counts():
        return (
            Page.objects.count(),
            Revision.objects.count(),
            get_image_model().objects.count(),
            Commune.objects.count(),
            Community.objects.count(),
            get_user_model().objects.get(username="partenaire1").groups.count(),
        )

    before = counts()
    output = load_demo()

    assert counts() == before
    assert "rien à créer" in output


def test_the_demo_directory_exports_and_imports_back_unchanged(client):
    exported = client.get("/structures/export/csv/")
    assert exported.status_code == 200

    report = import_structures(exported.content, StructureIndexPage.objects.get())

    assert report.ok, [str(error) for error in report.errors]
    assert len(report.updated) == len(STRUCTURES) and not report.created
    data = client.get("/structures/export/data-inclusion/").json()
    assert len(data["structures"]) == len(STRUCTURES)
    assert len(data["services"]) == ActionPage.objects.live().count()


def test_demo_pages_are_indexed_once_published():
    found = StructurePage.objects.live().search("addictologie")
    assert "csapa-morvan" in [page.slug for page in found]
    assert ActionPage.objects.live().search("jeunes consommateurs").count() >= 1
    structure = StructurePage.objects.get(slug="ccas-clamecy")
    # The logo's usage screen in the admin reads Wagtail's reference index.
    assert ReferenceIndex.get_references_to(structure.logo).filter(object_id=str(structure.pk))


def test_every_demo_structure_renders_without_its_professional_contacts(client):
    assert client.get("/structures/").status_code == 200
    assert client.get("/structures/carte/").status_code == 200
    structures = StructurePage.objects.live().prefetch_related("contacts")
    for page in structures:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        body = response.content.decode()
        for contact in page.contacts.all():
            shown = contact.phone in body
            assert shown == contact.is_public, (page.url, contact.role, contact.visibility)
    for page in ActionPage.objects.live()[:10]:
        assert client.get(page.url).status_code == 200, page.url
