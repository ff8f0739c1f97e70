"""The directory's queries do not grow with the number of structures (10, then 200)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import ActionPage, StructurePage
from tests.home.factories import ImageFactory

from .factories import (
    ClosureFactory,
    CommuneFactory,
    OpeningHoursFactory,
    PublicFactory,
    StructureContactFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
URLS = [
    "/structures/",
    "/structures/?theme=nutrition&public=familles&lieu=cc-morvan&q=maison",
    "/structures/?ouvert=1&typologie=MSP&afficher=acteurs",
    "/structures/?afficher=actions&theme=nutrition",
    "/structures/carte/?typologie=MSP",
    "/structures/carte/donnees/",
    "/structures/carte/donnees/?theme=nutrition&lieu=clamecy",
]


@pytest.fixture
def taxonomy():
    return {
        "theme": ThemeFactory(name="Nutrition", slug="nutrition"),
        "other_theme": ThemeFactory(name="Sport", slug="sport"),
        "public": PublicFactory(name="Familles", slug="familles"),
        "commune": CommuneFactory(name="Clamecy", slug="clamecy", community__slug="morvan"),
        "logo": ImageFactory(),
    }


def add_structures(directory, taxonomy, count):
    """Structures as the demo has them: themes, publics, logo, hours, closure, contact, action.

    Pages are added live without revisions (what the queries read is the same), for speed.
    """
    for _ in range(count):
        number = StructurePage.objects.count()
        structure = directory.add_child(
            instance=StructurePage(
                title=f"Maison de santé {number:03d}",
                slug=f"maison-{number:03d}",
                short_description="Une maison de santé.",
                typology="MSP",
                commune=taxonomy["commune"],
                latitude="47.200000",
                longitude="3.500000",
                logo=taxonomy["logo"],
                themes=[taxonomy["theme"], taxonomy["other_theme"]],
                publics=[taxonomy["public"]],
                live=True,
            )
        )
        OpeningHoursFactory(structure=structure, weekday=number % 7)
        ClosureFactory(structure=structure, start_date=datetime.date(2030, 1, 1))
        StructureContactFactory(structure=structure)
        structure.add_child(
            instance=ActionPage(
                title=f"Action {number:03d}",
                slug="action",
                summary="Un atelier.",
                themes=[taxonomy["theme"]],
                publics=[taxonomy["public"]],
                live=True,
            )
        )


def count_queries(client, url):
    client.get(url)  # warm-up: renditions, site root paths, menu cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_directory_queries_do_not_grow_with_structures(
    client, directory, taxonomy, django_assert_max_num_queries
):
    add_structures(directory, taxonomy, 10)
    with_10 = {url: count_queries(client, url) for url in URLS}
    add_structures(directory, taxonomy, 40)
    with_50 = {url: count_queries(client, url) for url in URLS}

    assert with_50 == with_10
    assert all(count > 0 for count in with_10.values()), "a vacuous zero would prove nothing"
    for url in URLS:
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            client.get(url)


def test_every_listed_structure_is_on_the_page(client, directory, taxonomy):
    add_structures(directory, taxonomy, 25)

    filtered = client.get(URLS[1]).content.decode()
    plain = client.get(URLS[0]).content.decode()

    # The lists really list: the query counts above are not those of empty pages.
    assert "25 acteurs" in filtered
    assert filtered.count('class="card structure-card"') == 20
    assert plain.count('class="structure-card__actions"') == 20
    assert plain.count("structure-card__logo") == 20


def add_details(structure, count):
    """`count` more of each thing a structure page lists: contacts, slots, closures, actions."""
    for number in range(count):
        StructureContactFactory(structure=structure)
        OpeningHoursFactory(structure=structure, weekday=number % 7)
        ClosureFactory(structure=structure, start_date=datetime.date(2030, 1, 1 + number))
        structure.add_child(
            instance=ActionPage(
                title=f"Atelier {number}",
                slug=f"atelier-{structure.get_children_count()}",
                summary="Un atelier.",
                live=True,
            )
        )


def test_structure_page_queries_do_not_grow_with_its_contents(client, directory, taxonomy):
    add_structures(directory, taxonomy, 1)
    structure = StructurePage.objects.get()
    url = structure.url

    add_details(structure, 1)
    few = count_queries(client, url)
    add_details(structure, 12)
    many = count_queries(client, url)

    assert many == few
    # Wagtail's routing, breadcrumbs and view restrictions take about half of them.
    assert 0 < few <= 25
