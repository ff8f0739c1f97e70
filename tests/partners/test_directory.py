"""The directory of actors and actions: filters, list, map data, and bad input, over HTTP."""

import datetime
import json
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from home.models import HomePage
from tests.conftest import rolled_back_after_module
from tests.html import PageStructure

from .factories import (
    ActionPageFactory,
    ClosureFactory,
    CommuneFactory,
    CommunityFactory,
    OpeningHoursFactory,
    PublicFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# A Monday in winter, 10:30 in Paris (09:30 UTC).
MONDAY_MORNING = datetime.datetime(2026, 12, 7, 10, 30, tzinfo=PARIS)
TITLE = re.compile(r'<h3 class="card__title"><a href="[^"]*">([^<]*)</a>')
ACTION_LINK = re.compile(r'<li><a href="[^"]*">([^<]*)</a> –')


def build_territory():
    """Two communautés, three communes, structures spread over them, one draft."""
    directory = StructureIndexPageFactory(parent=HomePage.objects.get(depth=2))
    nutrition = ThemeFactory(name="Nutrition", slug="nutrition")
    addictions = ThemeFactory(name="Addictions", slug="addictions")
    young = PublicFactory(name="16-25 ans", slug="16-25-ans")
    elderly = PublicFactory(name="Personnes âgées", slug="personnes-agees")
    morvan = CommunityFactory(name="CC du Morvan", slug="morvan")
    vaux = CommunityFactory(name="CC des Vaux", slug="vaux")
    clamecy = CommuneFactory(name="Clamecy", slug="clamecy", insee_code="58079", community=morvan)
    corbigny = CommuneFactory(
        name="Corbigny", slug="corbigny", insee_code="58083", community=morvan
    )
    varzy = CommuneFactory(name="Varzy", slug="varzy", insee_code="58304", community=vaux)

    grocery = StructurePageFactory(
        parent=directory,
        title="Épicerie solidaire de Clamecy",
        typology="BANQUE_ALIM",
        commune=clamecy,
        themes=[nutrition],
        publics=[elderly],
        short_description="Des produits frais à petit prix.",
    )
    OpeningHoursFactory(structure=grocery, weekday=0, opens="09:00", closes="12:00")
    csapa = StructurePageFactory(
        parent=directory,
        title="CSAPA des Vaux",
        typology="CSAPA",
        commune=varzy,
        themes=[addictions],
        publics=[young],
        area_communities=[morvan],
        short_description="Consultations en addictologie.",
    )
    OpeningHoursFactory(structure=csapa, weekday=0, opens="14:00", closes="18:00")
    cpts = StructurePageFactory(
        parent=directory,
        title="CPTS du territoire",
        typology="CPTS",
        whole_territory=True,
        short_description="La communauté des soignants.",
    )
    workshop = ActionPageFactory(
        parent=cpts,
        title="Atelier équilibre alimentaire",
        summary="Cuisiner simple et sain.",
        themes=[nutrition],
        publics=[elderly],
    )
    ActionPageFactory(parent=cpts, title="Marche du jeudi", summary="Une marche douce.")
    StructurePageFactory(
        parent=directory,
        title="Association brouillon",
        commune=clamecy,
        themes=[nutrition],
        live=False,
    )
    return {
        "directory": directory,
        "nutrition": nutrition,
        "grocery": grocery,
        "csapa": csapa,
        "cpts": cpts,
        "workshop": workshop,
        "corbigny": corbigny,
    }


@pytest.fixture(scope="module")
def module_territory(django_db_setup, django_db_blocker):
    """Built once for the module (pages with revisions are slow to create), rolled back after."""
    with rolled_back_after_module(django_db_blocker):
        yield build_territory()


@pytest.fixture
def territory(module_territory, db):
    """The shared territory, read afresh: what a test changes is rolled back after it."""
    return {key: type(obj).objects.get(pk=obj.pk) for key, obj in module_territory.items()}


@pytest.fixture
def directory(territory):
    """The territory's directory (its structures have no typology "MSP")."""
    return territory["directory"]


def titles(response):
    assert response.status_code == 200
    return TITLE.findall(response.content.decode())


def listed_actions(response):
    return ACTION_LINK.findall(response.content.decode())


def test_directory_lists_live_structures_only(client, territory):
    response = client.get("/structures/")

    assert titles(response) == [
        "CPTS du territoire",
        "CSAPA des Vaux",
        "Épicerie solidaire de Clamecy",
    ]
    assert "brouillon" not in response.content.decode()
    assert "3 acteurs" in response.content.decode()


def test_structures_are_listed_with_their_actions(client, territory):
    response = client.get("/structures/")

    assert listed_actions(response) == ["Atelier équilibre alimentaire", "Marche du jeudi"]


def test_theme_matches_structures_and_their_matching_actions(client, territory):
    response = client.get("/structures/?theme=nutrition")

    assert titles(response) == ["CPTS du territoire", "Épicerie solidaire de Clamecy"]
    assert listed_actions(response) == ["Atelier équilibre alimentaire"]


def test_theme_with_actors_only_ignores_actions(client, territory):
    response = client.get("/structures/?theme=nutrition&afficher=acteurs")

    assert titles(response) == ["Épicerie solidaire de Clamecy"]
    assert listed_actions(response) == []


def test_actions_can_be_listed_on_their_own(client, territory):
    response = client.get("/structures/?afficher=actions&theme=nutrition")
    html = response.content.decode()

    assert titles(response) == ["Atelier équilibre alimentaire"]
    assert "Proposée par CPTS du territoire" in html
    assert "1 action" in html


def test_public_filter(client, territory):
    response = client.get("/structures/?public=16-25-ans&afficher=acteurs")

    assert titles(response) == ["CSAPA des Vaux"]


def test_typology_filter(client, territory):
    assert titles(client.get("/structures/?typologie=CSAPA")) == ["CSAPA des Vaux"]


def test_commune_matches_located_structures_and_those_acting_there(client, territory):
    response = client.get("/structures/?lieu=clamecy")

    # Located in Clamecy; acting in its communauté (CSAPA); acting everywhere (CPTS).
    assert titles(response) == [
        "CPTS du territoire",
        "CSAPA des Vaux",
        "Épicerie solidaire de Clamecy",
    ]


def test_commune_without_any_local_structure(client, territory):
    response = client.get("/structures/?lieu=varzy")

    assert titles(response) == ["CPTS du territoire", "CSAPA des Vaux"]


def test_communaute_matches_structures_of_its_communes(client, territory):
    response = client.get("/structures/?lieu=cc-vaux")

    assert titles(response) == ["CPTS du territoire", "CSAPA des Vaux"]


def test_text_search_finds_structures_and_actions(client, territory):
    assert titles(client.get("/structures/?q=addictologie")) == ["CSAPA des Vaux"]
    response = client.get("/structures/?q=cuisiner")
    assert titles(response) == ["CPTS du territoire"]
    assert listed_actions(response) == ["Atelier équilibre alimentaire"]


def test_filters_combine(client, territory):
    response = client.get("/structures/?theme=nutrition&lieu=corbigny&typologie=BANQUE_ALIM")

    assert titles(response) == []
    assert "Aucun acteur" in response.content.decode()
    response = client.get("/structures/?theme=nutrition&lieu=cc-morvan&typologie=CPTS")
    assert titles(response) == ["CPTS du territoire"]


def test_open_now_reads_slots_in_paris_time(client, territory):
    with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
        response = client.get("/structures/?ouvert=1")

    assert titles(response) == ["Épicerie solidaire de Clamecy"]
    assert '<p class="badge badge--open">Ouvert maintenant</p>' in response.content.decode()


def test_open_now_excludes_an_exceptional_closure(client, territory):
    ClosureFactory(
        structure=territory["grocery"],
        start_date=datetime.date(2026, 12, 7),
        end_date=datetime.date(2026, 12, 8),
    )

    with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
        assert titles(client.get("/structures/?ouvert=1")) == []


def test_open_now_follows_the_afternoon_slot(client, territory):
    afternoon = MONDAY_MORNING.replace(hour=15)

    with mock.patch("django.utils.timezone.now", return_value=afternoon):
        assert titles(client.get("/structures/?ouvert=on")) == ["CSAPA des Vaux"]


@pytest.mark.parametrize(
    "query",
    [
        "theme=inconnue",
        "public=%00",
        "lieu=nulle-part",
        "typologie=<script>",
        "afficher=tout-le-reste",
        "page=abc",
        "page=-1",
        "page=99999",
        "q=%00%01%02",
        "lieu=cc-",
    ],
)
def test_bad_input_gives_the_unfiltered_list(client, territory, query):
    response = client.get(f"/structures/?{query}")

    assert len(titles(response)) == 3


@pytest.mark.parametrize("words", ["santé " * 2000, '"unbalanced', "a:b OR (c", "%_\\"])
def test_any_text_gives_an_answer(client, territory, words):
    response = client.get("/structures/", {"q": words})

    assert response.status_code == 200
    assert re.search(r'<h2 id="resultats"[^>]*>\s*(Aucun acteur|\d+ acteurs?)', response.text)


def test_unknown_value_is_ignored_and_named(client, territory):
    response = client.get("/structures/?theme=inconnue&typologie=CSAPA")
    html = response.content.decode()

    assert titles(response) == ["CSAPA des Vaux"]
    assert "ont été ignorés : Thématique." in html


def test_very_long_text_is_cut_with_a_notice(client, territory):
    response = client.get("/structures/", {"q": "addictologie " + "x" * 10_000})

    assert response.status_code == 200
    assert "seuls ses 200 premiers caractères" in response.content.decode()


def test_page_out_of_range_shows_the_last_page_with_a_notice(client, territory):
    response = client.get("/structures/?page=99999")

    assert "Cette page de résultats n'existe pas" in response.content.decode()
    assert len(titles(response)) == 3


def test_pagination_keeps_the_filters(client, directory):
    for number in range(25):
        StructurePageFactory(parent=directory, title=f"Maison {number:02d}", typology="MSP")
    StructurePageFactory(parent=directory, title="Autre", typology="CCAS")

    first = client.get("/structures/?typologie=MSP")
    second = client.get("/structures/?typologie=MSP&page=2")

    assert len(titles(first)) == 20 and len(titles(second)) == 5
    assert "?typologie=MSP&amp;page=2" in first.content.decode()
    assert "25 acteurs" in second.content.decode()


def test_directory_is_built_accessibly(client, territory):
    for path in ("/structures/?theme=nutrition", "/structures/carte/"):
        structure = PageStructure()
        structure.feed(client.get(path).content.decode())

        assert structure.headings.count(1) == 1
        pairs = zip(structure.headings, structure.headings[1:], strict=False)
        assert not [(a, b) for a, b in pairs if b > a + 1]
        assert len(structure.ids) == len(set(structure.ids))
        assert all(field in structure.labels for field in structure.fields)
        assert not structure.inline_styles


def test_filter_form_is_a_get_form_with_labelled_fields(client, territory):
    html = client.get("/structures/?theme=nutrition&lieu=cc-morvan").content.decode()

    assert '<form class="directory-filters" method="get" action="/structures/"' in html
    assert f'<option value="nutrition" selected>{territory["nutrition"].name}</option>' in html
    assert '<optgroup label="CC du Morvan">' in html
    assert '<option value="cc-morvan" selected>' in html


# The map -----------------------------------------------------------------------------------


def test_map_page_loads_leaflet_from_our_static_files(client, territory):
    html = client.get("/structures/carte/?theme=nutrition").content.decode()

    assert '<script src="/static/vendor/leaflet/leaflet.js" defer></script>' in html
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert 'data-geojson-url="/structures/carte/donnees/?theme=nutrition"' in html
    assert f'data-tile-url="{settings.MAP_TILE_URL}"' in html
    # The list stays under the map, as the accessible alternative.
    assert titles(client.get("/structures/carte/?theme=nutrition")) == [
        "CPTS du territoire",
        "Épicerie solidaire de Clamecy",
    ]
    assert 'href="#liste-resultats"' in html


def test_list_page_loads_no_map_library(client, territory):
    html = client.get("/structures/").content.decode()

    assert "leaflet" not in html.lower()


@pytest.mark.parametrize(
    "path",
    [
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/images/marker-icon.png",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/leaflet.markercluster/MarkerCluster.Default.css",
        "js/directory-map.js",
    ],
)
def test_map_files_are_served_locally(client, path):
    response = client.get(f"/static/{path}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content)


def test_map_data_is_geojson_of_the_filtered_structures(client, territory):
    territory["csapa"].latitude = None
    territory["csapa"].longitude = None
    territory["csapa"].save_revision().publish()

    response = client.get("/structures/carte/donnees/?lieu=varzy")
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/geo+json"
    assert data["type"] == "FeatureCollection"
    # CSAPA has no coordinates any more: only the CPTS is on the map.
    assert [feature["properties"]["name"] for feature in data["features"]] == ["CPTS du territoire"]
    feature = data["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [3.5, 47.2]}
    assert feature["properties"] == {
        "name": "CPTS du territoire",
        "url": "/structures/cpts-du-territoire/",
        "typology": "CPTS",
        "commune": "",
    }


def test_map_data_follows_every_filter_and_hides_drafts(client, territory):
    data = client.get("/structures/carte/donnees/?theme=nutrition&afficher=actions").json()

    names = sorted(feature["properties"]["name"] for feature in data["features"])
    assert names == ["CPTS du territoire", "Épicerie solidaire de Clamecy"]
    everything = client.get("/structures/carte/donnees/?page=abc&theme=%00").json()
    assert len(everything["features"]) == 3


def test_map_data_holds_public_fields_only(client, territory):
    data = client.get("/structures/carte/donnees/").json()

    for feature in data["features"]:
        assert set(feature["properties"]) == {"name", "url", "typology", "commune"}
