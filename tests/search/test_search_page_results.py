"""The search page finds every kind of public page, says what each result is, marks the words
that matched, gives an event's next date and ranks past events last; drafts and private pages
never show."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import HomePage
from tests.conftest import rolled_back_after_module
from tests.evaluation.factories import (
    ActionSheetPageFactory,
    AxisPageFactory,
    ContractPageFactory,
)
from tests.events.factories import (
    AgendaPageFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventPageFactory,
)
from tests.home.factories import (
    CallForProjectsIndexPageFactory,
    CallForProjectsPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.html import PageStructure
from tests.partners.factories import (
    ActionPageFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
)

pytestmark = pytest.mark.django_db


def build_world():
    home = HomePage.objects.get(depth=2)
    directory = StructureIndexPageFactory(parent=home)
    structure = StructurePageFactory(
        parent=directory,
        title="Maison du dépistage de Clamecy",
        short_description="Dépistage gratuit et anonyme, sans rendez-vous.",
    )
    agenda = AgendaPageFactory(parent=home)
    last_month = timezone.now() - datetime.timedelta(days=30)
    campaigns = CampaignIndexPageFactory(parent=home)
    news = NewsIndexPageFactory(parent=home)
    calls = CallForProjectsIndexPageFactory(parent=home)
    contract = ContractPageFactory(parent=home)
    axis = AxisPageFactory(parent=contract, title="Axe prévention")
    world = {
        "structure": structure,
        "action": ActionPageFactory(
            parent=structure,
            title="Permanence de dépistage",
            summary="Un dépistage du diabète chaque mardi.",
        ),
        "past_event": EventPageFactory(
            parent=agenda,
            title="Journée de dépistage passée",
            start=last_month,
            end=last_month + datetime.timedelta(hours=3),
        ),
        "event": EventPageFactory(
            parent=agenda,
            title="Forum dépistage",
            summary="Venez vous informer sur le dépistage du cancer.",
        ),
        "campaign": CampaignPageFactory(
            parent=campaigns, title="Mars bleu", summary="Le mois du dépistage colorectal."
        ),
        "news": NewsPageFactory(
            parent=news, title="Nouveaux horaires", summary="Le dépistage ouvre le samedi."
        ),
        "call": CallForProjectsPageFactory(
            parent=calls, title="Appel prévention", summary="Des actions de dépistage."
        ),
        "sheet": ActionSheetPageFactory(
            parent=axis, title="Fiche action dépistage", summary="Aller vers pour le dépistage."
        ),
        "page": StandardPageFactory(
            parent=home, title="Se faire dépister", intro="Où aller pour un dépistage."
        ),
        "draft": StandardPageFactory(
            parent=home, title="Dépistage brouillon secret", intro="Dépistage.", live=False
        ),
        "private": StandardPageFactory(
            parent=home, title="Dépistage réservé", intro="Dépistage entre partenaires."
        ),
    }
    PageViewRestriction.objects.create(
        page=world["private"], restriction_type=PageViewRestriction.LOGIN
    )
    return world


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(module_world, search_index):
    return module_world


def search(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(html):
    return re.findall(r'<h3 class="results__title"><a href="[^"]*">([^<]*)</a>', html)


def test_every_public_page_type_is_found_with_its_french_label(client, world):
    html = search(client, q="dépistage")

    for label in [
        "Structure",
        "Action",
        "Événement",
        "Campagne",
        "Actualité",
        "Appel à projets",
        "Fiche action",
        "Page",
    ]:
        assert f'<span class="results__type">{label}</span>' in html, label
    titles = result_titles(html)
    assert "Maison du dépistage de Clamecy" in titles
    assert "Fiche action dépistage" in titles


def test_drafts_and_private_pages_never_appear(client, world):
    html = search(client, q="dépistage")

    assert "brouillon" not in html
    assert "Dépistage réservé" not in html


def test_a_logged_in_partner_does_not_find_private_pages_either(client, world, make_user):
    client.force_login(make_user("partenaire", "Partenaires"))

    html = search(client, q="réservé dépistage")

    assert "Dépistage réservé" not in html


def test_matching_words_are_marked_by_stem_and_the_rest_escaped(client, world):
    html = search(client, q="dépistages")

    assert "<mark>dépistage</mark>" in html
    assert "<mark>Dépistage</mark> gratuit et anonyme" in html
    # "dépister" has another stem ("depist", not "depistag"): not marked.
    assert "<mark>dépister</mark>" not in html


def test_an_excerpt_never_lets_markup_through(client, home_page, search_index):
    StandardPageFactory(
        parent=home_page, title="Atelier goûter", intro="<b>Goûter</b> & <script>x()</script>"
    )

    html = search(client, q="goûter")

    assert "<script>x()</script>" not in html
    assert "<b>" not in html.split("results__excerpt", 1)[-1].split("</p>", 1)[0]


def test_an_upcoming_event_shows_its_next_date(client, world):
    html = search(client, q="forum")

    event = world["event"]
    occurrence = event.occurrences.order_by("start").first()
    assert "Prochaine date :" in html
    assert f'datetime="{timezone.localtime(occurrence.start).isoformat()}"' in html


def test_past_events_come_after_every_other_result(client, world):
    html = search(client, q="dépistage")

    titles = result_titles(html)
    assert titles[-1] == "Journée de dépistage passée"
    assert "Événement passé" in html


def test_the_results_count_is_announced_in_a_live_region(client, world):
    html = search(client, q="dépistage")

    assert re.search(
        r'role="status">\s*<h2 class="results__count">\d+ résultats pour « dépistage »', html
    )


def test_the_page_is_structured_for_screen_readers(client, world):
    html = search(client, q="dépistage")
    page = PageStructure()
    page.feed(html)

    assert page.headings[0] == 1
    steps = zip(page.headings, page.headings[1:], strict=False)
    assert all(later - earlier <= 1 for earlier, later in steps)
    assert len(page.ids) == len(set(page.ids))
    assert page.inline_styles == []
    assert '<html lang="fr">' in html


def test_a_search_is_counted_once_for_the_evaluation_and_an_empty_one_not(client, world):
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    search(client, q="dépistage")
    search(client, q="dépistage", page=2)
    search(client, q="")
    search(client)

    assert Query.objects.get(query_string="dépistage").hits == 1
    assert QueryDailyHits.objects.filter(query__query_string="").count() == 0


def test_every_page_header_has_a_labelled_search_box_leading_here(client, world):
    html = client.get(world["page"].url).content.decode()

    assert re.search(
        r'<form class="search-form[^"]*" role="search" method="get" action="/recherche/">', html
    )
    assert '<label class="search-form__label" for="entete-q">Rechercher sur le site</label>' in html


def test_without_a_query_the_page_proposes_example_searches(client, world):
    html = search(client)

    assert "Exemples de recherches" in html
    assert '<a href="?q=sant%C3%A9+mentale">santé mentale</a>' in html


def test_a_search_without_result_leads_to_the_directory_and_the_agenda(client, world):
    html = search(client, q="zzzzzz")

    assert "Aucun résultat pour « zzzzzz »" in html
    assert '<a href="/structures/">l&#x27;annuaire des acteurs</a>' in html
    assert '<a href="/agenda/">l&#x27;agenda</a>' in html
    assert "Exemples de recherches" in html


def test_a_failing_search_engine_gives_a_message_not_an_error(client, world, monkeypatch):
    from search import results as search_results

    def broken(search_query):
        raise RuntimeError("index unreadable")

    monkeypatch.setattr(search_results, "page_hits", broken)

    html = search(client, q="dépistage")

    assert "La recherche n'a pas pu aboutir" in html
    assert "Aucun résultat pour « dépistage »" in html


def test_pages_with_every_word_come_first_then_pages_with_some_when_few(client, world):
    html = search(client, q="forum dépistage cancer")

    titles = result_titles(html)
    assert titles[0] == "Forum dépistage"
    assert "Maison du dépistage de Clamecy" in titles
    assert "Peu de résultats contiennent tous vos mots" in html


def test_a_query_that_finds_enough_is_not_broadened(client, world):
    html = search(client, q="dépistage")

    assert "Peu de résultats contiennent tous vos mots" not in html
