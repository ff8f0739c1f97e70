"""The site-wide search page, /recherche/?q=…

Whatever the query string holds, the page answers 200 with results or a clear message: an
over-long query is cut, quotes (balanced or not) are read as phrases, a page number that is not
one falls back to the nearest page, a facet value that names nothing is reported and ignored.
What is found, filtered and counted is search/results.py's business.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query

from . import results as search_results
from .query import MAX_QUERY_LENGTH, normalise_words

RESULTS_PER_PAGE = search_results.RESULTS_PER_PAGE

# What the empty page proposes to search.
EXAMPLE_QUERIES = [
    "santé mentale",
    "aide aux aidants",
    "vaccination",
    "prévention alcool jeunes",
    "alimentation des bébés",
]


def examples():
    return [(example, "?" + urlencode({"q": example})) for example in EXAMPLE_QUERIES]


def browse_links():
    """The directory and the agenda, for a visitor whose search found nothing."""
    from events.models import AgendaPage
    from partners.models import StructureIndexPage

    links = []
    for model, label in (
        (StructureIndexPage, "l'annuaire des acteurs"),
        (AgendaPage, "l'agenda"),
    ):
        page = model.objects.live().public().first()
        if page is not None:
            links.append((label, page.url))
    return links


def search(request):
    words = normalise_words(request.GET.get("q", ""))
    query = words[:MAX_QUERY_LENGTH]
    truncated = len(words) > MAX_QUERY_LENGTH
    context = {
        "query": query,
        "truncated": truncated,
        "max_query_length": MAX_QUERY_LENGTH,
        "max_hits": search_results.MAX_HITS,
    }

    if not query:
        context.update(results=None, paginator=None, examples=examples())
        return TemplateResponse(request, "pages/search/search.html", context)

    outcome = search_results.run(query, request)
    paginator = Paginator(outcome.hits, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    total = outcome.count
    if page.number != 1:
        outcome.promotions = []
    shown = search_results.prepare_shown(outcome, page.object_list, request, query)
    if request.GET.get("page", "1").strip() in ("", "1"):
        Query.get(query).add_hit()  # searches counted for the evaluation (evaluation/computed.py)

    context.update(
        outcome=outcome,
        results=page,
        shown=shown,
        paginator=paginator,
        total=total,
        suggestion_url=("?" + urlencode({"q": outcome.suggestion}) if outcome.suggestion else ""),
        browse_links=browse_links() if not total else [],
        examples=examples() if not total else [],
    )
    return TemplateResponse(request, "pages/search/search.html", context)
