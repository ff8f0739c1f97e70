"""Fixtures shared by every test: the tree and roles come from the migrations."""

import shutil
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connections, transaction
from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from home.models import HomePage


def pytest_sessionfinish(session, exitstatus):
    # The test settings put uploads and the search index in temporary folders: leave nothing.
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    index_path = settings.WAGTAILSEARCH_BACKENDS["default"].get("PATH")
    if index_path:
        shutil.rmtree(index_path, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # The tests reading the demo territory (tests/demo/) share one load of it: one xdist group,
    # marked before pytest-xdist's own hook turns the marker into a suffix of the test's id.
    for item in items:
        if item.nodeid.startswith("tests/demo/"):
            item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test with serialized rollback (the browser tests, a few others),
    whose teardown flushed every table, migrations' data included (the home page, the roles):
    that data back at once, for the tests that come next, where serialized rollback would only
    put it back when the next transactional test starts."""
    try:
        return (yield)
    finally:
        marker = item.get_closest_marker("django_db")
        if (
            marker is not None
            and marker.kwargs.get("serialized_rollback")
            and item.get_closest_marker("skip") is None
        ):
            restore_migrated_data(item.config)


def restore_migrated_data(config):
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@contextmanager
def rolled_back_after_module(django_db_blocker):
    """For a module-scoped fixture: build inside, yield, and everything is rolled back after the
    module's last test (its tests use `db`, so each runs in a savepoint rolled back after it).

        @pytest.fixture(scope="module")
        def module_world(django_db_setup, django_db_blocker):
            with rolled_back_after_module(django_db_blocker):
                yield build_world()

    Never for a module with `transactional_db` tests: they would run inside this transaction.
    Tests name such a fixture (or one built on it) in their signature, never through
    `request.getfixturevalue`: built inside a test's transaction, it would be rolled back with
    that test and missing from the module's next ones.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def read_from_module_world(name):
    """A function-scoped fixture `name` giving the module's `module_world[name]` read afresh from
    the database (a previous test may have changed the object in memory; the database change was
    rolled back). Define `module_world` in the module, built with rolled_back_after_module:

        wall = read_from_module_world("wall")
    """

    @pytest.fixture(name=name)
    def read(module_world, db):
        obj = module_world[name]
        return type(obj)._default_manager.get(pk=obj.pk)

    return read


@pytest.fixture
def search_index(db):
    """The search backend, its index rebuilt from the test database as it is now (objects other
    tests created and rolled back are gone from it)."""
    call_command("update_index", verbosity=0)
    backend = get_search_backend()
    type(backend).stale = False
    return backend


@pytest.fixture(autouse=True)
def stale_search_index():
    """The index on disk is not rolled back with a test's transaction: each test's first search
    rebuilds it from that test's database (tests/search_backend.py)."""
    backend = get_search_backend()
    if hasattr(backend, "stale"):
        type(backend).stale = True


@pytest.fixture(autouse=True)
def empty_cache():
    # Wagtail caches site root paths and renditions: no test sees another's.
    cache.clear()
    # Nor another test's pages (home/page_cache.py).
    caches["pages"].clear()


@pytest.fixture
def site(db):
    return Site.objects.select_related("root_page").get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return HomePage.objects.get(pk=site.root_page_id)


def create_user(username, *group_names, **fields):
    """An active user in those groups (password "pw"); make_user without the fixture."""
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@exemple.invalid", **fields
    )
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def make_user(db):
    """make_user("alice", "Partenaires") -> an active user in those groups (password "pw")."""
    return create_user
