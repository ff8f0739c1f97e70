"""Relay requests from the wall (/reseau/relais/), over HTTP: who may ask, what is checked,
what is kept, and who may read a request's file."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from partners.models import RelayAudience, RelayRequest, RelayStatus, WallSettings
from tests.html import PageStructure

from .relay_fixtures import *  # noqa: F403
from .relay_fixtures import pdf_bytes, png_bytes, upload

FORM_URL = "/reseau/relais/"
LIST_URL = "/reseau/relais/mes-demandes/"


def file_url(relay):
    return f"/reseau/relais/{relay.pk}/fichier/"


def valid_data(**overrides):
    data = {
        "subject": "Atelier mémoire à Clamecy le 12 mars",
        "message": "Un atelier gratuit pour les plus de 60 ans.\n\nInscription au CCAS.",
        "audience": RelayAudience.HABITANTS,
        "wanted_by": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "link": "",
        "campaign": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def member_client(client, partner, wall):
    client.force_login(partner)
    return client


# Who may ask ------------------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in(client, wall):
    response = client.get(FORM_URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_account_without_admin_access_is_refused(client, make_user, wall):
    client.force_login(make_user("habitant"))
    assert client.get(FORM_URL).status_code == 403
    assert client.post(FORM_URL, valid_data()).status_code == 403
    assert not RelayRequest.objects.exists()


def test_member_sees_the_form_in_the_wall_navigation(member_client):
    response = member_client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Demander un relais</h1>" in html
    assert 'href="/reseau/relais/" aria-current="page"' in html
    assert 'enctype="multipart/form-data"' in html


# The campaign preselected from its page -----------------------------------------------------------


def test_campaign_parameter_preselects_a_live_campaign(member_client, campaign):
    html = member_client.get(f"{FORM_URL}?campagne={campaign.pk}").content.decode()
    assert f'<option value="{campaign.pk}" selected>' in html


def test_unknown_campaign_parameter_is_ignored(member_client, campaign):
    for value in ["999999", "abc", "", "-1", "1e3"]:
        response = member_client.get(f"{FORM_URL}?campagne={value}")
        assert response.status_code == 200
        assert f'<option value="{campaign.pk}" selected>' not in response.content.decode()


def test_campaign_parameter_naming_another_page_is_ignored(member_client, campaign, wall):
    html = member_client.get(f"{FORM_URL}?campagne={wall.pk}").content.decode()
    assert f'<option value="{wall.pk}"' not in html


def assert_accessible(response):
    structure = PageStructure()
    structure.feed(response.content.decode())
    assert structure.headings.count(1) == 1
    pairs = zip(structure.headings, structure.headings[1:], strict=False)
    assert not [(a, b) for a, b in pairs if b > a + 1], "no heading level skipped"
    assert len(structure.ids) == len(set(structure.ids)), "ids are unique"
    assert all(field in structure.labels for field in structure.fields), "every field labelled"
    assert not structure.inline_styles
    assert not structure.images_without_alt


def test_relay_pages_are_built_accessibly(
    member_client, partner, structure, make_relay, campaign, site
):
    assert_accessible(member_client.get(FORM_URL))
    with_errors = member_client.post(FORM_URL, valid_data(message="", audience=""))
    assert 'href="#id_audience_0"' in with_errors.content.decode()
    assert_accessible(with_errors)
    make_relay(
        partner,
        structure,
        campaign=campaign,
        attachment=("a.pdf", pdf_bytes()),
        status=RelayStatus.DECLINED,
        note="Hors du territoire.",
        link="https://exemple.fr",
    )
    assert_accessible(member_client.get(LIST_URL))
    settings = WallSettings.for_site(site)
    settings.relay_requests_per_day = 1
    settings.save()
    assert_accessible(member_client.post(FORM_URL, valid_data()))


# A request sent -----------------------------------------------------------------------------------


def test_request_is_saved_for_the_member_and_structure_and_staff_are_emailed(
    member_client,
    partner,
    structure,
    other_partner,
    coordinator,
    communicator,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(FORM_URL, valid_data())
    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    relay = RelayRequest.objects.get()
    assert relay.requested_by == partner
    assert relay.structure.pk == structure.pk
    assert relay.status == RelayStatus.NEW
    assert relay.audience == RelayAudience.HABITANTS
    assert relay.message == (
        "<p>Un atelier gratuit pour les plus de 60 ans.</p>\n\n<p>Inscription au CCAS.</p>"
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([coordinator.email, communicator.email])
    assert other_partner.email not in message.to
    assert "Atelier mémoire à Clamecy" in message.subject
    assert f"/admin/reseau/relais/edit/{relay.pk}/" in message.body

    listing = member_client.get(LIST_URL).content.decode()
    assert "est envoyée à la coordination" in listing
    assert "Atelier mémoire à Clamecy le 12 mars" in listing
    assert "En attente" in listing


def test_markup_in_the_details_is_cleaned(member_client):
    data = valid_data(
        message='<p onclick="x()">Bonjour <script>alert(1)</script><a href="javascript:x()">'
        "lien</a> <strong>gras</strong></p>"
    )
    member_client.post(FORM_URL, data)
    message = RelayRequest.objects.get().message
    assert "script" not in message
    assert "onclick" not in message
    assert "javascript" not in message
    assert "<strong>gras</strong>" in message


def test_request_for_a_campaign_with_a_file_is_a_kit_proposal(member_client, campaign):
    data = valid_data(campaign=str(campaign.pk))
    data["attachment"] = upload("affiche.pdf", pdf_bytes(), "application/pdf")
    assert member_client.post(FORM_URL, data).status_code == 302
    relay = RelayRequest.objects.get()
    assert relay.campaign_id == campaign.pk
    assert relay.is_kit_proposal
    assert relay.attachment.name.startswith("reseau/")


def test_staff_without_structure_may_ask_too(client, wall, communicator):
    client.force_login(communicator)
    assert client.post(FORM_URL, valid_data()).status_code == 302
    assert RelayRequest.objects.get().structure is None


# Bad input: a clear message, nothing saved, nothing lost ------------------------------------------


def assert_refused(response, *messages):
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le formulaire contient" in html
    for message in messages:
        assert message in html
    assert not RelayRequest.objects.exists()
    return html


def test_empty_details_are_refused_and_the_rest_is_kept(member_client):
    for message in ["", "   ", "<p></p>", "<script>alert(1)</script>", "\x00"]:
        html = assert_refused(member_client.post(FORM_URL, valid_data(message=message)))
        assert 'value="Atelier mémoire à Clamecy le 12 mars"' in html


def test_details_over_3000_characters_are_refused(member_client):
    html = assert_refused(
        member_client.post(FORM_URL, valid_data(message="a" * 3001)), "3 000 au plus"
    )
    assert "a" * 3001 in html  # given back as typed


def test_details_of_exactly_3000_characters_are_accepted(member_client):
    assert member_client.post(FORM_URL, valid_data(message="a" * 3000)).status_code == 302


def test_empty_subject_is_refused(member_client):
    assert_refused(member_client.post(FORM_URL, valid_data(subject="  <b></b> ")))


def test_absurd_wanted_by_dates_are_refused(member_client):
    for wanted_by, message in [
        ("2001-01-01", "Cette date est passée"),
        ("1", "Saisissez une date valide"),
        ("2027-02-31", "Saisissez une date valide"),
        ("99999-01-01", "Saisissez une date valide"),
        ("", "Indiquez avant quelle date relayer"),
    ]:
        html = assert_refused(
            member_client.post(FORM_URL, valid_data(wanted_by=wanted_by)), message
        )
        assert f'value="{wanted_by}"' in html or not wanted_by


def test_wanted_by_more_than_a_year_ahead_is_refused(member_client):
    far = timezone.localdate() + datetime.timedelta(days=400)
    assert_refused(
        member_client.post(FORM_URL, valid_data(wanted_by=far.isoformat())),
        "dans l&#x27;année qui vient",
    )


def test_wanted_by_today_is_accepted(member_client):
    today = timezone.localdate().isoformat()
    assert member_client.post(FORM_URL, valid_data(wanted_by=today)).status_code == 302


def test_unknown_audience_is_refused(member_client):
    assert_refused(member_client.post(FORM_URL, valid_data(audience="everyone")))


def test_link_must_be_a_web_address(member_client):
    assert_refused(
        member_client.post(FORM_URL, valid_data(link="javascript:alert(1)")),
        "Saisissez une adresse web complète",
    )


def test_tampered_campaign_id_is_a_form_error(member_client, campaign, wall):
    for tampered in [str(wall.pk), "999999", "abc"]:
        assert_refused(
            member_client.post(FORM_URL, valid_data(campaign=tampered)),
            "Cette campagne n&#x27;existe pas",
        )


def test_unpublished_campaign_cannot_be_chosen(member_client, campaign):
    campaign.unpublish()
    assert_refused(
        member_client.post(FORM_URL, valid_data(campaign=str(campaign.pk))),
        "Cette campagne n&#x27;existe pas",
    )


def test_disguised_files_are_refused(member_client):
    for name, content, message in [
        ("affiche.pdf", b"<html><script>alert(1)</script></html>", "ne correspond pas"),
        ("visuel.svg", b"<svg onload='alert(1)'></svg>", "n&#x27;est pas accepté"),
        ("page.html", b"<html></html>", "n&#x27;est pas accepté"),
        ("photo.png", b"<html>not a picture</html>", "image lisible"),
        ("notes.txt", b"<script>alert(1)</script>", "ne correspond pas"),
        ("tableau.xlsx", b"PK\x03\x04 not really a zip", "ne correspond pas"),
    ]:
        data = valid_data()
        data["attachment"] = upload(name, content)
        html = assert_refused(member_client.post(FORM_URL, data), message)
        assert "choisissez-la de nouveau" in html
        assert 'value="Atelier mémoire à Clamecy le 12 mars"' in html


def test_decompression_bomb_png_is_refused(member_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100
    data = valid_data()
    data["attachment"] = upload("bombe.png", png_bytes(200, 200), "image/png")
    assert_refused(member_client.post(FORM_URL, data), "trop de pixels")


def test_file_over_the_size_limit_is_refused(member_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    data = valid_data()
    data["attachment"] = upload("affiche.pdf", pdf_bytes() + b"0" * 2048, "application/pdf")
    assert_refused(member_client.post(FORM_URL, data), "trop lourd")


def test_picture_is_accepted(member_client):
    data = valid_data()
    data["attachment"] = upload("visuel.png", png_bytes(), "image/png")
    assert member_client.post(FORM_URL, data).status_code == 302
    assert RelayRequest.objects.get().has_image_attachment


# Rate limit -------------------------------------------------------------------------------------


def test_requests_beyond_the_daily_limit_get_429_with_the_form_filled(
    member_client, partner, make_relay, site
):
    settings = WallSettings.for_site(site)
    settings.relay_requests_per_day = 2
    settings.save()
    make_relay(partner)
    make_relay(partner)
    response = member_client.post(FORM_URL, valid_data(subject="Une troisième demande"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Trop de demandes aujourd'hui" in html
    assert 'value="Une troisième demande"' in html
    assert "Un atelier gratuit pour les plus de 60 ans." in html
    assert RelayRequest.objects.count() == 2


def test_requests_older_than_a_day_do_not_count(member_client, partner, make_relay, site):
    settings = WallSettings.for_site(site)
    settings.relay_requests_per_day = 1
    settings.save()
    old = make_relay(partner)
    RelayRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    assert member_client.post(FORM_URL, valid_data()).status_code == 302


def test_another_members_requests_do_not_count(member_client, other_partner, make_relay, site):
    settings = WallSettings.for_site(site)
    settings.relay_requests_per_day = 1
    settings.save()
    make_relay(other_partner)
    assert member_client.post(FORM_URL, valid_data()).status_code == 302


# My requests ------------------------------------------------------------------------------------


def test_member_sees_only_their_own_requests_with_state_and_note(
    member_client, partner, other_partner, structure, other_structure, make_relay, coordinator
):
    make_relay(
        partner,
        structure,
        subject="Ma demande relayée",
        status=RelayStatus.RELAYED,
        note="Relayée dans la lettre de mars.",
        handled_by=coordinator,
        handled_at=timezone.now(),
    )
    make_relay(other_partner, other_structure, subject="La demande d'un autre partenaire")
    response = member_client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ma demande relayée" in html
    assert "Relayée dans la lettre de mars." in html
    assert "La demande d" not in html
    assert 'aria-current="page"' in html


def test_member_without_requests_is_told_so(member_client):
    assert "aucune demande" in member_client.get(LIST_URL).content.decode()


def test_list_is_closed_to_anonymous_visitors(client, wall):
    assert client.get(LIST_URL).status_code == 302


# The file of a request --------------------------------------------------------------------------


@pytest.fixture
def relay_with_file(wall, partner, structure, make_relay):
    return make_relay(partner, structure, attachment=("affiche.pdf", pdf_bytes()))


def test_requester_downloads_their_file_sandboxed(member_client, relay_with_file):
    response = member_client.get(file_url(relay_with_file))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_staff_who_handle_requests_download_the_file(client, communicator, relay_with_file):
    client.force_login(communicator)
    assert client.get(file_url(relay_with_file)).status_code == 200


def test_another_partner_gets_404_for_the_file(client, other_partner, relay_with_file):
    client.force_login(other_partner)
    assert client.get(file_url(relay_with_file)).status_code == 404


def test_tampered_ids_get_404(member_client, relay_with_file, partner, make_relay):
    without_file = make_relay(partner)
    assert member_client.get("/reseau/relais/999999/fichier/").status_code == 404
    assert member_client.get(file_url(without_file)).status_code == 404


def test_anonymous_visitor_cannot_download_the_file(client, relay_with_file):
    response = client.get(file_url(relay_with_file))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_file_is_never_served_from_the_media_folder(client, relay_with_file, settings):
    client.force_login(relay_with_file.requested_by)
    assert client.get(f"{settings.MEDIA_URL}{relay_with_file.attachment.name}").status_code == 404


def test_campaign_page_links_partners_to_the_relay_form_with_the_campaign_chosen(
    client, member_client, campaign, wall
):
    link = f"/reseau/relais/?campagne={campaign.pk}"

    page = client.get(campaign.url).content.decode()
    form = member_client.get(link).content.decode()

    assert f'href="{link}"' in page.replace("&amp;", "&")
    assert f'<option value="{campaign.pk}" selected>' in form
