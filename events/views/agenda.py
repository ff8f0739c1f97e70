"""The agenda's pages: upcoming dates day by day, a month as a calendar table, the archive.

All three read the occurrence table (never a recurrence rule) through the same GET filters
(events/filters.py), in a number of queries that does not depend on how many dates they list.
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils import timezone

from ..filters import AgendaFilterForm, local_midnight
from ..models import FIRST_YEAR, LAST_YEAR, MAX_DURATION, Occurrence

OCCURRENCES_PER_PAGE = 30
# A month cell lists this many dates, then links to the day's full list: the page stays
# the same size, and as fast, whether the territory has a hundred events or thousands.
OCCURRENCES_PER_DAY = 5
MONTH_PARAMETER = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def list_view(request, agenda):
    form = AgendaFilterForm(request.GET)
    now = timezone.now()
    occurrences = form.filter(
        Occurrence.objects.visible().upcoming(now).filter(start__gte=now - MAX_DURATION)
    )
    context = paginated_days(request, occurrences, ongoing_today=True)
    context.update(form=form, agenda_view="list")
    context["notices"] = form.messages + context["notices"]
    return agenda.render(request, context_overrides=context)


def archive_view(request, agenda):
    form = AgendaFilterForm(request.GET)
    occurrences = form.filter(Occurrence.objects.visible().past())
    context = paginated_days(request, occurrences)
    context.update(form=form, agenda_view="archive")
    context["notices"] = form.messages + context["notices"]
    return agenda.render(
        request, template="pages/events/agenda_archive.html", context_overrides=context
    )


def month_view(request, agenda):
    form = AgendaFilterForm(request.GET)
    month, month_message = parse_month(request.GET.get("mois"))
    first, after = month_bounds(month)
    occurrences = form.filter(
        Occurrence.objects.visible()
        .between(first, after)
        # No date lasts longer than MAX_DURATION: the start index is read from there only.
        .filter(start__gte=first - MAX_DURATION)
    )
    context = {
        "form": form,
        "agenda_view": "month",
        "month": month,
        "weeks": month_grid(month, first_of_each_day(occurrences), form),
        "previous_month": shift_month(month, -1),
        "next_month": shift_month(month, 1),
        "current_month": timezone.localdate().replace(day=1),
        "notices": form.messages + ([month_message] if month_message else []),
    }
    return agenda.render(
        request, template="pages/events/agenda_month.html", context_overrides=context
    )


def listing(ids):
    """The occurrences `ids` with what a card shows, in that order: two queries.

    Sorting, counting and ranking are done on narrow rows (ids and dates); only the rows a
    page shows are then read with their event, commune, organiser and themes.
    """
    ids = list(ids)
    rows = Occurrence.objects.filter(pk__in=ids).for_listing().prefetch_related("event__themes")
    by_id = {occurrence.pk: occurrence for occurrence in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


# Lists, day by day ------------------------------------------------------------------------------


@dataclass
class Day:
    date: datetime.date
    occurrences: list = field(default_factory=list)


def paginated_days(request, occurrences, ongoing_today=False):
    """One page of `occurrences`, grouped by local day, and the notices about the request.

    With `ongoing_today`, a date that began before today and is still running is listed
    under today.
    """
    notices = []
    page_number = request.GET.get("page")
    paginator = Paginator(occurrences.values_list("pk", flat=True), OCCURRENCES_PER_PAGE)
    page = paginator.get_page(page_number)
    page.object_list = listing(page.object_list)
    if not_the_page_asked_for(page_number, page):
        notices.append(f"Cette page de la liste n'existe pas : voici la page {page.number}.")
    today = timezone.localdate()
    days = []
    for occurrence in page.object_list:
        date = occurrence.local_start.date()
        if ongoing_today and date < today:
            date = today
        if not days or days[-1].date != date:
            days.append(Day(date))
        days[-1].occurrences.append(occurrence)
    return {"page_obj": page, "paginator": paginator, "days": days, "notices": notices}


def not_the_page_asked_for(page_number, page):
    """True when the address asked for a page that does not exist (the visitor sees another)."""
    if page_number is None or not page_number.strip():
        return False
    try:
        return int(page_number) != page.number
    except ValueError:
        return True


# Month ------------------------------------------------------------------------------------------


def parse_month(value):
    """(first day of the month asked for, or of this month; a French notice or None)."""
    this_month = timezone.localdate().replace(day=1)
    if value is None or not value.strip():
        return this_month, None
    match = MONTH_PARAMETER.match(value)
    if match:
        year, month = int(match[1]), int(match[2])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return datetime.date(year, month, 1), None
    shown = " ".join(value.split())[:20]
    return this_month, (
        f"Le mois « {shown} » n'a pas été compris (attendu : aaaa-mm, entre {FIRST_YEAR} et "
        f"{LAST_YEAR}) : voici le mois en cours."
    )


def shift_month(month, step):
    """The first day of the month `step` months away, or None outside FIRST_YEAR–LAST_YEAR."""
    index = month.year * 12 + month.month - 1 + step
    year, month_index = divmod(index, 12)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return datetime.date(year, month_index + 1, 1)


def month_bounds(month):
    after = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return local_midnight(month), local_midnight(after)


def first_of_each_day(occurrences):
    """The first OCCURRENCES_PER_DAY occurrences starting on each local day, in order.

    Each carries `rank_in_day` and `day_total` (how many start that day). The month's dates
    are read as narrow rows (id, start) and ranked here; only those shown are then read in
    full: the same queries, and little more time, whatever the number of dates in the month.
    """
    ranks, per_day = {}, {}
    for pk, start in occurrences.order_by("start", "pk").values_list("pk", "start"):
        day = timezone.localtime(start).date()
        rank = per_day[day] = per_day.get(day, 0) + 1
        if rank <= OCCURRENCES_PER_DAY:
            ranks[pk] = (rank, day)
    shown = listing(ranks)
    for occurrence in shown:
        occurrence.rank_in_day, day = ranks[occurrence.pk]
        occurrence.day_total = per_day[day]
    return shown


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)
    # Dates starting this day that the cell does not list (see OCCURRENCES_PER_DAY), and the
    # query string of that day's full list.
    more: int = 0
    list_query: str = ""


def month_grid(month, occurrences, form=None):
    """The month's weeks (Monday first), each day with the occurrences it holds.

    An occurrence over several days (a festival week) is shown on each of its days. A day
    with more dates than it lists links to that day's list, with the same filters.
    """
    today = timezone.localdate()
    weeks = [
        [CalendarDay(date, date.month == month.month, date == today) for date in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]
    cells = {day.date: day for week in weeks for day in week if day.in_month}
    for occurrence in occurrences:
        start_day = cells.get(occurrence.local_start.date())
        if start_day is not None:
            start_day.more = max(occurrence.day_total - occurrence.rank_in_day, 0)
        for date in local_days(occurrence):
            if date in cells:
                cells[date].occurrences.append(occurrence)
    for day in cells.values():
        if day.more:
            day.list_query = day_querystring(form, day.date)
    return weeks


def day_querystring(form, date):
    """The filters of `form` for one day's list (its own dates replace any period)."""
    pairs = [
        (key, value)
        for key, value in (form.criteria.as_pairs() if form else [])
        if key not in ("du", "au", "semaine")
    ]
    return urlencode(pairs + [("du", date.isoformat()), ("au", date.isoformat())])


def local_days(occurrence):
    """Every local date an occurrence covers (its end, exclusive, at midnight counts not)."""
    first = occurrence.local_start.date()
    end = occurrence.local_end
    last = (end - datetime.timedelta(microseconds=1)).date() if end > occurrence.start else first
    last = max(first, min(last, first + datetime.timedelta(days=31)))
    return [first + datetime.timedelta(days=offset) for offset in range((last - first).days + 1)]
