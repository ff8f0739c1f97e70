"""Who may write news and calls for projects, over real HTTP requests to Wagtail's admin.

Communication adds and publishes news in the news section (its rights come with the section's
creation) but not calls for projects, which the coordination relays; Coordination does both;
a partner and an anonymous visitor do neither, and nothing is created by trying.
"""

import pytest
from django.urls import reverse

from home.models import CallForProjectsPage, NewsPage

from .admin_forms import PUBLISH, add_url, call_form, form_errors, is_refused, news_form
from .factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination")


@pytest.fixture
def communication(make_user):
    return make_user("chargee-communication", "Communication")


@pytest.fixture
def partner(make_user):
    return make_user("partenaire", "Partenaires")


def add_news(client, news_index):
    return client.post(add_url("newspage", news_index), news_form() | PUBLISH)


@pytest.mark.parametrize("role", ["communication", "coordinator"])
def test_communication_and_coordination_add_and_publish_news(client, news_index, role, request):
    client.force_login(request.getfixturevalue(role))

    assert client.get(add_url("newspage", news_index)).status_code == 200
    response = add_news(client, news_index)

    assert response.status_code == 302, form_errors(response)
    news = NewsPage.objects.child_of(news_index).get(slug="nouveaux-partenaires")
    assert news.live
    assert client.get(news.url).status_code == 200


def test_communication_edits_and_publishes_an_existing_news_item(client, news_index, communication):
    news = NewsPageFactory(parent=news_index, slug="nouveaux-partenaires")
    client.force_login(communication)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[news.pk]),
        news_form(title="Quatre nouveaux partenaires") | PUBLISH,
    )

    assert response.status_code == 302, form_errors(response)
    news.refresh_from_db()
    assert news.title == "Quatre nouveaux partenaires"


def test_coordination_adds_and_publishes_a_call_for_projects(client, calls_index, coordinator):
    client.force_login(coordinator)

    response = client.post(add_url("callforprojectspage", calls_index), call_form() | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    assert CallForProjectsPage.objects.get(slug="prevention-jeunes").live


def test_communication_cannot_add_a_call_for_projects(client, calls_index, communication):
    client.force_login(communication)

    assert is_refused(client.get(add_url("callforprojectspage", calls_index), follow=True))
    response = client.post(
        add_url("callforprojectspage", calls_index), call_form() | PUBLISH, follow=True
    )
    assert is_refused(response)
    assert not CallForProjectsPage.objects.exists()


@pytest.mark.parametrize(
    "index, model_name, form, model",
    [
        ("news_index", "newspage", news_form, NewsPage),
        ("calls_index", "callforprojectspage", call_form, CallForProjectsPage),
    ],
)
def test_a_partner_can_add_neither_news_nor_calls(
    client, partner, news_index, calls_index, index, model_name, form, model
):
    # Both listings in the signature: a module-scoped fixture first built from inside a test
    # (request.getfixturevalue) would be rolled back with that test.
    parent = {"news_index": news_index, "calls_index": calls_index}[index]
    client.force_login(partner)
    url = add_url(model_name, parent)

    assert is_refused(client.get(url, follow=True))
    assert is_refused(client.post(url, form() | PUBLISH, follow=True))
    assert not model.objects.exists()


def test_a_partner_cannot_edit_or_unpublish_a_news_item(client, news_index, partner):
    news = NewsPageFactory(parent=news_index, title="Titre d'origine", slug="nouveaux-partenaires")
    client.force_login(partner)

    edit = reverse("wagtailadmin_pages:edit", args=[news.pk])
    assert is_refused(client.post(edit, news_form(title="Détourné") | PUBLISH, follow=True))
    unpublish = reverse("wagtailadmin_pages:unpublish", args=[news.pk])
    assert is_refused(client.post(unpublish, follow=True))

    news.refresh_from_db()
    assert news.title == "Titre d'origine" and news.live


def test_an_anonymous_visitor_is_sent_to_the_login_page_and_nothing_is_created(client, news_index):
    response = add_news(client, news_index)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not NewsPage.objects.exists()


def test_communication_previews_a_news_item_before_it_exists(client, news_index, communication):
    client.force_login(communication)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["home", "newspage", news_index.pk])

    assert client.post(url, news_form()).json()["is_valid"]
    response = client.get(url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Trois nouveaux partenaires" in content
    assert f'href="{news_index.url}rss/"' in content
    assert not NewsPage.objects.exists()


def test_coordination_previews_a_call_for_projects_before_it_exists(
    client, calls_index, coordinator
):
    client.force_login(coordinator)
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["home", "callforprojectspage", calls_index.pk]
    )

    assert client.post(url, call_form()).json()["is_valid"]
    response = client.get(url)

    assert response.status_code == 200
    assert "Prévention auprès des jeunes" in response.content.decode()
    assert not CallForProjectsPage.objects.exists()
