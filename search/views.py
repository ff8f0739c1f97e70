"""The site-wide search page, /recherche/?q=…

Whatever the query string holds, the page answers 200 with results or a clear message: an
over-long query is cut, quotes (balanced or not) are read as phrases, a page number that is not
one falls back to the nearest page.
"""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.utils import parse_query_string

from .query import MAX_QUERY_LENGTH, normalise_words

RESULTS_PER_PAGE = 10


def search(request):
    words = normalise_words(request.GET.get("q", ""))
    query = words[:MAX_QUERY_LENGTH]
    truncated = len(words) > MAX_QUERY_LENGTH

    if query:
        # Quotes become phrases here, so that none reaches the backend's own query syntax.
        _filters, search_query = parse_query_string(query)
        results = Page.objects.live().public().specific().search(search_query)
    else:
        results = Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    if query and request.GET.get("page", "1").strip() in ("", "1"):
        Query.get(query).add_hit()  # searches counted for the evaluation (evaluation/computed.py)

    return TemplateResponse(
        request,
        "pages/search/search.html",
        {
            "query": query,
            "truncated": truncated,
            "max_query_length": MAX_QUERY_LENGTH,
            "results": page,
            "paginator": paginator,
        },
    )
