"""The site-wide search page, /recherche/?q=…

Whatever the query string holds, the page answers 200 with results or a clear message: an
over-long query is cut, quotes (balanced or not) are read as phrases, a page number that is not
one falls back to the nearest page.
"""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page
from wagtail.search.utils import parse_query_string

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    # Control characters (a NUL byte breaks SQLite's full-text search) become spaces.
    printable = "".join(char if char.isprintable() else " " for char in request.GET.get("q", ""))
    words = " ".join(printable.split())
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
