"""Partners propose material for a campaign's kit through a relay request; the coordination or
communication adds it to the kit's draft ("Ajouter au kit de la campagne"), never published."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, ModelLogEntry

from events.models import CampaignPage, KitItemKind
from partners.models import RelayRequest, RelayStatus
from partners.relay_kit import CAMPAIGNS_COLLECTION

from .relay_fixtures import *  # noqa: F403
from .relay_fixtures import pdf_bytes, png_bytes

Document = get_document_model()
Image = get_image_model()


def kit_url(relay):
    return reverse("relay_requests:add_to_kit", args=[relay.pk])


@pytest.fixture
def proposal(partner, structure, campaign, make_relay):
    return make_relay(
        partner,
        structure,
        subject="Affiche des ateliers sans tabac",
        campaign=campaign,
        attachment=("affiche-sans-tabac.pdf", pdf_bytes("Sans tabac")),
    )


def draft_items(campaign):
    page = CampaignPage.objects.get(pk=campaign.pk)
    return list(page.get_latest_revision_as_object().kit_items.all())


def assert_nothing_added(campaign):
    assert not Document.objects.exists()
    assert not Image.objects.filter(title__startswith="Affiche").exists()
    assert draft_items(campaign) == []


def test_coordination_adds_a_document_to_the_kit_draft(
    client, coordinator, proposal, campaign, partner, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(kit_url(proposal))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[campaign.pk])

    document = Document.objects.get()
    assert document.title == "Affiche des ateliers sans tabac"
    assert document.collection.name == CAMPAIGNS_COLLECTION
    assert document.file.read().startswith(b"%PDF")
    assert document.file_size and document.file_hash

    [item] = draft_items(campaign)
    assert item.kind == KitItemKind.DOCUMENT
    assert item.document_id == document.pk
    assert item.title == "Affiche des ateliers sans tabac"
    assert "garder la mémoire vive" in item.description
    assert "CCAS de Clamecy" in item.usage_note

    # Nothing is published: the live page has no kit item, the page has unpublished changes.
    live = CampaignPage.objects.get(pk=campaign.pk)
    assert live.kit_items.count() == 0
    assert live.has_unpublished_changes

    proposal.refresh_from_db()
    assert proposal.status == RelayStatus.RELAYED
    assert proposal.handled_by == coordinator
    assert "Ajouté au kit de la campagne « Mois sans tabac »" in proposal.note
    assert mail.outbox[0].to == [partner.email]
    # The decision is in the request's history, as a decision saved from its screen would be.
    assert ModelLogEntry.objects.filter(
        action="wagtail.edit", object_id=str(proposal.pk), user=coordinator
    ).exists()


def test_the_page_editor_opens_on_the_draft_with_the_new_item(client, coordinator, proposal):
    client.force_login(coordinator)
    response = client.post(kit_url(proposal), follow=True)
    assert response.status_code == 200
    assert "Affiche des ateliers sans tabac" in response.content.decode()


def test_picture_becomes_an_image_whose_alt_text_is_left_to_the_reviewer(
    client, communicator, partner, campaign, make_relay
):
    relay = make_relay(
        partner,
        subject="Visuel réseaux sociaux",
        campaign=campaign,
        attachment=("visuel.png", png_bytes(120, 80)),
    )
    client.force_login(communicator)
    assert client.post(kit_url(relay)).status_code == 302
    image = Image.objects.get(title="Visuel réseaux sociaux")
    assert (image.width, image.height) == (120, 80)
    assert image.collection.name == CAMPAIGNS_COLLECTION
    [item] = draft_items(campaign)
    assert item.kind == KitItemKind.IMAGE
    assert item.image_id == image.pk
    assert item.image_alt == ""


def test_items_already_in_the_draft_are_kept(client, coordinator, proposal, campaign):
    from events.models import KitItem

    draft = campaign.get_latest_revision_as_object()
    draft.kit_items.add(KitItem(kind=KitItemKind.TEXT, title="Texte existant", text="Bonjour"))
    draft.save_revision()
    client.force_login(coordinator)
    client.post(kit_url(proposal))
    assert [item.title for item in draft_items(campaign)] == [
        "Texte existant",
        "Affiche des ateliers sans tabac",
    ]


def test_the_campaigns_collection_is_reused(
    client, coordinator, proposal, partner, campaign, make_relay
):
    second = make_relay(
        partner, subject="Flyer", campaign=campaign, attachment=("flyer.pdf", pdf_bytes())
    )
    client.force_login(coordinator)
    client.post(kit_url(proposal))
    client.post(kit_url(second))
    assert Collection.objects.filter(name=CAMPAIGNS_COLLECTION).count() == 1
    assert len(draft_items(campaign)) == 2


def test_a_request_already_handled_is_not_added_twice(client, coordinator, proposal, campaign):
    client.force_login(coordinator)
    client.post(kit_url(proposal))
    response = client.post(kit_url(proposal))
    assert response["Location"] == reverse("relay_requests:edit", args=[proposal.pk])
    assert Document.objects.count() == 1
    assert len(draft_items(campaign)) == 1


def test_a_request_without_campaign_or_file_is_not_a_proposal(
    client, coordinator, partner, campaign, make_relay
):
    no_file = make_relay(partner, campaign=campaign)
    no_campaign = make_relay(partner, attachment=("a.pdf", pdf_bytes()))
    client.force_login(coordinator)
    for relay in (no_file, no_campaign):
        response = client.post(kit_url(relay), follow=True)
        assert "ne propose pas de fichier" in response.content.decode()
    assert_nothing_added(campaign)
    assert set(RelayRequest.objects.values_list("status", flat=True)) == {RelayStatus.NEW}


def test_the_action_is_shown_on_a_proposal_only(client, coordinator, proposal, partner, make_relay):
    client.force_login(coordinator)
    html = client.get(reverse("relay_requests:edit", args=[proposal.pk])).content.decode()
    assert "Ajouter au kit de la campagne" in html
    assert f'formaction="{kit_url(proposal)}"' in html
    plain = make_relay(partner)
    html = client.get(reverse("relay_requests:edit", args=[plain.pk])).content.decode()
    assert "Ajouter au kit de la campagne" not in html


def test_get_does_nothing(client, coordinator, proposal, campaign):
    client.force_login(coordinator)
    assert client.get(kit_url(proposal)).status_code == 405
    assert_nothing_added(campaign)


# Refusals -----------------------------------------------------------------------------------


def assert_refused(response):
    # Wagtail's answer to PermissionDenied in the admin: back to the dashboard with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_partner_cannot_add_their_own_proposal(client, partner, proposal, campaign):
    client.force_login(partner)
    assert_refused(client.post(kit_url(proposal)))
    xhr = client.post(kit_url(proposal), headers={"x-requested-with": "XMLHttpRequest"})
    assert xhr.status_code == 403
    assert_nothing_added(campaign)
    proposal.refresh_from_db()
    assert proposal.status == RelayStatus.NEW


def test_partner_with_a_tampered_id_is_refused(client, partner, proposal):
    client.force_login(partner)
    assert_refused(client.post("/admin/reseau/relais/ajouter-au-kit/999999/"))


def test_staff_with_a_tampered_id_get_404(client, coordinator):
    client.force_login(coordinator)
    assert client.post("/admin/reseau/relais/ajouter-au-kit/999999/").status_code == 404


def test_handling_requests_without_editing_the_campaign_is_refused(
    client, make_user, proposal, campaign
):
    # Someone who handles relay requests but has no right on the campaigns' pages.
    group = Group.objects.create(name="Relais seulement")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_relayrequest"),
        Permission.objects.get(codename="view_relayrequest"),
    )
    client.force_login(make_user("relais", "Relais seulement"))
    html = client.get(reverse("relay_requests:edit", args=[proposal.pk])).content.decode()
    assert "Seul qui peut modifier la page de la campagne" in html
    assert_refused(client.post(kit_url(proposal)))
    assert_nothing_added(campaign)


def test_anonymous_visitor_is_sent_to_log_in(client, proposal, campaign):
    response = client.post(kit_url(proposal))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert_nothing_added(campaign)
