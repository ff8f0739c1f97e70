"""Calls for projects: the open and closed listing, a call's page, and the editor's checks."""

import datetime
from decimal import Decimal
from html import unescape

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import CallForProjectsPage, Public, Theme

from .admin_forms import PUBLISH, add_url, call_form, form_errors
from .factories import CallForProjectsPageFactory, DocumentFactory
from .test_query_counts import count_queries

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def page_text(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


def titles(response):
    return [call.title for call in response.context["calls"]]


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination")


# Texts of a card ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount, text",
    [
        (Decimal("15000"), "jusqu'à 15\u00a0000\u00a0€"),
        (Decimal("1500.50"), "jusqu'à 1\u00a0500,50\u00a0€"),
        (Decimal("800"), "jusqu'à 800\u00a0€"),
        (None, ""),
    ],
)
def test_the_amount_is_written_in_french(amount, text):
    assert CallForProjectsPage(amount=amount).amount_text() == text


def test_the_deadline_is_written_in_french():
    today = datetime.date(2026, 12, 2)
    call = CallForProjectsPage(deadline=datetime.date(2027, 1, 15))

    assert call.deadline_text(today) == "dépôt avant le 15 janvier 2027"
    assert call.countdown_text(today) == ""
    assert CallForProjectsPage(deadline=None).deadline_text(today) == "appel permanent"
    assert CallForProjectsPage(deadline=datetime.date(2026, 12, 1)).deadline_text(today) == "clos"


@pytest.mark.parametrize(
    "days, text", [(5, "plus que 5 jours"), (1, "plus qu'un jour"), (0, "dernier jour")]
)
def test_a_near_deadline_says_how_many_days_are_left(days, text):
    today = datetime.date(2026, 12, 2)
    call = CallForProjectsPage(deadline=today + datetime.timedelta(days=days))

    assert call.countdown_text(today) == text
    assert call.is_open(today)


# The listing ----------------------------------------------------------------------------------


def test_open_calls_are_listed_by_nearest_deadline_permanent_ones_last(client, calls_index):
    CallForProjectsPageFactory(parent=calls_index, title="Permanent")
    CallForProjectsPageFactory(parent=calls_index, title="Dans un mois", deadline=in_days(30))
    CallForProjectsPageFactory(parent=calls_index, title="Dans 5 jours", deadline=in_days(5))
    CallForProjectsPageFactory(parent=calls_index, title="Clos", deadline=in_days(-1))
    CallForProjectsPageFactory(parent=calls_index, title="Brouillon", live=False)
    private = CallForProjectsPageFactory(parent=calls_index, title="Réservé")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get(calls_index.url)

    assert titles(response) == ["Dans 5 jours", "Dans un mois", "Permanent"]
    text = page_text(response)
    assert "3 appels à projets ouverts" in text
    assert "plus que 5 jours" in text
    assert "Appel permanent" in text
    assert 'aria-current="page">Ouverts <span class="list-tabs__count">(3)</span>' in text
    assert "Clos <span" in text and "(1)</span>" in text


def test_the_closed_tab_lists_closed_calls_latest_first(client, calls_index):
    CallForProjectsPageFactory(parent=calls_index, title="Ouvert", deadline=in_days(3))
    CallForProjectsPageFactory(parent=calls_index, title="Clos hier", deadline=in_days(-1))
    CallForProjectsPageFactory(parent=calls_index, title="Clos l'an passé", deadline=in_days(-400))

    response = client.get(calls_index.url, {"etat": "clos"})

    assert titles(response) == ["Clos hier", "Clos l'an passé"]
    text = page_text(response)
    assert "2 appels à projets clos" in text
    assert "Clos</span> (date limite" in text


def test_an_unknown_state_shows_the_open_calls_with_a_message(client, calls_index):
    CallForProjectsPageFactory(parent=calls_index, title="Ouvert", deadline=in_days(3))
    CallForProjectsPageFactory(parent=calls_index, title="Clos", deadline=in_days(-3))

    response = client.get(calls_index.url, {"etat": "fermés"})

    assert titles(response) == ["Ouvert"]
    assert "L'état « fermés » n'a pas été compris : voici les appels ouverts." in (
        page_text(response)
    )


def test_the_theme_filter_keeps_the_calls_of_that_theme_in_both_tabs(client, calls_index):
    mental = Theme.objects.get(slug="sante-mentale")
    CallForProjectsPageFactory(parent=calls_index, title="Santé mentale", themes=[mental])
    CallForProjectsPageFactory(parent=calls_index, title="Autre")
    CallForProjectsPageFactory(
        parent=calls_index, title="Ancien", themes=[mental], deadline=in_days(-10)
    )

    response = client.get(calls_index.url, {"theme": "sante-mentale"})

    assert titles(response) == ["Santé mentale"]
    assert f'href="{calls_index.url}?etat=clos&amp;theme=sante-mentale"' in (
        response.content.decode()
    )
    closed = client.get(calls_index.url, {"theme": "sante-mentale", "etat": "clos"})
    assert titles(closed) == ["Ancien"]


def test_an_unknown_theme_or_page_is_ignored_with_a_message(client, calls_index):
    CallForProjectsPageFactory(parent=calls_index, title="Ouvert")

    response = client.get(calls_index.url, {"theme": "inconnue", "page": "7"})

    assert titles(response) == ["Ouvert"]
    text = page_text(response)
    assert "La thématique « inconnue » n'est pas proposée ici" in text
    assert "Cette page de la liste n'existe pas : voici la page 1." in text


def test_without_open_calls_the_listing_points_to_the_closed_ones(client, calls_index):
    CallForProjectsPageFactory(parent=calls_index, deadline=in_days(-3))

    text = page_text(client.get(calls_index.url))

    assert "Aucun appel à projets n'est ouvert en ce moment." in text
    assert f'href="{calls_index.url}?etat=clos"' in text


def test_listing_queries_do_not_grow_with_the_calls(client, calls_index):
    themes = list(Theme.objects.all()[:2])
    CallForProjectsPageFactory(parent=calls_index, themes=themes, deadline=in_days(3))
    few = count_queries(client, calls_index.url)

    for days in range(5):
        CallForProjectsPageFactory(parent=calls_index, themes=themes, deadline=in_days(days))
    many = count_queries(client, calls_index.url)

    assert many == few


# A call's page --------------------------------------------------------------------------------


def test_a_call_page_shows_what_a_candidate_needs(client, calls_index):
    document = DocumentFactory(title="Cahier des charges 2027")
    call = CallForProjectsPageFactory(
        parent=calls_index,
        title="Bien vieillir chez soi",
        funder="Conférence des financeurs de la Nièvre",
        amount=Decimal("15000"),
        amount_note="jusqu'à 80 % du budget du projet",
        opens_on=datetime.date(2026, 11, 1),
        deadline=in_days(5),
        eligibility="<p>Associations et CCAS du territoire.</p>",
        body="<p>Ateliers collectifs de prévention.</p>",
        link="https://financeurs.example/appel-2027",
        document=document,
        themes=[Theme.objects.get(slug="vieillissement")],
        publics=[Public.objects.get(slug="personnes-agees")],
    )

    text = page_text(client.get(call.url))

    assert "Conférence des financeurs de la Nièvre" in text
    assert "Jusqu'à 15\u00a0000\u00a0€ (jusqu'à 80 % du budget du projet)" in text
    assert '<time datetime="2026-11-01">1er novembre 2026</time>' in text
    assert "plus que 5 jours" in text
    assert "Associations et CCAS du territoire." in text
    assert "Ateliers collectifs de prévention." in text
    assert 'href="https://financeurs.example/appel-2027"' in text
    assert f'href="{document.url}" download>Cahier des charges' in text
    assert "– PDF, 2,0\u00a0Kio" in text
    assert "Bien vieillir" in text and "Personnes âgées" in text
    assert f'<a href="{calls_index.url}">Retour à la liste : Appels à projets</a>' in text


def test_a_closed_call_page_says_it_is_closed(client, calls_index):
    call = CallForProjectsPageFactory(parent=calls_index, deadline=in_days(-2))

    text = page_text(client.get(call.url))

    assert "Appel clos" in text
    assert "(clos)" in text


# The editor's checks, over HTTP ---------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, field, message",
    [
        (
            {"opens_on": "2027-02-01", "deadline": "2027-01-15"},
            "deadline",
            "La date limite ne peut précéder l'ouverture.",
        ),
        ({"deadline": "20266-01-15"}, "deadline", "Saisissez une date valide."),
        ({"opens_on": "1926-01-15"}, "opens_on", "Indiquez une date entre 2000 et 2100."),
        ({"amount": "-5"}, "amount", "supérieure ou égale à 0"),
    ],
)
def test_the_editor_refuses_bad_dates_with_a_clear_message_and_saves_nothing(
    client, coordinator, calls_index, changes, field, message
):
    client.force_login(coordinator)

    response = client.post(
        add_url("callforprojectspage", calls_index), call_form(**changes) | PUBLISH
    )

    assert response.status_code == 200
    assert message in form_errors(response).get(field, ""), form_errors(response)
    # The form comes back with what was typed.
    assert response.context["form"]["title"].value() == "Prévention auprès des jeunes"
    assert not CallForProjectsPage.objects.exists()


def test_the_editor_publishes_a_valid_call(client, coordinator, calls_index):
    client.force_login(coordinator)

    response = client.post(add_url("callforprojectspage", calls_index), call_form() | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    call = CallForProjectsPage.objects.get(slug="prevention-jeunes")
    assert call.live
    assert call.deadline == datetime.date(2027, 1, 15)
    assert call.amount == Decimal("15000")
