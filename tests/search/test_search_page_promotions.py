"""Promoted results: the coordination recommends pages for a query in Wagtail's admin; the search
page shows them first, marked « Recommandé », only while they are live and public. And the
"Vouliez-vous dire" link when the backend suggests a correction and the query found little."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from home.models import HomePage
from search import results as search_results
from tests.conftest import create_user, rolled_back_after_module
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def build_world():
    home = HomePage.objects.get(depth=2)
    return {
        "centre": StandardPageFactory(
            parent=home, title="Centre de vaccination", intro="Vaccination sans rendez-vous."
        ),
        "calendar": StandardPageFactory(
            parent=home, title="Calendrier des rappels", intro="Les rappels de l'adulte."
        ),
        "draft": StandardPageFactory(
            parent=home, title="Brouillon recommandé", intro="Pas encore prêt.", live=False
        ),
        "private": StandardPageFactory(
            parent=home, title="Page privée recommandée", intro="Réservée."
        ),
        "others": [
            StandardPageFactory(parent=home, title=f"Vaccination {n}", intro="Vaccination.")
            for n in range(3)
        ],
    }


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        world = build_world()
        PageViewRestriction.objects.create(
            page=world["private"], restriction_type=PageViewRestriction.LOGIN
        )
        yield world


@pytest.fixture
def world(module_world, search_index):
    return module_world


def promote(query_string, page=None, order=0, **fields):
    return SearchPromotion.objects.create(
        query=Query.get(query_string), page=page, sort_order=order, **fields
    )


def search(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response.content.decode()


def results_section(html):
    return html.split('<ol class="results"', 1)[1].split("</ol>", 1)[0]


def test_a_promoted_page_comes_first_marked_recommended(client, world):
    promote("vaccination", world["calendar"], description="Vérifiez vos rappels.")

    html = search(client, q="Vaccination")

    promoted = html.split('<ul class="results results--promoted">', 1)[1].split("</ul>", 1)[0]
    assert "Recommandé" in promoted
    assert "Calendrier des rappels" in promoted
    assert "Vérifiez vos rappels." in promoted
    assert html.index("Calendrier des rappels") < html.index("Centre de vaccination")


def test_a_promoted_page_is_not_listed_twice(client, world):
    promote("vaccination", world["centre"])

    html = search(client, q="vaccination")

    assert html.count(">Centre de vaccination</a>") == 1
    assert "Centre de vaccination" not in results_section(html)


def test_drafts_and_private_pages_are_never_promoted(client, world):
    promote("vaccination", world["draft"], order=0)
    promote("vaccination", world["private"], order=1)

    html = search(client, q="vaccination")

    assert "Brouillon recommandé" not in html
    assert "Page privée recommandée" not in html
    assert "results--promoted" not in html


def test_an_external_link_can_be_promoted(client, world):
    promote(
        "vaccination",
        external_link_url="https://vaccination-info-service.fr/",
        external_link_text="Vaccination Info Service",
    )

    html = search(client, q="vaccination")

    assert 'href="https://vaccination-info-service.fr/"' in html
    assert "Vaccination Info Service" in html


def test_promotions_give_way_to_chosen_filters_and_later_pages(client, world):
    promote("vaccination", world["calendar"])
    for number in range(10):
        StandardPageFactory(parent=world["centre"].get_parent(), title=f"Vaccination n° {number}")

    assert "results--promoted" not in search(client, q="vaccination", type="page")
    assert "results--promoted" not in search(client, q="vaccination", page=2)


def test_the_coordination_keeps_promotions_in_the_admin(client, world):
    client.force_login(create_user("coordinatrice", "Coordination"))

    assert client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    assert reverse("wagtailsearchpromotions:index") in client.get("/admin/").content.decode()


def test_partners_cannot_edit_promotions(client, world):
    client.force_login(create_user("partenaire", "Partenaires"))

    response = client.get(reverse("wagtailsearchpromotions:index"))

    assert response.status_code in (302, 403)


# "Vouliez-vous dire" ---------------------------------------------------------------------------


class SuggestingBackend:
    def __init__(self, suggestion):
        self.suggestion = suggestion

    def suggest(self, query_string):
        return self.suggestion


def test_a_misspelt_query_gets_a_correction_link(client, world):
    StandardPageFactory(
        parent=HomePage.objects.get(depth=2), title="Addiction", intro="Addiction et jeunes."
    )

    html = search(client, q="adictions")

    assert 'Vouliez-vous dire « <a href="?q=addiction">addiction</a> » ?' in html


def test_the_correction_is_offered_only_when_the_query_found_little(client, world, monkeypatch):
    monkeypatch.setattr(
        search_results, "get_search_backend", lambda: SuggestingBackend("vaccinations")
    )

    assert "Vouliez-vous dire" not in search(client, q="vaccination")  # 5 results
    assert 'Vouliez-vous dire « <a href="?q=vaccinations">' in search(client, q="zzzz")


def test_no_correction_when_the_backend_has_none_or_the_same_query(client, world, monkeypatch):
    monkeypatch.setattr(search_results, "get_search_backend", lambda: object())
    assert "Vouliez-vous dire" not in search(client, q="zzzz")

    monkeypatch.setattr(search_results, "get_search_backend", lambda: SuggestingBackend("ZZZZ"))
    assert "Vouliez-vous dire" not in search(client, q="zzzz")


def test_facets_still_count_a_promoted_page_the_query_found(client, world):
    promote("vaccination", world["centre"])

    html = search(client, q="vaccination")

    # The centre and the three "Vaccination n" pages: the promoted one is counted with them.
    assert '>Page <span class="search-facet__count">(4<' in html
