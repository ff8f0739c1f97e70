"""Accessibility by construction: contrast of the palette, and the markup of every demo page."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from home.templatetags.typography_tags import fr_spacing
from tests.html import PageStructure

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "maillage.css"

# (foreground, background, minimum ratio): WCAG 2.1 AA is 4.5 for text, 3 for large text and
# for interface components such as focus outlines and field borders.
COLOUR_PAIRS = [
    ("--color-text", "--color-background", 4.5),
    ("--color-text", "--color-surface", 4.5),
    ("--color-muted", "--color-background", 4.5),
    ("--color-muted", "--color-surface", 4.5),
    ("--color-primary", "--color-background", 4.5),
    ("--color-primary", "--color-surface", 4.5),
    ("--color-on-primary", "--color-primary", 4.5),
    ("--color-on-primary", "--color-primary-dark", 4.5),
    ("--color-primary-dark", "--color-surface", 4.5),
    ("--color-text", "--color-notice", 4.5),
    ("--color-focus", "--color-background", 3),
    ("--color-focus", "--color-surface", 3),
    ("--color-accent", "--color-primary-dark", 3),
    ("--color-border", "--color-background", 3),
    ("--color-border", "--color-surface", 3),
]


def palette():
    root = re.search(r":root\s*{(.*?)}", STYLESHEET.read_text(), re.S).group(1)
    return dict(re.findall(r"(--color-[\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("foreground", "background", "minimum"), COLOUR_PAIRS)
def test_palette_meets_wcag_aa_contrast(foreground, background, minimum):
    colours = palette()

    ratio = contrast(colours[foreground], colours[background])

    assert ratio >= minimum, f"{foreground} on {background}: {ratio:.2f} < {minimum}"


def test_stylesheet_loads_nothing_from_elsewhere():
    css = STYLESHEET.read_text()

    assert "@import" not in css and "url(http" not in css and "@font-face" not in css


DEMO_PATHS = [
    "/",
    "/contrat-local-de-sante/",
    "/axes-du-contrat/",
    "/territoire/",
    "/contact/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/recherche/?q=santé",
    "/page-inexistante/",
]


@pytest.mark.parametrize("path", DEMO_PATHS)
def test_every_demo_page_is_built_accessibly(client, demo_territory, db, path):
    response = client.get(path)
    structure = PageStructure()
    structure.feed(response.content.decode())

    assert structure.headings.count(1) == 1, "one h1 per page"
    assert structure.headings[0] == 1, "the h1 comes first"
    pairs = zip(structure.headings, structure.headings[1:], strict=False)
    jumps = [(a, b) for a, b in pairs if b > a + 1]
    assert not jumps, f"heading levels skipped: {jumps}"
    assert len(structure.ids) == len(set(structure.ids)), "ids are unique"
    assert all(field in structure.labels for field in structure.fields), "every field has a label"
    assert not structure.images_without_alt
    assert not structure.inline_styles, "no inline style or event handler"
    assert {"header", "nav", "main", "footer"} <= set(structure.landmarks)


def test_french_punctuation_stays_with_its_word():
    assert fr_spacing("Qu'est-ce qu'un contrat ?") == "Qu'est-ce qu'un contrat\u00a0?"
    assert fr_spacing("« Bus du cœur »") == "«\u00a0Bus du cœur\u00a0»"
    assert fr_spacing("Horaires : 9 h") == "Horaires\u00a0: 9 h"
