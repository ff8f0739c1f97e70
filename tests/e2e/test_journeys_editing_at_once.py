"""Two requests of one editor writing at once, as the campaign journey met them in Chromium.

Wagtail 8's page editor autosaves the form half a second after each change and pings its editing
session; pressing "Publier" meanwhile sends another request that writes. On SQLite, a
transaction started DEFERRED that reads first and writes second while another one holds the
write lock fails at once with "database is locked": the campaign journey's editor got the 500
page ("Le site rencontre une erreur temporaire") that way. Transactions now start IMMEDIATE
(site/settings/base.py, DATABASES' OPTIONS "transaction_mode"): the second writer waits for the
first, up to the "timeout" option, instead of failing.

The test runs the two requests' transactions in two threads, each with its own connection, as
two server threads (or gunicorn workers) do.
"""

import threading

import pytest
from django.db import connection, connections, transaction

from home.models import Theme


def test_two_requests_writing_at_once_wait_for_each_other_instead_of_failing(db):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL makes a second writer wait by itself")
    first_wrote, second_read = threading.Event(), threading.Event()
    errors = []

    def autosave():  # writes first and holds the write lock until its transaction ends
        try:
            with transaction.atomic():
                Theme.objects.create(name="Écrit par l'enregistrement", slug="ecrit-autosave")
                first_wrote.set()
                second_read.wait(timeout=2)
        except Exception as error:  # noqa: BLE001 - what the request would have answered 500
            errors.append(error)
        finally:
            connections.close_all()

    def publish():  # reads, then writes, as Wagtail's views do inside one transaction
        first_wrote.wait(timeout=5)
        try:
            with transaction.atomic():
                Theme.objects.count()
                second_read.set()
                Theme.objects.create(name="Écrit par la publication", slug="ecrit-publication")
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=autosave), threading.Thread(target=publish)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert errors == []
    assert Theme.objects.filter(slug__startswith="ecrit-").count() == 2
