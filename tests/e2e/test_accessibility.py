"""axe-core in Chromium on the demo territory: every URL of the sitemap, search results, the agenda
month view, the directory and its map, the public forms (a shared-password page's included) and
the partners' wall forms. No violation of impact "serious" or "critical" against WCAG 2.1 A and
AA is allowed.

One test per kind of visitor visits all its URLs and reports every violation together (rule,
impact, target, URL), so that one run lists everything to fix.

Set E2E_A11Y_SITEMAP=0 to skip the sweep of the sitemap (.ci/run does it on its second database:
the pages are the same, only the database differs).
"""

import io
import os
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import PageViewRestriction, Site

from home.management.commands.load_demo import DEFAULT_PASSWORD as DEMO_PASSWORD
from tests.home.factories import StandardPageFactory

from .conftest import login

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

# Pages outside the sitemap (views of routable pages, results, forms).
EXTRA_PUBLIC_PATHS = [
    "/recherche/?q=sante",
    "/recherche/?q=vaccination+enfants",
    "/recherche/?q=zzzzintrouvable",
    "/agenda/mois/",
    "/agenda/archives/",
    "/structures/?q=sante",
    "/structures/devenir-partenaire/",
    "/structures/livret/",
]
MAP_PATH = "/structures/carte/"
NOT_FOUND_PATH = "/page-qui-n-existe-pas/"
# The partners' wall and its forms, for a logged-in partner.
PARTNER_PATHS = [
    "/reseau/",
    "/reseau/publier/",
    "/reseau/mes-cartes/",
    "/reseau/preferences/",
    "/reseau/relais/",
    "/reseau/relais/mes-demandes/",
]


@pytest.fixture
def demo_territory(live_server):
    """The demo territory, committed so that the live server sees it (flushed after the test)."""
    call_command("load_demo", stdout=io.StringIO())


# Defined in every document before its own scripts. Wagtail's user bar (for logged-in users)
# bundles its own axe and takes the global `axe` over to run its checker: ours is kept apart.
# The user bar itself is Wagtail's markup: left out.
AXE_CHECK = """
window.maillageAxe = window.axe;
window.maillageAxeCheck = tags => window.maillageAxe.run(
    {exclude: [["wagtail-userbar"]]},
    {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}
);
"""
# Pages checked at the same time, each in its own tab: the live server and Chromium work on
# one while axe runs in another.
TABS = 3


@pytest.fixture
def axe_page(page):
    """The page, axe-core loaded in every document that its context (all its tabs) opens.

    An init script is evaluated by the browser itself, not injected as an inline <script>: the
    pages' Content-Security-Policy stays in force (no `bypass_csp`), so a CSP violation on any
    of these pages still fails the test (the `page` fixture collects them).
    """
    assert AXE.is_file(), f"{AXE} absent : lancer `make install-dev` (npm ci)"
    page.context.add_init_script(path=str(AXE))
    page.context.add_init_script(AXE_CHECK)
    return page


def blocking(path, results):
    """axe's serious and critical violations in `results`, one line each."""
    assert results["passes"], f"axe n'a vérifié aucune règle sur {path}"
    return [
        f"{path} [{violation['impact']}] {violation['id']}: {violation['help']} → "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        + (f" (+{len(violation['nodes']) - 5})" if len(violation["nodes"]) > 5 else "")
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def serious_violations(page, path, reload=True):
    """Open `path` (unless already there) and return its serious and critical violations."""
    if reload:
        # Deferred scripts have run at DOMContentLoaded; images and map tiles need not load.
        assert page.goto(path, wait_until="domcontentloaded") is not None
    return blocking(path, page.evaluate("tags => window.maillageAxeCheck(tags)", WCAG_TAGS))


def sweep(page, paths):
    """serious_violations() of every path, TABS pages at a time."""
    tabs = [page] + [page.context.new_page() for _ in range(TABS - 1)]
    failures = []
    for start in range(0, len(paths), TABS):
        batch = list(zip(tabs, paths[start : start + TABS], strict=False))
        for tab, path in batch:
            assert tab.goto(path, wait_until="domcontentloaded") is not None
            # Started, not awaited: the next tab loads while axe runs in this one.
            tab.evaluate("tags => { window.axeDone = window.maillageAxeCheck(tags); }", WCAG_TAGS)
        for tab, path in batch:
            failures += blocking(path, tab.evaluate("() => window.axeDone"))
    for tab in tabs[1:]:
        tab.close()
    return failures


def sitemap_paths(page):
    """The paths of the sitemap's <loc>s (read with the browser's XML parser: opening the
    sitemap as a page would show it in Chromium's XML viewer, whose inline styles the CSP
    refuses)."""
    response = page.request.get("/sitemap.xml")
    assert response.ok, response.status
    locations = page.evaluate(
        """text => [...new DOMParser().parseFromString(text, "application/xml")
            .getElementsByTagName("loc")].map(loc => loc.textContent.trim())""",
        response.text(),
    )
    return [urlsplit(location).path for location in locations]


def test_no_serious_accessibility_violation_on_any_public_page_or_form(axe_page, demo_territory):
    started = time.monotonic()
    paths = []
    if os.environ.get("E2E_A11Y_SITEMAP", "1") != "0":
        paths = sitemap_paths(axe_page)
        assert len(paths) > 20, paths  # the demo territory's pages, not an empty sitemap
    paths += EXTRA_PUBLIC_PATHS
    failures = sweep(axe_page, paths)

    # The map, once its markers are drawn (they come from a GeoJSON request after the page).
    axe_page.goto(MAP_PATH)
    axe_page.locator(".leaflet-marker-icon").first.wait_for()
    failures += serious_violations(axe_page, MAP_PATH, reload=False)

    # The check itself: an image without a text alternative added to that page is reported.
    axe_page.evaluate(
        """() => document.querySelector("main").append(
            Object.assign(document.createElement("img"), {src: "/static/img/favicon.svg"}))"""
    )
    assert any(" image-alt: " in line for line in serious_violations(axe_page, MAP_PATH, False))

    # The 404 page: its status is logged by the browser as an error, expected here.
    failures += serious_violations(axe_page, NOT_FOUND_PATH)
    axe_page.errors[:] = [error for error in axe_page.errors if NOT_FOUND_PATH not in error]

    # A page behind a shared password (outside the sitemap): its form, the form with its error,
    # then the page that suspends it after too many wrong answers (home/shared_passwords.py).
    private = StandardPageFactory(
        parent=Site.objects.get(is_default_site=True).root_page, title="Espace du comité"
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="Copil-2026"
    )
    failures += serious_violations(axe_page, private.url)
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        axe_page.get_by_role("textbox", name="Mot de passe").fill("pas-le-bon")
        axe_page.get_by_role("button", name="Continuer").click()
        if attempt == 1:
            axe_page.get_by_role("alert").wait_for()
            failures += serious_violations(axe_page, f"{private.url} (erreur)", reload=False)
    axe_page.get_by_role("heading", name="Accès momentanément suspendu").wait_for()
    failures += serious_violations(axe_page, f"{private.url} (suspendu)", reload=False)
    # Its 429 status is logged by the browser as an error, expected here.
    axe_page.errors[:] = [e for e in axe_page.errors if "authenticate_with_password" not in e]

    # The wall asks an anonymous visitor to log in: its login form is checked on the way.
    axe_page.goto("/reseau/")
    assert urlsplit(axe_page.url).path != "/reseau/"
    failures += serious_violations(axe_page, axe_page.url, reload=False)
    login(axe_page, "partenaire1", DEMO_PASSWORD)
    failures += sweep(axe_page, PARTNER_PATHS)

    visited = len(paths) + 6 + len(PARTNER_PATHS)
    print(f"\naxe-core : {visited} pages en {time.monotonic() - started:.0f} s")  # noqa: T201 (-s)
    assert not failures, (
        f"{len(failures)} violations graves ou critiques sur {visited} pages :\n"
        + "\n".join(failures)
    )
