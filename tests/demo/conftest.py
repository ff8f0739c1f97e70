"""Tests that read the demo territory, loaded once for all of them.

With pytest-xdist (`--dist loadgroup`), the whole package runs on one worker, one test after
the other (tests/conftest.py puts it in one group), so the demo is loaded once and no other test
ever sees its rolled-back transaction.
"""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo_territory(django_db_setup, django_db_blocker):
    """The demo territory, loaded once for this package and rolled back after it.

    (A package-scoped fixture lives as long as the package of the conftest that defines it:
    defined here, it never outlives tests/demo/.)

    Use it together with `db`: each test then runs in a savepoint inside this transaction.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()
