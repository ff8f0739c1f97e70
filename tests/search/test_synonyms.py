"""The coordination's synonyms: what they expand to, and who may edit them."""

import pytest
from django.urls import reverse

from search.analysis import terms
from search.models import SynonymGroup
from search.synonyms import equivalents

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_search_synonymgroup:add")
LIST = reverse("wagtailsnippets_search_synonymgroup:list")


def test_the_default_list_knows_the_usual_acronyms():
    found = equivalents(terms("depistage ist jeunes"))
    assert tuple(terms("infections sexuellement transmissibles")) in found
    assert tuple(terms("centre médico-psychologique")) in equivalents(terms("CMP"))


def test_a_long_form_finds_its_acronym_whatever_its_inflection():
    found = equivalents(terms("la protection maternelle et infantile"))
    assert ("pmi",) in found


def test_a_query_without_synonym_expands_to_nothing():
    assert equivalents(terms("marche nordique")) == []


def test_coordination_adds_a_group_and_searches_use_it_at_once(client, make_user):
    assert equivalents(terms("PAEJ")) == []
    client.force_login(make_user("coordinatrice", "Coordination"))
    response = client.post(
        ADD, {"expressions": "PAEJ ; point accueil écoute jeunes\n PAEJ", "note": ""}
    )
    assert response.status_code == 302
    group = SynonymGroup.objects.get(expressions__startswith="PAEJ")
    assert group.expressions == "PAEJ, point accueil écoute jeunes"
    assert tuple(terms("point accueil écoute jeunes")) in equivalents(terms("PAEJ"))


@pytest.mark.parametrize(
    ("expressions", "message"),
    [
        ("PAEJ", "au moins deux expressions"),
        (", ,", "au moins deux expressions"),
        ("a, " + "b" * 90, "80 caractères au plus"),
        (", ".join(f"mot{n}" for n in range(13)), "12 expressions au plus"),
    ],
)
def test_a_bad_group_is_refused_with_a_message(client, make_user, expressions, message):
    client.force_login(make_user("coordinatrice", "Coordination"))
    before = SynonymGroup.objects.count()
    response = client.post(ADD, {"expressions": expressions, "note": ""})
    assert response.status_code == 200 and message in response.text
    assert SynonymGroup.objects.count() == before


@pytest.mark.parametrize("group_name", ["Partenaires", "Communication"])
def test_only_the_coordination_edits_synonyms(client, make_user, group_name):
    client.force_login(make_user("quelquun", group_name))
    assert client.get(LIST).status_code in (302, 403)
    before = SynonymGroup.objects.count()
    client.post(ADD, {"expressions": "a, b", "note": ""})
    assert SynonymGroup.objects.count() == before
