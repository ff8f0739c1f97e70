"""The cached menu and footer change the moment something is published, moved or deleted."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import SiteSettings

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def menu_titles(client):
    page = client.get("/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group()
    return [html.unescape(title) for title in re.findall(r">([^<]+)</a>", nav)]


@pytest.fixture
def coordinator(make_user):
    """The coordinator's own browser; `client` stays an anonymous visitor."""
    browser = Client()
    browser.force_login(make_user("coordinatrice", "Coordination"))
    return browser


def test_publishing_a_page_in_the_admin_shows_it_in_the_menu_at_once(
    client, coordinator, home_page
):
    assert menu_titles(client) == ["Accueil"]  # the menu is now cached

    response = coordinator.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk]),
        nested_form_data(
            {
                "title": "L'agenda santé",
                "slug": "agenda-sante",
                "intro": "",
                "body": streamfield([]),
                "show_in_menus": "on",
                "action-publish": "action-publish",
            }
        ),
    )

    assert response.status_code == 302
    assert menu_titles(client) == ["Accueil", "L'agenda santé"]


def test_unpublishing_a_page_removes_it_from_the_menu(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Le contrat", show_in_menus=True)
    assert menu_titles(client) == ["Accueil", "Le contrat"]

    page.unpublish()

    assert menu_titles(client) == ["Accueil"]


def test_renaming_moving_and_deleting_pages_update_the_menu(client, home_page):
    first = StandardPageFactory(parent=home_page, title="Le contrat", show_in_menus=True)
    second = StandardPageFactory(parent=home_page, title="Le territoire", show_in_menus=True)
    assert menu_titles(client) == ["Accueil", "Le contrat", "Le territoire"]

    first.title = "Le contrat local de santé"
    first.save_revision().publish()
    assert menu_titles(client) == ["Accueil", "Le contrat local de santé", "Le territoire"]

    second.move(first, pos="left")
    assert menu_titles(client) == ["Accueil", "Le territoire", "Le contrat local de santé"]

    first.delete()
    assert menu_titles(client) == ["Accueil", "Le territoire"]


def test_saving_site_settings_in_the_admin_updates_the_footer_at_once(
    client, coordinator, site, home_page
):
    assert "Pays des Trois Ponts" not in client.get("/").content.decode()

    response = coordinator.post(
        reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk]),
        nested_form_data(
            {
                "territory_name": "Pays des Trois Ponts",
                "tagline": "",
                "contact_name": "",
                "contact_address": "",
                "contact_email": "cls@trois-ponts.example",
                "contact_phone": "",
                "social_links": streamfield([]),
                "accessibility_status": "partiel",
            }
        ),
    )

    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "Pays des Trois Ponts" in page
    assert 'href="mailto:cls@trois-ponts.example"' in page
    assert "Accessibilité : partiellement conforme" in page


def test_renaming_a_page_linked_from_the_footer_updates_the_footer(client, site, home_page):
    contact = StandardPageFactory(parent=home_page, title="Contact", slug="contact")
    SiteSettings.objects.create(site=site, contact_page=contact)
    assert '<a href="/contact/">Contact</a>' in client.get("/").content.decode()

    contact.title = "Nous écrire"
    contact.slug = "nous-ecrire"
    contact.save_revision().publish()

    assert '<a href="/nous-ecrire/">Nous écrire</a>' in client.get("/").content.decode()
