"""Who may write campaigns, over real HTTP requests to Wagtail's admin.

Communication and Coordination add, edit and publish campaigns under /campagnes/ (Communication
gets its rights when the index is created: home/roles.py). A partner can neither add nor edit
a campaign, nor publish one.
"""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import CampaignPage, KitItemKind

from .editor import PUBLISH, form_errors, is_refused, pages_url
from .factories import CampaignIndexPageFactory, CampaignPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return CampaignIndexPageFactory(parent=home_page)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["events", "campaignpage", parent.pk])


def campaign_form(slug="octobre-rose", **changes):
    data = {
        "title": "Octobre rose",
        "slug": slug,
        "summary": "Un mois pour parler du dépistage du cancer du sein.",
        "start_date": "2026-10-01",
        "end_date": "2026-10-31",
        "national_campaign": "",
        "hero_image": "",
        "hero_image_alt": "",
        "body": streamfield([]),
        "kit_items": inline_formset(
            [
                {
                    "kind": KitItemKind.TEXT,
                    "title": "Publication",
                    "description": "",
                    "document": "",
                    "image": "",
                    "image_alt": "",
                    "text": "En octobre, parlons dépistage.",
                    "language": "fr",
                    "usage_note": "",
                    "accessible_document": "",
                    "accessible_url": "",
                }
            ]
        ),
        "contact_email": "",
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    return nested_form_data(data | changes)


@pytest.mark.parametrize("role", ["Communication", "Coordination"])
def test_communication_and_coordination_add_and_publish_a_campaign(client, make_user, index, role):
    client.force_login(make_user("redactrice", role))

    editor = client.get(add_url(index))
    response = client.post(add_url(index), campaign_form() | PUBLISH)

    assert editor.status_code == 200
    assert response.status_code == 302, form_errors(response)
    page = CampaignPage.objects.child_of(index).get(slug="octobre-rose")
    assert page.live
    assert page.kit_items.get().text == "En octobre, parlons dépistage."
    assert client.get("/campagnes/octobre-rose/").status_code == 200


@pytest.mark.parametrize("role", ["Communication", "Coordination"])
def test_communication_and_coordination_edit_and_publish_a_campaign(client, make_user, index, role):
    page = CampaignPageFactory(parent=index, title="Mois sans tabac", slug="mois-sans-tabac")
    client.force_login(make_user("redactrice", role))

    response = client.post(
        pages_url("edit", page.pk),
        campaign_form(slug="mois-sans-tabac", title="Mois sans tabac 2026") | PUBLISH,
    )

    assert response.status_code == 302, form_errors(response)
    page.refresh_from_db()
    assert page.title == "Mois sans tabac 2026"
    assert page.live and not page.has_unpublished_changes


def test_an_end_before_the_start_gets_a_french_message(client, make_user, index):
    client.force_login(make_user("redactrice", "Communication"))

    response = client.post(
        add_url(index), campaign_form(start_date="2026-10-31", end_date="2026-10-01") | PUBLISH
    )

    assert response.status_code == 200
    assert "ne peut précéder son début" in form_errors(response)["end_date"]
    assert not CampaignPage.objects.exists()


def test_a_partner_cannot_add_a_campaign(client, partner, index):
    client.force_login(partner)

    assert is_refused(client.get(add_url(index), follow=True))
    response = client.post(add_url(index), campaign_form() | PUBLISH, follow=True)

    assert is_refused(response)
    assert not CampaignPage.objects.exists()


def test_a_partner_cannot_edit_or_publish_a_campaign(client, partner, index):
    page = CampaignPageFactory(parent=index, title="Mois sans tabac", slug="mois-sans-tabac")
    draft = CampaignPageFactory(parent=index, title="Brouillon", slug="brouillon", live=False)
    client.force_login(partner)

    assert is_refused(client.get(pages_url("edit", page.pk), follow=True))
    edited = client.post(
        pages_url("edit", page.pk),
        campaign_form(slug="mois-sans-tabac", title="Titre détourné") | PUBLISH,
        follow=True,
    )
    published = client.post(
        pages_url("edit", draft.pk), campaign_form(slug="brouillon") | PUBLISH, follow=True
    )

    assert is_refused(edited)
    assert is_refused(published)
    page.refresh_from_db()
    draft.refresh_from_db()
    assert page.title == "Mois sans tabac"
    assert page.revisions.count() == 1
    assert not draft.live


def test_communication_cannot_add_a_campaign_outside_the_campaigns(
    client, make_user, index, home_page
):
    client.force_login(make_user("redactrice", "Communication"))

    # A campaign only goes under the campaigns' index.
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["events", "campaignpage", home_page.pk]),
        follow=True,
    )

    assert is_refused(response) or response.status_code == 403
