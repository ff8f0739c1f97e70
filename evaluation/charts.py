"""Charts of the annual report, drawn on the server as SVG: no JavaScript, no external resource.

Three charts: an indicator's values over the contract's years against its targets
(`trend_chart`), a horizontal bar chart (`bar_chart`: actions by status) and a grouped
horizontal bar chart of two series (`grouped_bar_chart`: professionals and habitants per
section of the site).

Each chart is an image with a title and a description (`role="img"`, `aria-labelledby` naming
its <title> and <desc>), and never relies on colour alone: every value is written beside its bar,
targets are dashed lines AND written under each year, two series differ by their fill (solid,
hatched) and are named in a legend. Graphic parts are dark on white (contrast ≥ 3:1, text
≥ 4.5:1); text is at least 12 units high in a viewBox that is drawn at most at its own width, so
it never gets smaller than 12px on a wide screen, and the chart shrinks with a narrow one. The
data table that the page prints next to each chart remains the source of truth.

Labels come from editors: every piece of text is escaped here, and the result marked safe.
Callers give the numbers and their formatted texts (French formatting lives in
evaluation/report.py), so that the chart and its table always write a figure the same way.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

TEXT = "#1d2430"  # 15.9:1 on white
MUTED = "#4a5565"  # 7.6:1
PRIMARY = "#00616b"  # 7.0:1
PRIMARY_DARK = "#00434a"  # 10.6:1
TARGET = "#b33c00"  # 5.6:1
BACKGROUND = "#ffffff"
FONT_SIZE = 14
SMALL_FONT_SIZE = 12
MAX_LABEL_LENGTH = 24
GAP_MARK = "—"


@dataclass(frozen=True)
class TrendPoint:
    """One year (or period) of a trend: value and target are numbers or None (none)."""

    label: str
    value: object
    value_text: str
    target: object = None
    target_text: str = ""
    highlighted: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    value: object
    value_text: str


@dataclass(frozen=True)
class Group:
    """A group of a grouped bar chart: one value (and its text) per series."""

    label: str
    values: tuple
    texts: tuple


def _number(value):
    return None if value is None else float(Decimal(value))


def _fmt(number):
    """A coordinate, short and locale-free."""
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _id(chart_id):
    return re.sub(r"[^A-Za-z0-9_-]", "-", str(chart_id)) or "graphique"


def _short(label):
    label = str(label)
    if len(label) <= MAX_LABEL_LENGTH:
        return label
    return label[: MAX_LABEL_LENGTH - 1].rstrip() + "…"


def _text(
    x, y, content, size=FONT_SIZE, anchor="start", fill=TEXT, weight=None, full=None, halo=False
):
    """A <text>; `full` adds a <title> when the text shown is cut short; `halo` outlines it in
    white, to stay legible over a target's dashed line."""
    # The chart's own font size and text colour are set once on <svg> and inherited.
    attributes = f'x="{_fmt(x)}" y="{_fmt(y)}"'
    if size != FONT_SIZE:
        attributes += f' font-size="{size}"'
    if fill != TEXT:
        attributes += f' fill="{fill}"'
    if halo:
        attributes += f' stroke="{BACKGROUND}" stroke-width="4" paint-order="stroke"'
    if anchor != "start":
        attributes += f' text-anchor="{anchor}"'
    if weight:
        attributes += f' font-weight="{weight}"'
    tooltip = f"<title>{escape(full)}</title>" if full and full != content else ""
    return f"<text {attributes}>{tooltip}{escape(content)}</text>"


def _svg(chart_id, width, height, title, description, body, defs=""):
    chart_id = _id(chart_id)
    return mark_safe(  # noqa: S308 (every text above went through escape())
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" '
        f'viewBox="0 0 {_fmt(width)} {_fmt(height)}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" focusable="false" '
        f'font-size="{FONT_SIZE}" fill="{TEXT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{defs}"
        f'<rect x="0" y="0" width="{_fmt(width)}" height="{_fmt(height)}" fill="{BACKGROUND}"/>'
        f"{''.join(body)}</svg>"
    )


def _scale_max(numbers):
    top = max((n for n in numbers if n is not None), default=0)
    return top * 1.12 if top > 0 else 1.0


# An indicator over the years ---------------------------------------------------------------------


def trend_chart(chart_id, title, description, points):
    """Bars for the values, a dashed line for each year's target, both written out.

    A year without a value is a gap marked "—" (never a bar of 0); a value of 0 is written "0"
    on the axis. Targets are dashed lines over their year and written again under it.
    """
    width, left, right = 560, 12, 12
    legend_y, top, bottom = 22, 52, 210
    height = 262 if any(p.target is not None for p in points) else 242
    plot_width = width - left - right
    ceiling = _scale_max([_number(p.value) for p in points] + [_number(p.target) for p in points])

    def y_of(number):
        return bottom - (bottom - top) * number / ceiling

    body = [
        # Legend: what a bar and what a dashed line stand for.
        f'<rect x="{left}" y="{legend_y - 11}" width="16" height="12" fill="{PRIMARY}"/>',
        _text(left + 22, legend_y, "Valeur validée"),
    ]
    if any(p.target is not None for p in points):
        body += [
            f'<line x1="{left + 150}" y1="{legend_y - 5}" x2="{left + 178}" '
            f'y2="{legend_y - 5}" stroke="{TARGET}" stroke-width="3" stroke-dasharray="6 4"/>',
            _text(left + 184, legend_y, "Cible"),
        ]
    body.append(
        f'<line x1="{left}" y1="{bottom}" x2="{width - right}" y2="{bottom}" '
        f'stroke="{TEXT}" stroke-width="1.5"/>'
    )
    if not points:
        body.append(_text(width / 2, (top + bottom) / 2, "Aucune donnée", anchor="middle"))
        return _svg(chart_id, width, height, title, description, body)

    slot = plot_width / len(points)
    bar_width = min(56.0, slot * 0.5)
    for index, point in enumerate(points):
        centre = left + slot * index + slot / 2
        value, target = _number(point.value), _number(point.target)
        weight = "bold" if point.highlighted else None
        body.append(_text(centre, bottom + 20, point.label, anchor="middle", weight=weight))
        if value is not None:
            bar_top = y_of(max(value, 0))
            body.append(
                f'<rect class="chart__bar" x="{_fmt(centre - bar_width / 2)}" '
                f'y="{_fmt(bar_top)}" width="{_fmt(bar_width)}" '
                f'height="{_fmt(bottom - bar_top)}" fill="{PRIMARY}"/>'
            )
        if target is not None:
            # Over the bar, on a white edge that keeps it visible against the bar's colour.
            line_y, half = _fmt(y_of(max(target, 0))), min(slot * 0.42, bar_width / 2 + 14)
            x1, x2 = _fmt(centre - half), _fmt(centre + half)
            body.append(
                f'<g class="chart__target"><line x1="{x1}" y1="{line_y}" x2="{x2}" y2="{line_y}" '
                f'stroke="{BACKGROUND}" stroke-width="6"/><line x1="{x1}" y1="{line_y}" '
                f'x2="{x2}" y2="{line_y}" stroke="{TARGET}" stroke-width="3" '
                f'stroke-dasharray="6 4"/></g>'
            )
            body.append(
                _text(
                    centre,
                    bottom + 40,
                    f"cible {point.target_text}",
                    size=SMALL_FONT_SIZE,
                    anchor="middle",
                    fill=TARGET,
                )
            )
        if value is None:
            body.append(
                '<g class="chart__gap">'
                + _text(centre, bottom - 8, GAP_MARK, anchor="middle", fill=MUTED)
                + "</g>"
            )
        else:
            body.append(
                _text(
                    centre, bar_top - 6, point.value_text, anchor="middle", weight=weight, halo=True
                )
            )
    return _svg(chart_id, width, height, title, description, body)


# Horizontal bars ---------------------------------------------------------------------------------


def bar_chart(chart_id, title, description, bars):
    """One horizontal bar per label, its value written after it."""
    width, label_width, right = 560, 190, 70
    row, bar_height, top = 34, 20, 10
    height = top + row * max(len(bars), 1) + 6
    ceiling = _scale_max([_number(bar.value) for bar in bars])
    plot_width = width - label_width - right
    body = []
    if not bars:
        body.append(_text(width / 2, top + row / 2, "Aucune donnée", anchor="middle"))
    for index, bar in enumerate(bars):
        y = top + row * index
        value = _number(bar.value) or 0
        length = plot_width * max(value, 0) / ceiling
        body.append(_text(label_width - 8, y + 15, _short(bar.label), anchor="end", full=bar.label))
        body.append(
            f'<rect class="chart__bar" x="{label_width}" y="{_fmt(y)}" '
            f'width="{_fmt(length)}" height="{bar_height}" fill="{PRIMARY}"/>'
        )
        body.append(_text(label_width + length + 6, y + 15, bar.value_text))
    body.append(
        f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" '
        f'y2="{_fmt(height - 4)}" stroke="{TEXT}" stroke-width="1.5"/>'
    )
    return _svg(chart_id, width, height, title, description, body)


def grouped_bar_chart(chart_id, title, description, series, groups):
    """Two series per group, as horizontal bars: the first solid, the second hatched."""
    chart_id = _id(chart_id)
    width, label_width, right = 560, 190, 70
    bar_height, gap, legend_height = 18, 14, 34
    group_height = bar_height * len(series) + 4 + gap
    height = legend_height + group_height * max(len(groups), 1) + 4
    ceiling = _scale_max([_number(v) for group in groups for v in group.values])
    plot_width = width - label_width - right
    hatch = f"{chart_id}-hachures"
    defs = (
        f'<defs><pattern id="{hatch}" patternUnits="userSpaceOnUse" width="6" height="6" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{BACKGROUND}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{PRIMARY_DARK}" stroke-width="3"/>'
        f"</pattern></defs>"
    )
    fills = [
        f'fill="{PRIMARY}"',
        f'fill="url(#{hatch})" stroke="{PRIMARY_DARK}" stroke-width="1.5"',
    ]
    body = []
    x = 12
    for name, fill in zip(series, fills, strict=False):
        body.append(f'<rect x="{x}" y="10" width="22" height="14" {fill}/>')
        body.append(_text(x + 28, 22, name))
        x += 28 + 10 * len(name) + 24
    if not groups:
        body.append(_text(width / 2, legend_height + 20, "Aucune donnée", anchor="middle"))
    for index, group in enumerate(groups):
        y = legend_height + group_height * index
        body.append(
            _text(
                label_width - 8,
                y + bar_height + 4,
                _short(group.label),
                anchor="end",
                full=group.label,
            )
        )
        for position, (value, text, fill) in enumerate(
            zip(group.values, group.texts, fills, strict=False)
        ):
            bar_y = y + position * (bar_height + 2)
            length = plot_width * max(_number(value) or 0, 0) / ceiling
            body.append(
                f'<rect class="chart__bar" x="{label_width}" y="{_fmt(bar_y)}" '
                f'width="{_fmt(length)}" height="{bar_height}" {fill}>'
                f"<title>{escape(series[position])}</title></rect>"
            )
            body.append(
                _text(
                    label_width + length + 6,
                    bar_y + 14,
                    text,
                    size=SMALL_FONT_SIZE + 1,
                )
            )
    body.append(
        f'<line x1="{label_width}" y1="{legend_height - 4}" x2="{label_width}" '
        f'y2="{_fmt(height - 4)}" stroke="{TEXT}" stroke-width="1.5"/>'
    )
    return _svg(chart_id, width, height, title, description, body, defs)
