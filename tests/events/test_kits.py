"""Downloading a campaign's kit: counted anonymously, served only from the live kit.

Each file leaves through a route of the campaign page that counts it (per item, variant and
month, nothing about the visitor, no cookie; HEAD is not counted), then hands documents to
Wagtail's serve view and streams visuals and texts as attachments. Anything that is not an item
of the live kit of a live, public campaign is a 404. The whole kit comes as a zip built once per
version of the kit, never served from /media/, without the documents of private collections.
"""

import datetime
import io
import zipfile

import pytest
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from config.urls import serve_public_media
from events import campaigns
from events.models import KitDownload, KitItem, KitItemKind
from tests.home.factories import DocumentFactory, ImageFactory, png_bytes

from .factories import CampaignIndexPageFactory, CampaignPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return CampaignIndexPageFactory(parent=home_page)


def picture(width=1600, height=1200):
    return ImageFactory(file=ImageFile(io.BytesIO(png_bytes(width, height)), name="visuel.png"))


@pytest.fixture
def campaign(index):
    poster = DocumentFactory(title="Affiche", file__filename="affiche.pdf")
    accessible = DocumentFactory(title="Affiche accessible", file__filename="affiche-balisee.pdf")
    return CampaignPageFactory(
        parent=index,
        title="Mois sans tabac",
        slug="mois-sans-tabac",
        contact_email="communication@exemple.invalid",
        kit_items=[
            KitItem(
                kind=KitItemKind.DOCUMENT,
                title="Affiche A3",
                document=poster,
                accessible_document=accessible,
                usage_note="Libre de droits pour les partenaires.",
            ),
            KitItem(kind=KitItemKind.IMAGE, title="Visuel", image=picture(), image_alt="Logo"),
            KitItem(
                kind=KitItemKind.TEXT, title="Publication", text="Arrêtons ensemble !\nEn novembre."
            ),
        ],
    )


def item(page, kind):
    return page.kit_items.get(kind=kind)


def url(page, *parts):
    return page.url + "kit/" + "".join(f"{part}/" for part in parts)


def counts():
    return {(row.item_title, row.variant): row.count for row in KitDownload.objects.all()}


# Single files ----------------------------------------------------------------------------------


def test_document_download_is_counted_then_served_by_wagtail(client, campaign):
    document = item(campaign, KitItemKind.DOCUMENT)

    response = client.get(url(campaign, document.pk))

    assert response.status_code == 302
    assert response["Location"] == document.document.url
    assert response["Location"].startswith("/documents/")
    assert not response.cookies
    served = client.get(response["Location"])
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF")
    row = KitDownload.objects.get()
    assert (row.item_key, row.item_title, row.variant, row.count) == (
        str(document.pk),
        "Affiche A3",
        "original",
        1,
    )
    assert row.month == datetime.date.today().replace(day=1)


def test_accessible_version_is_counted_as_its_own_variant(client, campaign):
    document = item(campaign, KitItemKind.DOCUMENT)

    response = client.get(url(campaign, document.pk, campaigns.ACCESSIBLE))

    assert response["Location"] == document.accessible_document.url
    assert counts() == {("Affiche A3", "version-accessible"): 1}


def test_each_download_adds_one_and_head_requests_are_not_counted(client, campaign):
    document = item(campaign, KitItemKind.DOCUMENT)

    for _ in range(3):
        client.get(url(campaign, document.pk))
    head = client.head(url(campaign, document.pk))

    assert head.status_code == 302
    assert counts() == {("Affiche A3", "original"): 3}


def test_anonymous_downloads_set_no_cookie_and_store_nothing_about_the_visitor(client, campaign):
    responses = [
        client.get(url(campaign, item(campaign, kind).pk), REMOTE_ADDR="203.0.113.9")
        for kind in KitItemKind.values
    ]

    assert all(not response.cookies for response in responses)
    stored = " ".join(str(value) for row in KitDownload.objects.values() for value in row.values())
    assert "203.0.113.9" not in stored
    assert {field.name for field in KitDownload._meta.get_fields()} == {
        "id",
        "campaign",
        "item_key",
        "item_title",
        "variant",
        "month",
        "count",
    }


def test_visual_downloads_as_original_and_in_social_network_sizes(client, campaign):
    visual = item(campaign, KitItemKind.IMAGE)
    expected = {"carre": (1080, 1080), "lien": (1200, 630), "story": (676, 1200)}
    expected["banniere"] = (1500, 500)

    original = client.get(url(campaign, visual.pk))
    sizes = {}
    for slug in expected:
        response = client.get(url(campaign, visual.pk, slug))
        assert response["Content-Disposition"].startswith("attachment;")
        assert slug in response["Content-Disposition"]
        sizes[slug] = PILImage.open(io.BytesIO(b"".join(response.streaming_content))).size

    assert original.status_code == 200
    assert original["Content-Disposition"] == 'attachment; filename="visuel.png"'
    assert PILImage.open(io.BytesIO(b"".join(original.streaming_content))).size == (1600, 1200)
    assert sizes == expected
    assert counts() == {("Visuel", "original"): 1} | {("Visuel", slug): 1 for slug in expected}


def test_text_downloads_as_a_text_file(client, campaign):
    text = item(campaign, KitItemKind.TEXT)

    response = client.get(url(campaign, text.pk))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="publication.txt"'
    assert response.content.decode("utf-8-sig") == "Arrêtons ensemble !\r\nEn novembre."


@pytest.mark.parametrize(
    "path",
    [
        "kit/999999/",
        "kit/99999999999999999999/",
        "kit/{document}/carre/",
        "kit/{image}/geant/",
        "kit/{image}/version-accessible/",
        "kit/{text}/story/",
        "kit/{document}/../{image}/",
        "kit/abc/",
        "kit/",
    ],
)
def test_unknown_items_and_variants_are_not_found(client, campaign, path):
    ids = {kind: item(campaign, kind).pk for kind in KitItemKind.values}

    response = client.get(campaign.url + path.format(**ids))

    assert response.status_code == 404
    assert not KitDownload.objects.exists()


def test_an_item_of_another_campaign_is_not_found_here(client, campaign, index):
    other = CampaignPageFactory(
        parent=index,
        kit_items=[KitItem(kind=KitItemKind.TEXT, title="Autre", text="Un autre texte.")],
    )
    theirs = other.kit_items.get()

    assert client.get(url(campaign, theirs.pk)).status_code == 404
    assert client.get(url(other, theirs.pk)).status_code == 200


def test_a_draft_campaigns_kit_is_not_served(client, index):
    draft = CampaignPageFactory(
        parent=index,
        live=False,
        kit_items=[KitItem(kind=KitItemKind.TEXT, title="Brouillon", text="Pas encore.")],
    )
    text = draft.kit_items.get()

    assert client.get(f"/campagnes/{draft.slug}/kit/{text.pk}/").status_code == 404
    assert client.get(f"/campagnes/{draft.slug}/kit/tout/").status_code == 404
    assert not KitDownload.objects.exists()


def test_an_item_added_in_an_unpublished_draft_is_not_served(client, campaign):
    draft = campaign.get_latest_revision_as_object()
    draft.kit_items.add(KitItem(kind=KitItemKind.TEXT, title="Pas encore", text="Secret."))
    draft.save_revision()  # a draft of the live page: its items stay in the revision
    ids = list(KitItem.objects.values_list("pk", flat=True))
    missing = max(ids) + 1
    assert KitItem.objects.filter(page=campaign).count() == 3

    assert client.get(url(campaign, missing)).status_code == 404
    assert "Pas encore" not in client.get(campaign.url).content.decode()


def test_a_restricted_campaigns_kit_is_not_served(client, campaign, make_user):
    PageViewRestriction.objects.create(page=campaign, restriction_type=PageViewRestriction.LOGIN)
    text = item(campaign, KitItemKind.TEXT)

    anonymous = client.get(url(campaign, text.pk))
    client.force_login(make_user("visiteur"))
    logged_in = client.get(url(campaign, text.pk))

    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert logged_in.status_code == 404
    assert not KitDownload.objects.exists()


def test_kit_routes_only_answer_get_and_head(client, campaign):
    text = item(campaign, KitItemKind.TEXT)

    response = client.post(url(campaign, text.pk))

    assert response.status_code == 405
    assert not KitDownload.objects.exists()


def test_a_visual_lost_from_the_storage_is_not_found_and_left_out_of_the_zip(client, campaign):
    visual = item(campaign, KitItemKind.IMAGE)
    default_storage.delete(visual.image.file.name)

    original = client.get(url(campaign, visual.pk))
    square = client.get(url(campaign, visual.pk, "carre"))
    archive = read_zip(client.get(url(campaign, "tout")))

    assert original.status_code == square.status_code == 404
    assert "visuels/visuel.png" not in archive.namelist()
    assert "documents/affiche-a3.pdf" in archive.namelist()
    assert counts() == {("Kit complet", "original"): 1}


# Counting --------------------------------------------------------------------------------------


def test_counts_are_kept_per_month_and_summed_per_campaign_and_item(campaign, index):
    other = CampaignPageFactory(parent=index, title="Octobre rose")
    for day, times in [(datetime.date(2026, 1, 15), 2), (datetime.date(2026, 3, 2), 1)]:
        for _ in range(times):
            campaigns.count_download(campaign, 7, "Affiche", "original", today=day)
    campaigns.count_download(campaign, 7, "Affiche", "carre", today=datetime.date(2026, 3, 9))
    campaigns.count_download(campaign, "kit", "Kit complet", today=datetime.date(2026, 3, 9))
    campaigns.count_download(other, 8, "Flyer", today=datetime.date(2026, 10, 1))
    campaigns.count_download(other, 8, "Flyer", today=datetime.date(2025, 10, 1))

    result = {entry.title: entry for entry in campaigns.download_counts(2026)}

    assert KitDownload.objects.filter(campaign=campaign, item_key="7").count() == 3
    tabac = result["Mois sans tabac"]
    assert tabac.total == 5
    assert tabac.items["7"].months[:3] == [2, 0, 2]
    assert dict(tabac.items["7"].variants) == {"original": 3, "carre": 1}
    assert tabac.items["kit"].title == "Kit complet"
    assert result["Octobre rose"].months[9] == 1
    assert result["Octobre rose"].total == 1


def test_a_row_created_meanwhile_by_another_request_is_counted_not_duplicated(
    campaign, monkeypatch
):
    def racing(**kwargs):
        # Another request creates the month's row first; this one's insert then fails.
        KitDownload.objects.create(
            campaign=campaign, item_key="1", item_title="Affiche", month=kwargs["month"], count=5
        )
        raise IntegrityError("kit_download_once_a_month")

    monkeypatch.setattr(KitDownload.objects, "get_or_create", racing)

    campaigns.count_download(campaign, 1, "Affiche")

    assert KitDownload.objects.get().count == 6


# The whole kit ---------------------------------------------------------------------------------


def read_zip(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_whole_kit_zip_holds_files_texts_and_a_readme(client, campaign):
    response = client.get(url(campaign, "tout"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="kit-mois-sans-tabac.zip"'
    assert not response.cookies
    archive = read_zip(response)
    infos = {info.filename: info for info in archive.infolist()}
    assert sorted(infos) == [
        "LISEZMOI.txt",
        "documents/affiche-a3-version-accessible.pdf",
        "documents/affiche-a3.pdf",
        "textes/publication.txt",
        "visuels/visuel.png",
    ]
    assert infos["documents/affiche-a3.pdf"].compress_type == zipfile.ZIP_STORED
    assert infos["textes/publication.txt"].compress_type == zipfile.ZIP_DEFLATED
    assert archive.read("documents/affiche-a3.pdf").startswith(b"%PDF")
    assert archive.read("textes/publication.txt").decode("utf-8-sig") == (
        "Arrêtons ensemble !\r\nEn novembre."
    )
    readme = archive.read("LISEZMOI.txt").decode("utf-8-sig")
    assert "Mois sans tabac" in readme
    assert "Libre de droits pour les partenaires." in readme
    assert "Affiche A3 : documents/affiche-a3-version-accessible.pdf" in readme
    assert "communication@exemple.invalid" in readme
    assert counts() == {("Kit complet", "original"): 1}


def test_zip_is_built_once_then_served_from_the_storage(client, campaign, monkeypatch):
    client.get(url(campaign, "tout"))
    name = campaigns.kit_zip(campaign)
    assert default_storage.exists(name)
    assert name.startswith(f"kits/{campaign.pk}-")

    def must_not_build(*args, **kwargs):
        raise AssertionError("rebuilt")

    monkeypatch.setattr(campaigns, "write_zip", must_not_build)
    second = client.get(url(campaign, "tout"))

    assert second.status_code == 200
    assert counts() == {("Kit complet", "original"): 2}


def test_a_republished_kit_gets_a_new_zip_and_the_old_one_is_removed(client, campaign):
    first = campaigns.kit_zip(campaign)
    page = campaign.get_latest_revision_as_object()
    page.kit_items.add(KitItem(kind=KitItemKind.TEXT, title="Nouveau", text="Un texte de plus."))
    page.save_revision().publish()
    campaign.refresh_from_db()

    response = client.get(url(campaign, "tout"))

    second = campaigns.kit_zip(campaign)
    assert second != first
    assert not default_storage.exists(first)
    assert "textes/nouveau.txt" in read_zip(response).namelist()


def test_documents_of_a_private_collection_stay_out_of_the_zip(client, index):
    private = Collection.get_first_root_node().add_child(name="Réservé")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    secret = DocumentFactory(title="Note interne", collection=private, file__filename="note.pdf")
    page = CampaignPageFactory(
        parent=index,
        kit_items=[
            KitItem(kind=KitItemKind.DOCUMENT, title="Note interne", document=secret),
            KitItem(kind=KitItemKind.TEXT, title="Publication", text="Pour tous."),
        ],
    )

    archive = read_zip(client.get(url(page, "tout")))
    link = client.get(url(page, page.kit_items.get(kind=KitItemKind.DOCUMENT).pk))

    assert sorted(archive.namelist()) == ["LISEZMOI.txt", "textes/publication.txt"]
    assert "Note interne" in archive.read("LISEZMOI.txt").decode("utf-8-sig")
    # The link goes to Wagtail's serve view, which asks for a login.
    assert link["Location"] == secret.url
    assert "/login" in client.get(secret.url)["Location"]


def test_cached_zips_are_not_reachable_from_the_media_folder(rf, campaign):
    from django.http import Http404

    name = campaigns.kit_zip(campaign)
    for path in (name, f"./{name}", f"images/../{name}", f"%6Bits/{name[5:]}"):
        with pytest.raises(Http404):
            serve_public_media(rf.get("/media/" + path), path)


def test_a_campaign_without_kit_has_no_zip(client, index):
    page = CampaignPageFactory(parent=index)

    assert client.get(url(page, "tout")).status_code == 404


# The admin listing of the counts ---------------------------------------------------------------

LISTING = "/admin/agenda/telechargements-kits/"


@pytest.fixture
def some_counts(campaign):
    campaigns.count_download(campaign, 1, "Affiche A3")
    campaigns.count_download(campaign, 1, "Affiche A3")
    campaigns.count_download(campaign, 2, "Visuel", "carre")


@pytest.mark.parametrize("role", ["Coordination", "Communication"])
def test_coordination_and_communication_read_and_export_the_counts(
    client, make_user, some_counts, role
):
    client.force_login(make_user("lecteur", role))

    listing = client.get(LISTING)
    export = client.get(LISTING + "?export=csv")
    filtered = client.get(LISTING + "?variant=carre")

    assert listing.status_code == 200
    assert "Affiche A3" in listing.content.decode()
    assert export.status_code == 200
    csv = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Affiche A3" in csv and "Téléchargements" in csv
    assert "Affiche A3" not in filtered.content.decode()
    assert reverse("kit_downloads:index") == LISTING


def test_partners_and_anonymous_visitors_cannot_read_the_counts(client, partner, some_counts):
    anonymous = client.get(LISTING)
    client.force_login(partner)

    response = client.get(LISTING, follow=True)
    export = client.get(LISTING + "?export=csv")

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    # Wagtail's "permission denied": back to the dashboard with a message.
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Affiche A3" not in response.content.decode()
    assert export.status_code == 302 and export["Location"] == "/admin/"


def test_counts_cannot_be_edited_in_the_admin(client, make_user, some_counts):
    client.force_login(make_user("coord", "Coordination"))
    row = KitDownload.objects.first()

    for path in (f"{LISTING}{row.pk}/", f"{LISTING}edit/{row.pk}/", f"{LISTING}add/"):
        assert client.post(path, {"count": 999}).status_code == 404
    row.refresh_from_db()
    assert row.count == 2 or row.count == 1
