"""Keyboard-only use of the public pages: skip link, main menu, visible focus, directory filters
and the agenda's month view, driven by key presses alone in Chromium."""


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML")
    assert "skip-link" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    assert page.url.endswith("#contenu")
