"""Browser tests: Playwright's sync API drives Debian's Chromium against the live server.

Every test under tests/e2e/ is marked `e2e`, put in one pytest-xdist group (one worker runs them
all, with one browser) and given a transactional database with serialized rollback:
the live server answers from its own thread and database connection, so a test's data must be
committed to be seen, and is flushed after the test. The tree, groups and roles made by the
migrations are put back after each of these tests, so no later test (nor the next `--reuse-db`
run) finds an empty database.

Without Chromium the tests are skipped with a message, unless E2E_REQUIRED=1 (as in .ci/run), where
a missing browser is a failure.

The search index needs nothing special: the tests' autouse fixture marks it stale, and the live
server's first search rebuilds it from the committed data (tests/search_backend.py), in the same
process.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connections

E2E_DIR = Path(__file__).parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ABSENT = (
    "Chromium absent : apt-get install chromium (les parcours navigateur sont ignorés)"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULT_TIMEOUT_MS = 10_000


def chromium_path():
    """The Chromium executable, or None."""
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which(CHROMIUM)


def e2e_required():
    return os.environ.get("E2E_REQUIRED", "") not in ("", "0")


def is_e2e(item):
    return Path(str(item.path)).is_relative_to(E2E_DIR)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Before pytest-xdist's hook turns the group marker into a suffix of the test's id, and before
    # pytest-django's hook orders the tests (transactional ones last).
    skip = None if chromium_path() or e2e_required() else pytest.mark.skip(reason=CHROMIUM_ABSENT)
    for item in items:
        if not is_e2e(item):
            continue
        item.add_marker(pytest.mark.e2e)
        item.add_marker(pytest.mark.xdist_group("e2e"))
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        if skip:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def migrated_data(django_db_setup):
    """The database as the migrations left it, serialized when the test database was set up."""
    return {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }


@pytest.fixture(scope="package")
def browser(migrated_data):
    """One Chromium for all the tests of tests/e2e/ (Playwright's sync API), closed after them:
    the tests that a pytest-xdist worker runs next find a thread without an event loop again.

    While Playwright runs, the test's thread has an event loop, so Django hands out other
    database connection objects (asgiref's Local then behaves like a context variable): they are
    given the migrated data too, for the serialized rollback to find it. And Django would refuse
    the test's own queries as "called from an async context" without DJANGO_ALLOW_ASYNC_UNSAFE.
    """
    executable = chromium_path()
    if not executable:
        if e2e_required():
            pytest.fail(
                "Chromium absent : apt-get install chromium "
                "(E2E_REQUIRED=1 : les parcours navigateur sont obligatoires)"
            )
        pytest.skip(CHROMIUM_ABSENT)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for alias, contents in migrated_data.items():
            connections[alias]._test_serialized_contents = contents
        yield browser
        browser.close()


@pytest.fixture
def site_url(live_server):
    """The live server's address, without a trailing slash (http://localhost:<port>)."""
    return live_server.url


def new_page(browser, base_url, **context_options):
    """A page in a fresh context (its own cookies) with the console errors and CSP violations of
    all the context's pages collected in `page.errors`.

    Requests to any other host than the live server are refused without reaching the network
    (this machine has none, and a test must not depend on a third party such as the map tiles'
    server); what the browser logs about them, and about its own /favicon.ico request, is not
    counted as the page's error.
    """
    context = browser.new_context(locale="fr-FR", base_url=base_url, **context_options)
    origin = urlsplit(base_url).netloc
    context.route(
        lambda url: urlsplit(url).netloc != origin,
        lambda route: route.abort("blockedbyclient"),
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    errors = []

    def on_console(message):
        if message.type != "error" and not message.text.startswith("Refused to"):
            return
        source = message.location.get("url") or ""
        if message.text.startswith("Failed to load resource") and (
            urlsplit(source).netloc != origin or urlsplit(source).path == "/favicon.ico"
        ):
            return
        errors.append(f"console {message.type}: {message.text} ({source or message.page.url})")

    def on_error(error):
        errors.append(f"JavaScript: {error.error} ({error.page.url if error.page else '?'})")

    # On the context: pages the test opens besides this one (other tabs) are watched too.
    context.on("console", on_console)
    context.on("weberror", on_error)
    page = context.new_page()
    page.errors = errors
    return page


@pytest.fixture
def page(browser, live_server):
    """A browser page on the live server: `page.goto("/agenda/")`. The test fails if the browser
    logged a console error (a CSP violation included) on any page it visited."""
    page = new_page(browser, live_server.url)
    yield page
    errors = list(page.errors)
    page.context.close()
    if errors:
        pytest.fail("Erreurs dans la console du navigateur :\n" + "\n".join(errors))


def login(page, username, password="pw"):  # noqa: S107 - the test users' password
    """Log in through Wagtail's admin login form, then land on the admin dashboard."""
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if "/admin/login/" in page.url:
        raise AssertionError(f"La connexion de {username} a échoué ({page.url})")
