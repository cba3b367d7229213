"""办理流程图: a guide's steps drawn as an inline SVG on the server.

No script and no image file: the chart is markup in the page, so it shows without
JavaScript, prints with the page and scales with the text. It is one column of
boxes joined by arrows (a vertical layout fits a 375 px phone and an A4 page
alike), each box with the step's number and name, the post that handles it and
its time limit; long Chinese labels are wrapped by character count.

Accessibility: the SVG is a labelled image (``role="img"``, ``aria-labelledby``
its ``<title>``, a one-line summary); the full content is the ordered list the
page prints next to it (``services/portal/_flow.html``), which is what a screen
reader reads. The chart carries nothing the list does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
BOX_X, BOX_WIDTH = 20, 280
LINE = 20  # line height of the labels
PAD = 12  # inner padding of a box, top and bottom
GAP = 36  # vertical space between boxes (the arrow)
NAME_CHARS = 14  # characters per line: 14 × 16 px < the box's inner width
DETAIL_CHARS = 18  # 18 × 13 px


@dataclass(frozen=True)
class StepLabel:
    """What a box says, from a ``Step`` or anything with the same attributes."""

    position: int
    name: str
    actor: str = ""
    limit: int | None = None


def limit_text(limit: int | None) -> str:
    """A step's time limit in words, as the chart and the text version say it."""
    if limit is None:
        return ""
    if limit == 0:
        return "即办"
    return f"{limit}个工作日"


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters (Chinese has no spaces to
    break at: a line breaks after any character)."""
    text = " ".join(text.split())
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _box_lines(step) -> list[tuple[str, str]]:
    """(kind, text) lines of one box: the name (wrapped), then the post and the limit."""
    lines = [("name", line) for line in wrap(f"{step.position}. {step.name}", NAME_CHARS)]
    if step.actor:
        lines += [("detail", line) for line in wrap(f"承办：{step.actor}", DETAIL_CHARS)]
    if step.limit is not None:
        lines.append(("detail", f"时限：{limit_text(step.limit)}"))
    return lines


def render(steps: Sequence, *, chart_id: str = "flow") -> SafeString:
    """The SVG markup of ``steps`` (objects with position, name, actor, limit), in order."""
    steps = list(steps)
    if not steps:
        return mark_safe("")
    title_id = f"{chart_id}-title"
    summary = "办理流程图：" + "→".join(s.name for s in steps) + "（文字说明见流程列表）"
    parts: list[str] = []
    y = 10
    for index, step in enumerate(steps):
        lines = _box_lines(step)
        height = PAD * 2 + LINE * len(lines)
        parts.append(
            f'<rect x="{BOX_X}" y="{y}" width="{BOX_WIDTH}" height="{height}" rx="6" '
            'fill="#fff" stroke="#9b1c1c" stroke-width="2"/>'
        )
        for number, (kind, text) in enumerate(lines):
            baseline = y + PAD + LINE * number + 15
            size, weight = ("16", "bold") if kind == "name" else ("13", "normal")
            parts.append(
                f'<text x="{WIDTH // 2}" y="{baseline}" text-anchor="middle" '
                f'font-size="{size}" font-weight="{weight}" fill="#1a1a1a">{escape(text)}</text>'
            )
        y += height
        if index < len(steps) - 1:
            middle = WIDTH // 2
            parts.append(
                f'<line x1="{middle}" y1="{y}" x2="{middle}" y2="{y + GAP - 8}" '
                'stroke="#555" stroke-width="2"/>'
            )
            parts.append(
                f'<polygon points="{middle - 6},{y + GAP - 10} {middle + 6},{y + GAP - 10} '
                f'{middle},{y + GAP}" fill="#555"/>'
            )
            y += GAP
    height = y + 10
    # Every label is escaped above; the rest is numbers and fixed markup.
    return mark_safe(  # noqa: S308
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow-chart" role="img" '
        f'aria-labelledby="{title_id}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-family="inherit">'
        f'<title id="{title_id}">{escape(summary)}</title>' + "".join(parts) + "</svg>"
    )
