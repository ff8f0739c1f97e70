"""The demo territory's directory, as a visitor meets it after `make run`."""

import re

import pytest

from partners.models import ActionPage, StructurePage
from tests.html import LOADED_RESOURCES, PageStructure

pytestmark = pytest.mark.django_db


def demo_paths():
    # A structure with actions, opening hours and contacts shows every component.
    structure = (
        StructurePage.objects.live()
        .filter(numchild__gt=0, opening_hours__isnull=False, contacts__isnull=False)
        .first()
    )
    action = ActionPage.objects.live().first()
    return [
        "/structures/",
        "/structures/?afficher=actions",
        "/structures/carte/",
        structure.url,
        action.url,
    ]


def test_demo_directory_pages_are_accessible_and_private(client, demo_territory):
    for path in demo_paths():
        response = client.get(path)
        html = response.content.decode()
        structure = PageStructure()
        structure.feed(html)

        assert response.status_code == 200, path
        assert structure.headings.count(1) == 1, path
        pairs = zip(structure.headings, structure.headings[1:], strict=False)
        assert not [(a, b) for a, b in pairs if b > a + 1], path
        assert len(structure.ids) == len(set(structure.ids)), path
        assert all(field in structure.labels for field in structure.fields), path
        assert not structure.images_without_alt, path
        assert not structure.inline_styles, path
        assert not LOADED_RESOURCES.search(html), path


def test_demo_map_data_places_every_located_structure(client, demo_territory):
    located = StructurePage.objects.live().filter(latitude__isnull=False).count()

    data = client.get("/structures/carte/donnees/").json()

    assert located > 0
    assert len(data["features"]) == located
    urls = [feature["properties"]["url"] for feature in data["features"]]
    assert all(re.fullmatch(r"/structures/[\w-]+/", url) for url in urls)
