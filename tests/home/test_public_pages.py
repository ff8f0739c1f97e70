"""What an anonymous visitor gets: French pages, navigation, 404/500, sitemap and robots.txt."""

import re

import pytest
from django.template.loader import render_to_string
from wagtail.models import PageViewRestriction

from home.models import SiteSettings

from .factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_french_with_a_skip_link(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert '<a class="skip-link" href="#contenu">Aller au contenu</a>' in html
    assert '<main id="contenu"' in html
    # The skip link is the first focusable element of the page.
    assert html.index("skip-link") < html.index("<header")


def test_home_page_has_one_search_box_with_a_visible_label(client, home_page):
    html = client.get("/").content.decode()

    assert html.count('role="search"') == 1
    assert '<label class="search-form__label" for="accueil-q">Que cherchez-vous ?</label>' in html
    assert 'action="/recherche/"' in html


def test_other_pages_carry_the_search_box_in_the_header(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Le contrat")

    html = client.get(page.url).content.decode()

    assert 'for="entete-q"' in html


def test_main_menu_lists_live_pages_marked_for_menus_in_tree_order(client, home_page):
    StandardPageFactory(parent=home_page, title="Le contrat", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Mentions légales", show_in_menus=False)
    StandardPageFactory(parent=home_page, title="Brouillon", show_in_menus=True, live=False)
    StandardPageFactory(parent=home_page, title="Le territoire", show_in_menus=True)

    html = client.get("/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group()

    assert re.findall(r">([^<]+)</a>", nav) == ["Accueil", "Le contrat", "Le territoire"]
    assert '<a href="/" aria-current="page">Accueil</a>' in nav


def test_menu_marks_the_current_page_and_its_section(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Le contrat", show_in_menus=True)
    child = StandardPageFactory(parent=section, title="Les signataires")

    section_nav = client.get(section.url).content.decode()
    child_nav = client.get(child.url).content.decode()

    assert f'<a href="{section.url}" aria-current="page">Le contrat</a>' in section_nav
    assert f'<a href="{section.url}" class="is-section">Le contrat</a>' in child_nav


def test_breadcrumbs_lead_from_home_to_the_current_page(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Le contrat")
    child = StandardPageFactory(parent=section, title="Les signataires")

    html = client.get(child.url).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group()

    assert 'aria-label="Fil d\'Ariane"' in crumbs
    assert re.findall(r"<li>(.*?)</li>", crumbs, re.S) == [
        '<a href="/">Accueil</a>',
        f'<a href="{section.url}">Le contrat</a>',
        '<span aria-current="page">Les signataires</span>',
    ]


def test_home_page_has_no_breadcrumbs(client, home_page):
    assert "Fil d'Ariane" not in client.get("/").content.decode()


def test_standard_page_lists_its_live_subpages(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Le contrat")
    StandardPageFactory(parent=section, title="Les signataires", intro="Qui s'engage.")
    StandardPageFactory(parent=section, title="Projet en cours", live=False)

    html = client.get(section.url).content.decode()

    assert "Dans cette rubrique" in html
    assert "Les signataires" in html and "Qui s&#x27;engage." in html
    assert "Projet en cours" not in html


def test_draft_page_is_not_served_to_anonymous_visitors(client, home_page):
    draft = StandardPageFactory(parent=home_page, title="Brouillon", live=False)

    assert client.get(f"/{draft.slug}/").status_code == 404


def test_unknown_address_gets_a_french_404_with_search(client, home_page):
    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "<h1>Page introuvable</h1>" in html
    assert 'action="/recherche/"' in html


def test_500_page_is_french_and_needs_no_database():
    # Rendered with no context at all, as Django does when something broke.
    html = render_to_string("500.html")

    assert '<html lang="fr">' in html
    assert "erreur temporaire" in html
    assert 'href="#contenu"' in html


def test_footer_shows_the_site_settings(client, site, home_page):
    legal = StandardPageFactory(parent=home_page, title="Mentions légales")
    SiteSettings.objects.create(
        site=site,
        territory_name="Pays de test",
        contact_email="contact@exemple.invalid",
        contact_phone="01 99 00 00 01",
        legal_notice_page=legal,
        accessibility_status="partiel",
    )

    html = client.get("/").content.decode()

    assert "Pays de test" in html
    assert 'href="mailto:contact@exemple.invalid"' in html
    assert 'href="tel:0199000001"' in html
    assert f'<a href="{legal.url}">Mentions légales</a>' in html
    assert "Accessibilité : partiellement conforme" in html


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client, home_page):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_live_public_pages_only(client, home_page):
    live = StandardPageFactory(parent=home_page, title="Le contrat")
    draft = StandardPageFactory(parent=home_page, title="Brouillon", live=False)
    private = StandardPageFactory(parent=home_page, title="Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = re.findall(r"<loc>(.*?)</loc>", response.content.decode())
    paths = {re.sub(r"^https?://[^/]+", "", location) for location in locations}
    assert paths == {"/", live.url}
    assert draft.url not in paths


def test_a_crash_while_serving_a_page_gives_the_french_500(client, home_page, monkeypatch):
    def broken_serve(self, request, *args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(type(home_page), "serve", broken_serve)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    assert "Le site rencontre une erreur temporaire" in response.content.decode()
