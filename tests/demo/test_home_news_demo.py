"""The demo's news and calls for projects: in the menu, on the home page, in the search."""

import datetime
from html import unescape

import pytest
from django.utils import timezone

from home.models import CallForProjectsIndexPage, CallForProjectsPage, NewsIndexPage, NewsPage
from home.templatetags.typography_tags import fr_spacing
from tests.html import PageStructure

pytestmark = pytest.mark.usefixtures("demo_territory", "db")


def text(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_demo_has_news_and_calls_for_projects_in_the_menu(client):
    news_index = NewsIndexPage.objects.get(slug="actualites")
    calls_index = CallForProjectsIndexPage.objects.get(slug="appels-a-projets")
    assert news_index.show_in_menus and calls_index.show_in_menus
    assert 4 <= NewsPage.objects.live().child_of(news_index).count() <= 5

    today = timezone.localdate()
    (open_call,) = CallForProjectsPage.objects.live().open()
    (closed_call,) = CallForProjectsPage.objects.live().closed()
    assert today < open_call.deadline <= today + datetime.timedelta(weeks=6)
    assert open_call.document is not None and open_call.amount

    listing = text(client.get(calls_index.url))
    assert fr_spacing(open_call.title) in listing
    assert fr_spacing(closed_call.title) not in listing
    assert "Jusqu'à 15\u00a0000\u00a0€" in listing
    assert fr_spacing(closed_call.title) in text(client.get(calls_index.url, {"etat": "clos"}))
    for page in (news_index, open_call, closed_call, *NewsPage.objects.live()):
        assert client.get(page.url).status_code == 200
    assert client.get(f"{news_index.url}rss/").status_code == 200


def test_the_home_page_shows_the_latest_news_and_the_open_call(client):
    home = text(client.get("/"))

    assert '<h2 id="actualites">Actualités</h2>' in home
    assert fr_spacing("Appel à projets : bien vieillir à domicile") in home
    assert ">1 appel à projets ouvert</a>" in home


@pytest.mark.parametrize(
    "query, title",
    [
        ("bilan annuel", "Le bilan annuel du contrat est en ligne"),
        ("conférence des financeurs", "Bien vieillir à domicile : actions collectives"),
        ("santé mentale jeunes", "Santé mentale des jeunes : projets territoriaux"),
    ],
)
def test_the_search_page_finds_news_and_calls(client, query, title):
    assert fr_spacing(title) in text(client.get("/recherche/", {"q": query}))


@pytest.mark.parametrize(
    "path",
    [
        "/actualites/",
        "/actualites/?theme=inconnue&page=9",
        "/actualites/trois-nouveaux-partenaires/",
        "/appels-a-projets/",
        "/appels-a-projets/?etat=clos&theme=sante-mentale",
        "/appels-a-projets/bien-vieillir-a-domicile-2027/",
        "/appels-a-projets/sante-mentale-des-jeunes-2026/",
    ],
)
def test_news_and_calls_pages_are_built_accessibly(client, path):
    response = client.get(path)
    assert response.status_code == 200
    structure = PageStructure()
    structure.feed(response.content.decode())

    assert structure.headings.count(1) == 1 and structure.headings[0] == 1
    pairs = zip(structure.headings, structure.headings[1:], strict=False)
    assert not [(a, b) for a, b in pairs if b > a + 1], "heading levels skipped"
    assert len(structure.ids) == len(set(structure.ids)), "ids are unique"
    assert all(field in structure.labels for field in structure.fields), "every field has a label"
    assert not structure.images_without_alt
    assert not structure.inline_styles
