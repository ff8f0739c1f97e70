"""The demo's campaigns: three campaigns with kits made by the code, their events listed."""

import io
import zipfile

import pytest
from django.utils import timezone

from events.models import CampaignIndexPage, CampaignPage, KitItemKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_territory")]


def test_the_demo_has_three_campaigns_with_documents_visuals_and_texts():
    index = CampaignIndexPage.objects.get()
    campaigns = CampaignPage.objects.live().child_of(index)

    assert index.show_in_menus and index.url == "/campagnes/"
    assert {page.slug for page in campaigns} == {
        "mois-sans-tabac",
        "octobre-rose",
        "bus-du-coeur-des-femmes",
    }
    for page in campaigns:
        kinds = [item.kind for item in page.kit_items.all()]
        assert kinds.count(KitItemKind.TEXT) == 2, page.slug
        assert KitItemKind.IMAGE in kinds and KitItemKind.DOCUMENT in kinds
        names = [item.document.filename for item in page.kit_items.all() if item.document]
        assert any(name.endswith(".odt") for name in names)
        assert any(item.accessible_document for item in page.kit_items.all())
        assert all(
            item.document.collection.name == "Campagnes"
            for item in page.kit_items.all()
            if item.document
        )
        assert page.structures.exists()


def test_a_demo_campaign_is_running_and_shown_on_the_home_page(client):
    today = timezone.localdate()
    running = CampaignPage.objects.live().filter(start_date__lte=today, end_date__gte=today)

    assert running.exists()
    assert "Campagnes en cours" in client.get("/").content.decode()


@pytest.mark.parametrize("slug", ["mois-sans-tabac", "octobre-rose", "bus-du-coeur-des-femmes"])
def test_demo_campaign_pages_list_their_events_and_give_their_kit(client, slug):
    response = client.get(f"/campagnes/{slug}/")

    assert response.status_code == 200
    assert response.context["campaign_events"], slug
    kit = client.get(f"/campagnes/{slug}/kit/tout/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(kit.streaming_content)))
    assert "LISEZMOI.txt" in archive.namelist()
    assert archive.testzip() is None
    odt = [name for name in archive.namelist() if name.endswith(".odt")][0]
    with zipfile.ZipFile(io.BytesIO(archive.read(odt))) as document:
        assert document.read("mimetype") == b"application/vnd.oasis.opendocument.text"
