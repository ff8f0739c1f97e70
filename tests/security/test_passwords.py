"""Passwords per the CNIL (délibération n° 2022-100): 12 characters at least, with upper and
lower case letters, digits and special characters; Django's checks of common, numeric-only and
username-like passwords still apply. Checked through the validators and over HTTP in Wagtail's
account and user forms."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.urls import reverse

from home.management.commands.load_demo import DEFAULT_PASSWORD
from home.passwords import CharacterClassesValidator

GOOD = "Trois-Rivières-2026"


def errors_for(password, user=None):
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize(
    "password",
    [GOOD, "Écoute santé 2026", "J'ai 12 ans!", "4 chemins, Clamecy"],
)
def test_twelve_characters_of_the_four_kinds_are_accepted(password):
    assert errors_for(password) == []


def test_a_shorter_password_is_refused_in_french():
    assert errors_for("Court-2026!") == [
        "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."
    ]


@pytest.mark.parametrize(
    "password, missing",
    [
        ("trois-rivieres-2026", "une majuscule"),
        ("TROIS-RIVIERES-2026", "une minuscule"),
        ("Trois-Rivieres-deux", "un chiffre"),
        ("TroisRivieres2026", "un caractère spécial (ponctuation, symbole ou espace)"),
    ],
)
def test_each_missing_kind_of_character_is_named(password, missing):
    assert errors_for(password) == [f"Ce mot de passe doit contenir au moins {missing}."]


def test_every_missing_kind_is_named_in_one_sentence():
    assert errors_for("troisrivieresquatre") == [
        "Ce mot de passe doit contenir au moins une majuscule, un chiffre et un caractère "
        "spécial (ponctuation, symbole ou espace)."
    ]


def test_django_checks_still_apply(db):
    user = get_user_model()(username="coordination", email="coordination@exemple.fr")

    # In Django's list of common passwords once lower-cased, whatever the case and symbols.
    assert "Ce mot de passe est trop courant." in errors_for("N8zgt5p0shw=", user)
    assert any("trop semblable" in message for message in errors_for("Coordination-1", user))


def test_the_help_text_is_french():
    assert CharacterClassesValidator().get_help_text() in password_validators_help_texts()
    assert "une majuscule, une minuscule, un chiffre" in CharacterClassesValidator().get_help_text()


def test_the_demo_password_passes_for_every_demo_account(db):
    for username in ["coordination", "communication", "partenaire1", "partenaire2"]:
        user = get_user_model()(username=username, email=f"{username}@exemple.invalid")
        assert errors_for(DEFAULT_PASSWORD, user) == [], username


def new_user(username, password):
    return {
        "username": username,
        "email": f"{username}@exemple.invalid",
        "first_name": "Nadia",
        "last_name": "Martin",
        "password1": password,
        "password2": password,
        "is_active": "on",
    }


@pytest.fixture
def coordination_client(client, make_user):
    client.force_login(make_user("coordinatrice", "Coordination"))
    return client


def test_the_coordination_cannot_create_an_account_with_a_weak_password(coordination_client):
    response = coordination_client.post(
        reverse("wagtailusers_users:add"), new_user("nadia", "nadiamartin2026")
    )

    assert response.status_code == 200
    assert "Ce mot de passe doit contenir au moins une majuscule" in response.content.decode()
    assert not get_user_model().objects.filter(username="nadia").exists()


def test_the_coordination_creates_an_account_with_a_strong_password(coordination_client):
    response = coordination_client.post(reverse("wagtailusers_users:add"), new_user("nadia", GOOD))

    assert response.status_code == 302
    assert get_user_model().objects.get(username="nadia").check_password(GOOD)


def account_form(client):
    """Every field of Wagtail's account page as it shows them (each panel is one form)."""
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    form = BeautifulSoup(html, "html.parser").find(
        "input", attrs={"name": "password-new_password1"}
    )
    form = form.find_parent("form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button"):
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "select":
            selected = field.find("option", selected=True) or field.find("option")
            data[name] = selected.get("value", "") if selected else ""
        else:
            data[name] = field.get("value") or field.text or ""
    return data


def change_password(client, old, new):
    data = account_form(client) | {
        "password-old_password": old,
        "password-new_password1": new,
        "password-new_password2": new,
    }
    return client.post(reverse("wagtailadmin_account"), data)


def test_a_user_cannot_change_to_a_weak_password(client, make_user):
    user = make_user("partenaire", "Partenaires", first_name="Nadia", last_name="Martin")
    user.set_password(GOOD)
    user.save()
    client.force_login(user)

    response = change_password(client, GOOD, "motdepasse-simple")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Ce mot de passe doit contenir au moins une majuscule et un chiffre." in page
    user.refresh_from_db()
    assert user.check_password(GOOD)


def test_a_user_changes_to_a_strong_password(client, make_user):
    user = make_user("partenaire", "Partenaires", first_name="Nadia", last_name="Martin")
    user.set_password(GOOD)
    user.save()
    client.force_login(user)

    response = change_password(client, GOOD, "Nouvelle clef : 2027")

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nouvelle clef : 2027")
