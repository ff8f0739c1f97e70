"""The agenda with 100 and then 2,000 events, half of them weekly: queries and server-side time.

The demo's own events are set aside (inside the transaction, rolled back at the end) so that
the agenda holds exactly 100, then 2,000 events: every other one repeats each week without an
end date (so up to the horizon, AGENDA_HORIZON_DAYS ahead, about 78 dates each), the others
are single dates spread over the next twelve months, in twenty communes, organised by the demo
structures, with two themes and two publics each.

Pages are created with Wagtail's add_child, made live, then their occurrences written by
events.occurrences.regenerate() (what publishing does through its signal), without revisions,
search or reference indexing: the bench measures reading, not writing.

Each URL goes through Django's full stack (middleware, Wagtail routing, the agenda's route,
templates): one warm-up, then timed requests; the iCalendar feed holds every upcoming event.
"""

import datetime
import io
import statistics
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from modelsearch.signal_handlers import post_save_signal_handler as search_index_on_save
from wagtail.signal_handlers import disable_reference_index_auto_update

from events.models import AgendaPage, EventPage, Occurrence
from events.occurrences import regenerate
from home.models import Commune, HomePage, Public, Theme
from partners.models import StructurePage

SIZES = [100, 2000]
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# (name, path, timed requests): the feed carries every event, so it is timed fewer times.
URLS = [
    ("list", "", 10),
    ("month", "mois/?mois={next_month}", 10),
    ("RSS feed", "rss/", 5),
    ("iCal feed (full)", "ics/", 3),
]


class Rollback(Exception):
    pass


def agenda_page():
    agenda = AgendaPage.objects.first()
    if agenda is None:
        agenda = HomePage.objects.get().add_child(
            instance=AgendaPage(title="Agenda", slug="agenda", live=True)
        )
    return agenda


def add_events(agenda, first, count):
    """Events number `first` to `first + count - 1`; even numbers repeat every week.

    Each page is added as a draft (Wagtail then checks only its title and slug: the bench's
    data is known to be valid, and a full check costs a dozen queries), all are made live in
    one update, then their occurrences are written as publishing writes them.
    """
    themes, publics = list(Theme.objects.all()), list(Public.objects.all())
    communes = list(Commune.objects.all())
    structures = list(StructurePage.objects.live())
    today = timezone.localdate()
    pages = []
    for number in range(first, first + count):
        weekly = number % 2 == 0
        if weekly:
            date = today + datetime.timedelta(days=1 + number % 7)
        else:
            date = today + datetime.timedelta(days=1 + (number * 37) % 365)
        start = timezone.make_aware(
            datetime.datetime.combine(date, datetime.time(9 + number % 10, 30))
        )
        commune = communes[number % len(communes)] if communes else None
        repeat = {"recurrence": f"RRULE:FREQ=WEEKLY;BYDAY={WEEKDAYS[date.weekday()]}"}
        pages.append(
            agenda.add_child(
                instance=EventPage(
                    title=f"Événement de mesure {number:04d}",
                    slug=f"mesure-{number:04d}",
                    summary="Un événement ajouté pour la mesure de l'agenda.",
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    **(repeat if weekly else {}),
                    venue="Salle des fêtes",
                    commune=commune,
                    postal_code=commune.postal_code if commune else "",
                    organiser=structures[number % len(structures)] if structures else None,
                    themes=[themes[number % len(themes)], themes[(number + 5) % len(themes)]],
                    publics=[
                        publics[number % len(publics)],
                        publics[(number + 3) % len(publics)],
                    ],
                    is_free=number % 3 != 0,
                    price_detail="" if number % 3 else "5 €",
                    live=False,
                )
            )
        )
    EventPage.objects.filter(pk__in=[page.pk for page in pages]).update(
        live=True, has_unpublished_changes=False
    )
    for page in pages:
        page.live = True
        regenerate(page)


def measure(client, url, repeat):
    """(queries, first request in ms, median ms, kB): the first builds what is then cached."""
    start = time.perf_counter()
    client.get(url)
    first = (time.perf_counter() - start) * 1000
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries.captured_queries)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return query_count, first, statistics.median(timings), len(response.content)


def measure_all(client, agenda):
    cache.clear()  # the bench's own cache: every first request starts cold
    base = agenda.url
    next_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).strftime(
        "%Y-%m"
    )
    return {
        name: measure(client, base + path.format(next_month=next_month), repeat)
        for name, path, repeat in URLS
    }


def run():
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    client = Client()
    figures, timings = {}, {}
    post_save.disconnect(search_index_on_save, sender=EventPage)
    try:
        with transaction.atomic(), disable_reference_index_auto_update():
            agenda = agenda_page()
            EventPage.objects.all().delete()  # the demo's events, back at the rollback
            created = 0
            for size in SIZES:
                start = time.perf_counter()
                add_events(agenda, created, size - created)
                timings[size] = time.perf_counter() - start
                created = size
                figures[size] = measure_all(client, agenda)
                figures[size]["occurrences"] = Occurrence.objects.count()
            raise Rollback
    except Rollback:
        pass
    finally:
        post_save.connect(search_index_on_save, sender=EventPage)
    report(figures, timings)


def report(figures, timings):
    small, large = SIZES
    print(
        f"\nAgenda with {small} and {large:,} events, half weekly over "
        f"{settings.AGENDA_HORIZON_DAYS} days ({connection.vendor}, production settings, "
        f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
        f"{figures[small]['occurrences']:,} and {figures[large]['occurrences']:,} occurrences; "
        f"events added in {timings[small]:.0f} s + {timings[large]:.0f} s): queries, first "
        "request (cold cache) and median of the next ones, server-side"
    )
    columns = f"{'queries':>8} {'first':>8} {'median':>8} {'kB':>6}"
    print(f"{'':<17} {f'{small} events':^33}   {f'{large:,} events':^33}   median")
    print(f"{'':<17} {columns}   {columns}   ratio")
    for name, _path, _repeat in URLS:
        q1, first1, ms1, size1 = figures[small][name]
        q2, first2, ms2, size2 = figures[large][name]
        print(
            f"{name:<17} {q1:>8} {first1:>8.0f} {ms1:>8.0f} {size1 / 1024:>6.0f}   "
            f"{q2:>8} {first2:>8.0f} {ms2:>8.0f} {size2 / 1024:>6.0f}   {ms2 / ms1:>5.2f}×"
            + ("" if q1 == q2 else "  (queries differ)")
        )
