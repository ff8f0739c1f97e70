"""The "Demandes de relais" admin screen, over HTTP: who may list, export and decide, what a
decision records and tells the partner, and that partners are refused everywhere."""

import pytest
from django.core import mail
from django.urls import reverse

from partners.models import RelayAudience, RelayRequest, RelayStatus

from .relay_fixtures import *  # noqa: F403
from .relay_fixtures import pdf_bytes

INDEX_URL = "/admin/reseau/relais/"


def edit_url(relay):
    return reverse("relay_requests:edit", args=[relay.pk])


def assert_refused(client, method, url, data=None):
    """Wagtail's refusal: a redirect to the dashboard with a message, or a 403 to a script."""
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    xhr = getattr(client, method)(url, data or {}, headers={"x-requested-with": "XMLHttpRequest"})
    assert xhr.status_code == 403


@pytest.fixture
def relay(partner, structure, make_relay):
    return make_relay(partner, structure, subject="Forum santé des jeunes")


@pytest.fixture
def coordination_client(client, coordinator):
    client.force_login(coordinator)
    return client


# Listing, filters, search, export ----------------------------------------------------------------


def test_coordination_lists_requests_with_their_structure(coordination_client, relay):
    response = coordination_client.get(INDEX_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Forum santé des jeunes" in html
    assert "CCAS de Clamecy" in html


def test_list_filters_by_status_and_audience(coordination_client, partner, make_relay):
    make_relay(partner, subject="Relayée pour tous", status=RelayStatus.RELAYED)
    make_relay(partner, subject="Nouvelle pour les pros", audience=RelayAudience.PROFESSIONALS)
    html = coordination_client.get(INDEX_URL, {"status": "relayed"}).content.decode()
    assert "Relayée pour tous" in html
    assert "Nouvelle pour les pros" not in html
    html = coordination_client.get(INDEX_URL, {"audience": "professionals"}).content.decode()
    assert "Nouvelle pour les pros" in html
    assert "Relayée pour tous" not in html


def test_list_filters_by_wanted_by_dates(coordination_client, partner, make_relay):
    import datetime

    soon = make_relay(partner, subject="Bientôt")
    later = make_relay(partner, subject="Plus tard")
    RelayRequest.objects.filter(pk=soon.pk).update(wanted_by=datetime.date(2030, 1, 10))
    RelayRequest.objects.filter(pk=later.pk).update(wanted_by=datetime.date(2030, 6, 10))
    html = coordination_client.get(
        INDEX_URL, {"wanted_by_from": "2030-01-01", "wanted_by_to": "2030-02-01"}
    ).content.decode()
    assert "Bientôt" in html
    assert "Plus tard" not in html


def test_list_filters_the_kit_proposals(coordination_client, partner, campaign, make_relay):
    make_relay(
        partner, subject="Affiche proposée", campaign=campaign, attachment=("a.pdf", pdf_bytes())
    )
    make_relay(partner, subject="Sans fichier", campaign=campaign)
    html = coordination_client.get(INDEX_URL, {"kit_proposal": "true"}).content.decode()
    assert "Affiche proposée" in html
    assert "Sans fichier" not in html
    html = coordination_client.get(INDEX_URL, {"kit_proposal": "false"}).content.decode()
    assert "Sans fichier" in html
    assert "Affiche proposée" not in html


def test_list_search_finds_a_request_by_its_subject(coordination_client, partner, make_relay):
    make_relay(partner, subject="Dépistage du diabète")
    make_relay(partner, subject="Atelier cuisine")
    html = coordination_client.get(INDEX_URL, {"q": "diabète"}).content.decode()
    assert "Dépistage du diabète" in html
    assert "Atelier cuisine" not in html


def test_csv_export_holds_the_requests(coordination_client, relay):
    response = coordination_client.get(INDEX_URL, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Quoi,Détails,Structure" in content
    assert "Forum santé des jeunes" in content
    assert "Un atelier pour garder la mémoire vive." in content
    assert "<p>" not in content


def test_menu_label_counts_the_new_requests(coordination_client, partner, make_relay):
    make_relay(partner)
    make_relay(partner)
    make_relay(partner, status=RelayStatus.DECLINED)
    html = coordination_client.get("/admin/").content.decode()
    assert "Demandes de relais (2)" in html


def test_communication_may_list_and_decide(client, communicator, relay):
    client.force_login(communicator)
    assert client.get(INDEX_URL).status_code == 200
    assert client.get(edit_url(relay)).status_code == 200


# The decision ------------------------------------------------------------------------------------


def test_edit_screen_shows_the_request_read_only(coordination_client, partner, make_relay):
    relay = make_relay(
        partner, attachment=("affiche.pdf", pdf_bytes()), link="https://exemple.fr/forum"
    )
    html = coordination_client.get(edit_url(relay)).content.decode()
    assert "Un atelier pour garder la mémoire vive." in html
    assert reverse("relay_requests:attachment", args=[relay.pk]) in html
    assert 'name="subject"' not in html
    assert 'name="message"' not in html
    assert 'name="status"' in html
    assert 'name="note"' in html


def test_relaying_records_who_and_when_and_emails_the_partner(
    coordination_client, coordinator, relay, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordination_client.post(
            edit_url(relay),
            {
                "status": "relayed",
                "note": "Relayée dans la lettre du réseau de mars.",
                # Fields that are not in the decision form are ignored.
                "subject": "Changé par la coordination",
                "audience": "professionals",
            },
        )
    assert response.status_code == 302
    relay.refresh_from_db()
    assert relay.status == RelayStatus.RELAYED
    assert relay.handled_by == coordinator
    assert relay.handled_at is not None
    assert relay.subject == "Forum santé des jeunes"
    assert relay.audience == RelayAudience.BOTH
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [partner.email]
    assert "Relayée dans la lettre du réseau de mars." in mail.outbox[0].body
    assert "a relayé votre information" in mail.outbox[0].body


def test_declining_needs_a_note(coordination_client, relay):
    response = coordination_client.post(edit_url(relay), {"status": "declined", "note": " "})
    assert response.status_code == 200
    assert "Dites au partenaire pourquoi" in response.content.decode()
    relay.refresh_from_db()
    assert relay.status == RelayStatus.NEW
    assert not mail.outbox


def test_declining_with_a_note_emails_the_reason(
    coordination_client, relay, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordination_client.post(
            edit_url(relay), {"status": "declined", "note": "Hors du territoire du contrat."}
        )
    relay.refresh_from_db()
    assert relay.status == RelayStatus.DECLINED
    assert mail.outbox[0].to == [partner.email]
    assert "Hors du territoire du contrat." in mail.outbox[0].body
    assert "n'a pas pu relayer" in mail.outbox[0].body


def test_editing_the_note_alone_sends_nothing_again(
    coordination_client, partner, make_relay, django_capture_on_commit_callbacks
):
    relay = make_relay(partner, status=RelayStatus.RELAYED, note="Relayée.")
    with django_capture_on_commit_callbacks(execute=True):
        coordination_client.post(
            edit_url(relay), {"status": "relayed", "note": "Relayée deux fois."}
        )
    relay.refresh_from_db()
    assert relay.note == "Relayée deux fois."
    assert not mail.outbox


def test_unknown_status_is_refused(coordination_client, relay):
    response = coordination_client.post(edit_url(relay), {"status": "published", "note": ""})
    assert response.status_code == 200
    relay.refresh_from_db()
    assert relay.status == RelayStatus.NEW


def test_tampered_id_is_404_for_staff(coordination_client):
    assert coordination_client.get("/admin/reseau/relais/edit/999999/").status_code == 404
    assert coordination_client.get("/admin/reseau/relais/fichier/999999/").status_code == 404


def test_nobody_creates_a_request_from_the_admin(client, coordinator, make_user):
    client.force_login(coordinator)
    assert_refused(client, "get", "/admin/reseau/relais/new/")
    client.force_login(make_user("admin", is_superuser=True))
    assert_refused(client, "get", "/admin/reseau/relais/new/")
    assert_refused(client, "post", "/admin/reseau/relais/new/", {"subject": "x"})
    assert not RelayRequest.objects.exists()


def test_staff_download_the_attachment_from_the_admin(coordination_client, partner, make_relay):
    relay = make_relay(partner, attachment=("affiche.pdf", pdf_bytes()))
    response = coordination_client.get(reverse("relay_requests:attachment", args=[relay.pk]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"


# Partners: refused everywhere --------------------------------------------------------------------


ADMIN_URLS = [
    "/admin/reseau/relais/",
    "/admin/reseau/relais/results/",
    "/admin/reseau/relais/?export=csv",
    "/admin/reseau/relais/?export=xlsx",
    "/admin/reseau/relais/new/",
    "/admin/reseau/relais/edit/{own}/",
    "/admin/reseau/relais/edit/{other}/",
    "/admin/reseau/relais/edit/999999/",
    "/admin/reseau/relais/delete/{own}/",
    "/admin/reseau/relais/delete/{other}/",
    "/admin/reseau/relais/history/{own}/",
    "/admin/reseau/relais/history-results/{own}/",
    "/admin/reseau/relais/usage/{own}/",
    "/admin/reseau/relais/fichier/{own}/",
    "/admin/reseau/relais/fichier/{other}/",
    "/admin/reseau/relais/fichier/999999/",
    "/admin/reseau/relais/ajouter-au-kit/{own}/",
]


@pytest.fixture
def two_requests(partner, other_partner, structure, other_structure, make_relay):
    """A request of the partner's own, and another partner's, both with a file."""
    own = make_relay(partner, structure, attachment=("a.pdf", pdf_bytes()))
    other = make_relay(other_partner, other_structure, attachment=("b.pdf", pdf_bytes()))
    return {"own": own.pk, "other": other.pk}


def test_partner_is_refused_every_admin_url(client, partner, two_requests):
    client.force_login(partner)
    for url in ADMIN_URLS:
        assert_refused(client, "get", url.format(**two_requests))


def test_partner_cannot_change_a_request_by_posting(client, partner, two_requests):
    client.force_login(partner)
    data = {"status": "relayed", "note": "Par moi-même"}
    for url in ADMIN_URLS:
        if "ajouter-au-kit" not in url:  # a POST-only view: covered in test_kit_proposals
            assert_refused(client, "post", url.format(**two_requests), data)
    assert set(RelayRequest.objects.values_list("status", flat=True)) == {RelayStatus.NEW}
    assert set(RelayRequest.objects.values_list("note", flat=True)) == {""}
    assert RelayRequest.objects.count() == 2


def test_partner_does_not_see_the_menu_item(client, partner, make_relay):
    make_relay(partner)
    client.force_login(partner)
    assert "Demandes de relais" not in client.get("/admin/").content.decode()
