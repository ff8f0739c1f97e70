"""Keyboard-only use of the public pages, driven by key presses alone in Chromium: the skip link,
the main menu, a visible focus, the directory's filters and the agenda's month view."""

import datetime

import pytest
from django.utils import timezone

from tests.events.factories import AgendaPageFactory, EventPageFactory, paris
from tests.home.factories import StandardPageFactory
from tests.partners.factories import StructureIndexPageFactory, StructurePageFactory, ThemeFactory

MAX_TABS = 80

# True when the focused element shows where the focus is: an outline or a box shadow.
FOCUS_IS_VISIBLE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return element.matches(":focus-visible") && (outline || style.boxShadow !== "none");
}"""


def focused(page):
    """The focused element, described: tag, id, classes, href and text."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            return {tag: e.tagName.toLowerCase(), id: e.id, classes: e.className,
                    href: e.getAttribute("href"), text: (e.innerText || "").trim()};
        }"""
    )


def tab_to(page, selector, key="Tab"):
    """Press Tab until the focused element matches `selector`; return the elements met before."""
    met = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return met
        met.append(focused(page))
    raise AssertionError(f"{selector} jamais atteint au clavier ({MAX_TABS} tabulations) : {met}")


@pytest.fixture
def menu_pages(home_page):
    """The home page's menu: a standard page, the directory and the agenda."""
    return [
        StandardPageFactory(parent=home_page, title="Le contrat", show_in_menus=True),
        StructureIndexPageFactory(parent=home_page, show_in_menus=True),
        AgendaPageFactory(parent=home_page, show_in_menus=True),
    ]


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page, home_page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert "skip-link" in focused(page)["classes"]
    assert page.evaluate(FOCUS_IS_VISIBLE)
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "contenu"
    assert page.url.endswith("#contenu")


def test_every_main_menu_link_is_reached_in_order_with_a_visible_focus(page, menu_pages):
    page.goto("/")
    hrefs = [menu_page.url for menu_page in menu_pages]

    reached = []
    for href in hrefs:
        tab_to(page, f".main-nav a[href='{href}']")
        reached.append(focused(page)["href"])
        assert page.evaluate(FOCUS_IS_VISIBLE), f"focus invisible sur le lien {href} du menu"
    assert reached == hrefs

    # Back with Shift+Tab, then Enter follows the focused link.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["href"] == hrefs[-2]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(hrefs[-2])
    assert page.locator(".main-nav a[aria-current=page]").get_attribute("href") == hrefs[-2]


def test_every_focusable_element_of_the_home_page_shows_its_focus(page, menu_pages):
    page.goto("/")
    invisible = []
    first = None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        element = focused(page)
        if element == first or element["tag"] == "body":
            break  # back at the start: every element was met
        first = first or element
        if not page.evaluate(FOCUS_IS_VISIBLE):
            invisible.append(element)
    assert first is not None
    assert not invisible, f"focus invisible : {invisible}"


def test_directory_filters_are_set_and_submitted_with_the_keyboard_only(page, home_page):
    directory = StructureIndexPageFactory(parent=home_page)
    health, sport = ThemeFactory(name="Santé mentale"), ThemeFactory(name="Sport")
    StructurePageFactory(parent=directory, title="Maison des adolescents", themes=[health])
    StructurePageFactory(parent=directory, title="Club de marche", themes=[sport])

    page.goto(directory.url)
    tab_to(page, ".directory-filters input[name=q]")  # not the header's search field
    page.keyboard.type("adolescents")
    between = tab_to(page, "select[name=theme]")
    assert between == [], between
    # A closed select changes with the arrow keys; the theme wanted is picked by its letter.
    page.keyboard.press("s")
    while page.locator("select[name=theme]").input_value() != health.slug:
        page.keyboard.press("ArrowDown")
    tab_to(page, ".directory-filters button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert f"theme={health.slug}" in page.url and "q=adolescents" in page.url
    results = page.locator("main").inner_text()
    assert "Maison des adolescents" in results
    assert "Club de marche" not in results
    assert page.locator("select[name=theme]").input_value() == health.slug


def test_agenda_month_view_is_browsed_with_the_keyboard_only(page, home_page):
    agenda = AgendaPageFactory(parent=home_page)
    today = timezone.localdate()
    event = EventPageFactory(
        parent=agenda,
        title="Atelier mémoire",
        start=paris(today.year, today.month, today.day, 18),
        end=paris(today.year, today.month, today.day, 20),
    )
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).strftime("%Y-%m")

    page.goto(agenda.url + "mois/")
    tab_to(page, "a[rel=next]")
    assert page.evaluate(FOCUS_IS_VISIBLE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"?mois={next_month}")

    tab_to(page, "a[rel=prev]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "mois=" in page.url

    tab_to(page, f".agenda-month a[href='{event.url}']")
    assert page.evaluate(FOCUS_IS_VISIBLE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(event.url)
    assert page.locator("h1").inner_text() == "Atelier mémoire"
