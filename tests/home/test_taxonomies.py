"""The shared taxonomies: kept by the coordination in the admin, read by everyone else."""

import pytest
from django.urls import reverse

from home.models import Commune, Community, Public, Theme

pytestmark = pytest.mark.django_db


def test_default_themes_and_publics_exist_in_every_database():
    assert Theme.objects.filter(slug="sante-mentale").exists()
    assert Theme.objects.filter(slug="addictions").exists()
    publics = list(Public.objects.values_list("slug", flat=True))
    # Ages first, in increasing order.
    assert publics.index("0-6-ans") < publics.index("12-15-ans") < publics.index("adultes")


def test_coordination_adds_a_theme_in_the_admin(client, make_user):
    client.force_login(make_user("coordinatrice", "Coordination"))

    response = client.post(
        reverse("wagtailsnippets_home_theme:add"),
        {"name": "Santé bucco-dentaire", "slug": "sante-bucco-dentaire", "description": ""},
    )

    assert response.status_code == 302
    assert Theme.objects.filter(slug="sante-bucco-dentaire").exists()


def test_coordination_lists_communes_by_communaute(client, make_user):
    community = Community.objects.create(name="CC du Haut-Morvan", slug="haut-morvan")
    Commune.objects.create(
        name="Lormes", slug="lormes", insee_code="58145", postal_code="58140", community=community
    )
    Commune.objects.create(name="Decize", slug="decize", insee_code="58095", postal_code="58300")
    client.force_login(make_user("coordinatrice", "Coordination"))

    response = client.get(reverse("wagtailsnippets_home_commune:list"), {"community": community.pk})

    assert response.status_code == 200
    assert "Lormes" in response.content.decode()
    assert "Decize" not in response.content.decode()


def test_commune_with_a_malformed_insee_code_is_refused_with_a_message(client, make_user):
    client.force_login(make_user("coordinatrice", "Coordination"))

    response = client.post(
        reverse("wagtailsnippets_home_commune:add"),
        {"name": "Nulle part", "slug": "nulle-part", "insee_code": "5807", "postal_code": "5850"},
    )

    assert response.status_code == 200
    assert "Un code INSEE compte 5 caractères" in response.content.decode()
    assert not Commune.objects.filter(slug="nulle-part").exists()


@pytest.mark.parametrize("role", ["Partenaires", "Communication"])
def test_other_roles_cannot_change_the_taxonomies(client, make_user, role):
    theme = Theme.objects.get(slug="nutrition")
    client.force_login(make_user("quelquun", role))

    listing = client.get(reverse("wagtailsnippets_home_theme:list"))
    client.post(
        reverse("wagtailsnippets_home_theme:edit", args=[theme.pk]),
        {"name": "Piraté", "slug": "nutrition", "description": ""},
    )
    client.post(reverse("wagtailsnippets_home_theme:delete", args=[theme.pk]))

    assert listing.status_code in (302, 403)
    theme.refresh_from_db()
    assert theme.name == "Nutrition et alimentation"
