"""The public "Devenir partenaire" form, as a visitor (or a robot) meets it over HTTP."""

import pytest
from django.core import mail
from django.test import Client

from partners.models import PartnerRequest, Typology
from tests.html import PageStructure

from .factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def join_url(directory):
    return directory.url + directory.reverse_subpage("join")


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination")


def valid_data(**overrides):
    return {
        "structure_name": "Association Bouge ta santé",
        "typology": Typology.ASSOCIATION,
        "commune": "",
        "first_name": "Camille",
        "last_name": "Durand",
        "contact_role": "Coordinatrice",
        "email": "camille.durand@bouge.example",
        "phone": "03 86 00 00 00",
        "message": "Nous animons des ateliers d'activité physique adaptée.",
        "website": "",
        **overrides,
    }


def test_form_is_labelled_and_the_honeypot_is_hidden_from_people(client, join_url):
    response = client.get(join_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Devenir partenaire</h1>" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label class="form-field__label" for="id_email">' in html
    assert 'autocomplete="email"' in html
    assert "(facultatif)" in html  # optional fields say so
    trap = html[html.index('class="form__trap"') :]
    assert trap.startswith('class="form__trap" aria-hidden="true"')
    trap = trap[: trap.index("</form>")]
    assert 'name="website"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap
    assert "Ne pas remplir ce champ" in trap


@pytest.mark.parametrize("data", [None, {"email": "x", "structure_name": ""}])
def test_the_form_is_built_accessibly_with_or_without_errors(client, join_url, data):
    response = client.post(join_url, valid_data(**data)) if data else client.get(join_url)
    structure = PageStructure()
    structure.feed(response.content.decode())

    assert structure.headings.count(1) == 1
    assert structure.headings[0] == 1
    pairs = zip(structure.headings, structure.headings[1:], strict=False)
    assert not [(a, b) for a, b in pairs if b > a + 1], "no heading level skipped"
    assert len(structure.ids) == len(set(structure.ids)), "ids are unique"
    assert all(field in structure.labels for field in structure.fields), "every field labelled"
    assert not structure.inline_styles


def test_a_request_is_saved_pending_and_the_coordination_is_told(
    client, join_url, directory, coordinator
):
    commune = CommuneFactory(name="Clamecy")

    response = client.post(join_url, valid_data(commune=commune.pk))

    thanks_url = directory.url + directory.reverse_subpage("join_thanks")
    assert response.status_code == 302
    assert response["Location"] == thanks_url
    request = PartnerRequest.objects.get()
    assert request.status == PartnerRequest.Status.PENDING
    assert (request.structure_name, request.commune) == ("Association Bouge ta santé", commune)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert "Association Bouge ta santé" in message.subject
    assert f"/admin/partenaires/demandes/inspect/{request.pk}/" in message.body
    assert "camille.durand@bouge.example" in message.body
    thanks = client.get(thanks_url)
    assert thanks.status_code == 200
    assert "Merci, votre demande est envoyée" in thanks.content.decode()


def test_values_are_cleaned_of_markup_and_spaces(client, join_url):
    client.post(
        join_url,
        valid_data(
            structure_name="  <b>CCAS</b>   de\tClamecy ",
            contact_role="<script>alert(1)</script>Directrice",
            message="<p>Bonjour,</p>\r\n\r\n\r\n<a href='http://spam.example'>lien</a>",
            email="  Camille@Bouge.EXAMPLE ",
        ),
    )

    request = PartnerRequest.objects.get()
    assert request.structure_name == "CCAS de Clamecy"
    assert "<" not in request.contact_role
    assert request.message == "Bonjour,\n\nlien"
    assert request.email == "Camille@bouge.example"


def test_errors_are_listed_on_top_and_next_to_each_field(client, join_url):
    response = client.post(
        join_url,
        valid_data(email="pas-une-adresse", first_name="   ", phone="appelez-moi"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Erreur – Devenir partenaire" in html
    assert "Le formulaire contient 3 erreurs" in html
    assert '<a href="#id_email">' in html
    assert 'id="id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert "au format nom@exemple.fr" in html
    assert 'value="Association Bouge ta santé"' in html  # what was typed stays
    assert not PartnerRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "field, value",
    [
        ("message", "x" * 10_000),
        ("structure_name", "S" * 201),
        ("typology", "INCONNUE"),
        ("commune", "not-a-number"),
        ("commune", "999999"),
    ],
)
def test_bad_input_gets_a_message_never_a_500(client, join_url, field, value):
    response = client.post(join_url, valid_data(**{field: value}))

    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not PartnerRequest.objects.exists()


def test_a_filled_honeypot_looks_like_success_but_saves_nothing(
    client, join_url, directory, coordinator
):
    response = client.post(join_url, valid_data(website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == directory.url + directory.reverse_subpage("join_thanks")
    assert not PartnerRequest.objects.exists()
    assert mail.outbox == []


def test_too_many_requests_from_one_client_get_a_clear_429(client, join_url, settings):
    settings.PARTNER_REQUESTS_PER_HOUR = 3
    for number in range(3):
        response = client.post(join_url, valid_data(email=f"n{number}@bouge.example"))
        assert response.status_code == 302

    response = client.post(join_url, valid_data(email="n4@bouge.example"))

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "Trop de demandes envoyées" in response.content.decode()
    assert PartnerRequest.objects.count() == 3
    # Another client is not affected.
    other = Client(REMOTE_ADDR="192.0.2.8")
    assert other.post(join_url, valid_data(email="autre@bouge.example")).status_code == 302


def test_forms_with_errors_do_not_count_towards_the_limit(client, join_url, settings):
    settings.PARTNER_REQUESTS_PER_HOUR = 1
    for _ in range(3):
        response = client.post(join_url, valid_data(email="pas-une-adresse"))
        assert response.status_code == 200  # the form again, with its errors

    assert client.post(join_url, valid_data()).status_code == 302
    assert PartnerRequest.objects.count() == 1


def test_the_client_address_is_not_kept_in_clear(client, join_url):
    from django.core.cache import cache

    client.post(join_url, valid_data(), REMOTE_ADDR="198.51.100.23")

    keys = [key for key in cache._cache if "partners:join:" in key]
    assert len(keys) == 1
    assert "198.51.100.23" not in keys[0]


def test_a_post_without_csrf_token_is_refused(join_url):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(join_url, valid_data())

    assert response.status_code == 403
    assert not PartnerRequest.objects.exists()


def test_behind_a_proxy_the_limit_follows_the_address_the_proxy_saw(client, join_url, settings):
    settings.PARTNER_REQUESTS_PER_HOUR = 1
    # What TRUSTED_PROXY_COUNT=1 sets (site/settings/base.py), as for the login throttling.
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.IPWARE_STRICT = False
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    first = client.post(join_url, valid_data(), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    # A robot cannot escape the limit by forging the start of the header…
    forged = client.post(
        join_url, valid_data(), HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5", **proxy
    )
    # …and another visitor behind the same proxy is not blocked.
    other = client.post(join_url, valid_data(), HTTP_X_FORWARDED_FOR="203.0.113.77", **proxy)

    assert (first.status_code, forged.status_code, other.status_code) == (302, 429, 302)


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_limit(
    client, join_url, settings
):
    settings.PARTNER_REQUESTS_PER_HOUR = 1

    first = client.post(join_url, valid_data(), HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = client.post(join_url, valid_data(), HTTP_X_FORWARDED_FOR="203.0.113.6")

    assert (first.status_code, second.status_code) == (302, 429)
