"""The demo's relay requests: one in each state from the two partner accounts, and a poster
proposed for a demo campaign's kit, which the coordination can add to the kit's draft."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import CampaignPage
from partners.demo.relay import CAMPAIGN_SLUGS
from partners.models import RelayRequest, RelayStatus
from partners.relay_forms import ATTACHMENT_EXTENSIONS
from partners.uploads import validate_upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_territory")]


def test_requests_in_each_state_from_both_partners():
    requests = RelayRequest.objects.select_related("requested_by", "structure")
    assert {relay.status for relay in requests} == set(RelayStatus.values)
    assert {relay.requested_by.username for relay in requests} == {"partenaire1", "partenaire2"}
    for relay in requests:
        assert relay.structure is not None
        if relay.status != RelayStatus.NEW:
            assert relay.note
            assert relay.handled_by.username == "coordination"
            assert relay.handled_at is not None


def test_a_poster_is_proposed_for_a_demo_campaign_and_can_join_its_kit(client):
    campaign = CampaignPage.objects.live().filter(slug__in=CAMPAIGN_SLUGS).first()
    if campaign is None:
        pytest.skip("no demo campaign to propose material for")
    proposal = RelayRequest.objects.get(campaign=campaign)
    assert proposal.status == RelayStatus.NEW
    with proposal.attachment.open("rb") as file:
        content = file.read()
    upload = SimpleUploadedFile(proposal.attachment_name, content)
    assert validate_upload(upload, ATTACHMENT_EXTENSIONS, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)

    client.force_login(get_user_model().objects.get(username="coordination"))
    response = client.post(reverse("relay_requests:add_to_kit", args=[proposal.pk]))
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[campaign.pk])
    draft = CampaignPage.objects.get(pk=campaign.pk).get_latest_revision_as_object()
    assert proposal.subject in [item.title for item in draft.kit_items.all()]
