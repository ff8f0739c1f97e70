"""The coordination handles partner account requests in the admin, over real HTTP requests.

Accepting one creates the structure (a draft), its partner space and the user in one go, and
sends the user a one-time link to choose a password; refusing one e-mails the reason.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission

from partners.models import PartnerRequest, PartnerSpace, StructurePage

pytestmark = pytest.mark.django_db


def make_request(**fields):
    return PartnerRequest.objects.create(
        **{
            "structure_name": "Épicerie solidaire du Val",
            "typology": "BANQUE_ALIM",
            "first_name": "Nadia",
            "last_name": "Martin",
            "contact_role": "Présidente",
            "email": "nadia.martin@epicerie.example",
            "message": "Nous distribuons des colis chaque jeudi.",
            **fields,
        }
    )


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination")


@pytest.fixture
def coordination_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def pending():
    return make_request()


def approve_url(request):
    return reverse("partner_requests:approve", args=[request.pk])


def reject_url(request):
    return reverse("partner_requests:reject", args=[request.pk])


def assert_refused(response, url):
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url != url


@pytest.mark.parametrize("role", ["Partenaires", "Communication"])
def test_only_the_coordination_reaches_the_requests(client, make_user, pending, role):
    client.force_login(make_user("someone", role))

    for url in (
        reverse("partner_requests:index"),
        reverse("partner_requests:inspect", args=[pending.pk]),
        reverse("partner_requests:edit", args=[pending.pk]),
        approve_url(pending),
        reject_url(pending),
    ):
        assert_refused(client.get(url), url)
    response = client.post(approve_url(pending), {"existing_structure": ""})
    assert_refused(response, approve_url(pending))
    pending.refresh_from_db()
    assert pending.is_pending
    assert not StructurePage.objects.exists()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("partner_requests:index") not in home  # not in the menu


def test_coordination_lists_filters_and_searches_requests(coordination_client, pending):
    make_request(structure_name="CPTS du Haut-Nivernais", email="cpts@exemple.example")
    make_request(structure_name="Ancienne demande", status=PartnerRequest.Status.REJECTED)
    index = reverse("partner_requests:index")

    listing = coordination_client.get(index).content.decode()
    pending_only = coordination_client.get(index, {"status": "pending"}).content.decode()
    searched = coordination_client.get(index, {"q": "cpts@"}).content.decode()

    home = coordination_client.get(reverse("wagtailadmin_home")).content.decode()
    assert index in home  # in the menu
    assert "Ancienne demande" in listing
    assert "Épicerie solidaire du Val" in pending_only
    assert "Ancienne demande" not in pending_only
    assert "CPTS du Haut-Nivernais" in searched
    assert "Épicerie solidaire du Val" not in searched


def test_a_pending_request_shows_its_details_and_both_decisions(coordination_client, pending):
    response = coordination_client.get(reverse("partner_requests:inspect", args=[pending.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nous distribuons des colis chaque jeudi." in html
    assert approve_url(pending) in html
    assert reject_url(pending) in html


def test_approving_creates_the_draft_structure_its_space_and_an_invited_user(
    coordination_client, coordinator, directory, pending, django_capture_on_commit_callbacks
):
    assert coordination_client.get(approve_url(pending)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = coordination_client.post(approve_url(pending), {"existing_structure": ""})

    assert response.status_code == 302
    pending.refresh_from_db()
    structure = StructurePage.objects.get()
    assert structure.get_parent().pk == directory.pk
    assert (structure.title, structure.slug) == (
        "Épicerie solidaire du Val",
        "epicerie-solidaire-du-val",
    )
    assert not structure.live
    assert structure.latest_revision is not None
    space = PartnerSpace.objects.get(structure=structure)
    codenames = set(
        GroupPagePermission.objects.filter(group=space.group, page=structure).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}  # never publish
    user = pending.user
    assert user.username == user.email == "nadia.martin@epicerie.example"
    assert user.is_active and not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {"Partenaires", space.group.name}
    assert pending.status == PartnerRequest.Status.APPROVED
    assert pending.handled_by == coordinator
    assert pending.handled_at is not None
    assert pending.existing_structure.pk == structure.pk
    [invitation] = mail.outbox
    assert invitation.to == [user.email]
    assert "Épicerie solidaire du Val" in invitation.subject


def test_the_invitation_link_sets_a_password_once(
    client, coordination_client, directory, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordination_client.post(approve_url(pending), {"existing_structure": ""})
    link = re.search(r"http://\S+/admin/password_reset/confirm/\S+/", mail.outbox[0].body)
    path = link.group(0).split("8000", 1)[1]
    client.logout()

    set_password = client.get(path)
    assert set_password.status_code == 302  # Django hides the token behind a session
    form = client.get(set_password.url)
    assert form.status_code == 200
    done = client.post(
        set_password.url,
        {"new_password1": "Un mot de passe solide 1", "new_password2": "Un mot de passe solide 1"},
    )

    assert done.status_code == 302
    logged_in = client.post(
        reverse("wagtailadmin_login"),
        {"username": "nadia.martin@epicerie.example", "password": "Un mot de passe solide 1"},
    )
    assert logged_in.status_code == 302
    client.logout()
    reused = client.get(path, follow=True)
    assert "new_password1" not in reused.content.decode()  # the link works once


def test_approving_twice_does_nothing_twice(
    coordination_client, directory, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordination_client.post(approve_url(pending), {"existing_structure": ""})
        second = coordination_client.post(approve_url(pending), {"existing_structure": ""})

    assert second.status_code in (200, 302)
    assert StructurePage.objects.count() == 1
    assert PartnerSpace.objects.count() == 1
    assert get_user_model().objects.filter(email=pending.email).count() == 1
    assert len(mail.outbox) == 1
    assert (
        "déjà été traitée"
        in coordination_client.get(approve_url(pending), follow=True).content.decode()
    )


def test_approving_can_link_an_existing_structure_and_account(
    coordination_client, make_user, structure, django_capture_on_commit_callbacks
):
    existing = make_user("nadia")
    request = make_request(email="NADIA@exemple.invalid")

    with django_capture_on_commit_callbacks(execute=True):
        coordination_client.post(approve_url(request), {"existing_structure": structure.pk})

    request.refresh_from_db()
    assert StructurePage.objects.count() == 1
    assert request.user == existing
    assert PartnerSpace.objects.get(structure=structure).group in existing.groups.all()
    [message] = mail.outbox
    assert "password_reset" not in message.body  # they already have a password
    assert "/admin/pages/" in message.body


def test_approving_without_a_directory_explains_what_to_do(coordination_client, home_page):
    request = make_request()

    response = coordination_client.post(approve_url(request), {"existing_structure": ""})

    assert response.status_code == 200
    assert "Aucun annuaire des acteurs" in response.content.decode()
    request.refresh_from_db()
    assert request.is_pending


def test_refusing_needs_a_reason_which_is_mailed_to_the_requester(
    coordination_client, pending, django_capture_on_commit_callbacks
):
    empty = coordination_client.post(reject_url(pending), {"decision_note": "  <b></b> "})
    assert empty.status_code == 200
    assert "Indiquez le motif du refus." in empty.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordination_client.post(
            reject_url(pending), {"decision_note": "Votre structure est hors du territoire."}
        )

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == PartnerRequest.Status.REJECTED
    assert pending.handled_at is not None
    assert not StructurePage.objects.exists()
    [message] = mail.outbox
    assert message.to == ["nadia.martin@epicerie.example"]
    assert "Votre structure est hors du territoire." in message.body


def test_a_refused_request_cannot_be_accepted_afterwards(coordination_client, directory):
    request = make_request(status=PartnerRequest.Status.REJECTED)

    coordination_client.post(approve_url(request), {"existing_structure": ""})

    request.refresh_from_db()
    assert request.status == PartnerRequest.Status.REJECTED
    assert not StructurePage.objects.exists()


def test_coordination_can_correct_a_request_before_deciding(coordination_client, pending):
    response = coordination_client.get(reverse("partner_requests:edit", args=[pending.pk]))

    assert response.status_code == 200
    assert 'name="existing_structure"' in response.content.decode()
