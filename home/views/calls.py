"""The calls for projects' listing: open calls (by nearest deadline) or closed ones.

CallForProjectsIndexPage.get_context adds this to its context. The GET parameter `etat` picks
the tab (`ouverts` by default, `clos`), `theme` filters, `page` pages; a value that is not
understood is reported in a notice and the visitor sees the open calls, never an error.
"""

from django.db.models import F
from django.utils import timezone

from home.models import CallForProjectsPage, outside_private_sections

from .listing import ThemeFilter, paginate

CALLS_PER_PAGE = 20
OPEN, CLOSED = "ouverts", "clos"
STATES = {OPEN: "Ouverts", CLOSED: "Clos"}


def published_calls(index):
    return CallForProjectsPage.objects.child_of(index).live().filter(outside_private_sections())


def listing_context(index, request):
    today = timezone.localdate()
    notices = []
    state = request.GET.get("etat", "").strip()
    if state not in STATES:
        if state:
            shown = " ".join(state.split())[:40]
            notices.append(f"L'état « {shown} » n'a pas été compris : voici les appels ouverts.")
        state = OPEN

    calls = published_calls(index)
    themes = ThemeFilter(request, calls, "calls_for_projects")
    if themes.notice:
        notices.append(themes.notice)
    calls = themes.apply(calls)
    open_calls = calls.open(today)
    closed_calls = calls.closed(today)
    if state == OPEN:
        # The nearest deadline first; permanent calls (no deadline) after the dated ones.
        shown = open_calls.order_by(F("deadline").asc(nulls_last=True), "title", "pk")
    else:
        shown = closed_calls.order_by("-deadline", "title", "pk")
    page, page_notice = paginate(request, shown, CALLS_PER_PAGE)
    if page_notice:
        notices.append(page_notice)
    return {
        "calls": page,
        "paginator": page.paginator,
        "state": state,
        "tabs": [
            {"value": OPEN, "label": STATES[OPEN], "count": open_calls.count()},
            {"value": CLOSED, "label": STATES[CLOSED], "count": closed_calls.count()},
        ],
        "themes": themes,
        "notices": notices,
    }
