"""In the structure editor, a map under the latitude and longitude places the structure."""

import re

import pytest

from .factories import StructurePageFactory

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script src="/static/js/admin-location\.js"([^>]*)></script>')


def editor_script(client, path):
    response = client.get(path)
    assert response.status_code == 200
    match = SCRIPT.search(response.content.decode())
    assert match, "the placement script is in the editor"
    return dict(re.findall(r'data-([\w-]+)="([^"]*)"', match.group(1)))


def test_partner_editor_offers_the_map_with_local_leaflet(client, partner, structure):
    client.force_login(partner)

    data = editor_script(client, f"/admin/pages/{structure.pk}/edit/")

    assert data["leaflet-js"] == "/static/vendor/leaflet/leaflet.js"
    assert data["leaflet-css"] == "/static/vendor/leaflet/leaflet.css"
    assert data["tile-url"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert data["centre"] == "47.200000,3.500000"  # the structures already placed
    assert client.get("/static/js/admin-location.js").status_code == 200


def test_new_structure_map_opens_on_the_placed_structures(client, directory, make_user):
    StructurePageFactory(parent=directory, latitude="47.000000", longitude="3.000000")
    StructurePageFactory(parent=directory, latitude="48.000000", longitude="4.000000")
    StructurePageFactory(parent=directory, latitude=None, longitude=None)
    client.force_login(make_user("coordinatrice", "Coordination"))

    data = editor_script(client, f"/admin/pages/add/partners/structurepage/{directory.pk}/")

    assert data["centre"] == "47.500000,3.500000"


def test_location_panel_keeps_its_inputs(client, partner, structure):
    client.force_login(partner)

    html = client.get(f"/admin/pages/{structure.pk}/edit/").content.decode()

    # The script enhances these inputs; without it they are filled by hand.
    assert '<section class="w-panel maillage-location"' in html
    assert 'name="latitude"' in html and 'name="longitude"' in html
