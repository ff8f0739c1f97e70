"""The coordination manages each structure's members; a member's admin opens on its structure.

Everything goes through real HTTP requests to the admin.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from partners.accounts import add_member, open_partner_space
from partners.models import PartnerSpace

from .factories import ActionPageFactory, StructurePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination")


@pytest.fixture
def coordination_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def space(structure):
    return open_partner_space(structure)


def members_url(space):
    return reverse("partner_spaces:edit", args=[space.pk])


def member_url(space, user, action):
    return reverse("partner_spaces:member", args=[space.pk, user.pk, action])


@pytest.mark.parametrize("role", ["Partenaires", "Communication"])
def test_only_the_coordination_manages_members(client, make_user, partner, space, role):
    someone = make_user("someone", role)
    if role == "Partenaires":
        add_member(space, someone)  # even a member of this very structure
    client.force_login(someone)

    for url in (reverse("partner_spaces:index"), members_url(space)):
        response = client.get(url)
        assert response.status_code in (302, 403)
    response = client.post(members_url(space), {"email": "intrus@exemple.invalid"})
    assert response.status_code in (302, 403)
    response = client.post(member_url(space, partner, "desactiver"))
    assert response.status_code in (302, 403)

    partner.refresh_from_db()
    assert partner.is_active
    assert not get_user_model().objects.filter(email="intrus@exemple.invalid").exists()


def test_spaces_are_listed_with_their_member_count(coordination_client, make_partner, structure):
    make_partner("accueil", structure)
    make_partner("directrice", structure)

    html = coordination_client.get(reverse("partner_spaces:index")).content.decode()

    assert "CCAS de Clamecy" in html
    assert "Structure ccas-clamecy" in html  # the group
    assert re.search(r"<td[^>]*>\s*2\s*</td>", html)


def test_adding_a_new_address_creates_and_invites_a_second_member(
    coordination_client, partner, space, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordination_client.post(
            members_url(space),
            {"email": "infirmiere@ccas.example", "first_name": "Léa", "last_name": "<i>Roy</i>"},
        )

    assert response.status_code == 302
    new = get_user_model().objects.get(email="infirmiere@ccas.example")
    assert (new.first_name, new.last_name) == ("Léa", "Roy")
    assert not new.has_usable_password()
    assert set(space.members) == {partner, new}  # several users per structure
    [invitation] = mail.outbox
    assert invitation.to == ["infirmiere@ccas.example"]
    assert "/admin/password_reset/confirm/" in invitation.body
    listing = coordination_client.get(members_url(space)).content.decode()
    assert "infirmiere@ccas.example" in listing
    assert "mot de passe non choisi" in listing


def test_adding_an_existing_account_links_it(
    coordination_client, make_user, space, django_capture_on_commit_callbacks
):
    someone = make_user("benevole")

    with django_capture_on_commit_callbacks(execute=True):
        coordination_client.post(members_url(space), {"email": "BENEVOLE@exemple.invalid"})

    assert someone in space.members
    assert someone.groups.filter(name="Partenaires").exists()
    assert get_user_model().objects.filter(email__iexact="benevole@exemple.invalid").count() == 1
    assert "password_reset" not in mail.outbox[0].body


@pytest.mark.parametrize(
    "email, message",
    [
        ("pas-une-adresse", "au format nom@exemple.fr"),
        ("partenaire-ccas@exemple.invalid", "déjà membre"),
        ("", "Champ requis"),
    ],
)
def test_a_bad_address_is_explained(coordination_client, partner, space, email, message):
    response = coordination_client.post(members_url(space), {"email": email})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert mail.outbox == []


def test_removing_a_member_takes_the_structure_away(coordination_client, partner, space):
    response = coordination_client.post(member_url(space, partner, "retirer"))

    assert response.status_code == 302
    assert partner not in space.members
    assert not partner.groups.exists()  # no other structure: no admin access either


def test_deactivating_a_member_blocks_the_login_until_reactivated(client, coordinator, space):
    member = get_user_model().objects.create_user(
        "membre", "membre@ccas.example", "un mot de passe solide"
    )
    add_member(space, member)
    client.force_login(coordinator)

    client.post(member_url(space, member, "desactiver"))

    member.refresh_from_db()
    assert not member.is_active
    assert member in space.members
    assert "Désactivé" in client.get(members_url(space)).content.decode()
    client.logout()
    credentials = {"username": "membre", "password": "un mot de passe solide"}
    # Through the login form: django-axes needs the request that authenticate() is given.
    assert client.post(reverse("wagtailadmin_login"), credentials).status_code == 200  # refused

    client.force_login(coordinator)
    client.post(member_url(space, member, "reactiver"))
    client.logout()
    assert client.post(reverse("wagtailadmin_login"), credentials).status_code == 302


def test_the_coordination_cannot_be_deactivated_from_a_structure(
    coordination_client, make_user, space
):
    colleague = make_user("collegue", "Coordination")
    add_member(space, colleague)

    coordination_client.post(member_url(space, colleague, "desactiver"))

    colleague.refresh_from_db()
    assert colleague.is_active


def test_someone_outside_the_space_cannot_be_acted_upon(coordination_client, space, other_partner):
    response = coordination_client.post(member_url(space, other_partner, "desactiver"))

    assert response.status_code == 404
    other_partner.refresh_from_db()
    assert other_partner.is_active


def test_an_invitation_can_be_sent_again(
    coordination_client, space, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordination_client.post(members_url(space), {"email": "oubli@ccas.example"})
    member = get_user_model().objects.get(email="oubli@ccas.example")

    coordination_client.post(member_url(space, member, "inviter"))

    assert len(mail.outbox) == 2
    assert "/admin/password_reset/confirm/" in mail.outbox[1].body


def test_coordination_opens_a_space_for_a_structure_without_one(coordination_client, directory):
    structure = StructurePageFactory(parent=directory, title="Maison sport-santé")
    add_url = reverse("partner_spaces:add")
    assert "Maison sport-santé" in coordination_client.get(add_url).content.decode()

    response = coordination_client.post(add_url, {"structure": structure.pk})

    space = PartnerSpace.objects.get(structure=structure)
    assert response.status_code == 302
    assert response.url == members_url(space)
    assert space.group.name == f"Structure {structure.slug}"


def test_wagtail_users_admin_still_works_for_the_coordination(coordination_client, partner):
    index = coordination_client.get(reverse("wagtailusers_users:index"))
    edit = coordination_client.get(reverse("wagtailusers_users:edit", args=[partner.pk]))

    assert index.status_code == 200
    assert partner.username in index.content.decode()
    assert edit.status_code == 200


def explorer_start_page_id(html):
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    menu = json.dumps(json.loads(props.group(1)))
    match = re.search(
        r'"wagtail.sidebar.PageExplorerMenuItem", "_args": \[\{[^]]*?\}, (\d+)\]', menu
    )
    return int(match.group(1))


def test_a_partner_admin_opens_on_its_own_structure(client, partner, structure):
    ActionPageFactory(parent=structure, title="Atelier mémoire")
    client.force_login(partner)

    dashboard = client.get(reverse("wagtailadmin_home"))
    explorer = client.get(reverse("wagtailadmin_explore_root"))

    assert dashboard.status_code == 200
    assert explorer_start_page_id(dashboard.content.decode()) == structure.pk
    assert explorer.status_code == 302
    assert explorer.url == reverse("wagtailadmin_explore", args=[structure.pk])
    listing = client.get(explorer.url).content.decode()
    assert "Atelier mémoire" in listing
