"""The home page's single-pass routing (home/routing.py) finds what Wagtail's own walk finds.

Every path is routed both ways, through the pages, their sub-routes, drafts along the way and
at the end, and paths that lead nowhere; then the queries it saves and the breadcrumbs it
feeds. (A child page named like a sub-route of its parent cannot be made: the page models
reserve those slugs.)
"""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from home.models import HomePage
from home.routing import MAX_COMPONENTS
from tests.events.factories import AgendaPageFactory, EventPageFactory
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from tests.partners.factories import (
    ActionPageFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    directory = StructureIndexPageFactory(parent=home_page)
    structure = StructurePageFactory(parent=directory, title="CCAS", slug="ccas")
    agenda = AgendaPageFactory(parent=home_page)
    about = StandardPageFactory(parent=home_page, title="Le contrat", slug="le-contrat")
    draft = StandardPageFactory(parent=about, title="Brouillon", slug="brouillon", live=False)
    news = NewsIndexPageFactory(parent=home_page)
    # The same slug in another branch, at the same depth as the structure's action.
    StandardPageFactory(parent=draft, title="Atelier", slug="atelier")
    return {
        "home": home_page,
        "action": ActionPageFactory(parent=structure, slug="atelier"),
        "structure_event": EventPageFactory(parent=structure, slug="journee-sante"),
        "agenda_event": EventPageFactory(parent=agenda, slug="bus-du-coeur"),
        "draft": draft,
        # A live page under a draft: Wagtail serves it (only the last page must be live).
        "under_draft": StandardPageFactory(parent=draft, title="Sous", slug="sous"),
        "news_item": NewsPageFactory(parent=news),
    }


PATHS = [
    "/structures/",
    "/structures/ccas/",
    "/structures/ccas/atelier/",
    "/structures/ccas/journee-sante/",
    "/structures/ccas/journee-sante/ics/",
    "/structures/carte/",
    "/structures/carte/donnees/",
    "/structures/devenir-partenaire/merci/",
    "/agenda/",
    "/agenda/mois/",
    "/agenda/bus-du-coeur/",
    "/agenda/bus-du-coeur/ics/",
    "/le-contrat/",
    "/le-contrat/brouillon/",
    "/le-contrat/brouillon/sous/",
    "/le-contrat/brouillon/atelier/",
    "/actualites/",
    # Nowhere: an unknown page, a sub-route of a page without it, too deep, a routable page's
    # unknown sub-route.
    "/inconnue/",
    "/le-contrat/mois/",
    "/structures/ccas/atelier/plus-loin/",
    "/agenda/bus-du-coeur/rss/",
    "/structures/ccas/inconnue/ics/",
]


def outcome(route, request, path):
    """What routing `path` gives: the page, the sub-route's view and arguments, or a 404."""
    components = [part for part in path.split("/") if part]
    try:
        result = route(request, components)
    except Http404:
        return "404"
    page, args, kwargs = result
    if args:
        view, view_args, view_kwargs = args
        args = (view.__name__, tuple(view_args), dict(view_kwargs))
    return (page.pk, type(page).__name__, args, kwargs)


@pytest.mark.parametrize("path", PATHS)
def test_every_path_leads_where_wagtails_own_walk_leads(tree, path):
    home = HomePage.objects.get(pk=tree["home"].pk)
    request = RequestFactory().get(path)

    ours = outcome(home.route, request, path)
    wagtails = outcome(lambda *args: Page.route(home, *args), request, path)

    assert ours == wagtails


def test_the_live_pages_and_the_missing_ones(tree):
    home = HomePage.objects.get(pk=tree["home"].pk)
    request = RequestFactory().get("/")

    assert outcome(home.route, request, "/le-contrat/brouillon/") == "404"
    assert outcome(home.route, request, "/le-contrat/brouillon/sous/")[0] == tree["under_draft"].pk
    assert outcome(home.route, request, "/structures/carte/")[2][0] == "directory_map"
    assert outcome(home.route, request, "/agenda/bus-du-coeur/ics/")[2][0] == "ics"


def test_an_event_three_levels_down_takes_two_queries(tree, django_assert_num_queries):
    home = HomePage.objects.get(pk=tree["home"].pk)
    request = RequestFactory().get("/")

    with django_assert_num_queries(2):  # the pages on the path, then the event's own fields
        page, args, _kwargs = home.route(request, ["structures", "ccas", "journee-sante"])

    assert page.pk == tree["structure_event"].pk and args[0].__name__ == "detail"
    with django_assert_num_queries(0):
        assert page.get_parent().pk == page.organiser_id


def test_the_breadcrumbs_come_from_the_routing_and_match_the_tree(client, tree):
    event = tree["structure_event"]

    html = client.get(event.url).content.decode()

    trail = html.split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    expected = [page.title for page in event.get_ancestors().filter(depth__gte=2)]
    positions = [trail.index(title) for title in expected]
    assert positions == sorted(positions)
    assert "Annuaire des acteurs" in trail and "CCAS" in trail


def test_a_path_of_thousands_of_segments_is_a_plain_404(client, tree):
    response = client.get("/structures/" + "a/" * 5000)

    assert response.status_code == 404


def test_a_path_as_deep_as_the_limit_is_routed_in_one_pass(tree, django_assert_num_queries):
    home = HomePage.objects.get(pk=tree["home"].pk)
    request = RequestFactory().get("/")

    with django_assert_num_queries(1), pytest.raises(Http404):
        home.route(request, ["structures", "ccas"] + ["a"] * (MAX_COMPONENTS - 2))
