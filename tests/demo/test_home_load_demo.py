"""manage.py load_demo: a credible territory, loaded as often as you like, edits kept.

The territory is loaded once for this module (`demo_territory`); each test runs in a savepoint
inside it. Tests that need an empty database first live in test_load_demo_fresh.py.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from home.management.commands.load_demo import DEFAULT_PASSWORD
from home.models import HomePage, SiteSettings, StandardPage
from partners.demo.structures import PARTNER_STRUCTURES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_territory")]

DEMO_ACCOUNTS = {
    "coordination": "Coordination",
    "communication": "Communication",
    "partenaire1": "Partenaires",
    "partenaire2": "Partenaires",
}


def load_demo(**options):
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "users": get_user_model().objects.count(),
        "settings": SiteSettings.objects.count(),
    }


def test_load_demo_builds_the_territory_and_prints_the_accounts(client):
    output = load_demo()  # again: the accounts are listed every time

    home = HomePage.objects.get()
    assert home.hero_title and home.hero_image is not None
    slugs = set(home.get_children().values_list("slug", flat=True))
    assert {"contrat-local-de-sante", "axes-du-contrat", "territoire"} <= slugs
    assert {"mentions-legales", "donnees-personnelles", "accessibilite", "contact"} <= slugs
    assert StandardPage.objects.get(slug="contrat-local-de-sante").title == (
        "Qu'est-ce qu'un contrat local de santé ?"
    )
    settings = SiteSettings.objects.get()
    assert settings.territory_name == "Pays des Quatre Rivières"
    assert settings.legal_notice_page.slug == "mentions-legales"
    for username in DEMO_ACCOUNTS:
        assert username in output
    assert DEFAULT_PASSWORD in output

    for path in ["/", "/contrat-local-de-sante/", "/axes-du-contrat/", "/territoire/"]:
        assert client.get(path).status_code == 200


def test_load_demo_twice_creates_nothing_more():
    first = snapshot()

    output = load_demo()

    assert snapshot() == first
    assert "rien à créer" in output


def test_load_demo_keeps_edits_made_since():
    page = StandardPage.objects.get(slug="territoire")
    page.title = "Notre territoire"
    page.intro = "Texte revu par la coordination."
    page.save_revision().publish()
    home = HomePage.objects.get()
    home.hero_title = "Bienvenue"
    home.save_revision().publish()
    SiteSettings.objects.update(territory_name="Pays renommé")
    user = get_user_model().objects.get(username="partenaire1")
    user.set_password("un-autre-mot-de-passe")
    user.save()

    load_demo()

    page.refresh_from_db()
    assert (page.title, page.intro) == ("Notre territoire", "Texte revu par la coordination.")
    assert HomePage.objects.get().hero_title == "Bienvenue"
    assert SiteSettings.objects.get().territory_name == "Pays renommé"
    user.refresh_from_db()
    assert user.check_password("un-autre-mot-de-passe")


def test_load_demo_recreates_what_was_deleted():
    StandardPage.objects.get(slug="axes-du-contrat").delete()

    load_demo()

    assert StandardPage.objects.filter(slug="axes-du-contrat").count() == 1


def test_demo_accounts_log_into_the_admin_with_their_roles(client):
    for username, group in DEMO_ACCOUNTS.items():
        user = get_user_model().objects.get(username=username)
        groups = set(user.groups.values_list("name", flat=True))
        # Partners also belong to their own structure's group (partners/demo).
        structure = PARTNER_STRUCTURES.get(username)
        assert groups == ({group, f"Structure {structure}"} if structure else {group})
        assert not user.is_superuser
        response = client.post(
            "/admin/login/", {"username": username, "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 302, username
        assert client.get("/admin/").status_code == 200, username
        client.logout()


def test_demo_password_comes_from_the_environment(monkeypatch):
    get_user_model().objects.filter(username="coordination").delete()
    monkeypatch.setenv("DEMO_PASSWORD", "un-secret-de-demo")

    output = load_demo()

    assert get_user_model().objects.get(username="coordination").check_password("un-secret-de-demo")
    assert "un-secret-de-demo" not in output


def test_load_demo_fills_default_settings_created_by_an_earlier_visit(client, site):
    # As if the first page view had come before the demo: settings exist with their defaults.
    SiteSettings.objects.all().delete()
    client.get("/")
    assert SiteSettings.objects.get().territory_name == "Mon territoire"

    load_demo()

    assert SiteSettings.objects.get().territory_name == "Pays des Quatre Rivières"
    assert "Pays des Quatre Rivières" in client.get("/").content.decode()
