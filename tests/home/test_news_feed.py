"""The news' RSS feed: valid RSS 2.0, live public news only, absolute links, French dates."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import Theme

from .factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def feed_url(news_index):
    return f"{news_index.url}rss/"


def channel_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    # Well-formed XML, or this raises (our own response: no untrusted input).
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def titles(channel):
    return [item.findtext("title") for item in channel.findall("item")]


def test_feed_lists_live_public_news_newest_first_with_absolute_links(client, news_index):
    today = timezone.localdate()
    report_page = NewsPageFactory(
        parent=news_index,
        title="Le rapport annuel est paru",
        date=datetime.date(2026, 12, 1),
        summary="Trente actions menées.",
        themes=[Theme.objects.get(slug="depistage")],
    )
    NewsPageFactory(parent=news_index, title="Aujourd'hui", date=today)
    NewsPageFactory(parent=news_index, title="Brouillon", live=False)
    private = NewsPageFactory(parent=news_index, title="Réservée")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    channel = channel_of(client.get(feed_url(news_index)))

    assert channel.findtext("title") == "Actualités – Mon territoire"
    assert channel.findtext("language") == "fr"
    assert channel.findtext("link") == news_index.get_full_url()
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == f"{news_index.get_full_url()}rss/"
    assert news_index.get_full_url().startswith("http")
    assert channel.findtext("description") == "Les nouvelles du contrat."
    assert titles(channel)[-1] == "Le rapport annuel est paru"
    assert "Brouillon" not in titles(channel) and "Réservée" not in titles(channel)
    report = channel.findall("item")[-1]
    link = report.findtext("link")
    assert link == report_page.get_full_url()
    assert link.startswith("http") and link.endswith("/actualites/le-rapport-annuel-est-paru/")
    assert report.findtext("guid") == link
    assert report.findtext("description") == "1er décembre 2026 – Trente actions menées."
    assert [category.text for category in report.findall("category")] == [
        "Dépistage et vaccination"
    ]
    published = parsedate_to_datetime(report.findtext("pubDate"))
    assert timezone.localtime(published).date() == datetime.date(2026, 12, 1)


def test_an_item_published_on_its_date_carries_the_time_of_publication(client, news_index):
    news = NewsPageFactory(parent=news_index, date=timezone.localdate())

    item = channel_of(client.get(feed_url(news_index))).find("item")

    published = parsedate_to_datetime(item.findtext("pubDate"))
    assert published == news.first_published_at.replace(microsecond=0)


def test_the_feed_is_kept_until_a_news_item_is_published(client, news_index):
    NewsPageFactory(parent=news_index, title="Première")
    assert titles(channel_of(client.get(feed_url(news_index)))) == ["Première"]

    with CaptureQueriesContext(connection) as cached:
        assert titles(channel_of(client.get(feed_url(news_index)))) == ["Première"]
    NewsPageFactory(parent=news_index, title="Seconde")

    assert titles(channel_of(client.get(feed_url(news_index)))) == ["Seconde", "Première"]
    assert not any("home_newspage" in query["sql"] for query in cached.captured_queries)


def test_feed_queries_do_not_grow_with_the_news(client, news_index):
    themes = list(Theme.objects.all()[:2])
    NewsPageFactory(parent=news_index, themes=themes)
    client.get(feed_url(news_index))  # warm-up: the site's settings are created once

    def count():
        cache.clear()  # the feed itself, not its cached copy
        with CaptureQueriesContext(connection) as context:
            channel_of(client.get(feed_url(news_index)))
        return len(context.captured_queries)

    few = count()
    for _ in range(5):
        NewsPageFactory(parent=news_index, themes=themes)
    assert count() == few
