"""Public pages: queries and server-side render time as the page tree grows.

For each tree size: the demo territory plus N extra pages (six more menu sections, the rest
spread beneath them and beneath the contract page). Each URL then goes through Django's full
stack (middleware, Wagtail routing, templates): one warm-up, then REPEAT timed requests.
The extra pages are rolled back afterwards.
"""

import io
import statistics
import time

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.models import HomePage, StandardPage

TREE_SIZES = [0, 100, 1000]
URLS = ["/", "/contrat-local-de-sante/", "/recherche/?q=sant%C3%A9"]
REPEAT = 100


class Rollback(Exception):
    pass


def add_pages(home, count):
    parents = [home.get_children().get(slug="contrat-local-de-sante")]
    for number in range(count):
        in_menu = number < 6
        parent = home if in_menu else parents[number % len(parents)]
        page = parent.add_child(
            instance=StandardPage(
                title=f"Page de mesure {number}",
                slug=f"mesure-{number}",
                intro="Une page ajoutée pour la mesure.",
                show_in_menus=in_menu,
            )
        )
        if in_menu:
            parents.append(page)


def measure(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Read now: every later request starts by emptying the connection's query log.
    query_count = len(queries.captured_queries)
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return query_count, statistics.median(timings)


def run():
    call_command("load_demo", allow_production=True, stdout=io.StringIO())
    client = Client()
    print(f"\nPublic pages ({connection.vendor}, production settings), median of {REPEAT} requests")
    print(f"{'extra pages':>12} {'url':<28} {'queries':>8} {'median ms':>10}")
    for size in TREE_SIZES:
        try:
            with transaction.atomic():
                add_pages(HomePage.objects.get(), size)
                for url in URLS:
                    queries, median = measure(client, url)
                    print(f"{size:>12} {url:<28} {queries:>8} {median:>10.1f}")
                raise Rollback
        except Rollback:
            pass
