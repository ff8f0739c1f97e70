"""Wagtail's front-end login (/_util/login/), where members land from the wall and private pages:
the site's own layout, French, accessible, and throttled like the admin's."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from .test_login_throttling import PASSWORD, attempt, fail, member  # noqa: F401 (fixture)

# The member who logs in (the throttling tests' fixture, imported above).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("member")]


@pytest.fixture
def login_url():
    return reverse("wagtailcore_login")


def test_the_login_page_has_the_sites_layout_and_labelled_fields(client, login_url):
    response = client.get(login_url, {"next": "/reseau/"})

    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.html["lang"] == "fr"
    assert soup.select_one("a.skip-link")["href"] == "#contenu"
    main = soup.find("main")
    assert main.find("h1").get_text(strip=True) == "Connexion"
    for name in ("username", "password"):
        field = main.find("input", attrs={"name": name})
        assert main.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert main.find("input", attrs={"name": "next"})["value"] == "/reseau/"
    assert main.find("button", type="submit").get_text(strip=True) == "Se connecter"


def test_a_wrong_password_is_said_in_french_without_naming_the_account(client, login_url):
    response = client.post(login_url, {"username": "coordinatrice", "password": "pas-le-bon"})

    assert response.status_code == 200
    summary = BeautifulSoup(response.content.decode(), "html.parser").find(role="alert")
    assert "identifiant ou le mot de passe est incorrect" in summary.get_text(" ")


def test_the_right_password_logs_in_and_follows_next(client, login_url):
    response = client.post(
        login_url, {"username": "coordinatrice", "password": PASSWORD, "next": "/reseau/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/reseau/"


def test_the_front_end_login_is_throttled_too(client, login_url):
    fail(client, login_url, settings.AXES_FAILURE_LIMIT)

    response = attempt(client, login_url, "coordinatrice", PASSWORD)

    assert response.status_code == 429
    assert "Connexion momentanément bloquée" in response.content.decode()
