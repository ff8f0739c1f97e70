"""The news listing, a news item's page and the home page's news section."""

import datetime
from html import unescape

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import Theme
from home.views import news as news_views

from .factories import CallForProjectsPageFactory, ImageFactory, NewsPageFactory
from .test_query_counts import count_queries

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def page_text(response):
    return unescape(response.content.decode())


def card_titles(response):
    return [news.title for news in response.context["news_items"]]


def test_listing_shows_live_public_news_newest_first_by_date_then_first_publication(
    client, news_index
):
    NewsPageFactory(parent=news_index, title="Ancienne", date=days_ago(30))
    NewsPageFactory(parent=news_index, title="Du jour, publiée la première", date=days_ago(0))
    NewsPageFactory(parent=news_index, title="Du jour, publiée ensuite", date=days_ago(0))
    NewsPageFactory(parent=news_index, title="Brouillon", live=False)
    private = NewsPageFactory(parent=news_index, title="Réservée")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get(news_index.url)

    assert response.status_code == 200
    assert card_titles(response) == [
        "Du jour, publiée ensuite",
        "Du jour, publiée la première",
        "Ancienne",
    ]
    content = page_text(response)
    assert "3 actualités" in content
    assert "Brouillon" not in content and "Réservée" not in content


@pytest.mark.parametrize("asked, shown", [("99", 2), ("deux", 1)])
def test_a_page_that_does_not_exist_shows_the_nearest_with_a_notice(
    client, news_index, monkeypatch, asked, shown
):
    monkeypatch.setattr(news_views, "NEWS_PER_PAGE", 2)
    for days in range(3):
        NewsPageFactory(parent=news_index, date=days_ago(days))

    response = client.get(news_index.url, {"page": asked})

    assert response.status_code == 200
    assert response.context["news_items"].number == shown
    assert f"Cette page de la liste n'existe pas : voici la page {shown}." in page_text(response)


def test_the_second_page_lists_the_older_news_and_links_back(client, news_index, monkeypatch):
    monkeypatch.setattr(news_views, "NEWS_PER_PAGE", 2)
    for days, title in enumerate(["Un", "Deux", "Trois"]):
        NewsPageFactory(parent=news_index, title=title, date=days_ago(days))

    response = client.get(news_index.url, {"page": "2"})

    assert card_titles(response) == ["Trois"]
    content = page_text(response)
    assert 'rel="prev"' in content
    assert "Cette page de la liste n'existe pas" not in content


def test_the_theme_filter_keeps_the_news_of_that_theme(client, news_index):
    mental = Theme.objects.get(slug="sante-mentale")
    nutrition = Theme.objects.get(slug="nutrition")
    NewsPageFactory(parent=news_index, title="Groupe d'entraide", themes=[mental])
    NewsPageFactory(parent=news_index, title="Cantines", themes=[nutrition])

    response = client.get(news_index.url, {"theme": "sante-mentale"})

    assert card_titles(response) == ["Groupe d'entraide"]
    content = page_text(response)
    assert '<option value="sante-mentale" selected>' in content
    # Only the themes some news item carries are offered.
    assert [theme.slug for theme in response.context["themes"].choices] == [
        "nutrition",
        "sante-mentale",
    ]


def test_an_unknown_theme_is_ignored_with_a_message(client, news_index):
    NewsPageFactory(parent=news_index, title="Une nouvelle")

    response = client.get(news_index.url, {"theme": "<script>inconnue</script>"})

    assert response.status_code == 200
    assert card_titles(response) == ["Une nouvelle"]
    content = page_text(response)
    assert "n'est pas proposée ici : ce filtre a été ignoré" in content
    assert "<script>inconnue" not in response.content.decode()  # escaped


def test_an_empty_listing_says_so(client, news_index):
    response = client.get(news_index.url)

    assert response.status_code == 200
    assert "Aucune actualité n'a encore été publiée." in page_text(response)


def test_a_news_page_shows_its_date_image_summary_body_themes_and_the_way_back(client, news_index):
    image = ImageFactory()
    news = NewsPageFactory(
        parent=news_index,
        title="Le rapport annuel est paru",
        date=datetime.date(2026, 12, 1),
        summary="Ce que le contrat a changé cette année.",
        image=image,
        image_alt="Couverture du rapport annuel",
        body=[{"type": "paragraph", "value": "<p>Trente actions menées.</p>"}],
        themes=[Theme.objects.get(slug="depistage")],
    )

    response = client.get(news.url)

    assert response.status_code == 200
    content = page_text(response)
    assert '<time datetime="2026-12-01">1er décembre 2026</time>' in content
    assert 'alt="Couverture du rapport annuel"' in content
    assert "Ce que le contrat a changé cette année." in content
    assert "Trente actions menées." in content
    assert f'href="{news_index.url}?theme=depistage"' in content
    assert f'<a href="{news_index.url}">Retour à la liste : Actualités</a>' in content


def test_listing_and_news_pages_announce_the_feed_in_their_head(client, news_index):
    news = NewsPageFactory(parent=news_index)
    link = (
        f'<link rel="alternate" type="application/rss+xml" href="{news_index.url}rss/" '
        'title="Actualités (RSS)">'
    )

    for url in (news_index.url, news.url):
        head = page_text(client.get(url)).split("</head>")[0]
        assert link in head


def test_listing_queries_do_not_grow_with_the_news(client, news_index):
    themes = list(Theme.objects.all()[:2])
    NewsPageFactory(parent=news_index, themes=themes, image=ImageFactory(), image_alt="Une image")
    few = count_queries(client, news_index.url)

    for _ in range(6):
        NewsPageFactory(
            parent=news_index, themes=themes, image=ImageFactory(), image_alt="Une image"
        )
    many = count_queries(client, news_index.url)

    assert many == few


# The home page ---------------------------------------------------------------------------------


def test_home_page_shows_the_three_latest_news_and_a_link_to_all(client, home_page, news_index):
    for days in range(4):
        NewsPageFactory(parent=news_index, title=f"Nouvelle {days}", date=days_ago(days))

    response = client.get("/")

    assert [news.title for news in response.context["latest_news"]] == [
        "Nouvelle 0",
        "Nouvelle 1",
        "Nouvelle 2",
    ]
    content = page_text(response)
    assert '<h2 id="actualites">Actualités</h2>' in content
    assert f'<a href="{news_index.url}">Toutes les actualités</a>' in content
    assert "Nouvelle 3" not in content


def test_home_page_announces_the_open_calls_for_projects(client, home_page, calls_index):
    CallForProjectsPageFactory(parent=calls_index, deadline=days_ago(-10))
    CallForProjectsPageFactory(parent=calls_index)  # permanent
    CallForProjectsPageFactory(parent=calls_index, deadline=days_ago(1))  # closed

    content = page_text(client.get("/"))

    assert f'<a href="{calls_index.url}">2 appels à projets ouverts</a>' in content


def test_home_page_leaves_out_private_news_and_calls(client, home_page, news_index, calls_index):
    NewsPageFactory(parent=news_index, title="Publique")
    private_news = NewsPageFactory(parent=news_index, title="Réservée")
    PageViewRestriction.objects.create(page=private_news, restriction_type="login")
    CallForProjectsPageFactory(parent=calls_index)
    private_call = CallForProjectsPageFactory(parent=calls_index)
    PageViewRestriction.objects.create(page=private_call, restriction_type="password", password="x")

    response = client.get("/")

    assert [news.title for news in response.context["latest_news"]] == ["Publique"]
    assert response.context["open_calls_count"] == 1


def test_home_page_queries_do_not_grow_with_news_and_calls(
    client, home_page, news_index, calls_index
):
    NewsPageFactory(parent=news_index)
    CallForProjectsPageFactory(parent=calls_index)
    few = count_queries(client, "/")

    for _ in range(4):
        NewsPageFactory(parent=news_index, image=ImageFactory(), image_alt="Une image")
        CallForProjectsPageFactory(parent=calls_index)

    assert count_queries(client, "/") == few


def test_home_page_has_no_news_section_without_news_or_open_calls(client, home_page, calls_index):
    CallForProjectsPageFactory(parent=calls_index, deadline=days_ago(1))

    content = page_text(client.get("/"))

    assert 'id="actualites"' not in content
    assert "appels à projets ouverts" not in content
