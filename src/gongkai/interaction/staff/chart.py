"""A horizontal stacked bar chart drawn on the server as inline SVG (no script: the
Content-Security-Policy forbids inline scripts, and none is needed).

The template ``interaction/staff/_bar_chart.html`` draws what ``bar_chart`` computes:
one row per label, one coloured segment per series (colours come from the module's
stylesheet by class, so the high-contrast mode can change them), the total at the
end of each bar, and a legend. The chart carries ``role="img"`` with a title and a
description; the page shows the same figures as a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROW_HEIGHT = 34
BAR_HEIGHT = 20
LABEL_WIDTH = 190
PLOT_WIDTH = 420
RIGHT_MARGIN = 60
TOP = 36
LABEL_CHARS = 11  # Chinese characters that fit beside the bars at 14px


@dataclass
class Segment:
    series: str
    label: str
    value: int
    x: float
    width: float


@dataclass
class Bar:
    label: str
    short_label: str
    total: int
    y: float
    text_y: float
    end_x: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class BarChart:
    title: str
    description: str
    series: list[tuple[str, str]]  # (css key, label)
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    plot_width: int = PLOT_WIDTH
    axis_x: float = LABEL_WIDTH
    axis_bottom: float = 0
    ticks: list[tuple[float, int]] = field(default_factory=list)
    legend: list[tuple[str, str, float]] = field(default_factory=list)  # key, label, x

    @property
    def empty(self) -> bool:
        return not any(b.total for b in self.bars)


def _nice_max(value: int) -> int:
    """The smallest 1, 2 or 5 × 10^k at least ``value`` (and at least 5)."""
    if value <= 5:
        return 5
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if factor * magnitude >= value:
                return factor * magnitude
        magnitude *= 10


def _ticks(maximum: int) -> list[int]:
    top = _nice_max(maximum)
    step = max(1, top // 5)
    return list(range(0, top + 1, step))


def bar_chart(
    title: str, series: list[tuple[str, str]], rows: list[tuple[str, list[int]]]
) -> BarChart:
    """``rows``: (label, [value per series]); values are counts (non-negative integers)."""
    maximum = max([sum(values) for _label, values in rows] + [1])
    ticks = _ticks(maximum)
    top = ticks[-1] or 1
    scale = PLOT_WIDTH / top
    bars = []
    for i, (label, values) in enumerate(rows):
        y = TOP + i * ROW_HEIGHT
        x = float(LABEL_WIDTH)
        segments = []
        for (key, series_label), value in zip(series, values, strict=True):
            width = value * scale
            if value:
                segments.append(Segment(key, series_label, value, round(x, 1), round(width, 1)))
            x += width
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        bars.append(
            Bar(
                label=label,
                short_label=short,
                total=sum(values),
                y=y,
                text_y=y + BAR_HEIGHT / 2 + 5,
                end_x=round(x + 6, 1),
                segments=segments,
            )
        )
    height = TOP + max(len(rows), 1) * ROW_HEIGHT + 28
    parts = []
    for label, values in rows:
        figures = "，".join(f"{s[1]}{v}件" for s, v in zip(series, values, strict=True))
        parts.append(f"{label}：{figures}")
    description = "；".join(parts) + "。" if parts else "本期间没有数据。"
    legend = []
    x = float(LABEL_WIDTH)
    for key, label in series:
        legend.append((key, label, x))
        x += 22 + 16 * len(label) + 18
    return BarChart(
        title=title,
        description=description,
        series=series,
        bars=bars,
        width=LABEL_WIDTH + PLOT_WIDTH + RIGHT_MARGIN,
        height=height,
        axis_bottom=height - 24,
        ticks=[(round(LABEL_WIDTH + t * scale, 1), t) for t in ticks],
        legend=legend,
    )
