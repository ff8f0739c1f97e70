"""The news listing and its RSS feed, answered by NewsIndexPage's routes.

Both read the same live, public news items, newest first (by their date, then by when they were
first published), in a number of queries that does not depend on how many there are. The feed
is kept in the cache under the version that every publication changes (events/cache.py), as the
agenda's feeds are.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Site

from events.cache import agenda_version
from events.views.feeds import territory_name
from home.models import NEWS_ORDER, NewsPage, outside_private_sections

from ..dates import french_date
from .listing import ThemeFilter, paginate

NEWS_PER_PAGE = 12
# The feed lists this many of the latest news items.
RSS_ITEMS = 30
# A cached feed is dropped as soon as something is published; this is a backstop.
FEED_CACHE_TIMEOUT = 6 * 60 * 60


def published_news(index):
    """The live news items of `index` outside private sections, newest first."""
    return (
        NewsPage.objects.child_of(index)
        .live()
        .filter(outside_private_sections())
        .order_by(*NEWS_ORDER)
    )


def for_cards(news):
    """What a news card reads, in a fixed number of queries: the image, its renditions, themes."""
    return news.select_related("image").prefetch_related(
        "image__renditions",
        "themes",
    )


def listing(request, index):
    news = published_news(index)
    themes = ThemeFilter(request, news, "news")
    page, page_notice = paginate(request, for_cards(themes.apply(news)), NEWS_PER_PAGE)
    context = {
        "news_items": page,
        "paginator": page.paginator,
        "themes": themes,
        "notices": [notice for notice in (themes.notice, page_notice) if notice],
    }
    return index.render(request, context_overrides=context)


# RSS --------------------------------------------------------------------------------------------


class NewsFeed(Feed):
    """RSS 2.0: the latest news items, newest first, with absolute links and French dates."""

    feed_type = Rss201rev2Feed
    language = "fr"

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.territory = territory_name(request)
        return self.index

    def title(self, index):
        return f"{index.title} – {self.territory}" if self.territory else index.title

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        # The site's own address, as the links have: the cached feed serves every host name.
        return index.get_full_url(self.request) + index.reverse_subpage("rss")

    def description(self, index):
        return index.intro or "Les actualités du contrat local de santé."

    def items(self, index):
        return list(published_news(index).prefetch_related("themes")[:RSS_ITEMS])

    def item_title(self, news):
        return news.title

    def item_description(self, news):
        # Readers show the date of pubDate in their own way; the text says it in French.
        return f"{french_date(news.date)} – {news.summary}"

    def item_link(self, news):
        return news.get_full_url(self.request)

    def item_guid(self, news):
        return news.get_full_url(self.request)

    def item_pubdate(self, news):
        """The news item's date: the moment it was first published if that was on the day,
        its local midnight otherwise (an item dated ahead or back)."""
        published = news.first_published_at
        if published and timezone.localtime(published).date() == news.date:
            return published
        return timezone.make_aware(datetime.datetime.combine(news.date, datetime.time()))

    def item_updateddate(self, news):
        return news.last_published_at

    def item_categories(self, news):
        return [theme.name for theme in news.themes.all()]


def rss(request, index):
    """The feed, kept in the cache until something is published, unpublished or moved."""
    site = Site.find_for_request(request)
    territory_name(request)  # first, as it may create the site's settings
    # Links are the site's own (its hostname), whatever name the request came by.
    key = f"home:news-rss:{agenda_version()}:{index.pk}:{site.pk if site else 0}"
    cached = cache.get(key)
    if cached is not None:
        content, content_type = cached
        return HttpResponse(content, content_type=content_type)
    response = NewsFeed(index)(request)
    cache.set(key, (response.content, response["Content-Type"]), timeout=FEED_CACHE_TIMEOUT)
    return response
