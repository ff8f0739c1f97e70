"""What the search page finds for a query, in a number of SQL queries that does not grow with
the number of results.

1. The backend is asked once for the top MAX_HITS live, public pages (and, for members of the
   network, once for wall cards, kept only if the wall shows them to that member).
2. The facets' data come from one query per dimension (search.facets); the events' next dates
   from one query over the stored occurrences (events/occurrences.py writes them).
3. Filters, ordering (promotions first, past events last) and pagination happen in Python.
4. Only the results of the page shown are read in full: one query per page type on the page.
"""

import logging
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string, parse_query_string

from . import facets as facet_module
from .facets import CARD, PAGE, PAGE_TYPE, TYPE_LABELS, TYPE_OF_MODEL, WALL_TYPE
from .highlight import Highlighter

logger = logging.getLogger(__name__)

MAX_HITS = 300
RESULTS_PER_PAGE = 10
# Below this many results, a spelling suggestion is worth offering.
FEW_RESULTS = 3

# Where an excerpt is looked for, in this order; the first field holding a match wins.
EXCERPT_FIELDS = [
    "search_description",
    "summary",
    "short_description",
    "intro",
    "hero_intro",
    "introduction",
    "description",
    "missions",
    "access_conditions",
    "eligibility",
    "general_objective",
    "local_context",
    "body",
    "venue",
    "text",
]


@dataclass
class Hit:
    """One result: a page or a wall card, what the facets and the ordering need, and (for the
    page shown) the object itself and its excerpt."""

    kind: str
    pk: int
    type: str
    rank: int
    content_type_id: int | None = None
    taxonomy: dict = field(default_factory=dict)
    past_event: bool = False
    next_start: object = None
    next_all_day: bool = False
    promoted: bool = False
    description: str = ""
    obj: object = None
    url: str = ""
    title: str = ""
    excerpt: str = ""

    @property
    def key(self):
        return (self.kind, self.pk)

    @property
    def type_label(self):
        return TYPE_LABELS.get(self.type, TYPE_LABELS[PAGE_TYPE])

    @property
    def local_next_start(self):
        return timezone.localtime(self.next_start) if self.next_start else None

    @property
    def is_event(self):
        return self.type == "evenement"


@dataclass
class Promotion:
    """A result the coordination recommends for this query (Wagtail's search promotions)."""

    title: str
    url: str
    description: str = ""
    hit: Hit | None = None
    external: bool = False


def page_type(content_type_id):
    from django.contrib.contenttypes.models import ContentType

    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return PAGE_TYPE
    return TYPE_OF_MODEL.get(model._meta.label, PAGE_TYPE)


def is_network_member(user):
    from partners.members import is_member

    return is_member(user)


def allowed_types(user):
    types = {slug for slug, _label, _model in facet_module.TYPES}
    if not is_network_member(user):
        types.discard(WALL_TYPE)
    return types


def page_hits(search_query):
    """The top MAX_HITS + 1 live, public pages for the query (one more tells the cap was hit)."""
    pages = Page.objects.live().public().search(search_query)[: MAX_HITS + 1]
    return [
        Hit(PAGE, page.pk, page_type(page.content_type_id), rank, page.content_type_id)
        for rank, page in enumerate(pages)
    ]


def wall_card_hits(search_query, user, first_rank):
    """Cards matching the query that the wall shows `user` (published and current, or their own
    awaiting review), for members of the network only."""
    if not is_network_member(user):
        return []
    from partners.models import WallCard

    backend = get_search_backend()
    found = [card.pk for card in backend.search(search_query, WallCard.objects.all())[:MAX_HITS]]
    if not found:
        return []
    shown = set(
        WallCard.objects.on_wall_for(user).filter(pk__in=found).values_list("pk", flat=True)
    )
    return [
        Hit(CARD, pk, WALL_TYPE, first_rank + rank)
        for rank, pk in enumerate(pk for pk in found if pk in shown)
    ]


def merged(first, second):
    """`first`, then what `second` adds, ranked in that order."""
    known = {hit.key for hit in first}
    hits = first + [hit for hit in second if hit.key not in known]
    for rank, hit in enumerate(hits):
        hit.rank = rank
    return hits


def gather(query, user):
    """(hits, capped, broadened): pages holding every word of the query (quotes make phrases),
    then, when they are fewer than FEW_RESULTS and the query has several words, pages holding
    some of them; wall cards likewise, for members. Never more than four backend searches."""
    _filters, every_word = parse_query_string(query)
    hits = page_hits(every_word)
    capped = len(hits) > MAX_HITS
    hits = hits[:MAX_HITS]
    cards = wall_card_hits(every_word, user, 0)
    broadened = False
    if len(hits) + len(cards) < FEW_RESULTS and len(query.split()) > 1:
        _filters, some_words = parse_query_string(query, operator="or")
        more = merged(hits, page_hits(some_words)[:MAX_HITS])
        more_cards = merged(cards, wall_card_hits(some_words, user, 0))
        broadened = len(more) + len(more_cards) > len(hits) + len(cards)
        hits, cards = more, more_cards
    for hit in cards:
        hit.rank += len(hits)
    return hits + cards, capped, broadened


def mark_events(hits, now=None):
    """Each event's next date from the stored occurrences (one query); past events marked."""
    from events.models import EventPage, Occurrence, OccurrenceStatus

    events = {hit.pk: hit for hit in hits if hit.kind == PAGE and hit.is_event}
    if not events:
        return
    upcoming = (
        Occurrence.objects.filter(event=OuterRef("pk"), end__gte=now or timezone.now())
        .exclude(status=OccurrenceStatus.CANCELLED)
        .order_by("start", "pk")
    )
    rows = (
        EventPage.objects.filter(pk__in=events)
        .order_by()
        .annotate(
            next_start=Subquery(upcoming.values("start")[:1]),
            next_all_day=Subquery(upcoming.values("all_day")[:1]),
        )
        .values_list("pk", "next_start", "next_all_day")
    )
    for pk, next_start, next_all_day in rows:
        hit = events[pk]
        hit.next_start = next_start
        hit.next_all_day = bool(next_all_day)
        hit.past_event = next_start is None


def promotions(query):
    """The coordination's recommendations for this query: live, public pages and external links,
    in their order."""
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    public = (
        set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))
        if page_ids
        else set()
    )
    found = []
    for pick in picks:
        if pick.page_id:
            if pick.page_id in public:
                page = pick.page
                hit = Hit(
                    PAGE,
                    page.pk,
                    page_type(page.content_type_id),
                    -1,
                    page.content_type_id,
                    promoted=True,
                    description=pick.description,
                )
                found.append(Promotion(page.title, "", pick.description, hit))
        elif pick.external_link_url:
            found.append(
                Promotion(
                    pick.external_link_text or pick.external_link_url,
                    pick.external_link_url,
                    pick.description,
                    external=True,
                )
            )
    return found


def ordered(hits):
    """Relevance order, except that events without an upcoming date come last and wall cards
    come after the pages."""
    return sorted(hits, key=lambda hit: (hit.past_event, hit.kind == CARD, hit.rank))


def suggestion_for(query, found):
    """A corrected query when the backend offers one and the query found little."""
    if found >= FEW_RESULTS:
        return None
    suggest = getattr(get_search_backend(), "suggest", None)
    if suggest is None:
        return None
    try:
        suggested = suggest(query)
    except Exception:  # noqa: BLE001 — a suggestion is a nicety, never a reason to fail
        return None
    if not suggested or normalise_query_string(suggested) == normalise_query_string(query):
        return None
    return suggested


def fill(hits, request, highlighter):
    """Reads the objects of the hits shown: title, address, excerpt (bounded queries)."""
    page_ids = [hit.pk for hit in hits if hit.kind == PAGE]
    card_ids = [hit.pk for hit in hits if hit.kind == CARD]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    kit_texts = {}
    campaign_ids = [hit.pk for hit in hits if hit.kind == PAGE and hit.type == "campagne"]
    if campaign_ids:
        from events.models import KitItem

        for page_id, title, description in KitItem.objects.filter(
            page_id__in=campaign_ids
        ).values_list("page_id", "title", "description"):
            kit_texts.setdefault(page_id, []).extend([title, description])
    cards, wall_url = {}, ""
    if card_ids:
        from partners.models import WallCard, WallPage

        cards = {card.pk: card for card in WallCard.objects.filter(pk__in=card_ids)}
        wall = WallPage.objects.live().first()
        wall_url = wall.get_url(request) if wall else ""
    for hit in hits:
        if hit.kind == PAGE:
            page = pages.get(hit.pk)
            if page is None:
                continue
            hit.obj = page
            hit.title = page.title
            hit.url = page.get_url(request) or ""
            texts = [hit.description] + [getattr(page, name, None) for name in EXCERPT_FIELDS]
            hit.excerpt = highlighter.excerpt(texts + kit_texts.get(page.pk, []))
        else:
            card = cards.get(hit.pk)
            if card is None:
                continue
            hit.obj = card
            hit.title = card.title
            hit.url = f"{wall_url}#carte-{card.pk}" if wall_url else ""
            hit.excerpt = highlighter.excerpt([card.text])
    return [hit for hit in hits if hit.obj is not None]


@dataclass
class SearchOutcome:
    hits: list = field(default_factory=list)  # all organic hits after filters, in order
    promotions: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    active_filters: list = field(default_factory=list)
    unknown_filters: list = field(default_factory=list)
    capped: bool = False
    suggestion: str | None = None
    clear_filters_url: str = ""
    failed: bool = False  # the backend raised: the page says so instead of failing
    broadened: bool = False  # results holding only some of the words were added

    @property
    def count(self):
        return len(self.hits) + len(self.promotions)


def run(query, request):
    """Everything the page shows for `query` but the pagination."""
    user = request.user
    types = allowed_types(user)
    filters, unknown, labels = facet_module.read_filters(request.GET, types)
    # The links below keep the query and the valid filters, never a value that named nothing.
    params = request.GET.copy()
    for param in facet_module.PARAMS:
        if param not in filters:
            params.pop(param, None)

    try:
        hits, capped, broadened = gather(query, user)
    except Exception:  # the page answers with a message, never a 500
        logger.exception("The search backend failed on %r", query)
        return SearchOutcome(unknown_filters=unknown, failed=True)

    page_ids = [hit.pk for hit in hits if hit.kind == PAGE]
    card_ids = [hit.pk for hit in hits if hit.kind == CARD]
    names = {}
    for dimension in facet_module.DIMENSIONS:
        values, names[dimension.param] = facet_module.taxonomy_of_hits(
            dimension, page_ids, card_ids
        )
        for hit in hits:
            hit.taxonomy[dimension.param] = values.get(hit.key, set())
    # Promotions stand first on a page without filters; their pages leave the list below.
    promoted = promotions(query) if not filters else []
    mark_events(hits + [p.hit for p in promoted if p.hit])
    promoted_keys = {p.hit.key for p in promoted if p.hit}
    listed = [hit for hit in hits if hit.key not in promoted_keys]

    outcome = SearchOutcome(
        hits=ordered([hit for hit in listed if facet_module.passes(hit, filters)]),
        promotions=promoted,
        # Counted with the promoted pages the query found: a click on a facet lists them again.
        facets=facet_module.build_facets(hits, filters, names, params, types),
        active_filters=facet_module.active_filters(filters, labels, params),
        unknown_filters=unknown,
        capped=capped,
        broadened=broadened,
        clear_filters_url=facet_module.url_with(params, **dict.fromkeys(facet_module.PARAMS)),
    )
    outcome.suggestion = suggestion_for(query, outcome.count)
    return outcome


def prepare_shown(outcome, page_hits_shown, request, query):
    """Reads what the current page shows: its hits and, on page 1, the promoted pages."""
    highlighter = Highlighter(query)
    promoted_hits = [p.hit for p in outcome.promotions if p.hit]
    filled = fill(list(page_hits_shown) + promoted_hits, request, highlighter)
    for promotion in outcome.promotions:
        if promotion.hit is not None and promotion.hit.obj is not None:
            promotion.url = promotion.hit.url
            promotion.title = promotion.hit.title
    outcome.promotions = [p for p in outcome.promotions if p.external or p.url]
    return [hit for hit in filled if not hit.promoted]
