"""The three roles, as a partner, a communication officer and the coordinator meet them.

Every rule is tried over real HTTP requests to Wagtail's admin: being refused means a redirect
away from the screen (Wagtail's "permission denied" answer) or a 403, never the screen itself.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from .factories import ImageFactory, StandardPageFactory, png_bytes

pytestmark = pytest.mark.django_db

ROLES = ["Coordination", "Communication", "Partenaires"]


def admin_url(name, home_page, site, image):
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "users": reverse("wagtailusers_users:index"),
        "add user": reverse("wagtailusers_users:add"),
        "groups": reverse("wagtailusers_groups:index"),
        "site settings": reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk]),
        "workflows": reverse("wagtailadmin_workflows:index"),
        "redirects": reverse("wagtailredirects:index"),
        "collections": reverse("wagtailadmin_collections:index"),
        "sites": reverse("wagtailsites:index"),
        "images": reverse("wagtailimages:index"),
        "edit image": reverse("wagtailimages:edit", args=[image.pk]),
        "documents": reverse("wagtaildocs:index"),
        "edit home page": reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
        "add page": reverse("wagtailadmin_pages:add", args=["home", "standardpage", home_page.pk]),
    }[name]


# Who may open which admin screen. Sites stay for the technical superuser.
ACCESS = {
    "dashboard": {"Coordination", "Communication", "Partenaires"},
    "users": {"Coordination"},
    "add user": {"Coordination"},
    "groups": {"Coordination"},
    "site settings": {"Coordination"},
    "workflows": {"Coordination"},
    "redirects": {"Coordination"},
    "collections": {"Coordination"},
    "sites": set(),
    "images": {"Coordination", "Communication"},
    "edit image": {"Coordination", "Communication"},
    "documents": {"Coordination", "Communication"},
    "edit home page": {"Coordination"},
    "add page": {"Coordination"},
}


def new_user_form(username, **extra):
    """What the admin's "add user" form posts."""
    return {
        "username": username,
        "email": f"{username}@exemple.invalid",
        "first_name": "Accueil",
        "last_name": username,
        "password1": "Un-mot-de-passe-solide-1",
        "password2": "Un-mot-de-passe-solide-1",
        **extra,
    }


@pytest.fixture
def image():
    return ImageFactory()


@pytest.mark.parametrize("screen", sorted(ACCESS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_its_own_admin_screens(
    client, make_user, home_page, site, image, role, screen
):
    client.force_login(make_user(f"user-{role}", role))

    response = client.get(admin_url(screen, home_page, site, image))

    if role in ACCESS[screen]:
        assert response.status_code == 200, f"{role} should open {screen}"
    else:
        assert response.status_code in (302, 403), f"{role} must not open {screen}"
        if response.status_code == 302:
            assert response.url != admin_url(screen, home_page, site, image)


def test_anonymous_visitors_are_sent_to_the_admin_login(client, home_page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_roles_exist_in_every_database_and_wagtail_defaults_are_gone():
    assert set(Group.objects.values_list("name", flat=True)) == set(ROLES)


def test_moderation_workflow_is_handed_to_coordination():
    workflow = Workflow.objects.get()
    root = Page.get_first_root_node()

    assert workflow.name == "Validation par la coordination"
    assert workflow.active
    assert root.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Coordination"]


def test_partner_cannot_edit_any_page_without_a_structure_of_its_own(client, make_user, home_page):
    page = StandardPageFactory(parent=home_page, title="Le contrat")
    client.force_login(make_user("partenaire", "Partenaires"))

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        nested_form_data(
            {"title": "Piraté", "slug": page.slug, "intro": "", "body": streamfield([])}
        ),
    )

    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title == "Le contrat"


def test_partner_cannot_create_users(client, make_user):
    client.force_login(make_user("partenaire", "Partenaires"))

    client.post(reverse("wagtailusers_users:add"), new_user_form("intrus"))

    assert not get_user_model().objects.filter(username="intrus").exists()


def test_coordination_publishes_a_page_directly(client, make_user, home_page):
    page = StandardPageFactory(parent=home_page, title="Le contrat")
    client.force_login(make_user("coordinatrice", "Coordination"))

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        nested_form_data(
            {
                "title": "Le contrat local de santé",
                "slug": page.slug,
                "intro": "Mis à jour.",
                "body": streamfield([("paragraph", rich_text("<p>Texte publié.</p>"))]),
                "action-publish": "action-publish",
            }
        ),
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "Le contrat local de santé"
    assert "Texte publié." in client.get(page.url).content.decode()


def test_coordination_creates_an_account_for_a_partner(client, make_user):
    client.force_login(make_user("coordinatrice", "Coordination"))
    partners = Group.objects.get(name="Partenaires")

    response = client.post(
        reverse("wagtailusers_users:add"),
        new_user_form("ccas-clamecy", groups=[partners.pk], is_active="on"),
    )

    assert response.status_code == 302
    user = get_user_model().objects.get(username="ccas-clamecy")
    assert list(user.groups.all()) == [partners]


def test_communication_uploads_images_but_cannot_edit_pages(client, make_user, home_page):
    client.force_login(make_user("chargee-com", "Communication"))

    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Affiche Mois sans tabac",
            "file": SimpleUploadedFile("affiche.png", png_bytes(), content_type="image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Affiche Mois sans tabac").exists()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))
    assert edit.status_code in (302, 403)
