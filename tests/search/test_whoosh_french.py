"""What habitants type finds the pages that answer, through the Whoosh backend and Wagtail's
search API: without accents, in the plural, with elisions and typos, by a commune's name, by a
synonym the coordination keeps; and "did you mean" suggestions."""

import pytest
from wagtail.models import Page

from home.models import HomePage
from search.models import SynonymGroup
from tests.conftest import rolled_back_after_module
from tests.evaluation.factories import (
    ActionSheetPageFactory,
    AxisPageFactory,
    ContractPageFactory,
)
from tests.events.factories import AgendaPageFactory, EventPageFactory
from tests.home.factories import (
    CallForProjectsIndexPageFactory,
    CallForProjectsPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)
from tests.partners.factories import (
    ActionPageFactory,
    CommuneFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
)

pytestmark = pytest.mark.django_db


def build_world():
    home = HomePage.objects.get(depth=2)
    directory = StructureIndexPageFactory(parent=home)
    family_house = StructurePageFactory(
        parent=directory,
        title="Maison des familles",
        short_description="Accueil et écoute des familles.",
        commune=CommuneFactory(name="Clamecy"),
    )
    StructurePageFactory(
        parent=directory,
        title="Centre médico-psychologique",
        short_description="Consultations de santé mentale pour adultes.",
        commune=CommuneFactory(name="Marans"),
    )
    StructurePageFactory(
        parent=directory,
        title="Maison des adolescents",
        short_description="Écoute et santé mentale des jeunes.",
        commune=CommuneFactory(name="Varzy"),
    )
    ActionPageFactory(
        parent=family_house,
        title="Groupe de parole des aidants",
        summary="Un soutien pour les proches aidants.",
    )
    StandardPageFactory(
        parent=home,
        title="Prévention de l'alcool chez les jeunes",
        intro="Des ateliers dans les collèges.",
    )
    StandardPageFactory(parent=home, title="Le vaccin contre la grippe", intro="Chaque automne.")
    StandardPageFactory(parent=home, title="Santé du cœur", intro="Bouger chaque jour.")
    StandardPageFactory(parent=home, title="Le coeur des femmes", intro="Un dépistage annuel.")
    StandardPageFactory(parent=home, title="Dépistage des IST", intro="Gratuit et anonyme.")
    StandardPageFactory(parent=home, title="Point accueil écoute jeunes", intro="Sans rendez-vous.")
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(
        parent=news, title="L'alimentation des bébés", summary="Conseils aux jeunes parents."
    )
    calls = CallForProjectsIndexPageFactory(parent=home)
    CallForProjectsPageFactory(
        parent=calls,
        title="Infections sexuellement transmissibles",
        summary="Des projets au plus près des habitants.",
    )
    agenda = AgendaPageFactory(parent=home)
    EventPageFactory(
        parent=agenda, title="Journée de vaccination", summary="Mettez à jour vos rappels."
    )
    axis = AxisPageFactory(parent=ContractPageFactory(parent=home), title="Axe conduites à risque")
    ActionSheetPageFactory(
        parent=axis, title="Réduire les écrans", summary="Prévenir l'addiction aux écrans."
    )


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def backend(module_world, search_index):
    return search_index


def found(query):
    return [page.title for page in Page.objects.live().public().search(query)]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("prevention alcool jeunes", "Prévention de l'alcool chez les jeunes"),
        ("aide aux aidants", "Groupe de parole des aidants"),
        ("l'alimentation des bébés", "L'alimentation des bébés"),
        ("alimentation bebe", "L'alimentation des bébés"),
        ("sante mentale marans", "Centre médico-psychologique"),  # the structure's commune
        ("preventions", "Prévention de l'alcool chez les jeunes"),
        ("d'addiction", "Réduire les écrans"),
    ],
)
def test_what_habitants_type_finds_the_page_first(backend, query, first):
    assert found(query)[0] == first


def test_a_plural_finds_the_singular_of_the_same_stem(backend):
    assert "Le vaccin contre la grippe" in found("vaccins")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("adiction", "Réduire les écrans"), ("vacination", "Journée de vaccination")],
)
def test_a_typo_still_finds_the_page(backend, query, expected):
    assert expected in found(query)


@pytest.mark.parametrize("query", ["coeur", "cœur", "CŒUR"])
def test_the_oe_ligature_is_the_same_as_o_e_both_ways(backend, query):
    assert {"Santé du cœur", "Le coeur des femmes"} <= set(found(query))


def test_stop_words_alone_find_nothing_without_error(backend):
    results = Page.objects.live().public().search("le la les")

    assert list(results) == []
    assert results.count() == 0


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("prév", "Prévention de l'alcool chez les jeunes"),
        ("prev", "Prévention de l'alcool chez les jeunes"),
        ("l'alim", "L'alimentation des bébés"),
        ("CŒ", "Santé du cœur"),
    ],
)
def test_autocomplete_folds_accents_elisions_and_ligatures(backend, typed, title):
    assert title in [page.title for page in Page.objects.live().public().autocomplete(typed)]


# Synonyms -------------------------------------------------------------------------------------


def test_an_acronym_finds_its_long_form_and_the_long_form_the_acronym(backend):
    assert "Infections sexuellement transmissibles" in found("IST")
    assert "Dépistage des IST" in found("infections sexuellement transmissibles")
    assert "Dépistage des IST" in found("infection sexuellement transmissible")


def test_a_synonym_group_saved_by_the_coordination_applies_at_once(backend):
    assert found("PAEJ") == []  # the groups are now cached

    group = SynonymGroup.objects.create(expressions="PAEJ, point accueil écoute jeunes")
    assert found("PAEJ") == ["Point accueil écoute jeunes"]

    group.expressions = "PAEJ, point information jeunesse"
    group.save()
    assert found("PAEJ") == []

    group.expressions = "PAEJ, accueil écoute jeunes"
    group.save()
    assert found("PAEJ") == ["Point accueil écoute jeunes"]

    group.delete()
    assert found("PAEJ") == []


# Did you mean ---------------------------------------------------------------------------------


def test_a_typo_is_corrected_into_a_word_of_the_site(backend):
    assert backend.suggest("adiction") == "addiction"
    assert backend.suggest("vacination") == "vaccination"
    assert backend.suggest("prevension") == "prévention"  # as the site writes it


def test_known_words_get_no_suggestion(backend):
    assert backend.suggest("prévention") is None
    assert backend.suggest("l'alimentation des bébés") is None
