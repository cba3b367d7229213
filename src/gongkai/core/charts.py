"""Charts drawn on the server as inline SVG, each with its data table (the report card's
(成绩单) and the electronic supervision dashboard's).

They print (browser print and WeasyPrint PDF) and need no script, font or image
from anywhere. Each chart is a ``<figure class="chart">`` holding:

* an ``<svg role="img">`` with ``<title>`` and ``<desc>``, scaled by its viewBox
  (``charts.css`` sets width 100 %, height auto);
* a visible ``<figcaption>`` with the title;
* the same figures as an HTML ``<table>`` inside ``<details>`` (查看数据), for
  screen readers, keyboard users and people who would rather read numbers.

A value ``None`` is "no data" (模块未提供 or 未填报): no bar is drawn and the chart
says 无数据 where the bar would be — it is never drawn as zero. Zero is a real zero:
no bar, and "0" written.

Labels and titles come from the database and are escaped. Element ids derive from a
hash of the chart's content, so the same chart renders the same markup every time.
The whole figure is well-formed XML.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = int | float

NO_DATA = "无数据"
EMPTY = "暂无数据"
SHOW_DATA = "查看数据"
ITEM_HEADING = "项目"
ELLIPSIS = "…"
# The PDF's shipped font first (gongkai.core.pdf), then what browsers commonly have.
FONT_FAMILY = (
    "'Noto Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
    "'Microsoft YaHei', sans-serif"
)

# Colours on white: text at least 4.5:1, bars and lines at least 3:1 (WCAG 1.4.3, 1.4.11).
INK = "#1a1a1a"  # 17:1
MUTED = "#4d4d4d"  # 8.5:1
GRID = "#d0d0d0"
AXIS = "#595959"  # 7:1


@dataclass(frozen=True)
class SeriesStyle:
    """How one series is told apart without colour: its fill pattern and its outline."""

    colour: str
    pattern: str  # "solid", "hatch", "dots", "cross"


SERIES_STYLES = (
    SeriesStyle("#1f4e79", "solid"),  # dark blue, 8.9:1
    SeriesStyle("#a64300", "hatch"),  # dark orange, 6.0:1
    SeriesStyle("#2e6b30", "dots"),  # dark green, 6.6:1
    SeriesStyle("#5b2a86", "cross"),  # purple, 10:1
)


# -- numbers -----------------------------------------------------------------------------


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 5 × 10^n that is at least ``raw`` (raw > 0)."""
    exponent = math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        step = factor * 10.0**exponent
        if step >= raw * (1 - 1e-9):
            return step
    return 10.0 ** (exponent + 1)  # pragma: no cover - the loop always returns


def nice_scale(
    largest: float, *, maximum: float | None = None, integers: bool = True, ticks: int = 5
) -> tuple[float, float]:
    """The axis for figures up to ``largest``: (top, step) with step 1, 2 or 5 × 10^n.

    ``maximum`` fixes the top (100 for a rate) unless a figure goes beyond it. Counts
    (``integers``) never get steps below 1."""
    if maximum is not None and maximum > 0 and largest <= maximum:
        top = float(maximum)
        step = nice_step(top / ticks)
        if integers:
            step = max(step, 1.0)
        return top, step
    if largest <= 0:
        return 1.0, 1.0
    step = nice_step(largest / ticks)
    if integers:
        step = max(step, 1.0)
    top = math.ceil(largest / step - 1e-9) * step
    return _tidy(top), step


def _tidy(x: float) -> float:
    return float(f"{x:.10g}")


def figure_text(value: Number | None) -> str:
    """A figure as written on the chart and in the table: 无数据 for None, at most one
    decimal otherwise."""
    if value is None:
        return NO_DATA
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _tick_text(x: float) -> str:
    return figure_text(_tidy(x))


def _check(value) -> Number | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise TypeError(f"a chart figure must be a number or None, not {value!r}")
    if value < 0:
        raise ValueError(f"chart figures are counts or rates, never negative: {value!r}")
    return value


# -- text ----------------------------------------------------------------------------------


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` at font ``size``: CJK and full-width characters one em,
    others about 0.6 em (no font metrics on the server)."""
    width = 0.0
    for char in text:
        width += 1.0 if _is_wide(char) else 0.6
    return width * size


def _is_wide(char: str) -> bool:
    code = ord(char)
    return (
        0x1100 <= code <= 0x115F
        or 0x2E80 <= code <= 0xA4CF
        or 0xAC00 <= code <= 0xD7A3
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFF60
        or 0xFFE0 <= code <= 0xFFE6
        or code >= 0x20000
    )


def fit(text: str, width: float, size: float) -> str:
    """``text`` cut to ``width`` at font ``size``, ending in … when cut."""
    if text_width(text, size) <= width:
        return text
    out = ""
    for char in text:
        if text_width(out + char + ELLIPSIS, size) > width:
            break
        out += char
    return out + ELLIPSIS


def _n(x: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


# -- the figure around the SVG ---------------------------------------------------------------


def _chart_id(kind: str, payload) -> str:
    digest = hashlib.sha256(
        json.dumps([kind, payload], ensure_ascii=False, default=str).encode()
    ).hexdigest()
    return f"chart-{digest[:12]}"


def _unit_note(unit: str) -> str:
    return f"单位：{unit}" if unit else ""


def _caption_with_unit(title: str, unit: str) -> str:
    return f"{title}（{_unit_note(unit)}）" if unit else title


def _figure(kind: str, title: str, svg: str, table: str) -> SafeString:
    return mark_safe(  # noqa: S308 (every label, title and figure escaped where written)
        f'<figure class="chart chart-{kind}">'
        f'<figcaption class="chart-title">{escape(title)}</figcaption>'
        # On a phone the chart keeps a readable size and scrolls sideways in this box
        # (focusable, so the keyboard can scroll it too).
        f'<div class="chart-scroll" tabindex="0" role="group" '
        f'aria-label="{escape(title)}（图表，可左右滚动）">{svg}</div>'
        f'<details class="chart-data"><summary>{SHOW_DATA}</summary>{table}</details>'
        f"</figure>"
    )


def _empty(kind: str, title: str, description: str) -> SafeString:
    body = escape(description) + " " if description else ""
    return mark_safe(  # noqa: S308 (title and description escaped)
        f'<figure class="chart chart-{kind} chart-empty">'
        f'<figcaption class="chart-title">{escape(title)}</figcaption>'
        f'<p class="chart-empty-note">{body}{EMPTY}</p>'
        f"</figure>"
    )


def _svg_open(cid: str, width: float, height: float, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{cid}-title" aria-describedby="{cid}-desc" '
        f'font-family="{FONT_FAMILY}" font-size="13" fill="{INK}">'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(desc)}</desc>'
    )


def _table(
    cid: str, title: str, unit: str, columns: Sequence[str], rows: Sequence[tuple[str, list]]
) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
    body = "".join(
        f'<tr><th scope="row">{escape(label)}</th>'
        + "".join(
            f'<td class="{"no-data" if v is None else "figure"}">{figure_text(v)}</td>'
            for v in values
        )
        + "</tr>"
        for label, values in rows
    )
    return (
        f'<table class="chart-table" id="{cid}-table">'
        f"<caption>{escape(_caption_with_unit(title, unit))}</caption>"
        f'<thead><tr><th scope="col">{ITEM_HEADING}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


# -- bar chart (horizontal) ----------------------------------------------------------------

BAR_WIDTH = 560
BAR_FONT = 13
BAR_ROW = 30
BAR_THICK = 18
BAR_LABEL_MAX = 10 * BAR_FONT  # ten CJK characters, then …
BAR_TOP = 26
BAR_BOTTOM = 26


def bar_chart(
    *,
    title: str,
    rows: list[tuple[str, int | float | None]],
    unit: str = "件",
    maximum: float | None = None,
    description: str = "",
) -> SafeString:
    """Horizontal bars, the label on the left and the figure at the bar's end; e.g. the
    outcomes of applications, or the on-time rate by department (``unit="%"``,
    ``maximum=100``)."""
    if not rows:
        return _empty("bar", title, description)
    rows = [(str(label), _check(value)) for label, value in rows]
    cid = _chart_id("bar", [title, rows, unit, maximum, description])
    values = [v for _, v in rows if v is not None]
    integers = all(isinstance(v, int) or float(v).is_integer() for v in values) and unit != "%"
    top, step = nice_scale(max(values, default=0), maximum=maximum, integers=integers)

    label_width = min(max(text_width(label, BAR_FONT) for label, _ in rows), BAR_LABEL_MAX)
    value_width = max(text_width(figure_text(v), BAR_FONT) for v in [*(v for _, v in rows), top])
    x0 = 8 + label_width + 10
    x1 = BAR_WIDTH - max(value_width, text_width(_tick_text(top), 11) / 2) - 12
    scale = (x1 - x0) / top
    height = BAR_TOP + len(rows) * BAR_ROW + BAR_BOTTOM
    plot_bottom = BAR_TOP + len(rows) * BAR_ROW

    desc = description or (
        f"横向条形图，共{len(rows)}项，坐标最大值{_tick_text(top)}{unit}；各项数值见下方数据表。"
    )
    parts = [_svg_open(cid, BAR_WIDTH, height, title, desc)]
    if unit:
        parts.append(
            f'<text class="unit" x="{_n(x1)}" y="16" text-anchor="end" font-size="11" '
            f'fill="{MUTED}">{escape(_unit_note(unit))}</text>'
        )
    parts.append('<g class="grid">')
    for tick in _ticks(top, step):
        x = x0 + tick * scale
        parts.append(
            f'<line x1="{_n(x)}" y1="{BAR_TOP - 4}" x2="{_n(x)}" y2="{_n(plot_bottom)}" '
            f'stroke="{GRID if tick else AXIS}" stroke-width="1"/>'
            f'<text x="{_n(x)}" y="{_n(plot_bottom + 16)}" text-anchor="middle" font-size="11" '
            f'fill="{MUTED}">{escape(_tick_text(tick))}</text>'
        )
    parts.append("</g>")

    for index, (label, value) in enumerate(rows):
        y = BAR_TOP + index * BAR_ROW
        middle = y + BAR_ROW / 2
        baseline = middle + BAR_FONT * 0.35
        shown = fit(label, BAR_LABEL_MAX, BAR_FONT)
        parts.append(
            f'<g class="bar-row" data-index="{index}">'
            f"<title>{escape(label)}：{escape(figure_text(value))}</title>"
            f'<text class="label" x="{_n(x0 - 10)}" y="{_n(baseline)}" text-anchor="end">'
            f"{escape(shown)}</text>"
        )
        if value is None:
            parts.append(
                f'<text class="value no-data" x="{_n(x0 + 6)}" y="{_n(baseline)}" '
                f'fill="{MUTED}">{NO_DATA}</text>'
            )
        else:
            width = value * scale
            if width > 0:
                parts.append(
                    f'<rect class="bar" x="{_n(x0)}" y="{_n(middle - BAR_THICK / 2)}" '
                    f'width="{_n(width)}" height="{BAR_THICK}" fill="{SERIES_STYLES[0].colour}"/>'
                )
            parts.append(
                f'<text class="value" x="{_n(x0 + width + 6)}" y="{_n(baseline)}">'
                f"{escape(figure_text(value))}</text>"
            )
        parts.append("</g>")
    parts.append("</svg>")

    unit_heading = f"数值（{unit}）" if unit else "数值"
    table = _table(cid, title, unit, [unit_heading], [(label, [v]) for label, v in rows])
    return _figure("bar", title, "".join(parts), table)


def _ticks(top: float, step: float) -> list[float]:
    count = math.floor(top / step + 1e-9)
    ticks = [_tidy(i * step) for i in range(count + 1)]
    if ticks[-1] < top - 1e-9:
        ticks.append(top)
    return ticks


# -- column chart (grouped, vertical) --------------------------------------------------------

COLUMN_WIDTH = 600
COLUMN_FONT = 12
COLUMN_PLOT = 220
COLUMN_LEFT_MIN = 30
COLUMN_RIGHT = 10
COLUMN_BOTTOM = 28
LEGEND_ROW = 22
LEGEND_SWATCH = 14
LEGEND_NAME_MAX = 14 * COLUMN_FONT


def _pattern_defs(cid: str, count: int) -> str:
    defs = []
    for index in range(count):
        style = SERIES_STYLES[index % len(SERIES_STYLES)]
        pid, colour = f"{cid}-p{index}", style.colour
        if style.pattern == "hatch":
            defs.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
                f'<rect width="6" height="6" fill="#ffffff"/>'
                f'<path d="M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5" stroke="{colour}" stroke-width="2"/>'
                f"</pattern>"
            )
        elif style.pattern == "dots":
            defs.append(
                f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                f'<rect width="5" height="5" fill="#ffffff"/>'
                f'<circle cx="2.5" cy="2.5" r="1.6" fill="{colour}"/>'
                f"</pattern>"
            )
        elif style.pattern == "cross":
            defs.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse">'
                f'<rect width="6" height="6" fill="#ffffff"/>'
                f'<path d="M3,0 L3,6 M0,3 L6,3" stroke="{colour}" stroke-width="1.5"/>'
                f"</pattern>"
            )
    return f"<defs>{''.join(defs)}</defs>" if defs else ""


def _series_fill(cid: str, index: int) -> str:
    style = SERIES_STYLES[index % len(SERIES_STYLES)]
    return style.colour if style.pattern == "solid" else f"url(#{cid}-p{index})"


def _legend(cid: str, names: list[str], left: float, right: float) -> tuple[str, float]:
    """The legend in rows from ``left`` to ``right``; returns the markup and its height."""
    items, x, row = [], left, 0
    for index, name in enumerate(names):
        shown = fit(name, LEGEND_NAME_MAX, COLUMN_FONT)
        width = LEGEND_SWATCH + 6 + text_width(shown, COLUMN_FONT) + 18
        if x > left and x + width > right:
            x, row = left, row + 1
        y = 6 + row * LEGEND_ROW
        colour = SERIES_STYLES[index % len(SERIES_STYLES)].colour
        items.append(
            f'<g class="legend-item"><title>{escape(name)}</title>'
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{LEGEND_SWATCH}" height="{LEGEND_SWATCH}" '
            f'fill="{_series_fill(cid, index)}" stroke="{colour}" stroke-width="1.5"/>'
            f'<text x="{_n(x + LEGEND_SWATCH + 6)}" y="{_n(y + LEGEND_SWATCH - 2)}">'
            f"{escape(shown)}</text></g>"
        )
        x += width
    return f'<g class="legend">{"".join(items)}</g>', (row + 1) * LEGEND_ROW + 6


def column_chart(
    *,
    title: str,
    labels: list[str],
    series: list[tuple[str, list[int | float | None]]],
    unit: str = "件",
    description: str = "",
) -> SafeString:
    """Grouped vertical columns, one group per label and one column per series; e.g. the
    months 1月 … 12月 with 依申请公开 and 留言."""
    if not labels or not series:
        return _empty("column", title, description)
    labels = [str(label) for label in labels]
    checked: list[tuple[str, list[Number | None]]] = []
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} figures for {len(labels)} labels")
        checked.append((str(name), [_check(v) for v in values]))
    series = checked
    cid = _chart_id("column", [title, labels, series, unit, description])
    present = [v for _, values in series for v in values if v is not None]
    integers = all(isinstance(v, int) or float(v).is_integer() for v in present) and unit != "%"
    top, step = nice_scale(max(present, default=0), integers=integers)
    ticks = _ticks(top, step)

    left = max(COLUMN_LEFT_MIN, max(text_width(_tick_text(t), 11) for t in ticks) + 10)
    right = COLUMN_WIDTH - COLUMN_RIGHT
    legend, legend_height = _legend(cid, [name for name, _ in series], left, right)
    plot_top = legend_height + 22
    plot_bottom = plot_top + COLUMN_PLOT
    height = plot_bottom + COLUMN_BOTTOM
    scale = COLUMN_PLOT / top
    pitch = (right - left) / len(labels)
    column = pitch * 0.8 / len(series)
    value_size = 10
    widest = max(text_width(figure_text(v), value_size) for v in [*present, 0])
    write_values = widest <= column + pitch * 0.2 / len(series) - 1

    desc = description or (
        f"柱状图，{len(labels)}组，每组{len(series)}项（"
        + "、".join(name for name, _ in series)
        + f"），坐标最大值{_tick_text(top)}{unit}；各项数值见下方数据表。"
    )
    parts = [_svg_open(cid, COLUMN_WIDTH, height, title, desc), _pattern_defs(cid, len(series))]
    parts.append(legend)
    if unit:
        parts.append(
            f'<text class="unit" x="{_n(left)}" y="{_n(plot_top - 10)}" font-size="11" '
            f'fill="{MUTED}">{escape(_unit_note(unit))}</text>'
        )
    parts.append('<g class="grid">')
    for tick in ticks:
        y = plot_bottom - tick * scale
        parts.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" '
            f'stroke="{GRID if tick else AXIS}" stroke-width="1"/>'
            f'<text x="{_n(left - 6)}" y="{_n(y + 4)}" text-anchor="end" font-size="11" '
            f'fill="{MUTED}">{escape(_tick_text(tick))}</text>'
        )
    parts.append("</g>")

    for group, label in enumerate(labels):
        gx = left + group * pitch
        shown = fit(label, pitch - 2, COLUMN_FONT)
        parts.append(
            f'<g class="column-group" data-index="{group}"><title>{escape(label)}</title>'
            f'<text class="label" x="{_n(gx + pitch / 2)}" y="{_n(plot_bottom + 18)}" '
            f'text-anchor="middle">{escape(shown)}</text>'
        )
        for index, (name, values) in enumerate(series):
            value = values[group]
            x = gx + pitch * 0.1 + index * column
            centre = x + column / 2
            style = SERIES_STYLES[index % len(SERIES_STYLES)]
            parts.append(
                f'<g class="column-cell" data-series="{index}">'
                f"<title>{escape(label)} {escape(name)}：{escape(figure_text(value))}</title>"
            )
            if value is None:
                # 无数据 stacked one character a line, as Chinese reads upright
                chars = "".join(
                    f'<tspan x="{_n(centre)}" dy="{0 if i == 0 else 11}">{c}</tspan>'
                    for i, c in enumerate(NO_DATA)
                )
                parts.append(
                    f'<text class="value no-data" x="{_n(centre)}" y="{_n(plot_bottom - 26)}" '
                    f'text-anchor="middle" font-size="{value_size}" fill="{MUTED}">{chars}</text>'
                )
            else:
                h = value * scale
                if h > 0:
                    parts.append(
                        f'<rect class="column" x="{_n(x + 0.75)}" y="{_n(plot_bottom - h)}" '
                        f'width="{_n(max(column - 1.5, 0.5))}" height="{_n(h)}" '
                        f'fill="{_series_fill(cid, index)}" stroke="{style.colour}" '
                        f'stroke-width="1.5"/>'
                    )
                if write_values or value == 0:
                    parts.append(
                        f'<text class="value" x="{_n(centre)}" y="{_n(plot_bottom - h - 3)}" '
                        f'text-anchor="middle" font-size="{value_size}">'
                        f"{escape(figure_text(value))}</text>"
                    )
            parts.append("</g>")
        parts.append("</g>")
    parts.append("</svg>")

    table = _table(
        cid,
        title,
        unit,
        [name for name, _ in series],
        [(label, [values[i] for _, values in series]) for i, label in enumerate(labels)],
    )
    return _figure("column", title, "".join(parts), table)
