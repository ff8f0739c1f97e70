"""The report's SVG charts: accessible names, escaping, gaps, targets, legible colours and text."""

from decimal import Decimal

import pytest
from defusedxml import ElementTree

from evaluation.charts import (
    Bar,
    Group,
    TrendPoint,
    bar_chart,
    grouped_bar_chart,
    trend_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & co'


def parse(svg):
    return ElementTree.fromstring(str(svg))


def texts(root):
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def point(year, value, target=None, highlighted=False):
    return TrendPoint(
        str(year),
        None if value is None else Decimal(value),
        "" if value is None else str(value),
        None if target is None else Decimal(target),
        "" if target is None else str(target),
        highlighted,
    )


def contrast_on_white(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


ALL_CHARTS = [
    lambda: trend_chart("t", "Titre", "Description", [point(2025, 8, 10), point(2026, 12, 12)]),
    lambda: bar_chart("b", "Titre", "Description", [Bar("En cours", 3, "3")]),
    lambda: grouped_bar_chart(
        "g", "Titre", "Description", ("Pros", "Habitants"), [Group("Annuaire", (1, 2), ("1", "2"))]
    ),
]


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_chart_is_an_image_named_by_its_title_and_description(make):
    root = parse(make())
    assert root.get("role") == "img"
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 ")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Titre" and desc.text == "Description"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_chart_text_is_large_enough_and_colours_contrast_with_white(make):
    root = parse(make())
    # A text without its own size or colour inherits the chart's, set on <svg>.
    for node in root.iter(f"{SVG}text"):
        assert float(node.get("font-size") or root.get("font-size")) >= 12
        assert contrast_on_white(node.get("fill") or root.get("fill")) >= 4.5
    for node in root.iter():
        for attribute in ("fill", "stroke"):
            colour = node.get(attribute, "")
            if colour.startswith("#") and colour.lower() != "#ffffff":
                assert contrast_on_white(colour) >= 3, (node.tag, colour)


def test_labels_are_escaped_everywhere():
    trend = trend_chart(HOSTILE, HOSTILE, HOSTILE, [TrendPoint(HOSTILE, 1, HOSTILE, 2, HOSTILE)])
    bars = bar_chart("b", HOSTILE, HOSTILE, [Bar(HOSTILE, 1, HOSTILE)])
    grouped = grouped_bar_chart(
        "g", HOSTILE, HOSTILE, (HOSTILE, HOSTILE), [Group(HOSTILE, (1, 2), (HOSTILE, HOSTILE))]
    )
    for svg in (trend, bars, grouped):
        assert "<script>" not in svg
        root = parse(svg)  # still well-formed XML
        assert root.find(f"{SVG}title").text == HOSTILE
    assert parse(trend).get("id") == "-script-alert--x----script----co"


def test_a_year_without_value_is_a_gap_and_zero_is_written():
    root = parse(trend_chart("t", "T", "D", [point(2025, 0), point(2026, None), point(2027, 4)]))
    bars = [node for node in root.iter(f"{SVG}rect") if node.get("class") == "chart__bar"]
    assert len(bars) == 2  # 2025 (zero high) and 2027; none for 2026
    assert float(bars[0].get("height")) == 0
    written = texts(root)
    assert "0" in written and "4" in written and "—" in written
    gaps = [node for node in root.iter(f"{SVG}g") if node.get("class") == "chart__gap"]
    assert len(gaps) == 1


def test_targets_are_dashed_and_written():
    root = parse(trend_chart("t", "T", "D", [point(2025, 8, 10), point(2026, None, 12)]))
    dashed = [node for node in root.iter(f"{SVG}line") if node.get("stroke-dasharray")]
    assert len(dashed) == 3  # the legend's and one per year
    written = texts(root)
    assert "cible 10" in written and "cible 12" in written
    assert "Cible" in written and "Valeur validée" in written  # the legend


def test_empty_charts_say_so():
    for svg in (
        trend_chart("t", "T", "D", []),
        bar_chart("b", "T", "D", []),
        grouped_bar_chart("g", "T", "D", ("A", "B"), []),
    ):
        assert "Aucune donnée" in texts(parse(svg))


def test_series_without_any_target_draw_no_target_legend():
    root = parse(trend_chart("t", "T", "D", [point(2025, 3), point(2026, 5)]))
    assert "Cible" not in texts(root)
    assert not [node for node in root.iter(f"{SVG}line") if node.get("stroke-dasharray")]


def test_two_series_differ_by_pattern_and_are_named_in_a_legend():
    svg = grouped_bar_chart(
        "g",
        "T",
        "D",
        ("Professionnels", "Habitants"),
        [Group("Annuaire", (10, 30), ("10", "30")), Group("Agenda", (0, 5), ("0", "5"))],
    )
    root = parse(svg)
    pattern = root.find(f"{SVG}defs/{SVG}pattern")
    assert pattern is not None
    hatched = [node for node in root.iter(f"{SVG}rect") if "url(#" in node.get("fill", "")]
    assert len(hatched) == 3  # the legend's swatch and one bar per group
    assert all(node.get("fill") == f"url(#{pattern.get('id')})" for node in hatched)
    written = texts(root)
    assert {"Professionnels", "Habitants", "Annuaire", "10", "30", "0", "5"} <= set(written)


def test_long_labels_are_cut_with_the_whole_label_kept_as_a_tooltip():
    label = "Agenda des événements de prévention et de santé"
    root = parse(bar_chart("b", "T", "D", [Bar(label, 1, "1")]))
    node = next(root.iter(f"{SVG}text"))
    assert node.find(f"{SVG}title").text == label
    assert "".join(node.itertext()).endswith("…")
